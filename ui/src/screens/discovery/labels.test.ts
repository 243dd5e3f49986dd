import { describe, expect, it } from 'vitest';

import type { FindingLocation } from '../../bindings/FindingLocation';
import { en } from '../../i18n/en';
import { fr } from '../../i18n/fr';
import { decisionText, groupOf, locationText, requestFieldText, startRefusalText } from './labels';

describe('locationText', () => {
  it('words a file location with its row, page and line', () => {
    expect(locationText({ type: 'file', path: 'crm/clients.csv', row: 2 }, fr)).toBe(
      'crm/clients.csv — ligne 2',
    );
    expect(locationText({ type: 'file', path: 'lettre.pdf', page: 2, line: 1 }, fr)).toBe(
      'lettre.pdf — page 2, ligne 1',
    );
    expect(locationText({ type: 'file', path: 'a.xlsx', sheet: 'Clients', row: 4 }, en)).toBe(
      'a.xlsx — sheet Clients, row 4',
    );
    expect(locationText({ type: 'file', path: 'notes.txt' }, fr)).toBe('notes.txt');
  });

  it('words a row by its table and key, and an API record by its recipe and id', () => {
    expect(locationText({ type: 'row', table: 'clients', key: [['id', '1']] }, fr)).toBe(
      'table clients — id = 1',
    );
    const api: FindingLocation = {
      type: 'api',
      recipe: 'Relation Client',
      endpoint: '/contacts',
      id: 'c-1',
    };
    expect(locationText(api, fr)).toBe('API Relation Client — fiche c-1');
    expect(locationText({ ...api, id: null }, en)).toBe('Relation Client API — /contacts');
  });

  it('groups rows by table and files by path', () => {
    expect(groupOf({ type: 'row', table: 'public.clients', key: [] }, fr).label).toBe(
      'table public.clients',
    );
    expect(groupOf({ type: 'file', path: 'x.eml', line: 3 }, fr).key).toBe('file:x.eml');
  });
});

describe('decisionText', () => {
  it('names the reason and the note of an exclusion', () => {
    expect(decisionText({ decision: 'exclude', reason: 'duplicate' }, fr)).toBe('Exclu : Doublon');
    expect(decisionText({ decision: 'exclude', reason: 'other', note: 'archive' }, en)).toBe(
      'Excluded: Other reason (archive)',
    );
    expect(decisionText({ decision: 'include' }, fr)).toBe('Inclus dans la réponse');
  });
});

describe('where an identifier came from, and why a search is refused', () => {
  it('words the request fields, additional fields by their key, anything else as it is', () => {
    expect(requestFieldText('email', fr)).toBe('adresse e-mail');
    expect(requestFieldText('givenName familyName', en)).toBe('given and family name');
    expect(requestFieldText('additionalDatas.loyaltyCard', fr)).toBe(
      'champ complémentaire « loyaltyCard »',
    );
    expect(requestFieldText('somethingNew', fr)).toBe('somethingNew');
  });

  it('words a refusal from the field at fault, else keeps the backend sentence', () => {
    const fields = (field: string) => [{ field, problem: 'is empty', fix: '' }];
    expect(startRefusalText({ message: 'x', fields: fields('sourceIds') }, fr)).toBe(
      'aucun endroit où chercher n’est choisi : cochez au moins une connexion.',
    );
    expect(startRefusalText({ message: 'x', fields: fields('identifiers') }, en)).toBe(
      'there is no one to search for: add at least one identifier.',
    );
    expect(startRefusalText({ message: 'the keyring is locked', fields: [] }, fr)).toBe(
      'the keyring is locked',
    );
  });
});
