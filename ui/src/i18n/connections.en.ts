// The Connections screen in English. Typed by the French section's shape.

import type { Messages } from './fr';

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export const connections: Messages['connections'] = {
  title: 'Connections',
  total: (n: number) => plural(n, '1 connection', `${n} connections`),
  intro:
    'Your Dastra workspaces and the sources that hold personal data. Passwords and keys stay in the system keyring: Passerelle never shows them and never exports them.',
  new: 'New connection',
  export: 'Export',
  exportSelected: (n: number) => `Export selection (${n})`,
  import: 'Import',
  listLabel: 'Saved connections',
  selectRow: (name: string) => `Select “${name}” for export`,
  errorTitle: 'Could not load the connections',
  kinds: {
    dastraWorkspace: 'Dastra workspace',
    postgres: 'PostgreSQL',
    mysql: 'MySQL / MariaDB',
    sqlite: 'SQLite file',
    folder: 'Shared folder',
    restApi: 'REST API',
  },
  sandboxName: 'Sandbox',
  builtin: 'Built-in',
  builtinTitle:
    "Passerelle's built-in demo workspace, with sample data: it can be neither edited nor deleted.",
  current: 'Current workspace',
  currentTitle: 'Every screen shows this workspace.',
  summary: {
    sandbox: 'Built-in demo workspace, sample data',
    workspace: (label: string) => `workspace “${label}”`,
    workspaceId: (id: number) => `workspace no. ${id}`,
    sql: (database: string, server: string, user: string) =>
      `${database} on ${server}, user ${user}`,
    patterns: (include: number, exclude: number) =>
      [
        include > 0 ? plural(include, '1 pattern included', `${include} patterns included`) : '',
        exclude > 0 ? `${exclude} excluded` : '',
      ]
        .filter(Boolean)
        .join(', '),
    restAuth: {
      none: 'no authentication',
      apiKeyHeader: 'API key',
      bearer: 'token',
      basic: 'user name and password',
      oauth2ClientCredentials: 'OAuth2',
    },
  },
  secret: {
    name: {
      apiKey: 'API key',
      privateKey: 'Private key',
      password: 'Password',
      token: 'Token',
      clientSecret: 'Client secret',
    },
    stored: {
      apiKey: 'API key stored in the keyring',
      privateKey: 'Private key stored in the keyring',
      password: 'Password stored in the keyring',
      token: 'Token stored in the keyring',
      clientSecret: 'Client secret stored in the keyring',
    },
    missing: {
      apiKey: 'Secret missing: enter the API key',
      privateKey: 'Secret missing: enter the private key',
      password: 'Secret missing: enter the password',
      token: 'Secret missing: enter the token',
      clientSecret: 'Secret missing: enter the client secret',
    },
    notSet: 'No password stored (optional)',
    notNeeded: 'No secret needed',
  },
  lastTest: {
    never: 'Not tested yet',
    ok: (when: string) => `Test passed ${when}`,
    failed: (when: string) => `Test failed ${when}`,
    today: (time: string) => `at ${time}`,
    onDay: (date: string, time: string) => `on ${date} at ${time}`,
  },
  actions: {
    test: 'Test',
    testing: 'Testing…',
    use: 'Use',
    useTitle: 'Make this the workspace every screen shows',
    edit: 'Edit',
    delete: 'Delete',
    hideReport: 'Hide the result',
    testFailed: 'The test could not be run',
  },
  notice: {
    saved: (name: string) => `Connection “${name}” saved.`,
    deleted: (name: string) => `Connection “${name}” deleted.`,
    switched: (name: string) => `Every screen now shows “${name}”.`,
    dismiss: 'Dismiss',
  },
  form: {
    newTitle: 'New connection',
    editTitle: (name: string) => `Edit “${name}”`,
    back: 'Back to connections',
    kind: 'Kind of connection',
    kindLocked: 'The kind cannot change: for another kind, create a new connection.',
    name: 'Name',
    nameHint: 'What your colleagues call it: “CRM”, “HR — payroll”…',
    baseUrl: 'API address',
    dastraUrlHint: 'https://api.dastra.eu for Dastra; change it only for a dedicated instance.',
    restUrlHint: 'For example https://crm.example.com/api',
    dastraAuth: 'Authentication',
    dastraAuthTypes: {
      apiKey: 'API key',
      clientCredentials: 'Public and private key (OAuth2)',
    },
    publicKey: 'Public key',
    publicKeyHint: "Shown beside the private key, on Dastra's API keys page.",
    workspace: 'Workspace',
    workspaceLoad: 'Choose the workspace',
    workspaceLoading: 'Looking for workspaces…',
    workspaceHint: 'Enter the key, then ask Dastra which workspaces it opens.',
    workspacePlaceholder: '— Choose a workspace —',
    workspaceCount: (n: number) =>
      n === 0
        ? 'This key opens no workspace.'
        : plural(n, 'The key opens 1 workspace.', `The key opens ${n} workspaces.`),
    workspacesFailed: 'Dastra did not list the workspaces',
    host: 'Server',
    hostHint: 'Name or IP address, without the port',
    port: 'Port',
    database: 'Database',
    user: 'User',
    userHint: 'A read-only account is enough: Passerelle never changes anything.',
    sslMode: 'Encryption (TLS)',
    sslModes: {
      disable: 'Off',
      prefer: 'When the server offers it',
      require: 'Required',
      verifyCa: 'Required, certificate checked',
      verifyFull: 'Required, certificate and server name checked',
    },
    schemas: 'Schemas',
    schemasHint: 'Comma-separated; every schema when empty.',
    sqlitePath: 'Database file',
    sqlitePathHint: "The file's full path, for example /srv/data/sales.db",
    folderPath: 'Folder',
    folderPathHint: 'The full path of a local folder or a mounted network share',
    include: 'Files to take',
    includeHint: 'One pattern per line, for example **/*.pdf; every file when empty.',
    exclude: 'Files to leave out',
    excludeHint: 'One pattern per line, for example **/archive/**',
    restAuth: 'Authentication',
    restAuthTypes: {
      none: 'None',
      apiKeyHeader: 'API key in a header',
      bearer: 'Token (Bearer)',
      basic: 'User name and password (Basic)',
      oauth2ClientCredentials: 'OAuth2 (client credentials)',
    },
    authHeader: 'Header name',
    authUser: 'User name',
    tokenUrl: 'Token address',
    clientId: 'Client id',
    scope: 'Scope',
    optional: 'optional',
    headers: 'Extra headers',
    headersHint:
      'One per line, as Name: value. Never a password here: these headers are stored in clear.',
    probe: 'Test request',
    probeMethod: 'Method',
    probePath: 'Path',
    probePathHint: "Appended to the API's address, for example /health",
    probeStatus: 'Expected status',
    probeStatusHint: 'Empty: any 2xx or 3xx status',
    secretStored: 'In the system keyring, never shown',
    secretReplace: 'Replace',
    secretRemove: 'Remove from the keyring',
    secretKeep: 'Keep the stored secret',
    secretHint: 'Never shown: it will be kept in the system keyring.',
    secretMissing: 'No secret stored: enter it for the connection to work.',
    secretRemoveFailed: 'The secret could not be removed from the keyring',
    save: 'Save',
    saving: 'Saving…',
    cancel: 'Cancel',
    required: 'Required',
    portRange: 'A number from 1 to 65535',
    statusRange: 'An HTTP status from 100 to 599, for example 200',
    headerLine: (line: string) => `“${line}”: write Name: value`,
    pickWorkspace: 'Pick the workspace from the list Dastra gives for this key',
    saveFailed: 'The connection could not be saved',
    otherFields: 'Other settings refused',
  },
  report: {
    panelTitle: 'Connection test',
    panelIntro:
      'Passerelle really checks the access, read-only, and tells you what it found. Test before saving.',
    stale: 'The settings changed since this test: run it again to check the new ones.',
    run: 'Test the connection',
    running: 'Testing…',
    ok: 'The connection works',
    failed: 'The connection does not work',
    duration: (seconds: string) => `Tested in ${seconds} s`,
    specifics: 'Specifics:',
    technical: 'Technical detail',
    dastra: {
      user: 'Signed in as',
      unknownUser: 'User not given by Dastra',
      organisation: 'Organisation',
      workspace: 'Workspace',
      address: 'Address',
      workspaces: (n: number) =>
        plural(n, 'This key opens 1 workspace.', `This key opens ${n} workspaces.`),
    },
    sql: {
      server: 'Server',
      database: 'Database',
      readOnly: 'Read-only confirmed by the server',
      notReadOnly:
        'The server did not confirm read-only access. Passerelle never writes, but to be safe, give this user read-only rights.',
      tables: (tables: number, schemas: number) =>
        `${plural(tables, '1 table or view', `${tables} tables and views`)} in ${plural(schemas, '1 schema', `${schemas} schemas`)}`,
      truncated: (shown: number) => `Only the first ${shown} are listed.`,
      none: 'No table found in the schemas looked at.',
      view: 'view',
      rows: {
        exact: (n: string) => `${n} rows`,
        estimated: (n: string) => `≈ ${n} rows`,
        atLeast: (n: string) => `at least ${n} rows`,
        unknown: 'rows not counted',
      },
    },
    folder: {
      files: (files: string, size: string) => `${files} files, ${size} in all`,
      atLeast: (files: string, size: string) =>
        `At least ${files} files and ${size}: the walk stopped before the end.`,
      path: 'Folder',
      unreadable: (n: number) =>
        plural(
          n,
          '1 file or folder could not be read (missing rights) and was skipped.',
          `${n} files or folders could not be read (missing rights) and were skipped.`,
        ),
    },
    rest: {
      answer: (status: number, ms: string) => `Answered ${status} in ${ms} ms`,
      url: 'Address called',
      contentType: 'Content type',
    },
  },
  failure: {
    unreachable:
      'Passerelle cannot reach the server. Check the address and port, that the server is running, and that this computer may connect to it (firewall, VPN).',
    tls: "The secure (TLS) connection failed. Check the encryption setting, or ask the server's administrator whether its certificate is valid for this address.",
    wrongCredentials:
      'The user name, password or key was refused. Check the user name, enter the password or key again in the form, then test again.',
    missingPermission:
      'The access is accepted, but this account lacks the rights it needs (on the database, the folder or the API). Ask the administrator to grant it read access.',
    timeout:
      'The server did not answer in time. Check the address, and that no firewall silently drops the connection; then try again.',
    notFound:
      'The database, workspace, file, folder or path given does not exist. Check its name in the settings.',
    invalidSettings:
      'The settings cannot work as they are (for example a file that is not an SQLite database, or a file instead of a folder). Fix them, then test again.',
    secretMissing:
      'No password or key is stored for this connection. Enter it in the form, then test again.',
    querySyntax:
      'The database refuses the query: it is not valid SQL. Correct it where the specifics below say.',
    unknownTable: 'The database has no such table or view. Check its name and schema.',
    unknownColumn: 'The database has no such column. Check the column names.',
    notJson:
      'The API answered with something that is not JSON. Check the path called, and that the API answers JSON there.',
    other:
      'The test failed for a reason Passerelle cannot classify. The specifics below say what happened.',
  },
  errorHint: {
    invalid: 'Passerelle cannot use these settings as they are: the details say what to fix.',
    notFound:
      'This connection or workspace no longer exists: reload the list of connections, it may have been deleted meanwhile.',
    unauthorized:
      'The user name, password or key was refused: check them in the connection, then try again.',
    unreachable:
      'The server is not answering: check the address and the network (VPN, firewall), then try again.',
    outcomeUnknown:
      'Passerelle cannot tell whether the operation went through: reload the list of connections before doing it again.',
    keyring:
      'The system keyring is locked or missing: unlock it (GNOME Keyring, KWallet, Keychain or Credential Manager), then try again.',
    unsupported: 'Passerelle cannot do this for this kind of connection yet.',
    internal: "An internal error in Passerelle; the application's log has the details.",
  },
  remove: {
    title: (name: string) => `Delete “${name}”?`,
    body: 'The connection will be removed from Passerelle. This cannot be undone.',
    current: 'Every screen shows this workspace now: Passerelle will go back to the sandbox.',
    keyring: {
      stored:
        'Its password or key will be erased from the system keyring too: it will have to be entered again to recreate the connection.',
      none: 'No secret is stored for it in the system keyring.',
    },
    confirm: 'Delete',
    cancel: 'Cancel',
    failed: 'The connection could not be deleted',
  },
  exporting: {
    title: 'Export connections',
    count: (n: number) =>
      n === 0
        ? 'No connection to export: the built-in sandbox is never exported.'
        : plural(
            n,
            '1 connection exported, without any password or key.',
            `${n} connections exported, without any password or key.`,
          ),
    hint: 'Share this text with your colleagues: each enters their own secrets after importing it. The built-in sandbox is never exported.',
    label: 'Export text (JSON)',
    copy: 'Copy',
    copied: 'Copied',
    close: 'Close',
    failed: 'The export could not be prepared',
  },
  importing: {
    title: 'Import connections',
    intro: 'Paste the text of a Passerelle export, or choose its file.',
    label: 'Export text (JSON)',
    file: 'Choose a file…',
    confirm: 'Import',
    cancel: 'Cancel',
    close: 'Close',
    failed: 'The import failed',
    done: (n: number) =>
      n === 0
        ? 'The file held no connection.'
        : plural(n, '1 connection imported:', `${n} connections imported:`),
    secrets:
      'An export never holds a secret: enter the password or key again for each connection that needs one.',
    enterSecret: 'Enter the secret',
  },
};
