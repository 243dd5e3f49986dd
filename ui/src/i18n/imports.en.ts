// Imports in English. Typed by the French section's shape.

import { formatCount } from '../lib/format';
import type { Messages } from './fr';

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);
/** A count as the language writes it ("10 150" in French, "10,150" in English). */
const count = (n: number) => formatCount(n, 'en');

export const imports: Messages['imports'] = {
  history: {
    title: 'Imports',
    intro:
      'Prepare an import, check its plan row by row before anything is written to Dastra, and find every past import here with its report. An applied import can be undone.',
    newTitle: 'New import',
    profileLabel: 'Mapping profile',
    profileHint:
      'Paste the saved profile (the .json file from the mapping studio or the command line).',
    sourceLabel: 'Source to import',
    sourceHint:
      'A file (full path of a CSV, Excel, ODS or JSON export), an SQL query or a REST recipe on a saved connection. The kind follows the profile’s.',
    plan: 'Prepare the plan',
    planning: 'Reading the source and Dastra…',
    planFailed: 'The plan could not be prepared',
    fromStudio:
      'Profile and source taken from the mapping studio: check them, then prepare the plan.',
    pastTitle: 'Past imports',
    emptyTitle: 'No import yet',
    emptyBody: 'Prepared imports will show here, newest first.',
    columns: {
      date: 'Prepared',
      profile: 'Profile · source → register',
      state: 'State',
      result: 'Result',
      actions: 'Actions',
    },
    open: 'Open',
    undo: 'Undo the import',
    result: (created, updated, undone) =>
      undone > 0
        ? `${count(undone)} ${plural(undone, 'row undone', 'rows undone')}`
        : `${count(created)} created, ${count(updated)} updated`,
    notApplied: 'Nothing written',
  },
  source: {
    query: (connection) => `query on “${connection}”`,
    recipe: (recipe, connection) => `recipe “${recipe}” on “${connection}”`,
  },
  entity: {
    asset: 'Assets',
    contract: 'Contracts',
    actor: 'Actors',
    other: 'Other',
  },
  state: {
    planned: 'Plan ready',
    applying: 'Being applied',
    applied: 'Applied',
    cancelled: 'Interrupted',
    failed: 'Failed',
    undoing: 'Being undone',
    undone: 'Undone',
  },
  kind: {
    create: 'Create',
    update: 'Update',
    unchanged: 'Unchanged',
    conflict: 'Conflict',
    invalid: 'Invalid',
    missing: 'Missing from source',
  },
  kindPlural: {
    create: 'Creates',
    update: 'Updates',
    unchanged: 'Unchanged',
    conflict: 'Conflicts',
    invalid: 'Invalid',
    missing: 'Missing from source',
  },
  outcome: {
    created: 'Created',
    updated: 'Updated',
    tagged: 'Tagged',
    archived: 'Archived',
    skipped: 'Nothing written',
    stale: 'Changed in Dastra meanwhile',
    failed: 'Failed',
    unsupported: 'Not supported',
    undone: 'Undone',
  },
  choice: {
    keepDastra: 'Keep Dastra',
    takeSource: 'Take the source',
    skip: 'Skip',
  },
  preview: {
    back: 'All imports',
    subtitle: (source, entity, rows) =>
      `${source} → ${entity} · ${count(rows)} ${plural(rows, 'row', 'rows')}`,
    chartTitle: 'What the import would do',
    chartTitleApplied: 'What the plan said',
    chartLabel: 'Plan rows by class',
    chartFilter: (kind) => `Show only: ${kind}`,
    filterLabel: 'Filter by class',
    all: 'All',
    search: 'Search the rows',
    searchPlaceholder: 'Key, label, value…',
    clear: 'Clear the search',
    shown: (n, total) =>
      n === total
        ? `${count(total)} ${plural(total, 'row', 'rows')}`
        : `${count(n)} of ${count(total)} ${plural(total, 'row', 'rows')} shown`,
    tableLabel: 'Plan rows',
    columns: {
      select: 'Write',
      row: 'Row',
      key: 'Key',
      label: 'Record',
      kind: 'Class',
      detail: 'What changes',
      outcome: 'Outcome',
    },
    selectRow: (key) => `Write row ${key}`,
    selectShown: 'Tick all',
    deselectShown: 'Untick all',
    loadingRow: 'Loading…',
    empty: '(empty)',
    fieldLabel: (field) => `${field}: `,
    more: (n) => `+${n} more ${plural(n, 'field', 'fields')}`,
    duplicateInSource: (rows) => `Duplicate key (rows ${rows})`,
    severalInDastra: (ids) => `Key on several Dastra records (${ids})`,
    ambiguousLookup: 'Name found on several Dastra records',
    duplicateInSourceHelp: (rows, key) =>
      `Source rows ${rows} have the same “${key}”: choose “Take the source” on the one to write, or keep one row per “${key}” in the file.`,
    severalInDastraHelp: (ids, key) =>
      `Dastra records ${ids} have this “${key}”: give them distinct values in Dastra, or archive the extra ones, then prepare the plan again.`,
    choose: 'What to do with this conflict?',
    undecided: 'To decide…',
    takeSourceOnlyDuplicates:
      'Only a duplicate of the source can be taken: fix the duplicate records in Dastra.',
    missingTag: (label) => `Will be tagged “${label}”`,
    missingArchive: 'Will be archived',
    missingIgnore: 'Left as it is',
    missingUnsupported: (policy) =>
      policy === 'archive'
        ? 'Nothing will be done: Dastra cannot archive it'
        : 'Nothing will be done: Dastra cannot tag it',
    unchanged: 'Dastra already holds these values',
    create: (n) => `New record, ${n} ${plural(n, 'field', 'fields')}`,
    chooseFailed: 'This choice was refused',
  },
  warning: {
    title: 'Before you apply',
    missingPolicyUnsupported: (policy, entity, missing) => {
      const noun =
        entity === 'contract'
          ? plural(missing, 'contract', 'contracts')
          : entity === 'actor'
            ? plural(missing, 'actor', 'actors')
            : plural(missing, 'asset', 'assets');
      const what =
        missing === 1
          ? `the ${noun} missing from the source stays as it is`
          : `the ${count(missing)} ${noun} missing from the source stay as they are`;
      return policy === 'archive'
        ? `The profile asks to archive the records missing from the source, but Dastra archives contracts only: ${what}. Choose “Tag them” in the studio to flag them, or deal with them in Dastra.`
        : `The profile asks to tag the records missing from the source, but Dastra tags assets and actors only: ${what}. Choose “Leave them as they are” in the studio, or deal with them in Dastra.`;
    },
  },
  apply: {
    toWrite: (n) =>
      n === 0
        ? 'No row to write'
        : `${count(n)} ${plural(n, 'row', 'rows')} will be written to Dastra`,
    conflictsLeft: (n) =>
      `${n} ${plural(n, 'conflict', 'conflicts')} not decided: ${plural(n, 'it', 'they')} will not be written.`,
    apply: 'Apply the import',
    confirmTitle: 'Apply this import?',
    confirmBody: (n) =>
      `${count(n)} ${plural(n, 'row', 'rows')} will be written to Dastra, with a copy of each record before it changes so that it can be undone.`,
    confirm: 'Apply',
    keep: 'Back to the plan',
    progressLabel: 'Progress',
    progress: (done, total) => `${count(done)} of ${count(total)}`,
    eta: (text) => `about ${text} left`,
    etaUnknown: 'estimating…',
    cancel: 'Stop',
    cancelling: 'Stopping…',
    resume: 'Resume applying',
    interrupted: (written, total) =>
      `Stopped after ${count(written)} of ${count(total)} ${plural(total, 'row', 'rows')} written: resume to write the others, or undo what was written.`,
    failed: 'The import could not finish',
    reportTitle: 'Report',
    reportIntro: 'What the import did, row by row. Filter by outcome:',
    undo: 'Undo the import',
    undoTitle: 'Undo this import?',
    undoBody:
      'Created records will be deleted and changed fields given back their earlier values. A record changed in Dastra since the import is left alone.',
    undoConfirm: 'Undo the import',
    undoneNote: 'This import was undone: Dastra is back as it was.',
    applyFailed: 'Applying could not start',
    rowsFailed: (n: number) =>
      `${count(n)} ${plural(n, 'row', 'rows')} could not be written to Dastra. Why is in the report (the "Failed" filter); fix it, then resume: rows already written are not written twice.`,
    applyRefused:
      'This import cannot be applied now: it is already applied, running or undone. Prepare the plan again to apply it anew.',
    undoRefused:
      'Only an applied import can be undone: this one is not applied yet, or is being applied or undone.',
    importGone:
      'This import no longer exists in Passerelle: its folder was deleted. Prepare the plan again from the Imports screen.',
    rowsNotUndone: (n: number) =>
      `${count(n)} ${plural(n, 'row was not undone: its record', 'rows were not undone: their records')} changed in Dastra since the import, or Dastra did not answer. See the report, then fix it in Dastra or undo again later.`,
  },
  writeFailure: {
    unauthorized: 'Dastra refused the API key. Check it in Connections, then resume.',
    forbidden:
      'The API key may not write this record. Ask your Dastra administrator for that right, then resume.',
    notFound:
      'Dastra no longer finds this record: it may have been deleted. Prepare the plan again.',
    rejected:
      "Dastra refused this row's values. Fix the source or the profile, then prepare the plan again.",
    rateLimited: 'Dastra limited the number of calls. Wait a few minutes, then resume.',
    unavailable: (status: number | undefined) =>
      `Dastra unreachable${status ? ` (HTTP ${status})` : ''}. Resume once it answers again.`,
    protocol: "Dastra's answer could not be read. Resume; if it happens again, report it.",
    other: 'The write failed. Resume; if it happens again, report it.',
    createLost:
      "The create's answer was lost and no record has its key: nothing was created. Resume.",
    updateLost: "The update's answer was lost and it was not made. Resume.",
    keyHeldBySeveral: (n: number, field: string) =>
      `${count(n)} records now have this "${field}" in Dastra. Keep only one, then prepare the plan again.`,
    internal:
      'Passerelle got this row wrong (its journal does not fit the plan). Please report it; the other rows are not affected.',
    unsupported:
      'Dastra does not allow this for this kind of record through its API. Choose another policy for records missing from the source, or do it in Dastra.',
    dastraSaid: (detail: string) => `Dastra said: "${detail}"`,
  },
};
