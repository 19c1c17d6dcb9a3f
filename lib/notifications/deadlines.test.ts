import { describe, expect, it } from 'vitest';
import { escalateToDetention, isOverdue, notificationDueAt, type EmbassyDeadlines } from './deadlines';

const embassy: EmbassyDeadlines = { ackDeadlineHours: 72, detentionAckDeadlineHours: 24 };
const sentAt = new Date('2026-03-10T02:00:00Z');

function hoursAfter(start: Date, hours: number): Date {
  return new Date(start.getTime() + hours * 3_600_000);
}

describe('notificationDueAt', () => {
  it('gives an ordinary notification the embassy’s ordinary deadline', () => {
    expect(notificationDueAt('ordinary', embassy, sentAt)).toEqual(hoursAfter(sentAt, 72));
  });

  it('gives a detention notification the embassy’s detention deadline', () => {
    expect(notificationDueAt('detention', embassy, sentAt)).toEqual(hoursAfter(sentAt, 24));
  });

  it('uses each embassy’s own deadlines', () => {
    const strict = { ackDeadlineHours: 48, detentionAckDeadlineHours: 12 };
    expect(notificationDueAt('ordinary', strict, sentAt)).toEqual(hoursAfter(sentAt, 48));
    expect(notificationDueAt('detention', strict, sentAt)).toEqual(hoursAfter(sentAt, 12));
  });
});

describe('isOverdue', () => {
  const dueAt = hoursAfter(sentAt, 24);

  it('is not overdue before or exactly at the due time', () => {
    expect(isOverdue({ dueAt, acknowledgedAt: null }, hoursAfter(sentAt, 23))).toBe(false);
    expect(isOverdue({ dueAt, acknowledgedAt: null }, dueAt)).toBe(false);
  });

  it('is overdue one millisecond after the due time when not acknowledged', () => {
    expect(isOverdue({ dueAt, acknowledgedAt: null }, new Date(dueAt.getTime() + 1))).toBe(true);
  });

  it('is never overdue once acknowledged, even if the acknowledgement came late', () => {
    expect(isOverdue({ dueAt, acknowledgedAt: hoursAfter(sentAt, 30) }, hoursAfter(sentAt, 100))).toBe(false);
  });
});

describe('escalateToDetention', () => {
  const ordinaryDueAt = notificationDueAt('ordinary', embassy, sentAt);

  it('brings the due time forward to 24 hours after a detention soon after sending', () => {
    const detainedAt = hoursAfter(sentAt, 6);
    expect(escalateToDetention({ dueAt: ordinaryDueAt }, embassy, detainedAt)).toEqual({
      kind: 'detention',
      dueAt: hoursAfter(detainedAt, 24),
    });
  });

  it('keeps the earlier ordinary due time when the detention comes late', () => {
    const detainedAt = hoursAfter(sentAt, 60);
    expect(escalateToDetention({ dueAt: ordinaryDueAt }, embassy, detainedAt)).toEqual({ kind: 'detention', dueAt: ordinaryDueAt });
  });

  it('keeps the due time when both deadlines fall on the same instant', () => {
    const detainedAt = hoursAfter(sentAt, 48);
    expect(escalateToDetention({ dueAt: ordinaryDueAt }, embassy, detainedAt).dueAt).toEqual(ordinaryDueAt);
  });

  it('does not push back a detention notification when a second national is detained', () => {
    const firstDueAt = notificationDueAt('detention', embassy, sentAt);
    expect(escalateToDetention({ dueAt: firstDueAt }, embassy, hoursAfter(sentAt, 10)).dueAt).toEqual(firstDueAt);
  });
});
