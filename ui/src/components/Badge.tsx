import type { ReactNode } from 'react';

import styles from './Badge.module.css';

type Props = {
  tone?: 'neutral' | 'accent' | 'danger' | 'warning' | 'success';
  title?: string;
  testId?: string;
  children: ReactNode;
};

/** A short status label: a request's state, a sandbox warning. */
export function Badge({ tone = 'neutral', title, testId, children }: Props) {
  return (
    <span className={styles.badge} data-tone={tone} title={title} data-testid={testId}>
      {children}
    </span>
  );
}
