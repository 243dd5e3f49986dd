// How the DSAR screens show Dastra's values: translated labels and the tone of each state.

import type { Messages } from '../i18n';
import { enumLabel } from '../lib/dastraEnums';

type Tone = 'neutral' | 'accent' | 'warning' | 'success';

const STATE_TONES: Record<string, Tone> = {
  Open: 'accent',
  IdentityValidation: 'warning',
  Processing: 'success',
  Active: 'success',
  Closed: 'neutral',
};

/** A request state's badge tone: new in blue, waiting on identity in amber, in hand in green. */
export function stateTone(state: string): Tone {
  return STATE_TONES[state] ?? 'neutral';
}

export function stateLabel(t: Messages, state: string): string {
  return enumLabel(t.enums.dsrState, state);
}

export function purposeLabel(t: Messages, purpose: string): string {
  return enumLabel(t.enums.purpose, purpose);
}
