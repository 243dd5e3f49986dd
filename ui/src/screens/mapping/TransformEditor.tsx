import { useState } from 'react';

import type { TargetField } from '../../bindings/TargetField';
import type { Transform } from '../../bindings/Transform';
import { Button } from '../../components/Button';
import { useI18n } from '../../i18n';
import {
  addStep,
  moveStep,
  removeStep,
  replaceStep,
  STEP_OPS,
  stepProblem,
  type StepOp,
} from '../../lib/transformSteps';
import styles from './Mapping.module.css';

type Props = {
  field: TargetField;
  column: string | null;
  chain: Transform[];
  /** Values seen in the source column, for the value map. */
  seen: string[];
  /** Every source column, for concatenation. */
  columns: string[];
  onChange: (chain: Transform[]) => void;
  onDisconnect: () => void;
  onClose: () => void;
};

/** The chain of one connection: its steps in order, each edited in place. */
export function TransformEditor(props: Props) {
  const { field, column, chain, onChange } = props;
  const { t } = useI18n();
  const words = t.mapping.editor;
  const [adding, setAdding] = useState<StepOp>('trim');

  return (
    <aside
      className={styles.editor}
      data-testid="transform-editor"
      aria-label={words.title(field.name)}
    >
      <div className={styles.editorHead}>
        <h2>{words.title(field.name)}</h2>
        <Button variant="ghost" onClick={props.onClose} testId="editor-close">
          {words.close}
        </Button>
      </div>
      <div className={styles.editorFrom}>
        <p className={styles.muted}>{column ? words.from(column) : words.noColumn}</p>
        <Button variant="danger" onClick={props.onDisconnect} testId="disconnect">
          {words.disconnect}
        </Button>
      </div>
      {chain.length === 0 && <p className={styles.muted}>{words.empty}</p>}
      <ol className={styles.steps}>
        {chain.map((step, i) => {
          const problem = stepProblem(step);
          return (
            <li key={i} className={styles.step} data-testid={`step-${i}`} data-op={step.op}>
              <div className={styles.stepHead}>
                <strong>{words.ops[step.op]}</strong>
                <span className={styles.stepButtons}>
                  <button
                    type="button"
                    onClick={() => onChange(moveStep(chain, i, -1))}
                    title={words.up}
                    disabled={i === 0}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    onClick={() => onChange(moveStep(chain, i, 1))}
                    title={words.down}
                    disabled={i === chain.length - 1}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    onClick={() => onChange(removeStep(chain, i))}
                    title={words.remove}
                    data-testid={`step-remove-${i}`}
                  >
                    ✕
                  </button>
                </span>
              </div>
              <StepFields
                step={step}
                field={field}
                seen={props.seen}
                columns={props.columns}
                onChange={(s) => onChange(replaceStep(chain, i, s))}
              />
              {problem && <p className={styles.stepProblem}>{words.problems[problem]}</p>}
            </li>
          );
        })}
      </ol>
      <div className={styles.addStep}>
        <select
          aria-label={words.add}
          value={adding}
          onChange={(e) => setAdding(e.target.value as StepOp)}
          data-testid="step-kind"
        >
          {STEP_OPS.map((op) => (
            <option key={op} value={op}>
              {words.ops[op]}
            </option>
          ))}
        </select>
        <Button onClick={() => onChange(addStep(chain, adding))} testId="step-add">
          {words.addShort}
        </Button>
      </div>
    </aside>
  );
}

type StepProps = {
  step: Transform;
  field: TargetField;
  seen: string[];
  columns: string[];
  onChange: (step: Transform) => void;
};

