// The mapping studio's commands in the fake backend: a few targets shaped like the contract's,
// files held in memory by path (a ServiceNow export, a vendor CSV), suggestions by column name,
// a small transform engine for the preview (trim, case, constant, value maps, enum and
// required checks, each problem at its cell), and profiles kept as revisions, as the Rust
// store does. What the engine does not know it passes unchanged.

import type { Commands } from '../bindings/commands';
import type { FieldMapping } from '../bindings/FieldMapping';
import type { PreviewCell } from '../bindings/PreviewCell';
import type { Problem } from '../bindings/Problem';
import type { ReadAs } from '../bindings/ReadAs';
import type { Profile } from '../bindings/Profile';
import type { ProfileSummary } from '../bindings/ProfileSummary';
import type { SourceSpec } from '../bindings/SourceSpec';
import type { TargetField } from '../bindings/TargetField';
import type { TargetSchema } from '../bindings/TargetSchema';
import type { Transform } from '../bindings/Transform';

export type MappingCommand =
  | 'mapping_targets'
  | 'mapping_source_open'
  | 'mapping_suggest'
  | 'mapping_preview'
  | 'mapping_profile_save'
  | 'mapping_profile_list'
  | 'mapping_profile_get'
  | 'mapping_profile_duplicate'
  | 'mapping_profile_export'
  | 'mapping_profile_import';

export type MappingHandlers = {
  [K in MappingCommand]: (req: Commands[K]['request']) => Commands[K]['response'];
};

type Row = Record<string, string>;

const field = (
  name: string,
  type: TargetField['type'],
  extra: Partial<TargetField> = {},
): TargetField => ({
  name,
  type,
  maxLength: null,
  required: false,
  description: null,
  assumed: false,
  ...extra,
});

const STATES = ['InProduction', 'InDevelopment', 'Stopped'];

export const TARGETS: TargetSchema[] = [
  {
    entity: 'asset',
    schema: 'AssetDto',
    fields: [
      field('ref', { type: 'string' }, { maxLength: 100, assumed: true }),
      field('label', { type: 'string' }, { required: true, maxLength: 655 }),
      field(
        'type',
        { type: 'enum', values: ['Software', 'Building', 'Network', 'Material'] },
        { required: true },
      ),
      field('description', { type: 'string' }),
      field('applicationState', { type: 'enum', values: STATES }),
      field('hostingType', { type: 'enum', values: ['InHouse', 'OutSourced'] }),
    ],
  },
  {
    entity: 'contract',
    schema: 'ContractDto',
    fields: [
      field('ref', { type: 'string' }),
      field('label', { type: 'string' }, { required: true }),
      field('startDate', { type: 'dateTime' }),
    ],
  },
  {
    entity: 'actor',
    schema: 'ActorDto',
    fields: [
      field('companyName', { type: 'string' }, { required: true }),
      field('city', { type: 'string' }, { maxLength: 155 }),
    ],
  },
];

/** The ServiceNow export the tests open: states as a French instance displays them. */
export const SERVICENOW_PATH = '/exports/servicenow.json';
const SERVICENOW: Row[] = Array.from({ length: 12 }, (_, i) => ({
  u_number: `APM${String(i + 1).padStart(7, '0')}`,
  name: ` Application ${i + 1} `,
  install_status: ['En production', 'Retiré', 'Pilote'][i % 3] as string,
  'owned_by.display_value': 'Claire Martin',
}));

export type MappingControl = {
  /** Files the fake can read, by path (a profile file holds its JSON under `profile`). */
  files: Map<string, { rows?: Row[]; text?: string }>;
};

const fail = (code: string, message: string) => ({ code, message });

