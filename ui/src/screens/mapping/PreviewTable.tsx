import type { MappingPreview } from '../../bindings/MappingPreview';
import { useI18n } from '../../i18n';
import { problemLines, problemText } from '../../lib/problemText';
import styles from './Mapping.module.css';

type Props = { preview: MappingPreview };

/** A value as the preview shows it: text as is, references by label, lists joined. */
export function shown(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(shown).join(', ');
  if (typeof value === 'object') {
    const v = value as { label?: unknown; id?: unknown };
    return typeof v.label === 'string' ? v.label : JSON.stringify(value);
  }
  return String(value);
}

/** The first records after transformation, one cell per field, each problem at its cell. */
export function PreviewTable({ preview }: Props) {
  const { t } = useI18n();
  const words = t.mapping.preview;
  return (
    <div className={styles.previewScroll}>
      <table className={styles.preview} data-testid="preview-table">
        <thead>
          <tr>
            <th>{words.row}</th>
            {preview.fields.map((f, i) => (
              <th key={f}>
                {f}
                {i === 0 && <span className={styles.faint}> ({t.mapping.canvas.key})</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row, r) => (
            <tr
              key={row.row}
              data-testid={`preview-row-${r}`}
              data-invalid={row.cells.some((c) => c.problems.length > 0) || row.problems.length > 0}
            >
              <th scope="row" title={problemLines(row.problems, t) || undefined}>
                {row.row}
                {row.problems.length > 0 && <span className={styles.rowProblem}> ⚠</span>}
              </th>
              {row.cells.map((cell) => {
                const bad = cell.problems.length > 0;
                return (
                  <td
                    key={cell.field}
                    data-testid={`cell-${r}-${cell.field}`}
                    data-invalid={bad}
                    title={bad ? problemLines(cell.problems, t) : undefined}
                  >
                    {bad && cell.problems[0] ? (
                      <span className={styles.cellProblem}>
                        <strong>{words.problemKinds[cell.problems[0].kind]}</strong>
                        <small data-testid={`cell-problem-${r}-${cell.field}`}>
                          {problemText(cell.problems[0], t)}
                        </small>
                      </span>
                    ) : cell.value === undefined || cell.value === null ? (
                      <span className={styles.faint}>{words.empty}</span>
                    ) : cell.label ? (
                      <span title={shown(cell.value)} data-testid={`cell-label-${r}-${cell.field}`}>
                        {cell.label}
                      </span>
                    ) : (
                      shown(cell.value)
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
