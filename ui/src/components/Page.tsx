import type { ReactNode } from 'react';

import styles from './Page.module.css';

type Props = {
  title: ReactNode;
  /** Beside the title: a count, a status. */
  aside?: ReactNode;
  /** Above the title: a back link. */
  above?: ReactNode;
  /** The page fills the window's height and its content scrolls inside (virtual tables). */
  fill?: boolean;
  children: ReactNode;
};

/** A screen's frame: its title (the `screen-title` the end-to-end tests read) and content. */
export function Page({ title, aside, above, fill = false, children }: Props) {
  return (
    <div className={styles.page} data-fill={fill}>
      {above && <div className={styles.above}>{above}</div>}
      <div className={styles.titleRow}>
        <h1 className={styles.title} data-testid="screen-title">
          {title}
        </h1>
        {aside && <div className={styles.aside}>{aside}</div>}
      </div>
      {children}
    </div>
  );
}
