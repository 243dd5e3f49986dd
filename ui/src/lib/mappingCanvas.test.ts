import { describe, expect, it } from 'vitest';

import type { MappingSuggestions } from '../bindings/MappingSuggestions';
import {
  acceptAll,
  acceptSuggestion,
  chainOf,
  columnOf,
  connect,
  disconnect,
  emptyCanvas,
  fromProfile,
  rejectSuggestion,
  setChain,
  setKeyField,
  setValue,
  toProfile,
  valueMapOf,
  withSuggestions,
} from './mappingCanvas';

const blank = () =>
  emptyCanvas({ name: 'servicenow', kind: 'json', records: 'result' }, 'asset', 'ref');

const found: MappingSuggestions = {
  fields: [
    { targetField: 'ref', sourceColumn: 'u_number', score: 0.95, reason: 'usual name' },
    { targetField: 'label', sourceColumn: 'name', score: 0.9, reason: 'usual name' },
    { targetField: 'applicationState', sourceColumn: 'install_status', score: 0.8, reason: '' },
  ],
  enumMaps: [
    {
      targetField: 'applicationState',
      sourceColumn: 'install_status',
      values: [
        { from: 'En production', to: 'InProduction', score: 1 },
        { from: 'Retiré', to: 'Stopped', score: 0.9 },
      ],
      unmatched: ['Pilote'],
    },
  ],
};

describe('connections on the canvas', () => {
  it('connects a column to a field, and the key field to the key', () => {
    let s = connect(blank(), 'name', 'label');
    s = connect(s, 'u_number', 'ref');
    expect(s.fields).toEqual([{ target: 'label', column: 'name', transforms: [] }]);
    expect(s.key).toEqual({ column: 'u_number', transforms: [], target: 'ref' });
    expect(columnOf(s, 'ref')).toBe('u_number');
  });

  it('gives a field one source: connecting it again replaces the column and keeps its chain', () => {
    let s = connect(blank(), 'name', 'label');
    s = setChain(s, 'label', [{ op: 'trim' }]);
    s = connect(s, 'short_description', 'label');
    expect(s.fields).toEqual([
      { target: 'label', column: 'short_description', transforms: [{ op: 'trim' }] },
    ]);
  });

  it('disconnects a field, and clears the key column without losing the key field', () => {
    let s = connect(connect(blank(), 'name', 'label'), 'u_number', 'ref');
    s = disconnect(s, 'label');
    expect(s.fields).toEqual([]);
    s = disconnect(s, 'ref');
    expect(s.key).toEqual({ column: null, transforms: [], target: 'ref' });
    expect(toProfile(s)).toBeNull();
  });

  it('moves the key to another field, the old key becoming a plain connection', () => {
    let s = connect(connect(blank(), 'u_number', 'ref'), 'name', 'label');
    s = setKeyField(s, 'label');
    expect(s.key).toEqual({ column: 'name', transforms: [], target: 'label' });
    expect(s.fields).toEqual([{ target: 'ref', column: 'u_number', transforms: [] }]);
  });

  it('edits a chain and gives it back through the profile', () => {
    let s = connect(connect(blank(), 'u_number', 'ref'), 'name', 'label');
    s = setChain(s, 'ref', [{ op: 'trim' }, { op: 'upper' }]);
    s = setChain(s, 'label', [{ op: 'title' }]);
    expect(chainOf(s, 'ref')).toEqual([{ op: 'trim' }, { op: 'upper' }]);
    const profile = toProfile({ ...s, id: 'sn', name: 'SN' });
    expect(profile?.key).toEqual({
      column: 'u_number',
      transforms: [{ op: 'trim' }, { op: 'upper' }],
      target: 'ref',
    });
    expect(profile?.fields).toEqual([
      { target: 'label', column: 'name', transforms: [{ op: 'title' }] },
    ]);
    expect(fromProfile(profile!).fields).toEqual(profile?.fields);
  });
});

describe('suggestions', () => {
  it('are put on the canvas without touching what the DPO connected', () => {
    const s = withSuggestions(connect(blank(), 'short_description', 'label'), found);
    expect(s.suggestions.map((x) => x.field)).toEqual(['ref', 'applicationState']);
    expect(s.suggestions[1]?.values).toEqual({
      'En production': 'InProduction',
      Retiré: 'Stopped',
    });
    expect(s.suggestions[1]?.unmatched).toEqual(['Pilote']);
  });

  it('accepted, become connections with their value map', () => {
    let s = withSuggestions(blank(), found);
    s = acceptSuggestion(s, 'applicationState');
    expect(s.fields).toEqual([
      {
        target: 'applicationState',
        column: 'install_status',
        transforms: [
          { op: 'valueMap', values: { 'En production': 'InProduction', Retiré: 'Stopped' } },
        ],
      },
    ]);
    expect(s.suggestions.map((x) => x.field)).toEqual(['ref', 'label']);
  });

  it('rejected, leave the canvas and connect nothing', () => {
    const s = rejectSuggestion(withSuggestions(blank(), found), 'label');
    expect(s.suggestions.map((x) => x.field)).toEqual(['ref', 'applicationState']);
    expect(s.fields).toEqual([]);
  });

  it('all accepted give a profile keyed on the suggested key', () => {
    const s = acceptAll(withSuggestions(blank(), found));
    expect(s.suggestions).toEqual([]);
    expect(toProfile(s)?.key.column).toBe('u_number');
    expect(s.fields.map((f) => f.target)).toEqual(['label', 'applicationState']);
  });

  it('a value fixed by hand joins the accepted map, and can be removed again', () => {
    let s = acceptSuggestion(withSuggestions(blank(), found), 'applicationState');
    s = setValue(s, 'applicationState', 'Pilote', 'InDevelopment');
    expect(valueMapOf(s, 'applicationState')).toEqual({
      'En production': 'InProduction',
      Retiré: 'Stopped',
      Pilote: 'InDevelopment',
    });
    s = setValue(s, 'applicationState', 'Retiré', null);
    expect(Object.keys(valueMapOf(s, 'applicationState'))).toEqual(['En production', 'Pilote']);
  });

  it('a field fed by no column gets its value from its chain alone', () => {
    let s = setChain(blank(), 'type', [{ op: 'constant', value: 'Software' }]);
    expect(s.fields).toEqual([
      { target: 'type', transforms: [{ op: 'constant', value: 'Software' }] },
    ]);
    s = setChain(s, 'type', []);
    expect(s.fields).toEqual([]);
  });

  it('a value map is added at the end of a chain that has none', () => {
    let s = setChain(connect(blank(), 'state', 'applicationState'), 'applicationState', [
      { op: 'trim' },
    ]);
    s = setValue(s, 'applicationState', 'prod', 'InProduction');
    expect(chainOf(s, 'applicationState')).toEqual([
      { op: 'trim' },
      { op: 'valueMap', values: { prod: 'InProduction' } },
    ]);
  });
});
