// The fake backend's discovery commands keep the backend's promises that the screens' tests and
// the mock window rely on: spans are UTF-8 bytes of the value, findings appear as their source
// reads them, the job ends with `job_finished`, and an exclusion for another reason needs a note.

import { listen } from '@tauri-apps/api/event';
import { describe, expect, it } from 'vitest';

import { call, type IpcError } from '../api';
import { installFakeBackend } from './fakeBackend';
import { SAMPLE_DONE_JOB } from './fakeDiscovery';
import { CLIENTS_ID, RH_ID } from './fixtures';

const START = {
  requestId: 1001,
  identifiers: [
    {
      kind: 'email' as const,
      value: 'elodie.dupont-moreau@exemple.fr',
      label: null,
      provenance: { source: 'request' as const, field: 'email' },
    },
  ],
  sourceIds: [RH_ID, CLIENTS_ID],
};

describe('the fake discovery', () => {
  it('sends spans in UTF-8 bytes of the value', async () => {
    installFakeBackend();
    const list = await call('review_list', { jobId: SAMPLE_DONE_JOB });
    for (const { finding } of list.findings) {
      for (const field of finding.fields) {
        const bytes = new TextEncoder().encode(field.value);
        for (const span of [...field.matched, ...field.pii.map((p) => p.span)]) {
          const part = new TextDecoder().decode(bytes.slice(span.start, span.end));
          expect(field.value, field.name).toContain(part);
          expect(part.length, field.name).toBeGreaterThan(0);
        }
      }
    }
  });

  it('runs a job by ticks, findings appearing as units are read, and says when it ends', async () => {
    const backend = installFakeBackend();
    const finished: unknown[] = [];
    await listen('job_finished', (e) => finished.push(e.payload));
    const job = await call('discovery_start', START);
    expect((await call('review_list', { jobId: job.id })).findings).toHaveLength(0);

    await backend.discovery.tick();
    expect((await call('review_list', { jobId: job.id })).findings).toHaveLength(2);
    await backend.discovery.runAll();

    const list = await call('review_list', { jobId: job.id });
    expect(list.findings).toHaveLength(5);
    expect(list.remaining).toBe(5);
    expect(list.job).toMatchObject({ state: 'done', live: false });
    expect(finished).toEqual([{ jobId: job.id, state: 'done' }]);
  });

  it('refuses an exclusion for another reason without a note, as the backend does', async () => {
    installFakeBackend();
    const decision = { decision: 'exclude' as const, reason: 'other' as const, note: ' ' };
    const error = (await call('review_decide', {
      jobId: SAMPLE_DONE_JOB,
      findingIds: [101],
      decision,
    }).catch((e: unknown) => e)) as IpcError;
    expect(error.code).toBe('invalid');

    const update = await call('review_decide', {
      jobId: SAMPLE_DONE_JOB,
      findingIds: [101, 102],
      decision: { ...decision, note: 'archive' },
    });
    expect(update.remaining).toBe(4);
    expect(update.reviews.map((r) => r.id)).toEqual([101, 102]);
  });
});
