import { describe, expect, it } from 'vitest';

import { en } from '../i18n/en';
import { fr } from '../i18n/fr';
import { describeDeadline } from './deadline';

describe('describeDeadline', () => {
  it('says how many days are left, in French and English', () => {
    expect(describeDeadline(12, fr.deadline)).toEqual({ text: 'dans 12 j', tone: 'ok' });
    expect(describeDeadline(12, en.deadline)).toEqual({ text: 'in 12 days', tone: 'ok' });
  });

  it('says how late an overdue request is', () => {
    expect(describeDeadline(-5, fr.deadline)).toEqual({
      text: 'en retard de 5 j',
      tone: 'overdue',
    });
    expect(describeDeadline(-5, en.deadline).text).toBe('5 days overdue');
    expect(describeDeadline(-1, en.deadline).text).toBe('1 day overdue');
  });

  it('marks the last week before the deadline as near', () => {
    expect(describeDeadline(7, fr.deadline).tone).toBe('soon');
    expect(describeDeadline(8, fr.deadline).tone).toBe('ok');
    expect(describeDeadline(1, fr.deadline)).toEqual({ text: 'demain', tone: 'soon' });
  });

  it('says a request due today is due today', () => {
    expect(describeDeadline(0, fr.deadline)).toEqual({ text: "aujourd'hui", tone: 'soon' });
    expect(describeDeadline(0, en.deadline).text).toBe('due today');
  });

  it('says nothing for a closed request, which has no days left', () => {
    expect(describeDeadline(null, fr.deadline)).toEqual({ text: null, tone: 'none' });
  });
});
