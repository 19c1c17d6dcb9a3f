/** "1:02:03" or "2:03". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const whole = Math.round(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = String(whole % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/**
 * A progress bar on stderr: rewritten in place on a terminal, one line every few seconds otherwise (CI logs,
 * `| tee`), with the rate over the last stretch and the time left at that rate.
 */
export class ProgressBar {
  private readonly startedAt = performance.now();
  private lastDrawnAt = 0;
  private readonly samples: { at: number; done: number }[] = [];
  private readonly isTerminal = Boolean(process.stderr.isTTY);

  constructor(
    private readonly total: number,
    private readonly unit: string,
  ) {}

  update(done: number, force = false): void {
    const now = performance.now();
    this.samples.push({ at: now, done });
    while (this.samples.length > 2 && now - (this.samples[0]?.at ?? now) > 15_000) this.samples.shift();
    if (!force && now - this.lastDrawnAt < (this.isTerminal ? 250 : 5_000)) return;
    this.lastDrawnAt = now;
    const oldest = this.samples[0] ?? { at: this.startedAt, done: 0 };
    const elapsed = (now - this.startedAt) / 1000;
    const recentRate = now > oldest.at ? ((done - oldest.done) * 1000) / (now - oldest.at) : 0;
    const rate = recentRate > 0 ? recentRate : done / Math.max(elapsed, 0.001);
    const share = this.total > 0 ? done / this.total : 1;
    const width = 30;
    const filled = Math.round(share * width);
    const line =
      `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(1).padStart(5)}% ` +
      `${done.toLocaleString('en')}/${this.total.toLocaleString('en')} ${this.unit}  ` +
      `${Math.round(rate).toLocaleString('en')} ${this.unit}/s  elapsed ${formatDuration(elapsed)}  ETA ${formatDuration((this.total - done) / rate)}`;
    process.stderr.write(this.isTerminal ? `\r${line}\u001b[K` : `${line}\n`);
  }

  finish(done: number): void {
    this.update(done, true);
    if (this.isTerminal) process.stderr.write('\n');
  }
}
