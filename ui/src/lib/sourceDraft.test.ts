import { describe, expect, it } from 'vitest';

import type { SourceSpec } from '../bindings/SourceSpec';
import { draftOf, draftReady, dtoOf, profileSource, specOf } from './sourceDraft';

describe('a source typed in a form', () => {
  it('gives back the spec it was made from, for every kind', () => {
    const specs: SourceSpec[] = [
      { name: 'servicenow', kind: 'json', records: 'result' },
      { name: 'achats', kind: 'csv', delimiter: ';', encoding: 'windows-1252' },
      { name: 'contrats', kind: 'xlsx', sheet: 'Contrats' },
      { name: 'erp', kind: 'sql', connection: 'ERP', query: 'SELECT * FROM apps' },
      { name: 'crm', kind: 'rest', connection: 'CRM', recipe: '/recipes/crm.json' },
    ];
    for (const spec of specs) expect(specOf(draftOf(spec, '/x')), spec.kind).toEqual(spec);
  });

  it('sends a file only for a file source, and is ready once it names what it reads', () => {
    const file = draftOf({ name: 's', kind: 'json', records: null }, ' /exports/s.json ');
    expect(dtoOf(file)).toEqual({
      path: '/exports/s.json',
      spec: { name: 's', kind: 'json', records: null },
    });
    expect(draftReady({ ...file, path: ' ' })).toBe(false);
    const sql = draftOf({ name: 'erp', kind: 'sql', connection: '', query: 'SELECT 1' }, '/x');
    expect(dtoOf(sql)).toEqual({
      spec: { name: 'erp', kind: 'sql', connection: '', query: 'SELECT 1' },
    });
    expect(draftReady(sql)).toBe(false);
    expect(draftReady({ ...sql, connection: 'ERP' })).toBe(true);
  });

  it('reads the source of a profile document, and nothing from text that is not one', () => {
    const profile = {
      version: 1,
      source: { name: 'erp', kind: 'sql', connection: 'c', query: 'q' },
    };
    expect(profileSource(JSON.stringify(profile))?.kind).toBe('sql');
    expect(profileSource('{"source": {"name": "x", "kind": "parquet"}}')).toBeNull();
    expect(profileSource('{"version": 1')).toBeNull();
    expect(profileSource('null')).toBeNull();
  });
});
