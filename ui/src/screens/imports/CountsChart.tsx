import type { PlanCounts } from '../../bindings/PlanCounts';
import type { RowKind } from '../../bindings/RowKind';
import { useI18n } from '../../i18n';
import { formatCount } from '../../lib/format';
import { chartBars } from '../../lib/planTable';
import styles from './Imports.module.css';

type Props = {
  counts: PlanCounts;
  /** The classes the table shows; a click on a bar shows only that class (again: all). */
  active: RowKind[];
  onPick: (kind: RowKind) => void;
};

/** The plan's rows per class as horizontal bars, each a filter of the table. */
export function CountsChart({ counts, active, onPick }: Props) {
  const { t, language } = useI18n();
  return (
    <ul className={styles.chart} aria-label={t.imports.preview.chartLabel} data-testid="plan-chart">
      {chartBars(counts).map((bar) => (
        <li key={bar.kind} className={styles.chartItem} data-testid={`count-${bar.kind}`}>
          <button
            type="button"
            className={styles.barLabel}
            aria-pressed={active.length === 1 && active[0] === bar.kind}
            title={t.imports.preview.chartFilter(t.imports.kindPlural[bar.kind])}
            onClick={() => onPick(bar.kind)}
          >
            {t.imports.kindPlural[bar.kind]}
          </button>
          <span className={styles.barTrack} aria-hidden="true">
            <span
              className={styles.bar}
              data-kind={bar.kind}
              style={{
                width: `${bar.count === 0 ? 0 : Math.max(1, bar.share * 100)}%`,
                display: 'block',
              }}
            />
          </span>
          <span className={styles.barCount} data-testid={`count-${bar.kind}-value`}>
            {formatCount(bar.count, language)}
          </span>
        </li>
      ))}
    </ul>
  );
}
