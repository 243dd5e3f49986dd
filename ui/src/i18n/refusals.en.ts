// Why a source could not be read, in English; typed by the French section's shape.

import type { Messages } from './fr';

type S = string | number;

export const refusals: Messages['refusals'] = {
  detail: (text: S) => `Detail: ${text}`,
  list: ', ',
  noFile: (format: S) => `The profile reads a ${format} file: choose the file to import.`,
  fileNotFound: (path: S) =>
    `The file “${path}” cannot be found: check its path, or pick it with “Browse…”.`,
  fileDenied: (path: S) =>
    `Passerelle may not read the file “${path}”: ask its owner for read access, or copy it into one of your folders.`,
  fileUnreadable: (path: S) =>
    `The file “${path}” could not be read to its end: check that its drive or network share is connected, then try again.`,
  fileTooLarge: (path: S, size: S, limit: S) =>
    `The file “${path}” is too large (${size}, the limit is ${limit}): split it into several files.`,
  fileFormat: (path: S) =>
    `The file “${path}” is not in a format Passerelle imports: save it as CSV, XLSX, ODS or JSON.`,
  fileCorrupt: (path: S, format: S, repair: S) =>
    `The file “${path}” is not a valid ${format} file. ${repair}`,
  fileCorruptAt: (path: S, format: S, line: S, repair: S) =>
    `The file “${path}” is not a valid ${format} file: it cannot be read from line ${line} on (it may have been cut short). ${repair}`,
  repair: {
    XLSX: 'Open it in Excel and save it again.',
    ODS: 'Open it in LibreOffice Calc and save it again.',
    other: 'Export it again from the system it comes from.',
  },
  fileEncrypted: (path: S, format: S) =>
    `The ${format} file “${path}” is protected by a password: ask its owner for a copy without one.`,
  fileEncoding: (path: S, encoding: S) =>
    `The file “${path}” is written in an encoding Passerelle does not read (${encoding}): save it again as UTF-8.`,
  fileEmpty: (path: S) =>
    `The file “${path}” holds no row to import: export the data again, with its header row and at least one row.`,
  sheetEmpty: (path: S, sheet: S) =>
    `The sheet “${sheet}” of “${path}” holds no row to import: choose another sheet, or export the data again with its header row and at least one row.`,
  fileBinary: (path: S, format: S) =>
    `The file “${path}” is not ${format} text (it may be another format renamed): export the data again as ${format}.`,
  wrongEncoding: (path: S, encoding: S, line: S) =>
    `Line ${line} of “${path}” is not ${encoding}: give the file's real encoding (such as windows-1252 for a CSV saved by Excel on Windows), or save it again as UTF-8.`,
  unknownEncoding: (path: S, encoding: S) =>
    `Passerelle does not know the encoding “${encoding}” given for “${path}”: use a name such as utf-8, windows-1252 or iso-8859-15.`,
  duplicateHeader: (path: S, header: S, first: S, second: S) =>
    `In “${path}”, the header “${header}” names both column ${first} and column ${second}: rename one of them, so that each column has its own name.`,
  unnamedColumn: (path: S, column: S, row: S) =>
    `In “${path}”, column ${column} holds values (from row ${row}) but has no header: name it in the header row, or delete it.`,
  raggedRows: (path: S, width: S, rows: S) =>
    `In “${path}”, some rows do not have the header's ${width} cells (${rows}): a value holding the delimiter must be quoted. Export the file again, or fix these rows.`,
  raggedRow: (row: S, cells: S) => `row ${row} has ${cells}`,
  noSuchSheet: (path: S, sheet: S, sheets: S) =>
    `The workbook “${path}” has no sheet “${sheet}” (its sheets: ${sheets}): name one of them.`,
  noRecordsAt: (path: S, records: S) =>
    `In “${path}”, the records are not at “${records}”, or are not objects: correct the records path (the dotted path to the list, such as result).`,
  noRecordsRoot: (path: S) =>
    `The document “${path}” is not a list of objects: give the dotted path to the list of records (such as result).`,
  badDelimiter: (path: S, delimiter: S) =>
    `The delimiter “${delimiter}” given for “${path}” is not a single character: use ; , | or a tab.`,
  notATable: (path: S, format: S) =>
    `The file “${path}” is a ${format} document, not a table: import a CSV, XLSX, ODS, JSON or NDJSON file.`,
  connectionNotFound: (connection: S) =>
    `No saved connection is named “${connection}”: create it in Connections, or choose another one in the source.`,
  connectionUnusable: (connection: S) =>
    `The connection “${connection}” cannot be opened: its secret could not be read from the system keyring. Unlock the keyring, or enter the secret again in Connections.`,
  notAnApi: (connection: S) =>
    `The connection “${connection}” is not an HTTP API: a REST recipe runs on an API connection.`,
  notADatabase: (connection: S) =>
    `The connection “${connection}” is not a database: an SQL query runs on a PostgreSQL, MySQL/MariaDB or SQLite connection.`,
  server: (engine: S, server: S, database: S, connection: S) =>
    `the ${engine} server ${server} (database “${database}”, connection “${connection}”)`,
  sqliteFile: (file: S, connection: S) => `the SQLite file ${file} (connection “${connection}”)`,
  database: {
    unreachable: (where: S) =>
      `Passerelle cannot reach ${where}: check that the server is running, its address and port, and that this computer may connect to it (firewall, VPN).`,
    tls: (where: S) =>
      `The secure (TLS) connection with ${where} failed: check the connection's encryption setting, or ask the server's administrator whether its certificate is valid for this address.`,
    wrongCredentials: (where: S, user: S) =>
      `${where} refuses the user “${user}” or its password: check both in Connections; if the password changed, enter the new one.`,
    missingPermission: (where: S, table: S) =>
      `${where} does not let the connection's account read ${table}: ask the database administrator to grant it read access (SELECT).`,
    timeout: (where: S) =>
      `${where} did not answer in time: check the address and the network, or lighten the query, then try again.`,
    notFound: (where: S) =>
      `${where} has no such database: check the database's name in Connections (case matters).`,
    invalidSettings: (where: S) =>
      `The query cannot be read as it is on ${where}: an import reads one SELECT or WITH query, without a “;” inside, each column with its own name (name them with AS). Correct the query.`,
    secretMissing: (where: S) => `No password is stored for ${where}: enter it in Connections.`,
    querySyntax: (where: S) =>
      `${where} refuses the query, which is not valid SQL: correct it where the detail says.`,
    unknownTable: (where: S, table: S) =>
      `The query reads ${table}, which ${where} does not have: check the table or view's name, and its schema.`,
    unknownColumn: (where: S, column: S) =>
      `The query reads ${column}, which ${where} does not have: check the query's column names.`,
    notJson: (where: S) =>
      `${where} sent an answer Passerelle cannot read: try again; if it goes on, the detail says why.`,
    other: (where: S) => `${where} could not run the query: the detail says why.`,
  },
  table: (name: S) => `the table “${name}”`,
  someTable: 'a table',
  column: (name: S) => `the column “${name}”`,
  someColumn: 'a column',
  someData: 'this data',
  api: (url: S, connection: S) => `the API ${url} (connection “${connection}”)`,
  apiFailure: {
    unreachable: (where: S) =>
      `Passerelle cannot reach ${where}: check the base URL in Connections, that the service is running, and that this computer may connect to it (firewall, VPN, proxy).`,
    tls: (where: S) =>
      `The secure (TLS) connection with ${where} failed: check the address (https), or ask the API's administrator whether its certificate is valid.`,
    wrongCredentials: (where: S) =>
      `${where} refuses the credentials (HTTP 401): check the authentication type, and enter the token or key again in Connections.`,
    missingPermission: (where: S) =>
      `${where} refuses access to this data (HTTP 403): these credentials lack the right; ask the API's administrator for it.`,
    timeout: (where: S) =>
      `${where} did not answer in time: try again later, or make the recipe's pages smaller.`,
    notFound: (where: S, recipe: S) =>
      `Nothing is at the address the recipe ${recipe} asks ${where} for (HTTP 404): check the connection's base URL and the recipe's path.`,
    invalidSettings: (where: S, recipe: S) =>
      `The recipe ${recipe} cannot run on ${where}: correct the field the detail names, or the connection's base URL.`,
    secretMissing: (where: S) => `No token or key is stored for ${where}: enter it in Connections.`,
    querySyntax: (where: S, recipe: S) =>
      `The recipe ${recipe} could not read ${where}: the detail says why.`,
    unknownTable: (where: S, recipe: S) =>
      `The recipe ${recipe} could not read ${where}: the detail says why.`,
    unknownColumn: (where: S, recipe: S) =>
      `The recipe ${recipe} could not read ${where}: the detail says why.`,
    notJson: (where: S, recipe: S) =>
      `${where} answered with something that is not JSON: check the path of the recipe ${recipe}, and that the API answers JSON there.`,
    other: (where: S, recipe: S) =>
      `${where} did not give the records of the recipe ${recipe} (a server error, or an unexpected answer): try again later; if it goes on, the detail says why.`,
  },
  recipeNotFound: (path: S) =>
    `The recipe file “${path}” cannot be found or read: check its path in the source.`,
  recipeInvalid: (path: S) =>
    `The recipe file “${path}” is not a valid recipe: correct the field the detail names.`,
  capped: (recipe: S, records: S) =>
    `The recipe “${recipe}” stopped at its cap after ${records} records: the import would see part of the source. Raise maxPages and maxRecords in the recipe.`,
  emptyQuery: (connection: S) =>
    `The query on “${connection}” gives no row: check it; an empty source would report every Dastra record as missing.`,
  workspaceReading: {
    lookups: 'the tags, areas and actors the profile looks up',
    records: "the register's current records",
  },
  workspace: {
    unauthorized: (what: S) =>
      `Dastra refused the API key while reading ${what}: check the workspace's key in Connections.`,
    forbidden: (what: S) =>
      `The API key may not read ${what}: ask your Dastra administrator for that right.`,
    notFound: (what: S) =>
      `Dastra does not find ${what} (HTTP 404): check the address and the workspace chosen in Connections.`,
    rejected: (what: S) =>
      `Dastra refused to give ${what}: check the workspace chosen; if it happens again, report it.`,
    rateLimited: (what: S) =>
      `Dastra limited the number of calls while reading ${what}: wait a few minutes, then prepare the plan again.`,
    unavailable: (what: S, status: S) =>
      `Dastra did not answer${status ? ` (error ${status})` : ''} while reading ${what}: prepare the plan again once it can be reached.`,
    protocol: (what: S) =>
      `Dastra answered something unreadable while reading ${what}: check that the connection points at a Dastra API.`,
    other: (what: S) =>
      `Dastra could not give ${what}: prepare the plan again; if it happens again, report it.`,
  },
  emptyRecipe: (recipe: S, connection: S) =>
    `The recipe ${recipe} on “${connection}” gives no record: check it; an empty source would report every Dastra record as missing.`,
};
