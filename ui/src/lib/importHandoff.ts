// The hand-off from the mapping studio to the import preview: "Plan this import" leaves the
// current profile document and its source here, and the import screen takes them on arrival.
// A module-level slot rather than the address, since a profile does not fit in a URL.

import type { Profile } from '../bindings/Profile';
import type { SourceSpecDto } from '../bindings/SourceSpecDto';

export type ImportHandoff = { profile: Profile; source: SourceSpecDto };

let slot: ImportHandoff | null = null;

export function setImportHandoff(handoff: ImportHandoff): void {
  slot = handoff;
}

/** The hand-off left by the studio, once: a second call gives null. */
export function takeImportHandoff(): ImportHandoff | null {
  const taken = slot;
  slot = null;
  return taken;
}

/** The hand-off without taking it (the import screen may render twice). */
export function peekImportHandoff(): ImportHandoff | null {
  return slot;
}
