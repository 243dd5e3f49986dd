// A problem with a source value, worded in the window's language from the kind and params the
// engine sends (`passerelle_mapping::Problem`). The engine's English message is the fallback
// for a problem without the params its kind needs (a plan made by an older version).
// The row is left out: the preview and the plan table show it beside the problem.

import type { Problem } from '../bindings/Problem';
import type { Messages } from '../i18n';

type Words = Messages['problems'];

/** `problem` as the DPO reads it: where (its column), what is wrong, and how to fix it. */
export function problemText(problem: Problem, t: Messages): string {
  const w = t.problems;
  const what = wording(problem, w);
  if (what === null) return withoutRow(problem);
  return problem.column ? w.at(problem.column, what) : capitalised(what);
}

/** Every problem of a list, one per line (for a tooltip). */
export function problemLines(problems: readonly Problem[], t: Messages): string {
  return problems.map((p) => problemText(p, t)).join('\n');
}

function wording(problem: Problem, w: Words): string | null {
  const p = problem.params;
  const has = (...names: string[]) => names.every((n) => typeof p[n] === 'string');
  const field = problem.field ?? '';
  switch (problem.kind) {
    case 'missingColumn':
      return has('closest') ? w.missingColumnClosest(p.closest as string) : w.missingColumn;
    case 'missingKey':
      return has('entity') ? w.missingKey(pick(w.entities, p.entity as string)) : null;
    case 'required':
      return problem.column ? w.requiredEmpty(field) : w.requiredUnmapped(field);
    case 'tooLong':
      return has('value', 'length', 'max')
        ? w.tooLong(p.value as string, p.length as string, p.max as string, field)
        : null;
    case 'notInEnum':
      return has('value', 'allowed') ? w.notInEnum(p.value as string, p.allowed as string) : null;
    case 'wrongType':
      return wrongType(problem, w);
    case 'badDate':
      return has('value', 'formats')
        ? w.badDate(p.value as string, (p.formats as string).split(', ').join(w.or))
        : null;
    case 'badNumber':
      return has('value') ? w.badNumber(p.value as string) : null;
    case 'badBoolean':
      return has('value') ? w.badBoolean(p.value as string) : null;
    case 'unresolvedLookup': {
      const say = has('value') ? lookup(w.unresolvedLookup, p.lookup) : undefined;
      return say ? say(p.value as string) : null;
    }
    case 'ambiguousLookup': {
      const say = has('value', 'count', 'ids') ? lookup(w.ambiguousLookup, p.lookup) : undefined;
      return say ? say(p.count as string, p.value as string, p.ids as string) : null;
    }
  }
}

function wrongType(problem: Problem, w: Words): string | null {
  const { expected, value, target } = problem.params;
  const field = problem.field ?? '';
  if (expected === 'one') return w.wrongType.one(field);
  if (value === undefined) return null;
  switch (expected) {
    case 'uuid':
    case 'integer':
    case 'number':
    case 'boolean':
    case 'dateTime':
      return w.wrongType[expected](value, field);
    case 'reference':
      return target === undefined
        ? null
        : w.wrongType.reference(value, field, pick(w.referenced, target));
    default:
      return null;
  }
}

/** The sentence of a look-up kind, when the kind is one the catalogue knows. */
function lookup<F>(sentences: Record<'tag' | 'area' | 'actor' | 'asset', F>, kind?: string) {
  return kind === 'tag' || kind === 'area' || kind === 'actor' || kind === 'asset'
    ? sentences[kind]
    : undefined;
}

/** `names[key]`, or the key itself for a name the catalogue does not have. */
function pick(names: Record<string, string>, key: string): string {
  return names[key] ?? key;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The engine's message without its leading "row N, ", which the screen shows apart. */
function withoutRow(problem: Problem): string {
  const prefix = problem.row === null ? '' : `row ${problem.row}, `;
  return prefix && problem.message.startsWith(prefix)
    ? problem.message.slice(prefix.length)
    : problem.message;
}
