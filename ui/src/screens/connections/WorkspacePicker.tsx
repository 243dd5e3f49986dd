import type { IpcError } from '../../api';
import type { WorkspaceChoice } from '../../bindings/WorkspaceChoice';
import { Button } from '../../components/Button';
import { describedBy, FormField } from '../../components/FormField';
import { useI18n } from '../../i18n';
import { useDraftForm } from './DraftFields';
import styles from './ConnectionForm.module.css';

type Props = {
  /** What Dastra listed for the key; null before asking. */
  choices: WorkspaceChoice[] | null;
  onLoad: () => void;
  loading: boolean;
  /** Why Dastra did not list them, when it did not. */
  error: IpcError | null;
  onPick: (choice: WorkspaceChoice) => void;
};

/** "Choose the workspace": asks Dastra which workspaces the key opens, then offers them. */
export function WorkspacePicker({ choices, onLoad, loading, error, onPick }: Props) {
  const { t } = useI18n();
  const words = t.connections.form;
  const { draft, errorsFor } = useDraftForm();
  const id = 'connection-workspace';
  const errors = errorsFor('settings.workspaceId');

  // The saved workspace stays offered until Dastra has listed the key's workspaces.
  const options = [...(choices ?? [])];
  const picked = Number(draft.workspaceId);
  if (picked > 0 && !options.some((c) => c.id === picked)) {
    options.unshift({ id: picked, label: draft.workspaceLabel || `#${picked}` });
  }
  const hint = error
    ? undefined
    : choices
      ? words.workspaceCount(choices.length)
      : words.workspaceHint;

  return (
    <FormField htmlFor={id} label={words.workspace} hint={hint} errors={errors}>
      <div className={styles.workspaceRow}>
        <select
          id={id}
          value={draft.workspaceId}
          data-testid="field-workspace-id"
          aria-invalid={errors.length > 0}
          aria-describedby={describedBy(id, hint, errors)}
          onChange={(e) => {
            const choice = options.find((c) => String(c.id) === e.target.value);
            if (choice) onPick(choice);
          }}
        >
          <option value="" disabled>
            {words.workspacePlaceholder}
          </option>
          {options.map((c) => (
            <option key={c.id} value={String(c.id)}>
              {c.label}
            </option>
          ))}
        </select>
        <Button onClick={onLoad} disabled={loading} testId="workspace-load">
          {loading ? words.workspaceLoading : words.workspaceLoad}
        </Button>
      </div>
      {error && (
        <p className={styles.inlineError} role="alert" data-testid="workspace-load-error">
          <strong>{words.workspacesFailed}.</strong> {t.connections.errorHint[error.code]}
          <span className={styles.specifics}>{error.message}</span>
        </p>
      )}
    </FormField>
  );
}
