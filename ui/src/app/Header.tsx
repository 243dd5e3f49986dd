import type { AppInfo } from '../bindings/AppInfo';
import { Badge } from '../components/Badge';
import { useI18n } from '../i18n';
import styles from './Header.module.css';
import { LanguageSwitch } from './LanguageSwitch';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';

type Props = { info: AppInfo };

/**
 * The window's top bar: the product, the workspace profile (a menu to switch), the workspace's
 * name in Dastra and whether it is the sandbox, the language.
 */
export function Header({ info }: Props) {
  const { t } = useI18n();
  const { workspace } = info;
  return (
    <header className={styles.header}>
      <div className={styles.brand}>
        <svg className={styles.logo} viewBox="0 0 20 20" aria-hidden="true">
          <rect width="20" height="20" rx="5" fill="currentColor" />
          <path
            d="M4 13h12M6 13V8.5M10 13V7M14 13V8.5M4.5 8.5 10 5l5.5 3.5"
            stroke="#fff"
            strokeWidth="1.4"
            fill="none"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
        <span className={styles.product}>Passerelle</span>
      </div>
      <div className={styles.workspace} title={workspace.baseUrl}>
        <span className={styles.workspaceLabel}>{t.header.workspace}</span>
        <WorkspaceSwitcher workspace={workspace} />
        <span className={styles.workspaceName} data-testid="workspace-label">
          {workspace.label}
        </span>
        {workspace.isSandbox && (
          <Badge tone="warning" title={t.header.sandboxTitle} testId="sandbox-badge">
            {t.header.sandboxBadge}
          </Badge>
        )}
      </div>
      <LanguageSwitch preference={info.languagePreference} />
    </header>
  );
}
