import { describe, expect, it } from 'vitest';
import { reportTimeAt, tenYearsUntil } from './report-times';

describe('reportTimeAt', () => {
  const window = tenYearsUntil(new Date('2026-06-01T00:00:00Z'), 3);

  it('spans ten years up to the end and rises monotonically', () => {
    expect(reportTimeAt(window, 0)).toBe(window.start.getTime());
    expect(reportTimeAt(window, 1)).toBe(window.end.getTime());
    let previous = -Infinity;
    for (let step = 0; step <= 1_000; step += 1) {
      const time = reportTimeAt(window, step / 1_000);
      expect(time).toBeGreaterThanOrEqual(previous);
      previous = time;
    }
  });

  it('puts more cases into recent years when the density grows', () => {
    // With a density rising linearly from 1 to 3, the last tenth of the window holds (2.8 + 3) / 2 / 2 / 10 = 14.5 %.
    const lastTenth = window.start.getTime() + 0.9 * (window.end.getTime() - window.start.getTime());
    const shareBefore = binarySearchShare((fraction) => reportTimeAt(window, fraction) < lastTenth);
    expect(1 - shareBefore).toBeCloseTo(0.145, 3);
    expect(reportTimeAt({ ...window, growth: 1 }, 0.5)).toBeCloseTo((window.start.getTime() + window.end.getTime()) / 2, -1);
  });
});

function binarySearchShare(isBefore: (fraction: number) => boolean): number {
  let low = 0;
  let high = 1;
  for (let step = 0; step < 60; step += 1) {
    const middle = (low + high) / 2;
    if (isBefore(middle)) low = middle;
    else high = middle;
  }
  return low;
}
