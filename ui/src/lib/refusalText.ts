// Why a source could not be read, worded in the window's language from the parts the backend
// sends (`IpcError.refusal`, `IpcError.problems`): what went wrong, where (the file and its
// line or sheet, the connection and its server or API, the table or column), and what to do.
// The one place the import preview and the mapping studio word a source's refusal; the
// backend's English sentence is the fallback for a refusal it sends no parts for.

import type { IpcError } from '../api';
import type { FailureCode } from '../bindings/FailureCode';
import type { Language } from '../bindings/Language';
import type { SourceRefusal } from '../bindings/SourceRefusal';
import type { Messages } from '../i18n';
import { formatBytes } from './format';
import { problemText } from './problemText';

/**
 * Why a source was refused, in the window's language: the problems of a profile reading
 * columns the source lacks, the refusal of a source that could not be read, the file field of
 * a file not there (`path`, as the DPO typed it), else the backend's own sentence.
 */
export function sourceRefusalText(
  error: IpcError,
  path: string,
  t: Messages,
  language: Language,
): string {
  if (error.problems.length > 0) {
    return capitalised(error.problems.map((p) => problemText(p, t)).join(' ; '));
  }
  if (error.refusal) return refusalText(error.refusal, t, language);
  if (error.code === 'notFound' && error.fields.some((f) => f.field === 'source.path')) {
    return t.refusals.fileNotFound(path.trim());
  }
  return error.message;
}

/** `refusal` as the DPO reads it, with the system's own words after it when it said some. */
export function refusalText(refusal: SourceRefusal, t: Messages, language: Language): string {
  const r = t.refusals;
  const said = wording(refusal, r, language);
  const detail = DETAILED.has(refusal.kind) && 'detail' in refusal ? refusal.detail : undefined;
  return capitalised(said) + (detail ? ` ${r.detail(detail)}` : '');
}

/** The refusals whose detail says what their sentence cannot (the parser's words on a damaged
 * file are left out: the sentence names the line). */
const DETAILED = new Set<SourceRefusal['kind']>([
  'database',
  'api',
  'fileUnreadable',
  'recipeFile',
  'connectionUnusable',
]);

type Words = Messages['refusals'];

function wording(refusal: SourceRefusal, r: Words, language: Language): string {
  switch (refusal.kind) {
    case 'noFile':
      return r.noFile(refusal.format);
    case 'fileNotFound':
      return r.fileNotFound(refusal.path);
    case 'fileDenied':
      return r.fileDenied(refusal.path);
    case 'fileUnreadable':
      return r.fileUnreadable(refusal.path);
    case 'fileTooLarge':
      return r.fileTooLarge(
        refusal.path,
        formatBytes(refusal.bytes, language),
        formatBytes(refusal.limit, language),
      );
    case 'fileFormat':
      return r.fileFormat(refusal.path);
    case 'fileCorrupt': {
      const repair =
        refusal.format === 'XLSX' || refusal.format === 'ODS' ? refusal.format : 'other';
      return refusal.line === undefined
        ? r.fileCorrupt(refusal.path, refusal.format, r.repair[repair])
        : r.fileCorruptAt(refusal.path, refusal.format, refusal.line, r.repair[repair]);
    }
    case 'fileEncrypted':
      return r.fileEncrypted(refusal.path, refusal.format);
    case 'fileEncoding':
      return r.fileEncoding(refusal.path, refusal.encoding);
    case 'fileEmpty':
      return refusal.sheet ? r.sheetEmpty(refusal.path, refusal.sheet) : r.fileEmpty(refusal.path);
    case 'fileBinary':
      return r.fileBinary(refusal.path, refusal.format);
    case 'wrongEncoding':
      return r.wrongEncoding(refusal.path, refusal.encoding, refusal.line);
    case 'unknownEncoding':
      return r.unknownEncoding(refusal.path, refusal.encoding);
    case 'duplicateHeader':
      return r.duplicateHeader(refusal.path, refusal.header, refusal.first, refusal.second);
    case 'unnamedColumn':
      return r.unnamedColumn(refusal.path, refusal.column, refusal.row);
    case 'raggedRows': {
      const rows = refusal.rows.map((row) => r.raggedRow(row.row, row.cells)).join(r.list);
      return r.raggedRows(refusal.path, refusal.width, rows);
    }
    case 'noSuchSheet':
      return r.noSuchSheet(refusal.path, refusal.sheet, refusal.sheets.join(r.list));
    case 'noRecordsAt':
      return refusal.records
        ? r.noRecordsAt(refusal.path, refusal.records)
        : r.noRecordsRoot(refusal.path);
    case 'badDelimiter':
      return r.badDelimiter(refusal.path, refusal.delimiter);
    case 'notATable':
      return r.notATable(refusal.path, refusal.format);
    case 'connectionNotFound':
      return r.connectionNotFound(refusal.connection);
    case 'connectionUnusable':
      return r.connectionUnusable(refusal.connection);
    case 'notAnApi':
      return r.notAnApi(refusal.connection);
    case 'notADatabase':
      return r.notADatabase(refusal.connection);
    case 'database':
      return databaseText(refusal, r);
    case 'api': {
      const where = r.api(refusal.url, refusal.connection);
      return pick(r.apiFailure, refusal.code)(where, refusal.recipe);
    }
    case 'recipeFile':
      return refusal.code === 'notFound'
        ? r.recipeNotFound(refusal.path)
        : r.recipeInvalid(refusal.path);
    case 'capped':
      return r.capped(refusal.recipe, refusal.records);
    case 'emptyQuery':
      return r.emptyQuery(refusal.connection);
    case 'emptyRecipe':
      return r.emptyRecipe(refusal.recipe, refusal.connection);
    case 'workspace':
      return r.workspace[refusal.refusal](
        r.workspaceReading[refusal.reading],
        refusal.status ?? '',
      );
  }
}

type Database = Extract<SourceRefusal, { kind: 'database' }>;

function databaseText(refusal: Database, r: Words): string {
  const where =
    refusal.engine === 'SQLite'
      ? r.sqliteFile(refusal.server, refusal.connection)
      : r.server(refusal.engine, refusal.server, refusal.database, refusal.connection);
  const subject = refusal.subject;
  const named = (() => {
    switch (refusal.code) {
      case 'wrongCredentials':
        return refusal.user;
      case 'missingPermission':
        return subject ? r.table(subject) : r.someData;
      case 'unknownTable':
        return subject ? r.table(subject) : r.someTable;
      case 'unknownColumn':
        return subject ? r.column(subject) : r.someColumn;
      default:
        return '';
    }
  })();
  return pick(r.database, refusal.code)(where, named);
}

/** The sentence of a failure code, `other`'s for a code this window does not know yet. */
function pick<F>(sentences: Record<FailureCode, F>, code: FailureCode): F {
  return sentences[code] ?? sentences.other;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
