import { suppressedCount, type Count } from './views';

/** Counts from 1 to this are hidden from readers who see small counts suppressed. */
export const smallCountThreshold = 2;

export function suppressSmallCount(value: number): Count {
  return value > 0 && value <= smallCountThreshold ? suppressedCount : value;
}

/** The function that turns exact counts into what the reader may see. */
export function countPresenter(isSuppressed: boolean): (value: number) => Count {
  return isSuppressed ? suppressSmallCount : (value) => value;
}

/**
 * A sort key that orders by size without telling 1 from 2 apart: every suppressed count ranks the same, so
 * the order of rows cannot give away what the cells hide.
 */
export function rankOf(value: number, isSuppressed: boolean): number {
  return isSuppressed && value > 0 && value <= smallCountThreshold ? 1 : value;
}
