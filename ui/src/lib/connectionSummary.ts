// One line that tells what a connection points at ("crm sur db.lumen.local:5432, utilisateur
// dpo"), for the list of connections. Never holds a secret: the settings have none.

import type { ConnectionView } from '../bindings/ConnectionView';
import type { RestAuthType } from './connectionDraft';

/** The words a summary needs, from the dictionary. */
export type SummaryWords = {
  sandbox: string;
  workspace: (label: string) => string;
  workspaceId: (id: number) => string;
  sql: (database: string, server: string, user: string) => string;
  patterns: (include: number, exclude: number) => string;
  restAuth: Record<RestAuthType, string>;
};

export function summarize(view: ConnectionView, words: SummaryWords): string {
  if (view.builtin) return words.sandbox;
  const { settings: s } = view;
  switch (s.kind) {
    case 'dastraWorkspace': {
      const { baseUrl, workspaceId, workspaceLabel } = s.settings;
      const workspace = workspaceLabel
        ? words.workspace(workspaceLabel)
        : words.workspaceId(workspaceId);
      return `${hostOf(baseUrl)} · ${workspace}`;
    }
    case 'postgres':
    case 'mysql': {
      const { database, host, port, user } = s.settings;
      return words.sql(database, `${host}:${port}`, user);
    }
    case 'sqlite':
      return s.settings.path;
    case 'folder': {
      const include = s.settings.include?.length ?? 0;
      const exclude = s.settings.exclude?.length ?? 0;
      const path = s.settings.path;
      return include + exclude > 0 ? `${path} · ${words.patterns(include, exclude)}` : path;
    }
    case 'restApi':
      return `${s.settings.baseUrl} · ${words.restAuth[s.settings.auth.type]}`;
  }
}

/** The host (and port) of an address, or the address itself when it is not one. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}
