// Spans in findings count UTF-8 bytes of the value (the Rust side's `str` offsets); JavaScript
// strings count UTF-16 code units. These functions convert between the two and cut a value into
// the pieces the review screen draws: the subject's matches, other personal data, redactions.

import type { Span } from '../bindings/Span';

/** How many UTF-8 bytes the code point starting with this UTF-16 unit takes, and its width. */
function step(value: string, index: number): { bytes: number; units: number } {
  const cp = value.codePointAt(index) ?? 0;
  if (cp < 0x80) return { bytes: 1, units: 1 };
  if (cp < 0x800) return { bytes: 2, units: 1 };
  if (cp < 0x10000) return { bytes: 3, units: 1 };
  return { bytes: 4, units: 2 };
}

/**
 * The string index at byte offset `byte` of the value's UTF-8 form. An offset inside a
 * character moves back to its start; one past the end gives the string's length.
 */
export function byteToIndex(value: string, byte: number): number {
  let bytes = 0;
  let index = 0;
  while (index < value.length) {
    const s = step(value, index);
    if (bytes + s.bytes > byte) return index;
    bytes += s.bytes;
    index += s.units;
  }
  return value.length;
}

/** The UTF-8 byte offset of string index `index` (inside a surrogate pair: the pair's start). */
export function indexToByte(value: string, index: number): number {
  let bytes = 0;
  let i = 0;
  while (i < value.length && i < index) {
    const s = step(value, i);
    if (i + s.units > index) break;
    bytes += s.bytes;
    i += s.units;
  }
  return bytes;
}

/** The UTF-8 length of a value. */
export function byteLength(value: string): number {
  return indexToByte(value, value.length);
}

/** The byte span of the first occurrence of `part` in `value`, or null. */
export function byteSpanOf(value: string, part: string, from = 0): Span | null {
  const at = value.indexOf(part, from);
  if (at < 0 || part === '') return null;
  return { start: indexToByte(value, at), end: indexToByte(value, at + part.length) };
}

/** A piece of a value, in string indices for drawing and in bytes for the backend. */
export type Segment = {
  text: string;
  /** Byte offsets of the piece in the value. */
  start: number;
  end: number;
  /** Part of an identifier of the data subject. */
  matched: boolean;
  /** Index, in the `pii` list given, of the personal data this piece belongs to. */
  pii: number | null;
  /** Blacked out in the package. */
  redacted: boolean;
};

type Marks = {
  matched?: readonly Span[];
  pii?: readonly Span[];
  redacted?: readonly Span[];
};

const inside = (s: Span, start: number, end: number) => s.start <= start && end <= s.end;

/**
 * The value cut at every span boundary, each piece saying what covers it. Spans are clamped to
 * the value and to character boundaries; empty pieces are dropped.
 */
export function segmentValue(value: string, marks: Marks): Segment[] {
  const total = byteLength(value);
  // Snap byte offsets to character starts, so no piece splits a character.
  const snap = (b: number) =>
    indexToByte(value, byteToIndex(value, Math.min(Math.max(b, 0), total)));
  const clean = (spans: readonly Span[] = []) =>
    spans.map((s) => ({ start: snap(s.start), end: snap(s.end) })).filter((s) => s.end > s.start);
  const matched = clean(marks.matched);
  const pii = (marks.pii ?? []).map((s) => ({ start: snap(s.start), end: snap(s.end) }));
  const redacted = clean(marks.redacted);

  const cuts = new Set([0, total]);
  for (const s of [...matched, ...pii, ...redacted]) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);

  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const start = points[i] as number;
    const end = points[i + 1] as number;
    if (end <= start) continue;
    const piiIndex = pii.findIndex((s) => s.end > s.start && inside(s, start, end));
    segments.push({
      text: value.slice(byteToIndex(value, start), byteToIndex(value, end)),
      start,
      end,
      matched: matched.some((s) => inside(s, start, end)),
      pii: piiIndex >= 0 ? piiIndex : null,
      redacted: redacted.some((s) => inside(s, start, end)),
    });
  }
  return segments;
}
