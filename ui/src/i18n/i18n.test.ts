import { describe, expect, it } from 'vitest';

import type { ConnectionKind } from '../bindings/ConnectionKind';
import type { ErrorCode } from '../bindings/ErrorCode';

import {
  ACTOR_TYPES,
  APPLICATION_STATES,
  APPLICATION_TYPES,
  ASSET_TYPES,
  CONTRACT_STATES,
  CONTRACT_TYPES,
  DSR_CHANNELS,
  DSR_PURPOSES,
  DSR_STATES,
  HOSTING_TYPES,
  PERSON_CATEGORIES,
} from '../lib/dastraEnums';
import { en } from './en';
import { fr } from './fr';
import { FAILURE_CODES } from '../test/codes';

type Leaf = { path: string; value: unknown };

function leaves(node: unknown, path = ''): Leaf[] {
  if (typeof node === 'object' && node !== null) {
    return Object.entries(node).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  }
  return [{ path, value: node }];
}

describe('the dictionaries', () => {
  it('have the same keys in French and English', () => {
    const keys = (d: object) =>
      leaves(d)
        .map((l) => l.path)
        .sort();
    expect(keys(en)).toEqual(keys(fr));
  });

  it('have no empty text in either language', () => {
    for (const dict of [fr, en]) {
      for (const { path, value } of leaves(dict)) {
        const text =
          typeof value === 'function'
            ? (value as (...a: unknown[]) => unknown)(2, '2', '3')
            : value;
        expect(typeof text, path).toBe('string');
        expect((text as string).trim(), path).not.toBe('');
      }
    }
  });

  it('name every Dastra value the screens show, in both languages', () => {
    const lists: [keyof typeof fr.enums, readonly string[]][] = [
      ['dsrState', DSR_STATES],
      ['purpose', DSR_PURPOSES],
      ['channel', DSR_CHANNELS],
      ['personCategory', PERSON_CATEGORIES],
      ['assetType', ASSET_TYPES],
      ['applicationType', APPLICATION_TYPES],
      ['applicationState', APPLICATION_STATES],
      ['hosting', HOSTING_TYPES],
      ['actorType', ACTOR_TYPES],
      ['contractState', CONTRACT_STATES],
      ['contractType', CONTRACT_TYPES],
    ];
    for (const dict of [fr, en]) {
      for (const [name, values] of lists) {
        expect(Object.keys(dict.enums[name]).sort(), name).toEqual([...values].sort());
      }
    }
  });

  it('speak French the way a DPO writes it', () => {
    expect(fr.inbox.title).toBe("Demandes d'exercice de droits");
    expect(fr.enums.purpose.Access).toBe("Droit d'accès");
    expect(fr.inbox.columns.due).toBe('Échéance');
    expect(fr.deadline.overdueBy(5)).toBe('en retard de 5 j');
    expect(fr.inbox.total(40, '40')).toBe('40 demandes');
    expect(fr.inbox.total(1, '1')).toBe('1 demande');
  });

  it('write counts in English with the right plural', () => {
    expect(en.inbox.total(40, '40')).toBe('40 requests');
    expect(en.inbox.total(1, '1')).toBe('1 request');
    expect(en.inbox.total(0, '0')).toBe('No requests');
  });
});

describe('the Connections screen', () => {
  // Records, so that a code added on the Rust side fails to compile here until it is listed.
  const errorCodes: Record<ErrorCode, true> = {
    invalid: true,
    notFound: true,
    unauthorized: true,
    unreachable: true,
    outcomeUnknown: true,
    keyring: true,
    unsupported: true,
    internal: true,
  };
  const kinds: Record<ConnectionKind, true> = {
    dastraWorkspace: true,
    postgres: true,
    mysql: true,
    sqlite: true,
    folder: true,
    restApi: true,
  };

  it('explains every test failure and every error, and names every kind, in both languages', () => {
    for (const dict of [fr, en]) {
      const words = dict.connections;
      for (const code of FAILURE_CODES) {
        expect(words.failure[code], code).toMatch(/\S/);
      }
      for (const code of Object.keys(errorCodes)) {
        expect(words.errorHint[code as ErrorCode], code).toMatch(/\S/);
      }
      for (const kind of Object.keys(kinds)) {
        expect(words.kinds[kind as ConnectionKind], kind).toMatch(/\S/);
      }
    }
  });

  it('says things differently in French and English', () => {
    expect(fr.connections.title).toBe('Connexions');
    expect(en.connections.title).toBe('Connections');
    expect(fr.connections.exporting.count(0)).toContain('Aucune connexion');
    expect(en.connections.exporting.count(1)).toBe(
      '1 connection exported, without any password or key.',
    );
    expect(fr.connections.lastTest.ok(fr.connections.lastTest.today('14:05'))).toBe(
      'Test réussi à 14:05',
    );
  });
});

describe('the discovery screens', () => {
  it('tell the time left in words', () => {
    expect(fr.discovery.job.eta(135)).toBe('environ 2 min');
    expect(fr.discovery.job.eta(20)).toBe("moins d'une minute");
    expect(fr.discovery.job.eta(3900)).toBe('environ 1 h 5');
    expect(en.discovery.job.eta(135)).toBe('about 2 min');
  });

  it('count what is left to review', () => {
    expect(fr.discovery.review.remaining(3)).toBe('3 à examiner');
    expect(fr.discovery.review.remaining(0)).toBe('Tout est examiné');
    expect(en.discovery.review.remaining(1)).toBe('1 to review');
  });

  it("name where an identifier came from, and a third party's data", () => {
    expect(fr.discovery.launch.fromRequest('email')).toBe('du formulaire : email');
    expect(fr.discovery.launch.addedByYou).toBe('ajouté par vous');
    expect(fr.discovery.review.thirdParty(fr.discovery.piiKind.nir)).toBe(
      "NIR — donnée d'un tiers ?",
    );
  });
});