function StepFields({ step, field, seen, columns, onChange }: StepProps) {
  const { t } = useI18n();
  const words = t.mapping.editor;
  const text = (label: string, value: string, set: (v: string) => void, testId?: string) => (
    <label className={styles.inline}>
      <span>{label}</span>
      <input value={value} onChange={(e) => set(e.target.value)} data-testid={testId} />
    </label>
  );
  switch (step.op) {
    case 'replace':
      return (
        <>
          {text(words.find, step.from, (from) => onChange({ ...step, from }))}
          {text(words.replaceWith, step.to, (to) => onChange({ ...step, to }))}
        </>
      );
    case 'regexExtract':
      return (
        <>
          {text(words.pattern, step.pattern, (pattern) => onChange({ ...step, pattern }))}
          {text(words.group, String(step.group), (g) =>
            onChange({ ...step, group: Math.max(0, Number(g) || 0) }),
          )}
        </>
      );
    case 'split':
      return (
        <>
          {text(words.separator, step.separator, (separator) => onChange({ ...step, separator }))}
          {text(words.index, step.index == null ? '' : String(step.index), (v) =>
            onChange({ ...step, index: v.trim() === '' ? null : Math.max(0, Number(v) || 0) }),
          )}
        </>
      );
    case 'join':
      return text(words.separator, step.separator, (separator) => onChange({ ...step, separator }));
    case 'concat':
      return (
        <>
          <label className={styles.inline}>
            <span>{words.columns}</span>
            <select
              multiple
              value={step.columns}
              onChange={(e) =>
                onChange({ ...step, columns: [...e.target.selectedOptions].map((o) => o.value) })
              }
            >
              {columns.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
          {text(words.separator, step.separator, (separator) => onChange({ ...step, separator }))}
        </>
      );
    case 'constant':
    case 'defaultWhenEmpty':
      return <ConstantValue step={step} field={field} onChange={onChange} />;
    case 'date':
      return (
        <label className={styles.inline}>
          <span>{words.formats}</span>
          <textarea
            rows={2}
            value={step.formats.join('\n')}
            onChange={(e) => onChange({ ...step, formats: e.target.value.split('\n') })}
          />
        </label>
      );
    case 'number':
      return (
        <label className={styles.inline}>
          <span>{words.decimal}</span>
          <select
            value={step.decimal}
            onChange={(e) => onChange({ ...step, decimal: e.target.value as typeof step.decimal })}
          >
            {(['auto', 'comma', 'point'] as const).map((d) => (
              <option key={d} value={d}>
                {words.decimals[d]}
              </option>
            ))}
          </select>
        </label>
      );
    case 'lookup':
      return (
        <label className={styles.inline}>
          <span>{words.lookupKind}</span>
          <select
            value={step.kind}
            onChange={(e) => onChange({ ...step, kind: e.target.value as typeof step.kind })}
            data-testid="lookup-kind"
          >
            {(['tag', 'area', 'actor', 'asset'] as const).map((k) => (
              <option key={k} value={k}>
                {words.lookupKinds[k]}
              </option>
            ))}
          </select>
        </label>
      );
    case 'valueMap':
      return <ValueMapEditor step={step} field={field} seen={seen} onChange={onChange} />;
    default:
      return null;
  }
}

type ConstantProps = {
  step: Extract<Transform, { op: 'constant' | 'defaultWhenEmpty' }>;
  field: TargetField;
  onChange: (step: Transform) => void;
};

function ConstantValue({ step, field, onChange }: ConstantProps) {
  const { t } = useI18n();
  const allowed = field.type.type === 'enum' ? field.type.values : null;
  const value = typeof step.value === 'string' ? step.value : JSON.stringify(step.value ?? '');
  return (
    <label className={styles.inline}>
      <span>{t.mapping.editor.value}</span>
      {allowed ? (
        <select
          value={value}
          onChange={(e) => onChange({ ...step, value: e.target.value })}
          data-testid="constant-value"
        >
          <option value="">{t.mapping.editor.mapNone}</option>
          {allowed.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      ) : (
        <input
          value={value}
          onChange={(e) => onChange({ ...step, value: e.target.value })}
          data-testid="constant-value"
        />
      )}
    </label>
  );
}

type MapProps = {
  step: Extract<Transform, { op: 'valueMap' }>;
  field: TargetField;
  seen: string[];
  onChange: (step: Transform) => void;
};

/** Source values paired with allowed values; values seen in the source are listed first. */
function ValueMapEditor({ step, field, seen, onChange }: MapProps) {
  const { t } = useI18n();
  const words = t.mapping.editor;
  const [extra, setExtra] = useState('');
  const allowed =
    field.type.type === 'enum'
      ? field.type.values
      : field.type.type === 'array' && field.type.items.type === 'enum'
        ? field.type.items.values
        : null;
  const froms = [...new Set([...seen, ...Object.keys(step.values)])];
  const set = (from: string, to: string) => {
    const values = { ...step.values };
    if (to === '') delete values[from];
    else values[from] = to;
    onChange({ ...step, values });
  };
  return (
    <div className={styles.valueMap}>
      <div className={styles.valueMapHead}>
        <span>{words.mapFrom}</span>
        <span>{words.mapTo}</span>
      </div>
      {froms.map((from) => (
        <div key={from} className={styles.valueMapRow} data-testid={`map-row-${from}`}>
          <span className={styles.mapFrom}>{from}</span>
          {allowed ? (
            <select
              value={step.values[from] ?? ''}
              onChange={(e) => set(from, e.target.value)}
              data-testid={`map-to-${from}`}
              data-unmapped={!(from in step.values)}
            >
              <option value="">{words.mapNone}</option>
              {allowed.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          ) : (
            <input
              value={step.values[from] ?? ''}
              onChange={(e) => set(from, e.target.value)}
              data-testid={`map-to-${from}`}
            />
          )}
        </div>
      ))}
      <div className={styles.valueMapRow}>
        <input
          value={extra}
          placeholder={words.mapAddPlaceholder}
          onChange={(e) => setExtra(e.target.value)}
          data-testid="map-add-from"
        />
        <Button
          disabled={extra.trim() === ''}
          onClick={() => {
            set(extra.trim(), allowed?.[0] ?? extra.trim());
            setExtra('');
          }}
        >
          {words.mapAdd}
        </Button>
      </div>
    </div>
  );
}
