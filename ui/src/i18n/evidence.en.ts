// The evidence package, its upload to Dastra and the audit log, in English. Same shape as
// `evidence.fr.ts`, the reference.

import type { evidence as fr } from './evidence.fr';

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export const evidence: typeof fr = {
  package: {
    title: 'Response package',
    intro:
      'Passerelle gathers the included findings, with their redactions, into a zip file and a report to read before sending.',
    build: 'Prepare the response package',
    rebuild: 'Prepare again',
    building: 'Preparing…',
    remaining: (n: number) =>
      plural(
        n,
        '1 finding is left to review: it will not be in the package.',
        `${n} findings are left to review: they will not be in the package.`,
      ),
    running: 'The search is still running: wait for it to finish before preparing the package.',
    buildAnyway: 'Prepare anyway',
    confirmTitle: 'Prepare without the findings not reviewed?',
    confirmBody: (n: number) =>
      plural(
        n,
        '1 finding has no decision. It will be left out: neither included nor excluded.',
        `${n} findings have no decision. They will be left out: neither included nor excluded.`,
      ),
    confirmHint: 'You can prepare the package again once you have reviewed them.',
    confirm: 'Prepare without them',
    cancel: 'Cancel',
    failed: 'The package could not be prepared',
    dismiss: 'Close',
    outdated:
      'Decisions have changed since: this package does not hold them. Prepare it again before attaching it.',
    builtTitle: 'Package ready',
    counts: {
      included: 'Included',
      excluded: 'Excluded',
      undecided: 'Not reviewed',
      redactions: 'Redactions',
    },
    file: 'File',
    size: 'Size',
    where: 'Location',
    fingerprint: 'SHA-256 fingerprint',
    filesTitle: (n: number) => plural(n, 'Contents: 1 file', `Contents: ${n} files`),
    fileColumns: { name: 'Name', size: 'Size', sha256: 'SHA-256' },
    readReport: 'Read the report',
    hideReport: 'Hide the report',
    reportLabel: (name: string) => `Report ${name}`,
    reportHint:
      'The report as the person will read it. Read it through before attaching the package to the request.',
  },
  attach: {
    open: 'Attach to the request in Dastra',
    title: (id: number) => `Attach to request no. ${id}`,
    intro: (file: string) => `${file} will be added to the request's attachments in Dastra.`,
    state: "The request's new state",
    keepState: (current: string) => `Leave as is (${current})`,
    keepStateUnknown: 'Leave as is',
    message: 'Resolution message',
    messageOptional: 'optional',
    messageHint: 'The answer, stored in Dastra with the request.',
    confirm: 'Attach',
    sending: 'Sending…',
    cancel: 'Cancel',
    close: 'Close',
    done: 'Attached to the request',
    already: 'Already attached: nothing was sent again',
    changes: (n: number) =>
      n === 0
        ? 'No change sent to the request.'
        : plural(n, '1 change sent to the request.', `${n} changes sent to the request.`),
    stateNow: (state: string) => `Request state: ${state}.`,
    failed: 'Sending failed',
    unknown:
      "Passerelle cannot tell whether the upload went through. Check the request's attachments in Dastra before trying again.",
    retry: 'Try again',
    toRequest: 'See the request',
  },
  audit: {
    title: 'Audit',
    intro:
      'The log keeps who did what and when: every search, view, decision and upload. It never holds the data itself. Each entry is chained to the one before, so any change to it shows.',
    total: (n: number, s: string) => plural(n, `${s} entry`, `${s} entries`),
    request: 'Request no.',
    requestPlaceholder: 'All requests',
    clear: 'Clear',
    columns: {
      time: 'Date',
      actor: 'Who',
      action: 'Action',
      request: 'Request',
      counts: 'Amounts',
    },
    requestLink: (id: number) => `no. ${id}`,
    emptyTitle: 'No entries',
    emptyBody: 'Nothing has been recorded for this selection yet.',
    errorTitle: 'The log could not be read',
    verify: 'Check integrity',
    verifying: 'Checking…',
    verifyFailed: 'The check could not be run',
    intact: (n: number, s: string) => `${plural(n, `${s} entry`, `${s} entries`)}, chain intact`,
    broken: (seq: number, reason: string) => `Chain broken at entry ${seq}: ${reason}`,
    head: 'Last entry, to note down and compare later:',
    actions: {
      discoveryStarted: 'Search started',
      discoveryResumed: 'Search resumed',
      discoveryCancelled: 'Search stopped',
      findingsViewed: 'Findings viewed',
      findingReviewed: 'Findings reviewed',
      packageBuilt: 'Package prepared',
      packageOpened: 'Package opened',
      attachmentUploaded: 'Attachment sent',
      requestUpdated: 'Request updated',
      findingsPurged: 'Findings erased',
      connectionTested: 'Connection tested',
      importPlanned: 'Import planned',
      importApplied: 'Import applied',
      importUndone: 'Import undone',
      auditExported: 'Log exported',
    },
    counts: {
      findings: (n: number, s: string) => plural(n, `${s} finding`, `${s} findings`),
      included: (_n: number, s: string) => `${s} included`,
      excluded: (_n: number, s: string) => `${s} excluded`,
      redactions: (n: number, s: string) => plural(n, `${s} redaction`, `${s} redactions`),
      sources: (n: number, s: string) => plural(n, `${s} source`, `${s} sources`),
      files: (n: number, s: string) => plural(n, `${s} file`, `${s} files`),
      changes: (n: number, s: string) => plural(n, `${s} change`, `${s} changes`),
      created: (_n: number, s: string) => `${s} created`,
      updated: (_n: number, s: string) => `${s} updated`,
      deleted: (_n: number, s: string) => `${s} deleted`,
    },
  },
};
