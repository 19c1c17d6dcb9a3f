import { describe, expect, it } from 'vitest';
import { routeNotifications, type RoutableEmbassy, type RoutablePerson } from './routing';

function embassyOf(countryCode: string): RoutableEmbassy {
  return { id: `embassy-${countryCode.toLowerCase()}`, countryCode, ackDeadlineHours: 72, detentionAckDeadlineHours: 24 };
}

const embassies = [embassyOf('CN'), embassyOf('VN'), embassyOf('TH')];

function person(nationality: string, detentionStatus: RoutablePerson['detentionStatus'] = 'not_detained'): RoutablePerson {
  return { nationality, detentionStatus };
}

function summarise(people: RoutablePerson[], to: RoutableEmbassy[] = embassies) {
  return routeNotifications(people, to).map((route) => ({ embassyId: route.embassy.id, kind: route.kind, reason: route.reason }));
}

describe('routeNotifications', () => {
  it('notifies each embassy whose nationals are involved, as ordinary notifications', () => {
    expect(summarise([person('CN'), person('VN')])).toEqual([
      { embassyId: 'embassy-cn', kind: 'ordinary', reason: 'national_involved' },
      { embassyId: 'embassy-vn', kind: 'ordinary', reason: 'national_involved' },
    ]);
  });

  it('notifies nobody when only Cambodians are involved', () => {
    expect(summarise([person('KH', 'detained'), person('KH')])).toEqual([]);
  });

  it('never routes Cambodians, even to an organisation that claims the KH country code', () => {
    expect(summarise([person('KH', 'detained')], [embassyOf('KH')])).toEqual([]);
  });

  it('makes only the detainee’s embassy a detention notification', () => {
    expect(summarise([person('CN', 'detained'), person('VN')])).toEqual([
      { embassyId: 'embassy-cn', kind: 'detention', reason: 'national_detained' },
      { embassyId: 'embassy-vn', kind: 'ordinary', reason: 'national_involved' },
    ]);
  });

  it('notifies an embassy once however many of its nationals, as detention if any one is detained', () => {
    expect(summarise([person('CN'), person('CN', 'detained')])).toEqual([
      { embassyId: 'embassy-cn', kind: 'detention', reason: 'national_detained' },
    ]);
    expect(summarise([person('CN'), person('CN'), person('CN')])).toHaveLength(1);
  });

  it('treats a released national as no longer detained', () => {
    expect(summarise([person('TH', 'released')])).toEqual([
      { embassyId: 'embassy-th', kind: 'ordinary', reason: 'national_involved' },
    ]);
  });

  it('routes an unknown nationality nowhere, even when the person is detained', () => {
    expect(summarise([person('XX', 'detained')], [...embassies, embassyOf('XX')])).toEqual([]);
    expect(summarise([person('XX', 'detained'), person('VN')])).toEqual([
      { embassyId: 'embassy-vn', kind: 'ordinary', reason: 'national_involved' },
    ]);
  });

  it('leaves out embassies of countries not in the case, and nationals whose country has no embassy here', () => {
    expect(summarise([person('TH'), person('MM', 'detained'), person('ID')])).toEqual([
      { embassyId: 'embassy-th', kind: 'ordinary', reason: 'national_involved' },
    ]);
  });

  it('ignores organisations without a country code', () => {
    const ministry = { id: 'ministry', countryCode: null, ackDeadlineHours: 72, detentionAckDeadlineHours: 24 };
    expect(summarise([person('CN')], [ministry])).toEqual([]);
  });

  it('returns the embassy object it was given, so callers keep their own fields', () => {
    const cn = { ...embassyOf('CN'), slug: 'embassy-cn' };
    const [route] = routeNotifications([person('CN')], [cn]);
    expect(route?.embassy).toBe(cn);
  });
});
