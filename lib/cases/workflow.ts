import { closureReason, type CaseStatus, type ClosureReason, type Role } from '@/db/schema';

export const closureReasons = closureReason.enumValues;

/**
 * The forward path is reported → under investigation → referred to prosecutor → closed. A case may be closed
 * early (a duplicate, a transfer, no evidence), and a prosecutor may send a case back for more investigation.
 * Reopening a closed case is a supervisor's decision.
 */
const transitions: Record<CaseStatus, readonly CaseStatus[]> = {
  reported: ['under_investigation', 'closed'],
  under_investigation: ['referred_to_prosecutor', 'closed'],
  referred_to_prosecutor: ['under_investigation', 'closed'],
  closed: ['under_investigation'],
};

export function allowedTransitions(from: CaseStatus, role: Role): CaseStatus[] {
  return from === 'closed' && role !== 'police_supervisor' ? [] : [...transitions[from]];
}

export type TransitionCheck = { ok: true } | { ok: false; reason: 'not_allowed' | 'reason_required' | 'reason_not_applicable' };

export function checkTransition(from: CaseStatus, to: CaseStatus, role: Role, closureReason: ClosureReason | null | undefined): TransitionCheck {
  if (!allowedTransitions(from, role).includes(to)) return { ok: false, reason: 'not_allowed' };
  if (to === 'closed' && !closureReason) return { ok: false, reason: 'reason_required' };
  if (to !== 'closed' && closureReason) return { ok: false, reason: 'reason_not_applicable' };
  return { ok: true };
}
