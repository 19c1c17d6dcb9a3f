'use server';

import type { ActionResult } from '@/lib/action-result';
import { runAction } from '@/lib/run-action';
import { createMission, updateMission } from './commands';
import { createMissionSchema, updateMissionSchema } from './schemas';

// An admin looks for a mission of the directory, not a case.
const adminOptions = { notFoundMessage: 'missions.errors.notFound', revalidate: ['/admin'] } as const;

export async function createMissionAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction(createMissionSchema, input, createMission, adminOptions);
}

export async function updateMissionAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  return runAction(updateMissionSchema, input, updateMission, adminOptions);
}
