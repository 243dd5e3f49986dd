import type { FindingField } from '../../bindings/FindingField';
import type { Redaction } from '../../bindings/Redaction';
import type { Span } from '../../bindings/Span';
import { useI18n } from '../../i18n';
import { segmentValue } from '../../lib/byteSpan';
import { redactedSpans, wholeFieldRedacted } from '../../lib/redactions';
import styles from './Review.module.css';

type Props = {
  field: FindingField;
  redactions: Redaction[];
  /** Black out (or restore) a span of the value, or the whole value. */
  onToggle: (span: Span | null) => void;
};

/**
 * One field's value: the subject's matches marked, other personal data as buttons that black
 * it out (a possible third party's), redactions drawn as black bars.
 */
export function FieldValue({ field, redactions, onToggle }: Props) {
  const { t } = useI18n();
  const words = t.discovery.review;
  const whole = wholeFieldRedacted(redactions, field.name);

  if (whole) {
    return (
      <span className={styles.redacted} data-testid="finding-redacted" title={words.redacted}>
        {field.value}
      </span>
    );
  }

  const segments = segmentValue(field.value, {
    matched: field.matched,
    pii: field.pii.map((p) => p.span),
    redacted: redactedSpans(redactions, field.name),
  });

  return (
    <>
      {segments.map((s) => {
        const key = `${s.start}-${s.end}`;
        const pii = s.pii === null || s.matched ? null : field.pii[s.pii];
        const text = s.redacted ? (
          <span className={styles.redacted} data-testid="finding-redacted" title={words.redacted}>
            {s.text}
          </span>
        ) : (
          s.text
        );
        if (pii) {
          const kind = t.discovery.piiKind[pii.kind];
          return (
            <button
              key={key}
              type="button"
              className={styles.pii}
              data-testid="pii-span"
              data-kind={pii.kind}
              data-field={field.name}
              data-start={pii.span.start}
              data-end={pii.span.end}
              aria-pressed={s.redacted}
              title={`${words.thirdParty(kind)} ${words.piiAction}`}
              onClick={() => onToggle(pii.span)}
            >
              {text}
              <span className={styles.piiKind}>{kind}</span>
            </button>
          );
        }
        if (s.matched) {
          return (
            <mark key={key} className={styles.matched}>
              {text}
            </mark>
          );
        }
        return <span key={key}>{text}</span>;
      })}
    </>
  );
}
