// The desktop's own file choosers (tauri-plugin-dialog): the DPO picks an export, a profile or
// a destination instead of typing its path. Like every other `@tauri-apps/*` import, it stays
// in this folder; screens use `PathField`.

import { open, save } from '@tauri-apps/plugin-dialog';

/** Files a chooser offers first, by the words shown for them and their extensions. */
export type FileFilter = { name: string; extensions: string[] };

/** What the chooser is for: an existing file, a new file, or a folder. */
export type PickKind = 'open' | 'save' | 'folder';

export type PickOptions = {
  kind: PickKind;
  /** The chooser's title. */
  title: string;
  filters?: FileFilter[];
  /** Where it opens: the current value, when there is one. */
  defaultPath?: string;
};

/** Ask the desktop for a path; `null` when the DPO closes the chooser without choosing. */
export async function pickPath({ kind, title, filters, defaultPath }: PickOptions) {
  const at = defaultPath?.trim() ? defaultPath.trim() : undefined;
  if (kind === 'save') {
    return save({ title, filters, defaultPath: at });
  }
  const chosen = await open({
    title,
    filters: kind === 'folder' ? undefined : filters,
    defaultPath: at,
    directory: kind === 'folder',
    multiple: false,
  });
  // `multiple: false` answers one path or none.
  return typeof chosen === 'string' ? chosen : null;
}
