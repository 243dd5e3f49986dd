import { forwardRef, type MouseEvent } from 'react';

import type { FindingView } from '../../bindings/FindingView';
import type { Span } from '../../bindings/Span';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { useI18n } from '../../i18n';
import { wholeFieldRedacted } from '../../lib/redactions';
import { FieldValue } from './FieldValue';
import { decisionText, locationText, reasonText } from './labels';
import styles from './Review.module.css';

type Props = {
  view: FindingView;
  focused: boolean;
  selected: boolean;
  onFocus: () => void;
  onSelect: (event: MouseEvent<HTMLInputElement>) => void;
  onInclude: () => void;
  onExclude: () => void;
  onUndo: () => void;
  onRedact: (field: string, span: Span | null) => void;
};

const TONES = { certain: 'success', likely: 'accent', possible: 'warning' } as const;

/** One finding: where, how sure, why, its fields with what to black out, and the decision. */
export const FindingCard = forwardRef<HTMLElement, Props>(function FindingCard(
  { view, focused, selected, onFocus, onSelect, onInclude, onExclude, onUndo, onRedact },
  ref,
) {
  const { t, language } = useI18n();
  const words = t.discovery.review;
  const { finding, review } = view;
  const decision = review.decision ?? null;
  const redactions = review.redactions ?? [];
  const where = locationText(finding.location, t);
  const possible = finding.confidence === 'possible';

  return (
    <article
      ref={ref}
      className={styles.finding}
      data-testid="review-finding"
      data-id={view.id}
      data-confidence={finding.confidence}
      data-decision={decision?.decision ?? 'none'}
      data-focused={focused}
      tabIndex={-1}
      onMouseDown={onFocus}
      onFocus={onFocus}
    >
      <header className={styles.findingHead}>
        <input
          type="checkbox"
          className={styles.check}
          checked={selected}
          data-testid="review-select"
          aria-label={words.selectLabel(where)}
          onClick={onSelect}
          onChange={() => undefined}
        />
        <span className={styles.where}>{where}</span>
        <Badge tone={TONES[finding.confidence]}>{words.confidence[finding.confidence]}</Badge>
        {redactions.length > 0 && <Badge>{words.redactions(redactions.length)}</Badge>}
        <span className={styles.decision} data-testid="finding-decision">
          {decision && decisionText(decision, t)}
        </span>
      </header>

      <p className={styles.reason}>{reasonText(finding, language)}</p>
      {possible && !decision && <p className={styles.possible}>{words.possibleHint}</p>}

      <dl className={styles.fields}>
        {finding.fields.map((field) => {
          const whole = wholeFieldRedacted(redactions, field.name);
          return (
            <div key={field.name} className={styles.field}>
              <dt>{field.name}</dt>
              <dd className={styles.fieldValue}>
                <FieldValue
                  field={field}
                  redactions={redactions}
                  onToggle={(span) => onRedact(field.name, span)}
                />
              </dd>
              <dd className={styles.fieldAction}>
                <button
                  type="button"
                  className={styles.linkButton}
                  data-testid="redact-field"
                  data-field={field.name}
                  aria-pressed={whole}
                  onClick={() => onRedact(field.name, null)}
                >
                  {whole ? words.unredactField : words.redactField}
                </button>
              </dd>
            </div>
          );
        })}
      </dl>

      {finding.linked?.map((group) => (
        <details key={`${group.table}-${group.via}`} className={styles.linked}>
          <summary>
            {words.linked(group.rows.length, group.table)}{' '}
            <span className={styles.muted}>({group.via})</span>
          </summary>
          <table className={styles.linkedTable}>
            <thead>
              <tr>
                {(group.rows[0] ?? []).map(([column]) => (
                  <th key={column} scope="col">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {group.rows.map((row, i) => (
                <tr key={i}>
                  {row.map(([column, value]) => (
                    <td key={column}>{value}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ))}

      <footer className={styles.findingActions}>
        <Button
          variant={decision?.decision === 'include' ? 'primary' : 'secondary'}
          testId="finding-include"
          aria-pressed={decision?.decision === 'include'}
          onClick={onInclude}
        >
          {possible ? words.confirm : words.include}
        </Button>
        <Button
          testId="finding-exclude"
          aria-pressed={decision?.decision === 'exclude'}
          onClick={onExclude}
        >
          {words.exclude}
        </Button>
        {decision && (
          <Button variant="ghost" testId="finding-undo" onClick={onUndo}>
            {words.undo}
          </Button>
        )}
      </footer>
    </article>
  );
});
