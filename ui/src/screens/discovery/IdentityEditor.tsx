import { useId, useState } from 'react';

import type { Identifier } from '../../bindings/Identifier';
import type { IdentifierKind } from '../../bindings/IdentifierKind';
import { Button } from '../../components/Button';
import { useI18n } from '../../i18n';
import styles from './Discovery.module.css';
import { requestFieldText } from './labels';

type Props = { identifiers: Identifier[]; onChange: (next: Identifier[]) => void };

const KINDS: IdentifierKind[] = [
  'email',
  'phone',
  'givenName',
  'familyName',
  'fullName',
  'address',
  'postalCode',
  'city',
  'refId',
  'userId',
  'customerNumber',
  'iban',
  'dateOfBirth',
  'other',
];

/** The identity set: each identifier with where it came from; add one, remove one. */
export function IdentityEditor({ identifiers, onChange }: Props) {
  const { t } = useI18n();
  const words = t.discovery.launch;
  const [adding, setAdding] = useState(false);
  const [kind, setKind] = useState<IdentifierKind>('email');
  const [value, setValue] = useState('');
  const ids = useId();

  const save = () => {
    const trimmed = value.trim();
    if (trimmed === '') return;
    onChange([
      ...identifiers,
      { kind, value: trimmed, label: null, provenance: { source: 'addedByDpo', note: null } },
    ]);
    setValue('');
    setAdding(false);
  };

  return (
    <>
      {identifiers.length === 0 ? (
        <p className={styles.error}>{words.noIdentifiers}</p>
      ) : (
        <ul className={styles.list}>
          {identifiers.map((identifier, index) => (
            <li
              key={`${identifier.kind}-${identifier.value}-${index}`}
              className={styles.row}
              data-testid="identifier-row"
              data-kind={identifier.kind}
            >
              <span className={styles.kind}>
                {identifier.label ?? t.discovery.identifierKind[identifier.kind]}
              </span>
              <span className={styles.value}>{identifier.value}</span>
              <span className={styles.provenance}>
                {identifier.provenance.source === 'request'
                  ? words.fromRequest(requestFieldText(identifier.provenance.field, t))
                  : words.addedByYou}
              </span>
              <Button
                variant="ghost"
                testId="identifier-remove"
                aria-label={words.removeLabel(identifier.value)}
                onClick={() => onChange(identifiers.filter((_, i) => i !== index))}
              >
                {words.remove}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {adding ? (
        <div className={styles.addForm}>
          <label className={styles.label} htmlFor={`${ids}-kind`}>
            {words.kind}
            <select
              id={`${ids}-kind`}
              className={styles.select}
              value={kind}
              data-testid="identifier-kind"
              onChange={(e) => setKind(e.target.value as IdentifierKind)}
            >
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t.discovery.identifierKind[k]}
                </option>
              ))}
            </select>
          </label>
          <label className={`${styles.label} ${styles.input}`} htmlFor={`${ids}-value`}>
            {words.value}
            <input
              id={`${ids}-value`}
              className={styles.input}
              value={value}
              data-testid="identifier-value"
              autoFocus
              onChange={(e) => setValue(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  save();
                }
              }}
            />
          </label>
          <Button onClick={() => setAdding(false)}>{words.cancelAdd}</Button>
          <Button
            variant="primary"
            testId="identifier-save"
            disabled={value.trim() === ''}
            onClick={save}
          >
            {words.save}
          </Button>
        </div>
      ) : (
        <div>
          <Button testId="identifier-add" onClick={() => setAdding(true)}>
            {words.add}
          </Button>
        </div>
      )}
    </>
  );
}
