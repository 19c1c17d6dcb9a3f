const yearMs = 365.25 * 24 * 3_600_000;

export interface ReportWindow {
  /** Inclusive start of the window. */
  start: Date;
  /** End of the window (now); no case is reported after it. */
  end: Date;
  /**
   * How many times more cases are reported per day at the end of the window than at its start: case numbers
   * grew over the decade (the scam-compound boom), so the density rises linearly.
   */
  growth: number;
}

export function tenYearsUntil(end: Date, growth = 3): ReportWindow {
  return { start: new Date(end.getTime() - 10 * yearMs), end, growth };
}

/**
 * The time at which a share `fraction` (0…1) of the window's cases has been reported: the inverse of the
 * cumulative distribution of a linearly rising density. Case k of n is reported at `reportTimeAt((k + u) / n)`
 * with u uniform in [0, 1), so times come out sorted without sorting and batches can be generated one at a time.
 */
export function reportTimeAt(window: ReportWindow, fraction: number): number {
  const clamped = Math.min(Math.max(fraction, 0), 1);
  const a = 1;
  const b = window.growth;
  const position = Math.abs(b - a) < 1e-9 ? clamped : (-a + Math.sqrt(a * a + (b - a) * (a + b) * clamped)) / (b - a);
  const startMs = window.start.getTime();
  return Math.min(startMs + position * (window.end.getTime() - startMs), window.end.getTime());
}