export function fakeMapping(): { handlers: MappingHandlers; control: MappingControl } {
  const files: MappingControl['files'] = new Map([[SERVICENOW_PATH, { rows: SERVICENOW }]]);
  const saved = new Map<string, Profile[]>();

  const rowsOf = (path: string | null | undefined): Row[] => {
    const rows = files.get(path ?? '')?.rows;
    if (!rows) throw fail('notFound', `${path}: no such file; choose another`);
    return rows;
  };
  const summary = (id: string): ProfileSummary => {
    const revisions = saved.get(id);
    if (!revisions) throw fail('notFound', `no saved profile has the id « ${id} »`);
    const latest = revisions[revisions.length - 1] as Profile;
    return {
      id,
      name: latest.name,
      target: latest.target,
      revision: revisions.length,
      revisions: revisions.map((_, i) => i + 1),
      saved: '2026-12-04T03:00:00Z',
    };
  };
  const save = (profile: Profile) => {
    saved.set(profile.id, [...(saved.get(profile.id) ?? []), profile]);
    return summary(profile.id);
  };

  /** How the engine says it read each kind of source (a CSV as a French Excel writes it). */
  const readAsOf = (spec: SourceSpec): ReadAs => {
    switch (spec.kind) {
      case 'csv':
        return { kind: 'file', format: 'CSV', encoding: 'windows-1252', delimiter: ';' };
      case 'xlsx':
        return { kind: 'file', format: 'XLSX', sheet: spec.sheet ?? 'Feuil1' };
      case 'json':
        return { kind: 'file', format: 'JSON' };
      case 'sql':
        return { kind: 'query', connection: spec.connection };
      case 'rest':
        return { kind: 'recipe', recipe: 'Applications', connection: spec.connection };
    }
  };

  const handlers: MappingHandlers = {
    mapping_targets: () => ({
      targets: TARGETS,
      defaultKeys: [
        { entity: 'asset', field: 'ref' },
        { entity: 'contract', field: 'ref' },
        { entity: 'actor', field: 'companyName' },
      ],
    }),
    mapping_source_open: ({ source }) => {
      const rows = rowsOf(source.path);
      const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
      return {
        columns: names.map((name) => ({
          name,
          samples: rows
            .map((r) => r[name])
            .filter((v): v is string => !!v)
            .slice(0, 3),
          filled: rows.filter((r) => r[name]).length,
        })),
        records: rows.length,
        readAs: readAsOf(source.spec),
      };
    },
    mapping_suggest: ({ source, target }) => {
      const rows = rowsOf(source.path);
      if (target !== 'asset') return { fields: [], enumMaps: [] };
      const distinct = [...new Set(rows.map((r) => r.install_status).filter(Boolean))];
      const known: Record<string, string> = { 'En production': 'InProduction', Retiré: 'Stopped' };
      return {
        fields: [
          { targetField: 'ref', sourceColumn: 'u_number', score: 0.95, reason: 'usual name' },
          { targetField: 'label', sourceColumn: 'name', score: 0.9, reason: 'usual name' },
          {
            targetField: 'applicationState',
            sourceColumn: 'install_status',
            score: 0.8,
            reason: 'usual name',
          },
        ],
        enumMaps: [
          {
            targetField: 'applicationState',
            sourceColumn: 'install_status',
            values: distinct
              .filter((v) => v && known[v])
              .map((v) => ({ from: v as string, to: known[v as string] as string, score: 1 })),
            unmatched: distinct.filter((v): v is string => !!v && !known[v]),
          },
        ],
      };
    },
    mapping_preview: ({ source, profile, limit }) => {
      const rows = rowsOf(source.path).slice(0, limit);
      const schema = TARGETS.find((t) => t.entity === profile.target) as TargetSchema;
      const mappings: FieldMapping[] = [profile.key, ...profile.fields];
      let valid = 0;
      const out = rows.map((row, i) => {
        const cells = mappings.map((m) => cellOf(row, i + 1, m, schema));
        const problems: Problem[] = schema.fields
          .filter((f) => f.required && !mappings.some((m) => m.target === f.name))
          .map((f) => problem(i + 1, null, f.name, 'required', `« ${f.name} » is required`));
        if (problems.length === 0 && cells.every((c) => c.problems.length === 0)) valid += 1;
        return { row: i + 1, key: cells[0]?.value as string | undefined, cells, problems };
      });
      return {
        fields: mappings.map((m) => m.target),
        rows: out,
        sourceProblems: [],
        records: rowsOf(source.path).length,
        valid,
        invalid: out.length - valid,
      };
    },
    mapping_profile_save: ({ profile }) => save(profile),
    mapping_profile_list: () => ({
      profiles: [...saved.keys()].map(summary).sort((a, b) => a.name.localeCompare(b.name)),
    }),
    mapping_profile_get: ({ id, revision }) => {
      const s = summary(id);
      const r = revision ?? s.revision;
      return { summary: s, revision: r, profile: saved.get(id)?.[r - 1] as Profile };
    },
    mapping_profile_duplicate: ({ id, name }) => {
      const latest = saved.get(id)?.at(-1);
      if (!latest) throw fail('notFound', `no saved profile has the id « ${id} »`);
      return save({ ...latest, id: `${id}-copy`, name });
    },
    mapping_profile_export: ({ id, path }) => {
      const text = JSON.stringify(saved.get(id)?.at(-1), null, 2);
      files.set(path, { text });
      return { path, bytes: text.length };
    },
    mapping_profile_import: ({ path }) => {
      const text = files.get(path)?.text;
      if (text === undefined) throw fail('notFound', `${path} could not be read`);
      const profile = JSON.parse(text) as Profile;
      if (profile.version > 1) {
        throw fail(
          'invalid',
          `${path} was not imported: the profile uses format version ${profile.version}, and ` +
            'this Passerelle reads up to version 1: update Passerelle to open it',
        );
      }
      return save(profile);
    },
  };
  return { handlers, control: { files } };
}

function problem(
  row: number,
  column: string | null,
  field: string,
  kind: Problem['kind'],
  what: string,
  params: Record<string, string> = {},
): Problem {
  const at = column ? `row ${row}, column « ${column} »` : `row ${row}`;
  return { row, column, field, kind, message: `${at}: ${what}`, params };
}

function cellOf(row: Row, n: number, m: FieldMapping, schema: TargetSchema): PreviewCell {
  let value: string | null = m.column ? (row[m.column] ?? null) : null;
  for (const t of m.transforms ?? []) value = step(value, t);
  const target = schema.fields.find((f) => f.name === m.target);
  const allowed = target?.type.type === 'enum' ? target.type.values : null;
  if (value !== null && allowed && !allowed.includes(value)) {
    const what = `« ${value} » is not one of ${allowed.join(', ')}: add it to the value map`;
    return {
      field: m.target,
      problems: [
        problem(n, m.column ?? null, m.target, 'notInEnum', what, {
          value,
          allowed: allowed.join(', '),
        }),
      ],
    };
  }
  return { field: m.target, value: value ?? undefined, problems: [] };
}

function step(value: string | null, t: Transform): string | null {
  switch (t.op) {
    case 'trim':
      return value?.trim() ?? null;
    case 'upper':
      return value?.toUpperCase() ?? null;
    case 'lower':
      return value?.toLowerCase() ?? null;
    case 'constant':
      return String(t.value);
    case 'defaultWhenEmpty':
      return value === null || value === '' ? String(t.value) : value;
    case 'valueMap':
      return value !== null && value in t.values ? (t.values[value] as string) : value;
    default:
      return value;
  }
}
