import { useConnections, useSwitchWorkspace } from '../api';
import type { WorkspaceInfo } from '../bindings/WorkspaceInfo';
import { useI18n } from '../i18n';
import styles from './Header.module.css';

type Props = { workspace: WorkspaceInfo };

/**
 * The Dastra workspace every screen follows, chosen among the workspace profiles (the built-in
 * sandbox included). Switching reloads every screen; a refusal says why, and the choice stays.
 */
export function WorkspaceSwitcher({ workspace }: Props) {
  const { t } = useI18n();
  const connections = useConnections();
  const switcher = useSwitchWorkspace();

  const profiles = (connections.data?.items ?? []).filter((c) => c.kind === 'dastraWorkspace');
  const options = profiles.map((c) => ({
    id: c.id,
    name: c.builtin ? t.connections.sandboxName : c.name,
  }));
  // Until the list is there (or should it fail), the current workspace is still named.
  if (!options.some((o) => o.id === workspace.connectionId)) {
    options.unshift({ id: workspace.connectionId, name: workspace.label });
  }

  return (
    <div className={styles.switcher}>
      <label className="visually-hidden" htmlFor="workspace-switcher">
        {t.header.switcher}
      </label>
      <select
        id="workspace-switcher"
        className={styles.select}
        value={workspace.connectionId}
        disabled={switcher.isPending}
        title={switcher.isPending ? t.header.switching : t.header.switcher}
        data-testid="workspace-switcher"
        onChange={(e) => switcher.mutate(e.target.value)}
      >
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
      {switcher.isPending && <span className={styles.switching}>{t.header.switching}</span>}
      {switcher.error && (
        <div className={styles.switchError} role="alert" data-testid="workspace-switch-error">
          <p className={styles.switchErrorTitle}>{t.header.switchFailed}</p>
          <p>{t.connections.errorHint[switcher.error.code]}</p>
          <p className={styles.switchErrorDetail}>{switcher.error.message}</p>
          <button type="button" className={styles.dismiss} onClick={() => switcher.reset()}>
            {t.header.dismiss}
          </button>
        </div>
      )}
    </div>
  );
}
