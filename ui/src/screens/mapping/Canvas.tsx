import { useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';

import type { SourceColumn } from '../../bindings/SourceColumn';
import type { TargetField } from '../../bindings/TargetField';
import { useI18n } from '../../i18n';
import { columnOf, type CanvasState } from '../../lib/mappingCanvas';
import styles from './Mapping.module.css';

type Props = {
  state: CanvasState;
  columns: SourceColumn[];
  fields: TargetField[];
  selected: string | null;
  onConnect: (column: string, field: string) => void;
  onSelect: (field: string) => void;
  onKey: (field: string) => void;
};

/** Height of a node row, in pixels: connections are drawn between row centres. */
export const ROW = 46;

type Drag = { column: string; x0: number; y0: number; x: number; y: number; moved: boolean };

/**
 * The node canvas: source columns on the left, Dastra fields on the right, a curve per
 * connection (dashed for a suggestion). Drag a column onto a field, or click one then the
 * other; click a curve or a connected field to edit its chain.
 */
export function Canvas({ state, columns, fields, selected, onConnect, onSelect, onKey }: Props) {
  const { t } = useI18n();
  const words = t.mapping.canvas;
  const box = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const [picked, setPicked] = useState<string | null>(null);

  const rows = Math.max(columns.length, fields.length, 1);
  const height = rows * ROW;
  const yOfColumn = (name: string) => columns.findIndex((c) => c.name === name) * ROW + ROW / 2;
  const yOfField = (name: string) => fields.findIndex((f) => f.name === name) * ROW + ROW / 2;

  const links = fields.flatMap((f) => {
    const column = columnOf(state, f.name);
    if (column === null || !columns.some((c) => c.name === column)) return [];
    return [{ column, field: f.name, suggested: false }];
  });
  const suggested = state.suggestions
    .filter(
      (s) => columns.some((c) => c.name === s.column) && fields.some((f) => f.name === s.field),
    )
    .map((s) => ({ column: s.column, field: s.field, suggested: true }));

  const local = (e: { clientX: number; clientY: number }) => {
    const r = box.current?.getBoundingClientRect();
    return { x: e.clientX - (r?.left ?? 0), y: e.clientY - (r?.top ?? 0) };
  };

  const startDrag = (column: string, e: ReactPointerEvent<HTMLElement>) => {
    if (e.button !== 0) return;
    // No text selection: the pointer crosses the page's text on its way to a field.
    e.preventDefault();
    const p = local(e);
    e.currentTarget.setPointerCapture?.(e.pointerId);
    setDrag({ column, x0: p.x, y0: p.y, x: p.x, y: p.y, moved: false });
  };
  const moveDrag = (e: ReactPointerEvent<HTMLElement>) => {
    if (!drag) return;
    const p = local(e);
    const moved = drag.moved || Math.hypot(p.x - drag.x0, p.y - drag.y0) > 4;
    setDrag({ ...drag, x: p.x, y: p.y, moved });
  };
  const endDrag = (e: ReactPointerEvent<HTMLElement>) => {
    if (!drag) return;
    setDrag(null);
    if (!drag.moved) {
      setPicked(picked === drag.column ? null : drag.column);
      return;
    }
    const under = document.elementFromPoint?.(e.clientX, e.clientY);
    const field = under?.closest<HTMLElement>('[data-field]')?.dataset.field;
    if (field) onConnect(drag.column, field);
  };

  const clickField = (field: string) => {
    if (picked) {
      onConnect(picked, field);
      setPicked(null);
    } else {
      onSelect(field);
    }
  };

  return (
    <div className={styles.canvasWrap}>
      <p className={styles.canvasHint} data-testid="canvas-hint">
        {picked ? words.picked(picked) : words.connectHint}
      </p>
      <div className={styles.canvasHeads}>
        <span>{words.sourceHeading}</span>
        <span />
        <span>{words.targetHeading}</span>
      </div>
      <div className={styles.canvas} data-testid="mapping-canvas">
        <div className={styles.canvasInner} style={{ height }} ref={box}>
          <ul className={styles.sourceNodes} aria-label={words.sourceHeading}>
            {columns.map((c) => (
              <li
                key={c.name}
                className={styles.node}
                data-testid={`source-${c.name}`}
                data-picked={picked === c.name}
                style={{ height: ROW }}
                onPointerDown={(e) => startDrag(c.name, e)}
                onPointerMove={moveDrag}
                onPointerUp={endDrag}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') setPicked(c.name);
                }}
                tabIndex={0}
                title={c.samples.join(' · ')}
              >
                <span className={styles.nodeName}>{c.name}</span>
                <span className={styles.nodeSamples}>
                  {c.samples.length > 0 ? c.samples.join(' · ') : words.noSample}
                </span>
                <span className={styles.portOut} aria-hidden />
              </li>
            ))}
          </ul>
          <svg
            className={styles.links}
            viewBox={`0 0 100 ${height}`}
            preserveAspectRatio="none"
            style={{ height }}
            aria-hidden={false}
            role="group"
          >
            {[...suggested, ...links].map((l) => {
              const y1 = yOfColumn(l.column);
              const y2 = yOfField(l.field);
              const d = `M0,${y1} C50,${y1} 50,${y2} 100,${y2}`;
              const id = `${l.suggested ? 'suggested' : 'link'}-${l.field}`;
              return (
                <g
                  key={id}
                  data-testid={id}
                  data-selected={selected === l.field}
                  className={l.suggested ? styles.suggestedLink : styles.link}
                  onClick={l.suggested ? undefined : () => onSelect(l.field)}
                >
                  <title>{words.connection(l.column, l.field)}</title>
                  <path d={d} className={styles.linkHit} vectorEffect="non-scaling-stroke" />
                  <path d={d} className={styles.linkLine} vectorEffect="non-scaling-stroke" />
                </g>
              );
            })}
          </svg>
          <ul className={styles.targetNodes} aria-label={words.targetHeading}>
            {fields.map((f) => (
              <TargetNode
                key={f.name}
                field={f}
                isKey={state.key.target === f.name}
                computed={state.fields.some((m) => m.target === f.name && !m.column)}
                selected={selected === f.name}
                onClick={() => clickField(f.name)}
                onKey={() => onKey(f.name)}
              />
            ))}
          </ul>
          {drag?.moved && (
            <svg className={styles.dragLayer} aria-hidden>
              <line x1={drag.x0} y1={drag.y0} x2={drag.x} y2={drag.y} />
            </svg>
          )}
        </div>
      </div>
    </div>
  );
}

