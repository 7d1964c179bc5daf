/**
 * Loaded into the admission bench's seaworthy process only (node --expose-gc --import):
 * on SIGUSR2 it collects garbage and prints one JSON line with the memory after it, so
 * the soak compares the memory that is really kept, not heap warm-up or garbage not yet
 * collected. Not part of seaworthy itself.
 */
process.on('SIGUSR2', () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const m = process.memoryUsage();
  process.stdout.write(`${JSON.stringify({ event: 'bench.gc', collected: Boolean(gc), rss: m.rss, heapUsed: m.heapUsed, external: m.external })}\n`);
});
