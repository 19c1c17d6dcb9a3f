import messages from '@/lib/i18n/messages/en.json';

/**
 * RFC 9457 problem details: the one shape of every refusal of /api/v1. Field errors carry the app's own message
 * keys as `code` (stable for a partner's code) and their English text as `message` (for its logs).
 */
export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

const titles: Record<number, string> = {
  400: 'The request is not valid',
  401: 'Not authenticated',
  403: 'The key lacks the scope for this',
  404: 'Not found',
  409: 'Conflict',
  412: 'The record changed',
  422: 'The Idempotency-Key was used for another request',
  428: 'If-Match is required',
  429: 'Too many requests',
  500: 'Something went wrong on our side',
};

/** The English text of an i18n key such as `validation.required`, or the text itself when it is not a key. */
export function englishMessageOf(key: string): string {
  let node: unknown = messages;
  for (const part of key.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'string' ? node : key;
}

export function fieldProblemsOf(fieldErrors: Record<string, string[]>): FieldProblem[] {
  return Object.entries(fieldErrors).flatMap(([field, keys]) => keys.map((code) => ({ field, code, message: englishMessageOf(code) })));
}

export interface ProblemOptions {
  detail?: string;
  errors?: FieldProblem[];
  headers?: Record<string, string>;
}

/** The problem as status, headers and body text: what a Response is built from, and what an idempotent retry replays. */
export function problemOf(status: number, options: ProblemOptions = {}): { status: number; headers: Record<string, string>; body: string } {
  const body = {
    type: options.errors?.length ? 'tag:casebridge.app,2026:problem/invalid-fields' : 'about:blank',
    title: titles[status] ?? 'Error',
    status,
    ...(options.detail ? { detail: options.detail } : {}),
    ...(options.errors?.length ? { errors: options.errors } : {}),
  };
  return { status, headers: { 'Content-Type': 'application/problem+json', ...options.headers }, body: JSON.stringify(body) };
}

export function problemResponse(status: number, options: ProblemOptions = {}): Response {
  const problem = problemOf(status, options);
  return new Response(problem.body, { status, headers: problem.headers });
}
