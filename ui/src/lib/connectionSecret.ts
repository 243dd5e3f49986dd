// Which secret each kind of connection uses, as the vault decides it
// (`Settings::secret_need` in src-tauri/crates/vault/src/settings.rs): the form names the
// secret input after it, and the list words the secret's status with it.

import type { Settings } from '../bindings/Settings';

/** What the secret is, in the form's words. */
export type SecretKind = 'apiKey' | 'privateKey' | 'password' | 'token' | 'clientSecret';

/** The secret a connection uses, and whether it works without it; null when it uses none. */
export type SecretNeed = { kind: SecretKind; required: boolean } | null;

export function secretNeed(settings: Settings): SecretNeed {
  switch (settings.kind) {
    case 'dastraWorkspace':
      return settings.settings.auth.type === 'apiKey'
        ? { kind: 'apiKey', required: true }
        : { kind: 'privateKey', required: true };
    case 'postgres':
    case 'mysql':
      return { kind: 'password', required: false };
    case 'sqlite':
    case 'folder':
      return null;
    case 'restApi':
      switch (settings.settings.auth.type) {
        case 'none':
          return null;
        case 'apiKeyHeader':
          return { kind: 'apiKey', required: true };
        case 'bearer':
          return { kind: 'token', required: true };
        case 'basic':
          return { kind: 'password', required: true };
        case 'oauth2ClientCredentials':
          return { kind: 'clientSecret', required: true };
      }
  }
}
