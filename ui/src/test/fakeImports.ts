// The import commands of the fake backend: a generated plan of any size (10,000 rows for the
// speed tests), filtered with the same logic as the screen's (lib/planTable.ts), choices,
// an apply and an undo that move on in steps and send `import_progress` / `import_finished`.

import type { Commands } from '../bindings/commands';
import type { ImportRowView } from '../bindings/ImportRowView';
import type { ImportView } from '../bindings/ImportView';
import type { OutcomeCounts } from '../bindings/OutcomeCounts';
import type { RowOutcomeView } from '../bindings/RowOutcomeView';
import type { WriteFailure } from '../bindings/WriteFailure';
import {
  countKinds,
  countToWrite,
  filterRows,
  rowText,
  withChoice,
  withSelected,
} from '../lib/planTable';

type Name =
  | 'import_plan'
  | 'import_get'
  | 'import_rows'
  | 'import_choose'
  | 'import_apply'
  | 'import_cancel'
  | 'import_undo'
  | 'import_history';
type Handlers = {
  [K in Name]: (req: Commands[K]['request']) => Commands[K]['response'];
};

/** A plan of `n` rows: mostly updates and creates, some of every other class. */
export function fakePlanRows(n: number): ImportRowView[] {
  const rows: ImportRowView[] = [];
  for (let i = 0; i < n; i++) {
    const number = String(i).padStart(4, '0');
    const key = `APM01${String(i).padStart(5, '0')}`;
    const base: ImportRowView = {
      index: i,
      sourceRow: i + 1,
      key,
      label: `Application école ${number}`,
      kind: 'update',
      planned: 'update',
      changes: [],
      problems: [],
      selected: true,
      selectable: true,
    };
    const slot = i % 20;
    if (slot < 9) {
      rows.push({
        ...base,
        changes: [
          { field: 'label', before: `Ancienne appli ${number}`, after: base.label as string },
          { field: 'applicationState', before: 'InProduction', after: 'Stopped' },
        ],
      });
    } else if (slot < 14) {
      rows.push({ ...base, kind: 'create', planned: 'create' });
    } else if (slot < 17) {
      rows.push({
        ...base,
        kind: 'unchanged',
        planned: 'unchanged',
        selected: false,
        selectable: false,
      });
    } else if (slot === 17) {
      const duplicate = i % 40 === 17;
      rows.push({
        ...base,
        kind: 'conflict',
        planned: 'conflict',
        selected: false,
        selectable: false,
        conflict: duplicate
          ? {
              cause: 'duplicateInSource',
              rows: [i + 1, i + 2],
              ids: [],
              problems: [],
              message: 'duplicate',
            }
          : {
              cause: 'severalInDastra',
              rows: [],
              ids: ['41', '42'],
              problems: [],
              message: 'several',
            },
      });
    } else if (slot === 18) {
      rows.push({
        ...base,
        kind: 'invalid',
        planned: 'invalid',
        selected: false,
        selectable: false,
        problems: [
          {
            row: i + 1,
            column: 'install_status',
            field: 'applicationState',
            kind: 'notInEnum',
            message: `row ${i + 1}, column « install_status »: « 9 » is not one of InProduction, InDevelopment, Stopped: add it to the value map or correct the file`,
            params: { value: '9', allowed: 'InProduction, InDevelopment, Stopped' },
          },
        ],
      });
    } else {
      rows.push({
        ...base,
        sourceRow: undefined,
        kind: 'missing',
        planned: 'missing',
        missing: { action: 'tag', label: 'servicenow-todelete' },
      });
    }
  }
  return rows;
}

export type ImportsControl = {
  /** The rows of a plan as the fake holds them. */
  rows(planId: string): ImportRowView[];
};

export type ImportsOptions = {
  rows?: number;
  stepMs?: number;
  /** A profile whose missing-records policy Dastra cannot carry out on assets: the missing
   * rows are left alone and the plan warns. */
  unsupportedPolicy?: 'archive' | 'tag';
  /** Dastra down for the first apply: every row fails with this cause, as the engine reports
   * it, and the import stops `failed`; the next apply writes them. */
  firstApplyFails?: WriteFailure;
};

