// Every code the backend can send, for tests that must cover them all.

import type { FailureCode } from '../bindings/FailureCode';

/** Every failure code: a record, so that a code added on the Rust side fails to compile here
 * until it is listed. */
const FAILURE_CODE_SET: Record<FailureCode, true> = {
  unreachable: true,
  tls: true,
  wrongCredentials: true,
  missingPermission: true,
  timeout: true,
  notFound: true,
  invalidSettings: true,
  secretMissing: true,
  querySyntax: true,
  unknownTable: true,
  unknownColumn: true,
  notJson: true,
  other: true,
};

/** Every failure code, listed. */
export const FAILURE_CODES = Object.keys(FAILURE_CODE_SET) as FailureCode[];
