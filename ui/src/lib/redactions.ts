// A finding's redactions as the review screen edits them: a span of a field, or the field's
// whole value (no span). Toggling adds what is not there and takes back what is.

import type { Redaction } from '../bindings/Redaction';
import type { Span } from '../bindings/Span';

const sameSpan = (a: Span | null | undefined, b: Span | null | undefined) =>
  (a ?? null) === null ? (b ?? null) === null : !!b && a!.start === b.start && a!.end === b.end;

/** Whether this exact redaction is there (`span` null: the whole field). */
export function hasRedaction(list: readonly Redaction[], field: string, span: Span | null) {
  return list.some((r) => r.field === field && sameSpan(r.span, span));
}

/** Whether the whole value of `field` is blacked out. */
export function wholeFieldRedacted(list: readonly Redaction[], field: string): boolean {
  return hasRedaction(list, field, null);
}

/** The list with this redaction added, or removed if it was there. */
export function toggleRedaction(
  list: readonly Redaction[],
  field: string,
  span: Span | null,
): Redaction[] {
  if (hasRedaction(list, field, span)) {
    return list.filter((r) => !(r.field === field && sameSpan(r.span, span)));
  }
  return [...list, span ? { field, span: { ...span } } : { field }];
}

/** The spans blacked out in one field. */
export function redactedSpans(list: readonly Redaction[], field: string): Span[] {
  return list.filter((r) => r.field === field && r.span).map((r) => r.span as Span);
}
