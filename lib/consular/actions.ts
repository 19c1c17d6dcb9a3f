'use server';

import type { ActionResult } from '@/lib/action-result';
import { runAction } from '@/lib/run-action';
import { decideDualNational, recordFollowUp, recordOfficialAnswer, recordOfficialNotification } from './commands';
import { setConsularRule } from './rules';
import { decideDualNationalSchema, recordFollowUpSchema, recordOfficialAnswerSchema, recordOfficialNotificationSchema, setConsularRuleSchema } from './schemas';

// The police workspace shows the tasks and the people; a dual-national decision or a follow-up reaches the embassy.
const policeSide = { revalidate: ['/police'] } as const;
const bothSides = { revalidate: ['/police', '/embassy'] } as const;

export async function recordOfficialNotificationAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  return runAction(recordOfficialNotificationSchema, input, recordOfficialNotification, policeSide);
}

export async function recordOfficialAnswerAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  return runAction(recordOfficialAnswerSchema, input, recordOfficialAnswer, policeSide);
}

export async function decideDualNationalAction(input: unknown): Promise<ActionResult<void>> {
  return runAction(decideDualNationalSchema, input, decideDualNational, bothSides);
}

export async function recordFollowUpAction(input: unknown): Promise<ActionResult<{ notified: number }>> {
  return runAction(recordFollowUpSchema, input, recordFollowUp, bothSides);
}

export async function setConsularRuleAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  return runAction(setConsularRuleSchema, input, setConsularRule, { revalidate: ['/admin'] });
}
