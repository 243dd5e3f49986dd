import { describe, expect, it } from 'vitest';

import { IpcError } from '../../api';
import type { RowOutcomeView } from '../../bindings/RowOutcomeView';
import type { WriteFailure } from '../../bindings/WriteFailure';
import { en } from '../../i18n/en';
import { fr } from '../../i18n/fr';
import { runRefusalText } from './labels';
import { outcomeReason, writeFailureText } from './writeFailure';

const ENGLISH = 'dastra: the engine’s English, which the window does not show';
const failed = (cause?: WriteFailure): RowOutcomeView => ({
  kind: 'failed',
  message: ENGLISH,
  cause,
});

describe('why a row was not written, in the window’s language', () => {
  it('words Dastra down with its status, in French and English', () => {
    const down: WriteFailure = { kind: 'dastra', refusal: 'unavailable', status: 503 };
    expect(outcomeReason(failed(down), fr)).toBe(
      'Dastra injoignable (HTTP 503). Reprenez l’application quand il répond de nouveau.',
    );
    expect(outcomeReason(failed(down), en)).toBe(
      'Dastra unreachable (HTTP 503). Resume once it answers again.',
    );
    expect(writeFailureText({ kind: 'dastra', refusal: 'unavailable' }, fr)).toBe(
      'Dastra injoignable. Reprenez l’application quand il répond de nouveau.',
    );
  });

  it('quotes what Dastra said when it refused the values', () => {
    const refused: WriteFailure = {
      kind: 'dastra',
      refusal: 'rejected',
      status: 400,
      detail: 'label: The field is required',
    };
    expect(writeFailureText(refused, fr)).toBe(
      'Dastra a refusé les valeurs de cette ligne. Corrigez la source ou le profil, puis ' +
        'préparez le plan à nouveau. Dastra a répondu : « label: The field is required »',
    );
    expect(writeFailureText(refused, en)).toBe(
      "Dastra refused this row's values. Fix the source or the profile, then prepare the plan " +
        'again. Dastra said: "label: The field is required"',
    );
  });

  it('names the key held by several records, with their count', () => {
    const several: WriteFailure = { kind: 'keyHeldBySeveral', count: 2, field: 'ref' };
    expect(writeFailureText(several, fr)).toBe(
      '2 fiches portent maintenant ce « ref » dans Dastra. N’en gardez qu’une, puis préparez ' +
        'le plan à nouveau.',
    );
    expect(writeFailureText(several, en)).toContain('2 records now have this "ref"');
  });

  it('words every cause in both languages, never with the engine’s English', () => {
    const refusals = [
      'unauthorized',
      'forbidden',
      'notFound',
      'rejected',
      'rateLimited',
      'unavailable',
      'protocol',
      'other',
    ] as const;
    const causes: WriteFailure[] = [
      ...refusals.map((refusal): WriteFailure => ({ kind: 'dastra', refusal, status: 418 })),
      { kind: 'createLost' },
      { kind: 'updateLost' },
      { kind: 'keyHeldBySeveral', count: 3, field: 'ref' },
      { kind: 'internal' },
    ];
    for (const t of [fr, en]) {
      const texts = causes.map((c) => outcomeReason(failed(c), t));
      for (const text of texts) {
        expect(text).toBeTruthy();
        expect(text).not.toContain(ENGLISH);
      }
      expect(new Set(texts).size, 'each cause its own words').toBe(causes.length);
    }
    expect(outcomeReason(failed({ kind: 'dastra', refusal: 'forbidden' }), fr)).toMatch(
      /n’a pas le droit/,
    );
  });

  it('falls back to the engine’s words for a failure recorded before causes existed', () => {
    expect(outcomeReason(failed(), fr)).toBe(ENGLISH);
  });

  it('words an unsupported row and says nothing of a written one', () => {
    expect(outcomeReason({ kind: 'unsupported', message: ENGLISH }, fr)).toMatch(
      /^Dastra ne permet pas/,
    );
    expect(outcomeReason({ kind: 'created', id: '7' }, fr)).toBeNull();
    expect(outcomeReason({ kind: 'skipped' }, en)).toBeNull();
  });
});

describe('an apply or an undo that ended short, in the window’s language', () => {
  it('agrees with one row and with several', () => {
    const a = fr.imports.apply;
    expect(a.rowsNotUndone(1)).toMatch(/^1 ligne n'a pas été annulée : sa fiche a changé/);
    expect(a.rowsNotUndone(3)).toMatch(/^3 lignes n'ont pas été annulées : leurs fiches ont/);
    expect(en.imports.apply.rowsNotUndone(1)).toMatch(/^1 row was not undone: its record/);
    expect(a.rowsFailed(1)).toMatch(/^1 ligne n'a pas pu être écrite dans Dastra/);
    expect(en.imports.apply.rowsFailed(2)).toMatch(/^2 rows could not be written to Dastra/);
  });
});

describe('an apply or an undo that cannot start, in the window’s language', () => {
  const refused = (code: string, message: string) => IpcError.from({ code, message });

  it('says the import is in no state for it, or gone, and keeps any other sentence', () => {
    const applied = refused('invalid', 'this import is being applied, was applied or was undone');
    expect(runRefusalText(applied, 'apply', fr)).toMatch(/^Cet import ne peut pas être appliqué/);
    expect(runRefusalText(applied, 'apply', en)).toMatch(/^This import cannot be applied now/);
    expect(runRefusalText(refused('invalid', 'only an applied import'), 'undo', fr)).toMatch(
      /^Seul un import appliqué peut être annulé/,
    );
    expect(runRefusalText(refused('notFound', 'there is no import p-1'), 'undo', fr)).toMatch(
      /^Cet import n’existe plus/,
    );
    const disk = 'the import folder /data/imports/p-1 cannot be written: No space left on device';
    expect(runRefusalText(refused('internal', disk), 'apply', fr)).toBe(disk);
  });
});
