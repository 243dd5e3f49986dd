import { describe, expect, it } from 'vitest';

import { en } from '../../i18n/en';
import { fr } from '../../i18n/fr';
import { actionLabel, countsLabel } from './auditLabels';

// The Rust `AuditAction` list, as the backend names them.
const ACTIONS = [
  'discoveryStarted',
  'discoveryResumed',
  'discoveryCancelled',
  'findingsViewed',
  'findingReviewed',
  'packageBuilt',
  'packageOpened',
  'attachmentUploaded',
  'requestUpdated',
  'findingsPurged',
  'connectionTested',
  'importPlanned',
  'importApplied',
  'importUndone',
  'auditExported',
];

describe('the audit labels', () => {
  it('name every action of the backend in both languages', () => {
    for (const t of [fr, en]) {
      for (const action of ACTIONS) {
        expect(actionLabel(t.evidence.audit, action), action).not.toBe(action);
      }
    }
    expect(actionLabel(fr.evidence.audit, 'packageBuilt')).toBe('Dossier préparé');
    expect(actionLabel(en.evidence.audit, 'attachmentUploaded')).toBe('Attachment sent');
  });

  it('show an action this version does not know by its raw name', () => {
    expect(actionLabel(fr.evidence.audit, 'keyRotated')).toBe('keyRotated');
    expect(actionLabel(fr.evidence.audit, 'toString')).toBe('toString');
  });

  it('word the counts shortly, with the singular and the grouping of each language', () => {
    const counts: [string, number][] = [
      ['findings', 12],
      ['included', 9],
      ['redacted', 1],
    ];
    expect(countsLabel(fr.evidence.audit, counts, 'fr')).toBe('12 résultats, 9 inclus, 1 masquage');
    expect(countsLabel(en.evidence.audit, counts, 'en')).toBe(
      '12 findings, 9 included, 1 redaction',
    );
    expect(countsLabel(fr.evidence.audit, [['rows', 1200]], 'fr')).toBe('rows: 1\u202f200');
    expect(countsLabel(fr.evidence.audit, [], 'fr')).toBe('');
  });
});
