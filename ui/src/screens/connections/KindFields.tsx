// The settings of each kind of connection, in the order a person fills them in. The secret
// input (and, for Dastra, the workspace picker) is placed by the form where each kind needs it.

import type { ReactNode } from 'react';

import { useI18n } from '../../i18n';
import {
  DASTRA_AUTH_TYPES,
  PROBE_METHODS,
  REST_AUTH_TYPES,
  SSL_MODES,
  type DastraAuthType,
} from '../../lib/connectionDraft';
import { SelectField, TextField, useDraftForm } from './DraftFields';
import styles from './ConnectionForm.module.css';

type Props = {
  /** The secret input, or nothing when the kind and its authentication use none. */
  secret: ReactNode;
  /** The Dastra workspace picker. */
  workspace: ReactNode;
};

/** The settings inputs of the draft's kind. */
export function KindFields({ secret, workspace }: Props) {
  const { draft } = useDraftForm();
  switch (draft.kind) {
    case 'dastraWorkspace':
      return <DastraFields secret={secret} workspace={workspace} />;
    case 'postgres':
    case 'mysql':
      return <SqlFields secret={secret} />;
    case 'sqlite':
    case 'folder':
      return <PathFields />;
    case 'restApi':
      return <RestFields secret={secret} />;
  }
}

function DastraFields({ secret, workspace }: Props) {
  const { t } = useI18n();
  const words = t.connections.form;
  const { draft, update } = useDraftForm();
  return (
    <>
      <TextField
        name="baseUrl"
        field="settings.baseUrl"
        label={words.baseUrl}
        testId="field-base-url"
        inputMode="url"
        hint={words.dastraUrlHint}
      />
      <SelectField<DastraAuthType>
        id="connection-dastra-auth"
        field="settings.auth"
        label={words.dastraAuth}
        testId="field-auth"
        value={draft.dastraAuth}
        options={DASTRA_AUTH_TYPES}
        labels={words.dastraAuthTypes}
        onChange={(dastraAuth) => update('settings.auth', { dastraAuth })}
      />
      {draft.dastraAuth === 'clientCredentials' && (
        <TextField
          name="publicKey"
          field="settings.auth.publicKey"
          label={words.publicKey}
          testId="field-public-key"
          hint={words.publicKeyHint}
        />
      )}
      {secret}
      {workspace}
    </>
  );
}

function SqlFields({ secret }: Pick<Props, 'secret'>) {
  const { t } = useI18n();
  const words = t.connections.form;
  const { draft, update } = useDraftForm();
  return (
    <>
      <div className={styles.hostPort}>
        <TextField
          name="host"
          field="settings.host"
          label={words.host}
          testId="field-host"
          hint={words.hostHint}
        />
        <TextField
          name="port"
          field="settings.port"
          label={words.port}
          testId="field-port"
          inputMode="numeric"
        />
      </div>
      <TextField
        name="database"
        field="settings.database"
        label={words.database}
        testId="field-database"
      />
      <TextField
        name="user"
        field="settings.user"
        label={words.user}
        testId="field-user"
        hint={words.userHint}
      />
      {secret}
      {draft.kind === 'postgres' && (
        <>
          <SelectField
            id="connection-ssl-mode"
            field="settings.sslMode"
            label={words.sslMode}
            testId="field-ssl-mode"
            value={draft.sslMode}
            options={SSL_MODES}
            labels={words.sslModes}
            onChange={(sslMode) => update('settings.sslMode', { sslMode })}
          />
          <TextField
            name="schemas"
            field="settings.schemas"
            label={words.schemas}
            testId="field-schemas"
            hint={words.schemasHint}
            optional
            placeholder="public"
          />
        </>
      )}
    </>
  );
}

function PathFields() {
  const { t } = useI18n();
  const words = t.connections.form;
  const { draft } = useDraftForm();
  if (draft.kind === 'sqlite') {
    return (
      <TextField
        name="path"
        field="settings.path"
        label={words.sqlitePath}
        testId="field-path"
        hint={words.sqlitePathHint}
        browse="open"
      />
    );
  }
  return (
    <>
      <TextField
        name="path"
        field="settings.path"
        label={words.folderPath}
        testId="field-path"
        hint={words.folderPathHint}
        browse="folder"
      />
      <TextField
        name="include"
        field="settings.include"
        label={words.include}
        testId="field-include"
        hint={words.includeHint}
        optional
        rows={3}
      />
      <TextField
        name="exclude"
        field="settings.exclude"
        label={words.exclude}
        testId="field-exclude"
        hint={words.excludeHint}
        optional
        rows={3}
      />
    </>
  );
}

function RestFields({ secret }: Pick<Props, 'secret'>) {
  const { t } = useI18n();
  const words = t.connections.form;
  const { draft, update } = useDraftForm();
  const auth = draft.restAuth;
  return (
    <>
      <TextField
        name="baseUrl"
        field="settings.baseUrl"
        label={words.baseUrl}
        testId="field-base-url"
        inputMode="url"
        hint={words.restUrlHint}
      />
      <SelectField
        id="connection-rest-auth"
        field="settings.auth"
        label={words.restAuth}
        testId="field-auth"
        value={auth}
        options={REST_AUTH_TYPES}
        labels={words.restAuthTypes}
        onChange={(restAuth) => update('settings.auth', { restAuth })}
      />
      {auth === 'apiKeyHeader' && (
        <TextField
          name="authHeader"
          field="settings.auth.header"
          label={words.authHeader}
          testId="field-auth-header"
        />
      )}
      {auth === 'basic' && (
        <TextField
          name="authUser"
          field="settings.auth.user"
          label={words.authUser}
          testId="field-auth-user"
        />
      )}
      {auth === 'oauth2ClientCredentials' && (
        <>
          <TextField
            name="tokenUrl"
            field="settings.auth.tokenUrl"
            label={words.tokenUrl}
            testId="field-token-url"
            inputMode="url"
          />
          <TextField
            name="clientId"
            field="settings.auth.clientId"
            label={words.clientId}
            testId="field-client-id"
          />
          <TextField
            name="scope"
            field="settings.auth.scope"
            label={words.scope}
            testId="field-scope"
            optional
          />
        </>
      )}
      {secret}
      <TextField
        name="headers"
        field="settings.headers"
        label={words.headers}
        testId="field-headers"
        hint={words.headersHint}
        optional
        rows={3}
        placeholder="Accept: application/json"
      />
      <fieldset className={styles.group}>
        <legend>{words.probe}</legend>
        <div className={styles.probe}>
          <SelectField
            id="connection-probe-method"
            field="settings.probe.method"
            label={words.probeMethod}
            testId="field-probe-method"
            value={draft.probeMethod as (typeof PROBE_METHODS)[number]}
            options={PROBE_METHODS}
            labels={{ GET: 'GET', HEAD: 'HEAD' }}
            onChange={(probeMethod) => update('settings.probe.method', { probeMethod })}
          />
          <TextField
            name="probePath"
            field="settings.probe.path"
            label={words.probePath}
            testId="field-probe-path"
            hint={words.probePathHint}
            optional
            placeholder="/health"
          />
          <TextField
            name="probeStatus"
            field="settings.probe.expectStatus"
            label={words.probeStatus}
            testId="field-probe-status"
            hint={words.probeStatusHint}
            inputMode="numeric"
            optional
          />
        </div>
      </fieldset>
    </>
  );
}
