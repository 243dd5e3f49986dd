import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';

import {
  useDastraWorkspaces,
  useDeleteSecret,
  useSaveConnection,
  useTestDraft,
  type IpcError,
} from '../../api';
import type { ConnectionKind } from '../../bindings/ConnectionKind';
import type { ConnectionView } from '../../bindings/ConnectionView';
import type { SecretStatus } from '../../bindings/SecretStatus';
import type { WorkspaceChoice } from '../../bindings/WorkspaceChoice';
import { Button } from '../../components/Button';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n';
import {
  changeKind,
  CONNECTION_KINDS,
  dastraSettingsOf,
  draftOf,
  emptyDraft,
  formErrorsOf,
  formFieldOf,
  formFields,
  settingsOf,
  validateDraft,
  type Draft,
  type DraftPurpose,
  type FormError,
} from '../../lib/connectionDraft';
import { secretNeed } from '../../lib/connectionSecret';
import { DraftFormContext, SelectField, TextField } from './DraftFields';
import { KindFields } from './KindFields';
import { SecretField } from './SecretField';
import { TestPanel } from './TestPanel';
import { WorkspacePicker } from './WorkspacePicker';
import styles from './ConnectionForm.module.css';

type Props = {
  /** The profile to edit; a new one when absent. */
  profile?: ConnectionView;
  onSaved: (saved: ConnectionView) => void;
  onCancel: () => void;
};

/**
 * Create or edit a connection: its settings by kind, its write-only secret, and a test of what
 * the form holds before anything is saved. Obvious mistakes are caught here; the vault's
 * answer, field by field, is shown beside the same inputs.
 */
