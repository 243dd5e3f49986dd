import { Button } from '../../components/Button';
import { describedBy, FormField } from '../../components/FormField';
import { useI18n } from '../../i18n';
import type { FormError } from '../../lib/connectionDraft';
import type { SecretNeed } from '../../lib/connectionSecret';
import styles from './ConnectionForm.module.css';

type Props = {
  need: NonNullable<SecretNeed>;
  /** The keyring holds one, and the person has not asked to replace it. */
  stored: boolean;
  /** The keyring holds none though the connection needs one (an imported profile). */
  missing: boolean;
  /** Whether the person is replacing a stored secret (then they may change their mind). */
  replacing: boolean;
  value: string;
  onChange: (value: string) => void;
  onReplace: () => void;
  onKeep: () => void;
  /** Remove the stored secret; absent for a connection not saved yet. */
  onRemove?: () => void;
  removing: boolean;
  errors: FormError[];
};

/**
 * The write-only secret: a password input while one is typed, and once stored only the fact
 * that the keyring has it, with Replace and Remove. The stored value never comes back.
 */
export function SecretField(props: Props) {
  const { t } = useI18n();
  const words = t.connections.form;
  const label = t.connections.secret.name[props.need.kind];
  const id = 'connection-secret';
  const { errors } = props;

  if (props.stored) {
    return (
      <FormField htmlFor={id} label={label} errors={errors}>
        <div className={styles.stored} data-testid="secret-stored">
          <svg className={styles.lock} viewBox="0 0 16 16" aria-hidden="true">
            <path
              d="M4 7V5a4 4 0 0 1 8 0v2M3 7h10v7H3zM8 10v1.5"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.3"
              strokeLinecap="round"
            />
          </svg>
          <span id={id} className={styles.storedText}>
            {words.secretStored}
          </span>
          <Button variant="ghost" onClick={props.onReplace} testId="secret-replace">
            {words.secretReplace}
          </Button>
          {props.onRemove && (
            <Button
              variant="ghost"
              onClick={props.onRemove}
              disabled={props.removing}
              testId="secret-remove"
            >
              {words.secretRemove}
            </Button>
          )}
        </div>
      </FormField>
    );
  }

  const hint = props.missing ? words.secretMissing : words.secretHint;
  return (
    <FormField
      htmlFor={id}
      label={label}
      note={props.need.required ? undefined : words.optional}
      hint={hint}
      errors={errors}
    >
      <div className={styles.secretRow}>
        <input
          id={id}
          type="password"
          value={props.value}
          autoComplete="new-password"
          spellCheck={false}
          data-testid="field-secret"
          aria-invalid={errors.length > 0}
          aria-describedby={describedBy(id, hint, errors)}
          onChange={(e) => props.onChange(e.target.value)}
        />
        {props.replacing && (
          <Button variant="ghost" onClick={props.onKeep} testId="secret-keep">
            {words.secretKeep}
          </Button>
        )}
      </div>
    </FormField>
  );
}
