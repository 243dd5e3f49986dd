// The steps of a transform chain as the editor offers them: each kind of step, a new step of
// that kind with sensible defaults, and moving, replacing and removing steps in a chain.

import type { Transform } from '../bindings/Transform';

export type StepOp = Transform['op'];

/** Every kind of step, in the order the editor lists them. */
export const STEP_OPS: StepOp[] = [
  'trim',
  'lower',
  'upper',
  'title',
  'replace',
  'regexExtract',
  'split',
  'join',
  'concat',
  'constant',
  'defaultWhenEmpty',
  'date',
  'number',
  'boolean',
  'valueMap',
  'lookup',
];

/** A new step of kind `op`, ready to run (a date step reads `dd/MM/yyyy` first). */
export function newStep(op: StepOp): Transform {
  switch (op) {
    case 'trim':
    case 'lower':
    case 'upper':
    case 'title':
    case 'boolean':
      return { op };
    case 'replace':
      return { op, from: '', to: '' };
    case 'regexExtract':
      return { op, pattern: '(.*)', group: 1 };
    case 'split':
      return { op, separator: ',', index: null };
    case 'join':
      return { op, separator: ', ' };
    case 'concat':
      return { op, columns: [], separator: ' ' };
    case 'constant':
    case 'defaultWhenEmpty':
      return { op, value: '' };
    case 'date':
      return { op, formats: ['dd/MM/yyyy', 'yyyy-MM-dd'] };
    case 'number':
      return { op, decimal: 'auto' };
    case 'valueMap':
      return { op, values: {} };
    case 'lookup':
      return { op, kind: 'tag' };
  }
}

export function addStep(chain: Transform[], op: StepOp): Transform[] {
  return [...chain, newStep(op)];
}

export function replaceStep(chain: Transform[], index: number, step: Transform): Transform[] {
  return chain.map((t, i) => (i === index ? step : t));
}

export function removeStep(chain: Transform[], index: number): Transform[] {
  return chain.filter((_, i) => i !== index);
}

/** Move the step at `index` one place up (-1) or down (+1); out of range does nothing. */
export function moveStep(chain: Transform[], index: number, by: -1 | 1): Transform[] {
  const to = index + by;
  if (index < 0 || index >= chain.length || to < 0 || to >= chain.length) return chain;
  const next = [...chain];
  const moved = next[index] as Transform;
  next[index] = next[to] as Transform;
  next[to] = moved;
  return next;
}

/**
 * What is wrong with a step as typed, before the backend sees it, as a message key: an empty
 * search text, a pattern that does not compile, a date step with no format.
 */
export type StepProblem = 'emptyFind' | 'badPattern' | 'noFormat' | 'emptySeparator' | null;

export function stepProblem(step: Transform): StepProblem {
  switch (step.op) {
    case 'replace':
      return step.from === '' ? 'emptyFind' : null;
    case 'regexExtract':
      try {
        new RegExp(step.pattern);
        return null;
      } catch {
        return 'badPattern';
      }
    case 'date':
      return step.formats.some((f) => f.trim() !== '') ? null : 'noFormat';
    case 'split':
      return step.separator === '' ? 'emptySeparator' : null;
    default:
      return null;
  }
}

/** A chain the backend can run: every step without a problem. */
export function chainReady(chain: Transform[]): boolean {
  return chain.every((s) => stepProblem(s) === null);
}