export function ConnectionForm({ profile, onSaved, onCancel }: Props) {
  const { t } = useI18n();
  const words = t.connections.form;
  const [draft, setDraft] = useState<Draft>(() =>
    profile ? draftOf(profile) : emptyDraft('dastraWorkspace'),
  );
  const [secret, setSecret] = useState('');
  const [secretStatus, setSecretStatus] = useState<SecretStatus | null>(
    profile?.secretStatus ?? null,
  );
  const [replacing, setReplacing] = useState(false);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [workspaces, setWorkspaces] = useState<WorkspaceChoice[] | null>(null);
  // Every change to the form counts as an edit; a report of an earlier edit is out of date.
  const [edits, setEdits] = useState(0);
  const [testedAt, setTestedAt] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  const focusError = useRef(false);

  const save = useSaveConnection();
  const test = useTestDraft();
  const listWorkspaces = useDastraWorkspaces();
  const removeSecret = useDeleteSecret();

  const need = secretNeed(settingsOf(draft));
  const usesStored = secretStatus === 'stored' && !replacing;
  // A secret typed for another kind (or authentication) stays out: this one uses none.
  const typedSecret = need && !usesStored && secret !== '' ? { secret } : {};
  const idPart = profile ? { id: profile.id } : {};

  useEffect(() => {
    if (!focusError.current) return;
    focusError.current = false;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const context = useMemo(
    () => ({
      draft,
      update: (field: string, patch: Partial<Draft>) => {
        setDraft((d) => ({ ...d, ...patch }));
        setEdits((n) => n + 1);
        setErrors((list) => list.filter((e) => formFieldOf(e.field) !== field));
      },
      errorsFor: (field: string) => errors.filter((e) => formFieldOf(e.field) === field),
    }),
    [draft, errors],
  );
  const shown = formFields(draft);
  const elsewhere = errors.filter((e) => !shown.includes(formFieldOf(e.field)));

  /** The obvious problems for `purpose`, shown at once; true when there are none. */
  function check(purpose: DraftPurpose, extra: FormError[] = []): boolean {
    const found = [...validateDraft(draft, words, purpose), ...extra];
    focusError.current = found.length > 0;
    setErrors(found);
    return found.length === 0;
  }

  function showServerErrors(error: IpcError) {
    focusError.current = error.fields.length > 0;
    setErrors(formErrorsOf(error.fields));
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!check('save')) return;
    const req = { ...idPart, name: draft.name.trim(), settings: settingsOf(draft), ...typedSecret };
    save.mutate(req, {
      onSuccess: (saved) => {
        setSecret('');
        onSaved(saved);
      },
      onError: showServerErrors,
    });
  }

  function runTest() {
    if (!check('test')) return;
    setTestedAt(edits);
    test.mutate(
      { ...idPart, settings: settingsOf(draft), ...typedSecret },
      {
        onSuccess: (report) => {
          const { outcome } = report;
          if (outcome.status === 'passed' && outcome.found.type === 'dastra') {
            setWorkspaces(outcome.found.workspaces);
          }
        },
        onError: showServerErrors,
      },
    );
  }

  function loadWorkspaces() {
    const noSecret = !usesStored && secret === '';
    const extra = noSecret ? [{ field: 'secret', text: words.required }] : [];
    if (!check('workspaces', extra)) return;
    listWorkspaces.mutate(
      { ...idPart, settings: dastraSettingsOf(draft), ...typedSecret },
      {
        onSuccess: ({ items }) => {
          setWorkspaces(items);
          const only = items[0];
          if (items.length === 1 && only && draft.workspaceId === '') pickWorkspace(only);
        },
        onError: (error) => {
          if (error.fields.length > 0) showServerErrors(error);
        },
      },
    );
  }

  function pickWorkspace(choice: WorkspaceChoice) {
    context.update('settings.workspaceId', {
      workspaceId: String(choice.id),
      workspaceLabel: choice.label,
      ...(draft.name.trim() === '' ? { name: choice.label } : {}),
    });
  }

  function chooseKind(kind: ConnectionKind) {
    setDraft((d) => changeKind(d, kind));
    setErrors([]);
    setWorkspaces(null);
    test.reset();
    listWorkspaces.reset();
  }

  const secretInput = need && (
    <SecretField
      need={need}
      stored={usesStored}
      missing={secretStatus === 'missing'}
      replacing={replacing}
      value={secret}
      onChange={(value) => {
        setSecret(value);
        setEdits((n) => n + 1);
        setErrors((list) => list.filter((e) => e.field !== 'secret'));
      }}
      onReplace={() => setReplacing(true)}
      onKeep={() => {
        setReplacing(false);
        setSecret('');
      }}
      onRemove={
        profile &&
        (() =>
          removeSecret.mutate(profile.id, {
            onSuccess: (view) => {
              setSecretStatus(view.secretStatus);
              setReplacing(false);
            },
          }))
      }
      removing={removeSecret.isPending}
      errors={context.errorsFor('secret')}
    />
  );

  const workspacePicker = (
    <WorkspacePicker
      choices={workspaces}
      onLoad={loadWorkspaces}
      loading={listWorkspaces.isPending}
      error={listWorkspaces.error?.fields.length ? null : listWorkspaces.error}
      onPick={pickWorkspace}
    />
  );

  const back = (
    <button type="button" className={styles.back} onClick={onCancel} data-testid="form-back">
      ← {words.back}
    </button>
  );

  return (
    <Page title={profile ? words.editTitle(profile.name) : words.newTitle} above={back}>
      <DraftFormContext.Provider value={context}>
        <div className={styles.layout}>
          <form
            ref={form}
            className={styles.form}
            onSubmit={onSubmit}
            noValidate
            data-testid="connection-form"
          >
            <section className={styles.card}>
              <SelectField
                id="connection-kind"
                field="kind"
                label={words.kind}
                testId="connection-kind"
                value={draft.kind}
                options={CONNECTION_KINDS}
                labels={t.connections.kinds}
                onChange={chooseKind}
                disabled={profile !== undefined}
                hint={profile ? words.kindLocked : undefined}
              />
              <TextField
                name="name"
                field="name"
                label={words.name}
                testId="field-name"
                hint={words.nameHint}
              />
            </section>

            <section className={styles.card}>
              <KindFields secret={secretInput} workspace={workspacePicker} />
            </section>

            {(elsewhere.length > 0 || removeSecret.error) && (
              <div className={styles.problems} role="alert">
                {elsewhere.length > 0 && (
                  <p className={styles.problemsTitle}>{words.otherFields}</p>
                )}
                {elsewhere.map((e, i) => (
                  <p key={i} data-testid="field-error" data-field={e.field}>
                    <code>{e.field}</code> — {e.text}
                  </p>
                ))}
                {removeSecret.error && (
                  <p>
                    {words.secretRemoveFailed}. {removeSecret.error.message}
                  </p>
                )}
              </div>
            )}
            {save.error && save.error.fields.length === 0 && (
              <div className={styles.problems} role="alert" data-testid="save-error">
                <p className={styles.problemsTitle}>{words.saveFailed}</p>
                <p>{t.connections.errorHint[save.error.code]}</p>
                <p className={styles.specifics}>{save.error.message}</p>
              </div>
            )}

            <div className={styles.actions}>
              <Button
                variant="primary"
                type="submit"
                disabled={save.isPending}
                testId="connection-save"
              >
                {save.isPending ? words.saving : words.save}
              </Button>
              <Button onClick={onCancel} testId="connection-cancel">
                {words.cancel}
              </Button>
            </div>
          </form>

          <TestPanel
            onRun={runTest}
            running={test.isPending}
            report={test.data}
            stale={test.data !== undefined && edits !== testedAt}
            error={test.error?.fields.length ? null : test.error}
          />
        </div>
      </DraftFormContext.Provider>
    </Page>
  );
}
