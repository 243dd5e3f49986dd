// The typed door to the backend. This folder is the only code that imports `@tauri-apps/*`:
// screens call `call('dsar_list', req)` and get the response type the Rust side declared
// (ui/src/bindings/commands.ts, generated from passerelle-ipc's command list).

import { invoke } from '@tauri-apps/api/core';
import { listen as tauriListen, type UnlistenFn } from '@tauri-apps/api/event';

import type { Commands, Events } from '../bindings/commands';
import type { ErrorCode } from '../bindings/ErrorCode';
import type { FieldError } from '../bindings/FieldError';
import type { Problem } from '../bindings/Problem';
import type { SourceRefusal } from '../bindings/SourceRefusal';

export type CommandName = keyof Commands;
export type EventName = keyof Events;

// Every code the backend may send; a code added on the Rust side fails to compile here.
const ERROR_CODES: Record<ErrorCode, true> = {
  invalid: true,
  notFound: true,
  unauthorized: true,
  unreachable: true,
  outcomeUnknown: true,
  unsupported: true,
  keyring: true,
  internal: true,
};

/**
 * A failed command, as `{code, message}`: screens branch on `code`, show `message`. Settings
 * refused by the vault (`invalid`) also say which fields, and how to fix each one; a source
 * refused problem by problem (a profile reading columns it lacks) sends those problems, and a
 * source that could not be read (a damaged file, a database or an API refusing) its refusal,
 * for the screen to word (`lib/refusalText.ts`).
 */
export class IpcError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldError[];
  readonly problems: Problem[];
  readonly refusal: SourceRefusal | null;

  constructor(
    code: ErrorCode,
    message: string,
    fields: FieldError[] = [],
    problems: Problem[] = [],
    refusal: SourceRefusal | null = null,
  ) {
    super(message);
    this.name = 'IpcError';
    this.code = code;
    this.fields = fields;
    this.problems = problems;
    this.refusal = refusal;
  }

  /** Whatever a command rejected with, as an IpcError (`internal` when it is not one). */
  static from(reason: unknown): IpcError {
    if (reason instanceof IpcError) return reason;
    if (isErrorShape(reason)) {
      const { code, message } = reason;
      return new IpcError(
        code,
        message,
        fieldErrorsOf(reason),
        problemsOf(reason),
        refusalOf(reason),
      );
    }
    if (reason instanceof Error) return new IpcError('internal', reason.message);
    if (typeof reason === 'string' && reason !== '') return new IpcError('internal', reason);
    return new IpcError('internal', `unexpected error from the backend: ${describe(reason)}`);
  }
}

function isErrorShape(v: unknown): v is { code: ErrorCode; message: string } {
  if (typeof v !== 'object' || v === null) return false;
  const { code, message } = v as Record<string, unknown>;
  return typeof code === 'string' && code in ERROR_CODES && typeof message === 'string';
}

function fieldErrorsOf(v: object): FieldError[] {
  const { fields } = v as { fields?: unknown };
  if (!Array.isArray(fields)) return [];
  return fields.filter(
    (f): f is FieldError =>
      typeof f === 'object' &&
      f !== null &&
      typeof (f as FieldError).field === 'string' &&
      typeof (f as FieldError).problem === 'string' &&
      typeof (f as FieldError).fix === 'string',
  );
}

function problemsOf(v: object): Problem[] {
  const { problems } = v as { problems?: unknown };
  if (!Array.isArray(problems)) return [];
  return problems.filter(
    (p): p is Problem =>
      typeof p === 'object' &&
      p !== null &&
      typeof (p as Problem).kind === 'string' &&
      typeof (p as Problem).message === 'string' &&
      typeof (p as Problem).params === 'object',
  );
}

/** The refusal of a source, when the error carries one of a kind this window words. */
function refusalOf(v: object): SourceRefusal | null {
  const { refusal } = v as { refusal?: unknown };
  if (typeof refusal !== 'object' || refusal === null) return null;
  return typeof (refusal as { kind?: unknown }).kind === 'string'
    ? (refusal as SourceRefusal)
    : null;
}

function describe(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/**
 * Run a backend command. The Rust adapters take one argument named `req`; a failure rejects
 * with an {@link IpcError}.
 */
export async function call<K extends CommandName>(
  name: K,
  req: Commands[K]['request'],
): Promise<Commands[K]['response']> {
  try {
    return await invoke<Commands[K]['response']>(name, { req });
  } catch (reason) {
    throw IpcError.from(reason);
  }
}

/** Hear a backend event; resolves to the function that stops listening. */
export function listen<K extends EventName>(
  name: K,
  handler: (payload: Events[K]) => void,
): Promise<UnlistenFn> {
  return tauriListen<Events[K]>(name, (event) => handler(event.payload));
}
