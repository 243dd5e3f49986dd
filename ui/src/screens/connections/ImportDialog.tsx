import { useState } from 'react';

import { useImportConnections } from '../../api';
import type { ConnectionView } from '../../bindings/ConnectionView';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { useI18n } from '../../i18n';
import { KindIcon } from './KindIcon';
import { secretStatusText } from './labels';
import styles from './Connections.module.css';

type Props = {
  onClose: () => void;
  /** Open an imported profile's form, to enter its secret. */
  onEdit: (id: string) => void;
};

/**
 * Paste an export or pick its file; then what was imported, and that each secret must be
 * entered again (an export never holds one).
 */
export function ImportDialog({ onClose, onEdit }: Props) {
  const { t } = useI18n();
  const words = t.connections.importing;
  const importing = useImportConnections();
  const [json, setJson] = useState('');
  const imported = importing.data?.imported;
  const needsSecret = (c: ConnectionView) =>
    c.secretStatus === 'missing' || c.secretStatus === 'notSet';

  async function readFile(file: File | undefined) {
    if (file) setJson(await file.text());
  }

  const actions = imported ? (
    <Button variant="primary" onClick={onClose} testId="import-close">
      {words.close}
    </Button>
  ) : (
    <>
      <Button onClick={onClose}>{words.cancel}</Button>
      <Button
        variant="primary"
        disabled={json.trim() === '' || importing.isPending}
        onClick={() => importing.mutate(json)}
        testId="import-confirm"
      >
        {words.confirm}
      </Button>
    </>
  );

  return (
    <Dialog title={words.title} onClose={onClose} wide actions={actions} testId="import-dialog">
      {imported ? (
        <div className={styles.imported} data-testid="import-result">
          <p className={styles.strong}>{words.done(imported.length)}</p>
          <ul className={styles.importedList}>
            {imported.map((c) => {
              const secret = secretStatusText(c, t);
              return (
                <li
                  key={c.id}
                  className={styles.importedRow}
                  data-testid="imported-row"
                  data-id={c.id}
                >
                  <KindIcon kind={c.kind} />
                  <span className={styles.importedName}>
                    <span className={styles.name}>{c.name}</span>
                    <span className={styles.muted}>{t.connections.kinds[c.kind]}</span>
                  </span>
                  <span className={styles.statusLine} data-tone={secret.tone}>
                    {secret.text}
                  </span>
                  {needsSecret(c) && (
                    <Button
                      variant="ghost"
                      onClick={() => onEdit(c.id)}
                      testId="import-enter-secret"
                    >
                      {words.enterSecret}
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
          {imported.some(needsSecret) && (
            <p className={styles.warning} data-testid="import-secrets">
              {words.secrets}
            </p>
          )}
        </div>
      ) : (
        <>
          <p>{words.intro}</p>
          <label className={styles.fileButton}>
            <input
              type="file"
              accept=".json,application/json"
              className="visually-hidden"
              onChange={(e) => void readFile(e.target.files?.[0])}
              data-testid="import-file"
            />
            {words.file}
          </label>
          <label className="visually-hidden" htmlFor="import-json">
            {words.label}
          </label>
          <textarea
            id="import-json"
            className={styles.json}
            value={json}
            onChange={(e) => setJson(e.target.value)}
            rows={12}
            spellCheck={false}
            placeholder='{"format": "passerelle-connections", …}'
            data-testid="import-json"
          />
          {importing.error && (
            <div className={styles.dialogError} role="alert" data-testid="import-error">
              <p className={styles.rowErrorTitle}>{words.failed}</p>
              <p>{importing.error.message}</p>
            </div>
          )}
        </>
      )}
    </Dialog>
  );
}
