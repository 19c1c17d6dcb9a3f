import type { CaseStatus, ClosureReason, PersonRole } from '@/db/schema';
import { demoDocument, demoName, type DemoDocument, type DemoNationality, type DemoSex } from './demo-names';
import type { SeededRandom } from './prng';

/**
 * What the demo seed and the national load both invent the same way: who a person is, and how far a case has
 * come since it was reported. Times are milliseconds since the epoch so the load can stay on plain numbers.
 */


const hour = 3_600_000;
const day = 24 * hour;

export interface Identity {
  nationality: DemoNationality;
  sex: DemoSex;
  latinName: string;
  nativeName: string | null;
  dateOfBirth: string | null;
  approximateAge: number | null;
  document: DemoDocument | null;
}

/** The part of a crime type's cast that shapes who its people are. */
export interface IdentityMix {
  /** Share of victims whose documents were with them (scam and trafficking victims often had theirs taken). */
  victimDocumentChance: number;
  femaleVictimShare: number;
}

export interface StatusChange {
  from: CaseStatus;
  to: CaseStatus;
  at: number;
  closureReason: ClosureReason | null;
}

export const nationalityAdjectives: Record<Exclude<DemoNationality, 'XX'>, string> = {
  KH: 'Cambodian',
  CN: 'Chinese',
  VN: 'Vietnamese',
  TH: 'Thai',
  ID: 'Indonesian',
  MM: 'Myanmar',
  MY: 'Malaysian',
  LA: 'Lao',
  PH: 'Filipino',
};

/** A calendar date as written in Cambodia (UTC+7), for `date` columns. */
export function cambodianDate(ms: number): string {
  return new Date(ms + 7 * hour).toISOString().slice(0, 10);
}

export function listPhrase(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** The status a case of this age has reached, and the changes that took it there. */
export function planStatusChanges(rng: SeededRandom, reportedMs: number, ageMs: number): StatusChange[] {
  const ageInDays = ageMs / day;
  const status: CaseStatus =
    ageInDays < 2
      ? rng.weighted<CaseStatus>({ reported: 80, under_investigation: 20 })
      : ageInDays < 14
        ? rng.weighted<CaseStatus>({ reported: 35, under_investigation: 55, referred_to_prosecutor: 5, closed: 5 })
        : ageInDays < 90
          ? rng.weighted<CaseStatus>({ reported: 10, under_investigation: 45, referred_to_prosecutor: 25, closed: 20 })
          : ageInDays < 365
            ? rng.weighted<CaseStatus>({ reported: 3, under_investigation: 27, referred_to_prosecutor: 30, closed: 40 })
            : rng.weighted<CaseStatus>({ reported: 1, under_investigation: 7, referred_to_prosecutor: 14, closed: 78 });
  // Old cases were worked within months, not spread over the years since.
  const span = Math.min(ageMs, 240 * day);
  const at = (from: number, to: number) => reportedMs + Math.floor(span * rng.between(from, to));
  const change = (from: CaseStatus, to: CaseStatus, moment: number, closure: ClosureReason | null = null): StatusChange => ({ from, to, at: moment, closureReason: closure });
  switch (status) {
    case 'reported':
      return [];
    case 'under_investigation':
      return [change('reported', 'under_investigation', at(0.01, 0.1))];
    case 'referred_to_prosecutor':
      return [change('reported', 'under_investigation', at(0.01, 0.1)), change('under_investigation', 'referred_to_prosecutor', at(0.3, 0.6))];
    case 'closed': {
      const path = rng.weighted({ viaProsecutor: 55, afterInvestigation: 35, atIntake: 10 });
      if (path === 'atIntake') return [change('reported', 'closed', at(0.01, 0.1), rng.pick(['duplicate', 'transferred'] as const))];
      if (path === 'afterInvestigation') {
        const closure = rng.weighted<ClosureReason>({ insufficient_evidence: 60, transferred: 30, duplicate: 10 });
        return [change('reported', 'under_investigation', at(0.01, 0.1)), change('under_investigation', 'closed', at(0.3, 0.9), closure)];
      }
      return [
        change('reported', 'under_investigation', at(0.01, 0.1)),
        change('under_investigation', 'referred_to_prosecutor', at(0.3, 0.6)),
        change('referred_to_prosecutor', 'closed', at(0.65, 0.95), 'solved'),
      ];
    }
  }
}

/** A new person of this nationality and role, as known on the day the case was reported. */
export function newIdentity(rng: SeededRandom, nationality: DemoNationality, role: PersonRole, mix: IdentityMix, reportedMs: number): Identity {
  const sex: DemoSex =
    role === 'victim' ? (rng.chance(mix.femaleVictimShare) ? 'female' : 'male') : role === 'suspect' ? (rng.chance(0.82) ? 'male' : 'female') : rng.chance(0.5) ? 'male' : 'female';
  const age = role === 'victim' ? rng.integer(16, 45) : role === 'suspect' ? rng.integer(20, 55) : rng.integer(18, 65);
  const documentChance = nationality === 'XX' ? 0 : role === 'victim' ? mix.victimDocumentChance : 0.75;
  const document = rng.chance(documentChance) ? demoDocument(rng, nationality) : null;
  // A document gives the date of birth; without one, officers estimate the age or leave it blank.
  const knowsBirthDate = document !== null && rng.chance(0.9);
  const hasAgeEstimate = !knowsBirthDate && rng.chance(0.7);
  return {
    nationality,
    sex,
    ...demoName(rng, nationality, sex),
    dateOfBirth: knowsBirthDate ? cambodianDate(reportedMs - (age * 365 + rng.integer(0, 364)) * day) : null,
    approximateAge: hasAgeEstimate ? age : null,
    document,
  };
}
