/**
 * Lists count their matches only up to this many: an exact total of 150,000 cases costs a scan of all of them on
 * every page view, while "1,000+" tells the reader the same thing — narrow the filters.
 */
export const totalCountCap = 1_000;

export interface CappedTotal {
  /** The number of matches, or `totalCountCap` when there are more. */
  total: number;
  /** True when there are more than `total` matches. */
  totalIsCapped: boolean;
}

/** Reads a count taken with `limit totalCountCap + 1`. */
export function cappedTotalOf(countedUpToCapPlusOne: number): CappedTotal {
  return countedUpToCapPlusOne > totalCountCap
    ? { total: totalCountCap, totalIsCapped: true }
    : { total: countedUpToCapPlusOne, totalIsCapped: false };
}
