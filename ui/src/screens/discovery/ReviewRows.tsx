import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useImperativeHandle, useLayoutEffect, useRef, useState, type Ref } from 'react';

import type { FindingView } from '../../bindings/FindingView';
import { useI18n } from '../../i18n';
import styles from './Review.module.css';
import { rowIndexById, type ReviewRow } from './reviewGroups';

/** From this many findings on, only the cards in view are on the page. */
export const VIRTUAL_FROM = 150;

/** What the review asks of its list: bring a finding's card into view. */
export type ReviewRowsHandle = { reveal: (id: number) => void };

type Props = {
  rows: ReviewRow[];
  renderFinding: (view: FindingView) => React.ReactNode;
  handle: Ref<ReviewRowsHandle>;
};

/** The nearest ancestor that scrolls (the app's main area), else the document. */
function scrollParent(el: HTMLElement | null): HTMLElement {
  for (let node = el?.parentElement ?? null; node; node = node.parentElement) {
    const { overflowY } = getComputedStyle(node);
    if (overflowY === 'auto' || overflowY === 'scroll') return node;
  }
  return (document.scrollingElement as HTMLElement | null) ?? document.documentElement;
}

/**
 * A long review drawn as it scrolls: source and unit titles and finding cards, each measured
 * once drawn (cards differ in height), the rest stood for by the list's full height.
 */
export function VirtualReviewRows({ rows, renderFinding, handle }: Props) {
  const { t } = useI18n();
  const list = useRef<HTMLDivElement>(null);
  const [scroller, setScroller] = useState<HTMLElement | null>(null);
  const [margin, setMargin] = useState(0);

  useLayoutEffect(() => {
    const parent = scrollParent(list.current);
    setScroller(parent);
    const top = list.current?.getBoundingClientRect().top ?? 0;
    setMargin(top - parent.getBoundingClientRect().top + parent.scrollTop);
  }, []);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller,
    estimateSize: (index) => (rows[index]?.kind === 'finding' ? 220 : 40),
    overscan: 6,
    scrollMargin: margin,
    getItemKey: (index) => rows[index]?.key ?? index,
  });

  const at = useRef(new Map<number, number>());
  useEffect(() => {
    at.current = rowIndexById(rows);
  }, [rows]);
  useImperativeHandle(
    handle,
    () => ({
      reveal: (id) => {
        const index = at.current.get(id);
        if (index !== undefined) virtualizer.scrollToIndex(index, { align: 'auto' });
      },
    }),
    [virtualizer],
  );

  const items = virtualizer.getVirtualItems();
  return (
    <div
      ref={list}
      className={styles.virtual}
      style={{ height: virtualizer.getTotalSize() }}
      data-testid="review-virtual"
      data-rows={rows.length}
    >
      {items.map((item) => {
        const row = rows[item.index] as ReviewRow;
        return (
          <div
            key={item.key}
            ref={virtualizer.measureElement}
            data-index={item.index}
            className={styles.virtualRow}
            style={{ transform: `translateY(${item.start - margin}px)` }}
          >
            {row.kind === 'source' ? (
              <h2 className={styles.sourceTitle}>
                {row.name}{' '}
                <span className={styles.muted}>{t.discovery.review.total(row.count)}</span>
              </h2>
            ) : row.kind === 'unit' ? (
              <h3 className={styles.unitTitle}>{row.label}</h3>
            ) : (
              <div className={styles.virtualCard}>{renderFinding(row.view)}</div>
            )}
          </div>
        );
      })}
    </div>
  );
}
