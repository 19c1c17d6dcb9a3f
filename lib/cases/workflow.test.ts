import { describe, expect, it } from 'vitest';
import { allowedTransitions, checkTransition } from './workflow';

describe('case status workflow', () => {
  it('moves forward one step at a time', () => {
    expect(checkTransition('reported', 'under_investigation', 'police_officer', null)).toEqual({ ok: true });
    expect(checkTransition('under_investigation', 'referred_to_prosecutor', 'police_officer', null)).toEqual({ ok: true });
    expect(checkTransition('referred_to_prosecutor', 'closed', 'police_officer', 'solved')).toEqual({ ok: true });
  });

  it('refuses skipping straight to the prosecutor and moving to the same status', () => {
    expect(checkTransition('reported', 'referred_to_prosecutor', 'police_supervisor', null)).toEqual({ ok: false, reason: 'not_allowed' });
    expect(checkTransition('reported', 'reported', 'police_supervisor', null)).toEqual({ ok: false, reason: 'not_allowed' });
  });

  it('needs a closure reason to close, and only then', () => {
    expect(checkTransition('under_investigation', 'closed', 'police_officer', null)).toEqual({ ok: false, reason: 'reason_required' });
    expect(checkTransition('reported', 'under_investigation', 'police_officer', 'solved')).toEqual({ ok: false, reason: 'reason_not_applicable' });
    expect(checkTransition('reported', 'closed', 'police_officer', 'duplicate')).toEqual({ ok: true });
  });

  it('lets only a supervisor reopen a closed case', () => {
    expect(allowedTransitions('closed', 'police_officer')).toEqual([]);
    expect(allowedTransitions('closed', 'police_supervisor')).toEqual(['under_investigation']);
    expect(checkTransition('closed', 'under_investigation', 'police_officer', null)).toEqual({ ok: false, reason: 'not_allowed' });
    expect(checkTransition('closed', 'under_investigation', 'police_supervisor', null)).toEqual({ ok: true });
  });
});
