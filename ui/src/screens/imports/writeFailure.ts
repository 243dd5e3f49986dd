import type { RowOutcomeView } from '../../bindings/RowOutcomeView';
import type { WriteFailure } from '../../bindings/WriteFailure';
import type { Messages } from '../../i18n/fr';

/**
 * Why a row was not written, in the window's language, with what to do; `null` for a row
 * that was. A failure recorded before causes existed falls back to the engine's English.
 */
export function outcomeReason(outcome: RowOutcomeView, t: Messages): string | null {
  const w = t.imports.writeFailure;
  if (outcome.kind === 'unsupported') return w.unsupported;
  if (outcome.kind !== 'failed') return null;
  if (!outcome.cause) return outcome.message ?? w.other;
  return writeFailureText(outcome.cause, t);
}

export function writeFailureText(cause: WriteFailure, t: Messages): string {
  const w = t.imports.writeFailure;
  switch (cause.kind) {
    case 'createLost':
      return w.createLost;
    case 'updateLost':
      return w.updateLost;
    case 'keyHeldBySeveral':
      return w.keyHeldBySeveral(cause.count, cause.field);
    case 'internal':
      return w.internal;
    case 'dastra': {
      const { refusal } = cause;
      if (refusal === 'unavailable') return w.unavailable(cause.status);
      return w[refusal] + (cause.detail ? ` ${w.dastraSaid(cause.detail)}` : '');
    }
  }
}
