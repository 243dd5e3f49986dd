import type { ConnectionKind } from '../../bindings/ConnectionKind';
import styles from './Connections.module.css';

type Props = { kind: ConnectionKind };

// 16×16 line icons, drawn here so nothing is fetched.
const DATABASE =
  'M2.5 4c0-1.1 2.5-2 5.5-2s5.5.9 5.5 2-2.5 2-5.5 2-5.5-.9-5.5-2zM2.5 4v8c0 1.1 2.5 2 5.5 2s5.5-.9 5.5-2V4M2.5 8c0 1.1 2.5 2 5.5 2s5.5-.9 5.5-2';
const PATHS: Record<ConnectionKind, string> = {
  dastraWorkspace:
    'M2.5 14V5.5L8 2l5.5 3.5V14M1.5 14h13M5.5 7.5h1M9.5 7.5h1M5.5 10.5h1M9.5 10.5h1M7 14v-2h2v2',
  postgres: DATABASE,
  mysql: DATABASE,
  sqlite:
    'M4 1.5h5.5l3 3v10h-8.5zM9.5 1.5v3h3M6 8c0-.6.9-1 2-1s2 .4 2 1-.9 1-2 1-2-.4-2-1zM6 8v3c0 .6.9 1 2 1s2-.4 2-1V8',
  folder: 'M1.5 3.5h4.5l1.5 1.5h7v8.5h-13z',
  restApi:
    'M5.5 2.5C4 2.5 4 3.5 4 5s-.5 3-1.5 3C3.5 8 4 9.5 4 11s0 2.5 1.5 2.5M10.5 2.5C12 2.5 12 3.5 12 5s.5 3 1.5 3c-1 0-1.5 1.5-1.5 3s0 2.5-1.5 2.5',
};

/** The kind of a connection as a small icon in a tile (its name is written beside it). */
export function KindIcon({ kind }: Props) {
  return (
    <span className={styles.kindIcon} data-kind={kind} aria-hidden="true">
      <svg viewBox="0 0 16 16">
        <path
          d={PATHS[kind]}
          fill="none"
          stroke="currentColor"
          strokeWidth="1.3"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
    </span>
  );
}
