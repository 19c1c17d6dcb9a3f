/**
 * What would fix each benchmarked query that misses its target, from reading its plan at a million cases
 * (bench/results.plans.json). Written by hand; printed under a query only when it misses.
 */
const advice: Record<string, string> = {};

export function adviceFor(name: string): string | undefined {
  return advice[name];
}