type NodeProps = {
  field: TargetField;
  isKey: boolean;
  computed: boolean;
  selected: boolean;
  onClick: () => void;
  onKey: () => void;
};

function TargetNode({ field, isKey, computed, selected, onClick, onKey }: NodeProps) {
  const { t } = useI18n();
  const words = t.mapping.canvas;
  const allowed = field.type.type === 'enum' ? field.type.values : null;
  const kind = field.type.type === 'array' ? field.type.items.type : field.type.type;
  const typeText =
    field.type.type === 'array'
      ? `${words.types.array} (${words.types[kind]})`
      : words.types[field.type.type];
  return (
    <li
      className={styles.node}
      data-field={field.name}
      data-testid={`target-${field.name}`}
      data-key={isKey}
      data-selected={selected}
      style={{ height: ROW }}
      onClick={onClick}
      title={allowed ? words.allowed(allowed.join(', ')) : (field.description ?? undefined)}
    >
      <span className={styles.portIn} aria-hidden />
      <span className={styles.nodeName}>
        {field.name}
        {field.required && (
          <span className={styles.required} data-testid={`required-${field.name}`}>
            {' '}
            * {words.required}
          </span>
        )}
        {computed && <span className={styles.tag}>{words.computed}</span>}
      </span>
      <span className={styles.nodeSamples}>
        {typeText}
        {field.maxLength !== null && ` · ${words.maxLength(field.maxLength)}`}
        {allowed && ` · ${allowed.join(', ')}`}
      </span>
      <button
        type="button"
        className={styles.keyButton}
        data-active={isKey}
        data-testid={`key-${field.name}`}
        aria-pressed={isKey}
        title={t.mapping.key.label}
        onClick={(e) => {
          e.stopPropagation();
          onKey();
        }}
      >
        {words.key}
      </button>
    </li>
  );
}
