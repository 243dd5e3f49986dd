import { describe, expect, it } from 'vitest';

import type { Problem } from '../bindings/Problem';
import { en } from '../i18n/en';
import { fr } from '../i18n/fr';
import { problemLines, problemText } from './problemText';

/** A problem as the engine sends it, with an English message the window should not show. */
const problem = (
  kind: Problem['kind'],
  params: Record<string, string>,
  place: Partial<Problem> = {},
): Problem => ({
  row: 4,
  column: 'Statut',
  field: 'state',
  kind,
  message: `row 4, column « Statut »: the engine's English for ${kind}`,
  params,
  ...place,
});

describe('problems in the window’s language', () => {
  it('word a value outside the allowed ones in French and English, with its column', () => {
    const p = problem('notInEnum', { value: 'Suspendu', allowed: 'Draft, Active, Expired' });
    expect(problemText(p, fr)).toBe(
      "colonne « Statut » : « Suspendu » n'est pas l'une des valeurs Draft, Active, Expired : " +
        'ajoutez-la à la correspondance de valeurs, ou corrigez le fichier',
    );
    expect(problemText(p, en)).toBe(
      'column “Statut”: “Suspendu” is not one of Draft, Active, Expired: add it to the ' +
        'value map, or correct the file',
    );
  });

  it('word every kind from its params, never falling back to the English message', () => {
    const all: Problem[] = [
      problem('missingColumn', {}, { row: null }),
      problem('missingColumn', { closest: 'Statuts' }, { row: null }),
      problem('missingKey', { entity: 'contract' }),
      problem('required', {}),
      problem('required', {}, { column: null }),
      problem('tooLong', { value: 'Allemagne', length: '9', max: '2' }),
      problem('wrongType', { expected: 'one' }),
      ...['uuid', 'integer', 'number', 'boolean', 'dateTime'].map((expected) =>
        problem('wrongType', { expected, value: 'x' }),
      ),
      problem('wrongType', { expected: 'reference', value: 'Durand', target: 'Actor' }),
      problem('badDate', { value: '2024-31-03', formats: 'dd/MM/yyyy, excel' }),
      problem('badNumber', { value: 'n/a' }),
      problem('badBoolean', { value: 'peut-être' }),
      ...['tag', 'area', 'actor', 'asset'].map((lookup) =>
        problem('unresolvedLookup', { value: 'Inconnu', lookup }),
      ),
      ...['tag', 'area', 'actor', 'asset'].map((lookup) =>
        problem('ambiguousLookup', { value: 'Cloud', lookup, count: '2', ids: '7, 8' }),
      ),
    ];
    for (const t of [fr, en]) {
      const texts = all.map((p) => problemText(p, t));
      for (const [i, text] of texts.entries()) {
        expect(text, all[i]?.kind).not.toContain("engine's English");
        expect(text, all[i]?.kind).not.toContain('undefined');
      }
      expect(new Set(texts).size, 'each case has its own sentence').toBe(texts.length);
    }
    const [, closest, key, empty, unmapped, , , , , , , , reference, date] = all.map((p) =>
      problemText(p, fr),
    );
    expect(closest).toContain('vouliez-vous dire « Statuts » ?');
    expect(key).toContain("d'aucun contrat Dastra");
    expect(empty).toContain('la cellule est vide');
    expect(unmapped).toMatch(/^Dastra exige « state » et le profil n'y associe rien/);
    expect(reference).toContain("pas l'identifiant d'un acteur Dastra");
    expect(date).toContain('écrite dd/MM/yyyy ou excel');
    expect(problemText(all[13] as Problem, en)).toContain('written dd/MM/yyyy or excel');
  });

  it('fall back to the engine’s message, without its row, when the params are missing', () => {
    const old = problem('tooLong', {});
    expect(problemText(old, fr)).toBe("column « Statut »: the engine's English for tooLong");
    const unknown = problem('unresolvedLookup', { value: 'x', lookup: 'vendor' });
    expect(problemText(unknown, en)).toBe(
      "column « Statut »: the engine's English for unresolvedLookup",
    );
  });

  it('list several problems one per line', () => {
    const two = [problem('badNumber', { value: 'n/a' }), problem('badBoolean', { value: '?' })];
    expect(problemLines(two, en).split('\n')).toHaveLength(2);
  });
});