const NO_OUTCOMES: OutcomeCounts = {
  created: 0,
  updated: 0,
  tagged: 0,
  archived: 0,
  skipped: 0,
  stale: 0,
  failed: 0,
  unsupported: 0,
  undone: 0,
};

type Stored = { view: ImportView; rows: ImportRowView[]; texts: string[]; cancel: boolean };

export function fakeImports(
  emit: (event: string, payload: unknown) => Promise<void>,
  options: ImportsOptions = {},
): { handlers: Handlers; control: ImportsControl } {
  const plans = new Map<string, Stored>();
  let next = 1;

  const get = (planId: string): Stored => {
    const found = plans.get(planId);
    if (!found) throw { code: 'notFound', message: `there is no import ${planId}` };
    return found;
  };
  const recount = (s: Stored) => {
    s.view = { ...s.view, counts: countKinds(s.rows), toWrite: countToWrite(s.rows) };
    const outcomes = { ...NO_OUTCOMES };
    for (const r of s.rows) if (r.outcome) outcomes[r.outcome.kind] += 1;
    s.view.outcomes = outcomes;
    return s.view;
  };

  let applies = 0;
  const run = (s: Stored, operation: 'apply' | 'undo') => {
    const failing = operation === 'apply' && applies++ === 0 ? options.firstApplyFails : undefined;
    const todo = s.rows.filter((r) =>
      operation === 'apply'
        ? r.selected && (!r.outcome || r.outcome.kind === 'failed')
        : r.outcome && r.outcome.kind !== 'skipped',
    );
    const step = Math.max(1, Math.ceil(todo.length / 5));
    let done = 0;
    const tick = () => {
      if (s.cancel) {
        s.cancel = false;
        s.view = { ...recount(s), state: 'cancelled' };
        void emit('import_finished', { planId: s.view.planId, operation, state: 'cancelled' });
        return;
      }
      for (const r of todo.slice(done, done + step)) {
        const outcome: RowOutcomeView =
          operation === 'apply' && failing
            ? { kind: 'failed', message: 'dastra: 503 Service Unavailable', cause: failing }
            : operation === 'undo'
              ? { kind: 'undone', id: r.key ?? undefined }
              : r.kind === 'create'
                ? { kind: 'created', id: `${r.index + 5000}` }
                : r.kind === 'missing'
                  ? { kind: 'tagged', id: `${r.index}` }
                  : r.index % 97 === 0
                    ? { kind: 'stale', id: `${r.index}` }
                    : { kind: 'updated', id: `${r.index}` };
        r.outcome = outcome;
      }
      done = Math.min(todo.length, done + step);
      recount(s);
      void emit('import_progress', {
        planId: s.view.planId,
        operation,
        done,
        total: todo.length,
        outcomes: s.view.outcomes,
        etaSeconds: done < todo.length ? (todo.length - done) * 2 : undefined,
      });
      if (done < todo.length) {
        setTimeout(tick, options.stepMs ?? 5);
        return;
      }
      const state = failing ? 'failed' : operation === 'apply' ? 'applied' : 'undone';
      const at = new Date().toISOString();
      s.view = {
        ...s.view,
        state,
        stop: failing ? { kind: 'rowsFailed', rows: todo.length } : undefined,
        ...(operation === 'apply' ? { appliedAt: at } : { undoneAt: at }),
      };
      void emit('import_finished', { planId: s.view.planId, operation, state });
    };
    setTimeout(tick, options.stepMs ?? 5);
  };

  const handlers: Handlers = {
    import_plan: (req) => {
      const { spec } = req.source;
      const path = req.source.path?.trim() ?? '';
      if (spec.kind !== 'sql' && spec.kind !== 'rest' && path === '') {
        throw {
          code: 'invalid',
          message: `the profile reads a ${spec.kind} file: name the file to import`,
        };
      }
      // As the engine refuses them: a file that is not there, a profile reading a column the
      // source lacks (the windows words both from their field and problems).
      if (path.endsWith('nowhere.json')) {
        const field = { field: 'source.path', problem: 'no file is there', fix: 'check the path' };
        throw { code: 'notFound', message: `file ${path}: not found`, fields: [field] };
      }
      if (req.profile.includes('"libelle"')) {
        const message =
          'the profile reads columns the source does not have: row -, column « libelle »: the source has no such column';
        const problem = {
          row: null,
          column: 'libelle',
          field: 'label',
          kind: 'missingColumn' as const,
          message,
          params: { closest: 'label' },
        };
        throw { code: 'invalid', message, problems: [problem] };
      }
      let name = 'Applications ServiceNow';
      try {
        name = (JSON.parse(req.profile) as { name?: string }).name ?? name;
      } catch {
        throw { code: 'invalid', message: 'mapping error: the profile is not valid JSON' };
      }
      const planId = `plan-${next++}`;
      const policy = options.unsupportedPolicy;
      const rows = fakePlanRows(options.rows ?? 120).map((r) =>
        policy && r.kind === 'missing'
          ? { ...r, missing: { action: 'unsupported', policy }, selected: false, selectable: false }
          : r,
      );
      const missing = rows.filter((r) => r.kind === 'missing').length;
      const view: ImportView = {
        planId,
        profileId: 'servicenow-apps',
        profileName: name,
        entity: 'asset',
        keyField: 'ref',
        sourceName:
          spec.kind === 'sql' || spec.kind === 'rest'
            ? `${spec.kind === 'sql' ? 'query' : 'recipe'} on « ${spec.connection} »`
            : (path.split('/').pop() ?? path),
        source:
          spec.kind === 'sql'
            ? { kind: 'query', connection: 'ERP local' }
            : spec.kind === 'rest'
              ? { kind: 'recipe', recipe: 'Fournisseurs', connection: 'CRM commercial' }
              : { kind: 'file', name: path.split('/').pop() ?? path },
        createdAt: new Date().toISOString(),
        state: 'planned',
        counts: countKinds(rows),
        rows: rows.length,
        toWrite: countToWrite(rows),
        outcomes: { ...NO_OUTCOMES },
        warnings: policy
          ? [
              {
                kind: 'missingPolicyUnsupported',
                policy,
                entity: 'asset',
                missing,
                message: `the profile asks to ${policy} the records missing from the source`,
              },
            ]
          : [],
      };
      const stored = { view, rows, texts: rows.map(rowText), cancel: false };
      plans.set(planId, stored);
      return recount(stored);
    },
    import_get: (req) => get(req.planId).view,
    import_rows: (req) => {
      const s = get(req.planId);
      const matching = filterRows(s.rows, req, s.texts);
      return {
        rows: matching.slice(req.offset, req.offset + req.limit),
        total: matching.length,
        offset: req.offset,
      };
    },
    import_choose: (req) => {
      const s = get(req.planId);
      if (s.view.state !== 'planned') {
        throw { code: 'invalid', message: 'this import was applied already' };
      }
      for (const i of req.indexes) {
        let row = s.rows[i] as ImportRowView;
        if (req.choice) {
          try {
            row = withChoice(row, req.choice, row.index % 3 === 0 ? 'create' : 'update');
          } catch (e) {
            throw { code: 'invalid', message: (e as Error).message };
          }
        }
        if (req.selected !== undefined) row = withSelected(row, req.selected);
        s.rows[i] = row;
      }
      s.texts = s.rows.map(rowText);
      return recount(s);
    },
    import_apply: (req) => {
      const s = get(req.planId);
      s.view = { ...s.view, state: 'applying' };
      run(s, 'apply');
      return s.view;
    },
    import_cancel: (req) => {
      const s = get(req.planId);
      s.cancel = true;
      return s.view;
    },
    import_undo: (req) => {
      const s = get(req.planId);
      s.view = { ...s.view, state: 'undoing' };
      run(s, 'undo');
      return s.view;
    },
    import_history: () => ({
      imports: [...plans.values()].map((s) => s.view).reverse(),
    }),
  };
  return { handlers, control: { rows: (planId) => get(planId).rows } };
}
