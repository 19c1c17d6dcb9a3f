import { auditLevels, type AuditLevel } from './generate';

export interface LoadOptions {
  cases: number;
  seed: number;
  batch: number;
  audit: AuditLevel;
}

export const loadUsage = 'Usage: npm run db:load -- --cases 1000000 [--seed 42] [--batch 5000] [--audit cases|full|none]';

function parseCount(name: string, raw: string | undefined, min: number, max: number): number {
  if (raw === undefined) throw new Error(`${name} needs a value. ${loadUsage}`);
  const cleaned = raw.replace(/[_,]/g, '');
  const value = /^\d+(\.\d+)?[kKmM]?$/.test(cleaned)
    ? Number.parseFloat(cleaned) * (/[kK]$/.test(cleaned) ? 1_000 : /[mM]$/.test(cleaned) ? 1_000_000 : 1)
    : Number.NaN;
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be a whole number between ${min} and ${max}, not "${raw}". ${loadUsage}`);
  return value;
}

/** Reads `--cases N` (also `--cases=N`, `1_000_000`, `1m`), `--seed`, `--batch` and `--audit`. */
export function parseLoadOptions(argv: readonly string[]): LoadOptions {
  const values = new Map<string, string | undefined>();
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] ?? '';
    const match = /^--(cases|seed|batch|audit)(?:=(.*))?$/.exec(argument);
    if (!match) throw new Error(`Unknown argument "${argument}". ${loadUsage}`);
    const [, name = '', inline] = match;
    values.set(name, inline ?? argv[(index += 1)]);
  }
  if (!values.has('cases')) throw new Error(`Say how many cases to generate. ${loadUsage}`);
  const audit = values.get('audit') ?? 'cases';
  if (!(auditLevels as readonly string[]).includes(audit)) throw new Error(`--audit must be one of ${auditLevels.join(', ')}, not "${audit}". ${loadUsage}`);
  return {
    cases: parseCount('--cases', values.get('cases'), 1, 20_000_000),
    seed: values.has('seed') ? parseCount('--seed', values.get('seed'), 0, 2 ** 32 - 1) : 42,
    batch: values.has('batch') ? parseCount('--batch', values.get('batch'), 100, 50_000) : 5_000,
    audit: audit as AuditLevel,
  };
}
