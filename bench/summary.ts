import type { HttpResult } from './http';

/** One benchmark's figures at one size, as bench/run.ts hands them to the report across sizes. */
export interface BenchmarkFigures {
  name: string;
  description: string;
  runs: number;
  appP50: number;
  appP95: number;
  rawP50: number;
  rawP95: number;
  ratio: number;
  target: number;
  ratioTarget: number;
  statements: number;
  waves: number;
  seqScans: string[];
  /** Each target missed, in words ("p95 61.2 ms > 50 ms"); empty when all are met. */
  misses: string[];
}

/** What one run of bench/run.ts measured in one database (`--json`). */
export interface SizeReport {
  database: string;
  /** False while the run is still going (the file is rewritten after every step). */
  finished: boolean;
  /** The planner's estimate of the rows in `cases` (after the load's ANALYZE, exact enough to name the size). */
  cases: number;
  databaseSize: string;
  uptimeBefore: string;
  uptimeAfter: string;
  /** The run's own report, with every statement and its EXPLAIN, next to results.md. */
  detailsFile: string;
  benchmarks: BenchmarkFigures[];
  http: HttpResult[];
  /** Pages that could not be measured, with why. */
  httpFailures: string[];
}
