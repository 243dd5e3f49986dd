import type { ReactNode } from 'react';

import styles from './States.module.css';

type Props = { title: string; body?: string; action?: ReactNode; testId?: string };

/** What a list says when it has nothing to show, and what to do about it. */
export function EmptyState({ title, body, action, testId = 'empty-state' }: Props) {
  return (
    <div className={styles.state} data-testid={testId}>
      <p className={styles.title}>{title}</p>
      {body && <p className={styles.body}>{body}</p>}
      {action && <div className={styles.action}>{action}</div>}
    </div>
  );
}
