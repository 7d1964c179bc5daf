/**
 * Client-side rate limit of `--qps` and `--burst`, as client-go's token bucket: up
 * to `burst` requests at once, then one every 1/qps seconds. A qps of 0 means no limit.
 */
export class RateLimiter {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly qps: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = Math.max(1, burst);
    this.last = now();
  }

  /** Resolves when the next request may go. Callers are served in order. */
  take(): Promise<void> {
    if (this.qps <= 0) return Promise.resolve();
    const turn = this.queue.then(() => this.wait());
    this.queue = turn;
    return turn;
  }

  private async wait(): Promise<void> {
    const t = this.now();
    this.tokens = Math.min(Math.max(1, this.burst), this.tokens + ((t - this.last) / 1000) * this.qps);
    this.last = t;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return;
    }
    const ms = ((1 - this.tokens) / this.qps) * 1000;
    await new Promise((r) => setTimeout(r, ms));
    this.tokens = 0;
    this.last = this.now();
  }
}
