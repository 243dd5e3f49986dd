import { useI18n } from '../i18n';
import { navRoute, PLANNED_SCREENS, routeHref, type NavScreen } from '../lib/route';
import styles from './Nav.module.css';

type Props = { current: NavScreen; version: string };

const WORKSPACE: NavScreen[] = ['inbox', 'assets', 'actors', 'contracts'];
const TOOLS: NavScreen[] = ['connections', 'discovery', 'mapping', 'imports', 'audit'];

// 16×16 line icons, drawn here so nothing is fetched.
const ICONS: Record<NavScreen, string> = {
  inbox: 'M2 9.5 4 3h8l2 6.5V13H2zM2 9.5h3.5l1 1.5h3l1-1.5H14',
  assets: 'M2.5 3.5h11v4h-11zM2.5 9h11v4h-11zM5 5.5h.01M5 11h.01',
  actors:
    'M6 7.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5zM1.5 13.5c.5-2.5 2.3-4 4.5-4s4 1.5 4.5 4M11 3a2.2 2.2 0 0 1 0 4.3M12.5 9.8c1.2.5 1.8 1.8 2 3.7',
  contracts: 'M4 1.5h5.5L12.5 4.5V14.5h-8.5zM9.5 1.5v3h3M6 8h4.5M6 10.5h4.5',
  connections:
    'M6.5 9.5 9.5 6.5M7 4.5l1.2-1.2a2.5 2.5 0 0 1 3.5 3.5L10.5 8M9 11.5l-1.2 1.2a2.5 2.5 0 0 1-3.5-3.5L5.5 8',
  discovery: 'M7 12a5 5 0 1 0 0-10 5 5 0 0 0 0 10zM10.7 10.7 14 14',
  mapping: 'M2 4h4l4 8h4M2 12h4l1.5-3M10 4h4M12 2l2 2-2 2M12 10l2 2-2 2',
  imports: 'M8 2v8M5 7l3 3 3-3M2.5 11v2.5h11V11',
  audit: 'M8 1.5 13.5 3.5V8c0 3-2.5 5.3-5.5 6.5C5 13.3 2.5 11 2.5 8V3.5zM5.5 8l1.8 1.8L10.5 6.5',
};

/** The left navigation: workspace data first, then the tools to come. */
export function Nav({ current, version }: Props) {
  const { t } = useI18n();
  const planned = PLANNED_SCREENS as readonly NavScreen[];

  const item = (screen: NavScreen) => (
    <li key={screen}>
      <a
        className={styles.item}
        href={routeHref(navRoute(screen))}
        aria-current={screen === current ? 'page' : undefined}
        data-testid={`nav-${screen}`}
      >
        <svg className={styles.icon} viewBox="0 0 16 16" aria-hidden="true">
          <path
            d={ICONS[screen]}
            fill="none"
            stroke="currentColor"
            strokeWidth="1.3"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
        <span className={styles.label}>{t.nav[screen]}</span>
        {planned.includes(screen) && (
          <span className={styles.soon} title={t.nav.soonTitle}>
            {t.nav.soon}
          </span>
        )}
      </a>
    </li>
  );

  return (
    <nav className={styles.nav} aria-label={t.nav.label}>
      <p className={styles.group}>{t.nav.groupWorkspace}</p>
      <ul className={styles.list}>{WORKSPACE.map(item)}</ul>
      <p className={styles.group}>{t.nav.groupTools}</p>
      <ul className={styles.list}>{TOOLS.map(item)}</ul>
      <p className={styles.version}>{t.nav.version(version)}</p>
    </nav>
  );
}
