import type { ReactNode } from 'react';

import styles from './Chip.module.css';

type Props = { title?: string; children: ReactNode };

/** A compact tag in a list of several: a right requested, an asset's label. */
export function Chip({ title, children }: Props) {
  return (
    <span className={styles.chip} title={title}>
      {children}
    </span>
  );
}

type ListProps = { children: ReactNode; wrap?: boolean };

/** Chips side by side, wrapping unless told not to (rows of a fixed height). */
export function ChipList({ children, wrap = true }: ListProps) {
  return (
    <span className={styles.list} data-wrap={wrap}>
      {children}
    </span>
  );
}
