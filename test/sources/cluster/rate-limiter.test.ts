import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RateLimiter } from '../../../src/sources/cluster/rate-limiter.js';
import { retryAfterMs } from '../../../src/sources/cluster/api-client.js';

test('a burst goes at once, then requests are spaced by 1/qps', async () => {
  const limiter = new RateLimiter(20, 5);
  const start = performance.now();
  const times: number[] = [];
  await Promise.all(Array.from({ length: 11 }, () => limiter.take().then(() => times.push(performance.now() - start))));
  times.sort((a, b) => a - b);
  assert.ok(times[4]! < 40, `the burst of 5 waits for nothing (${times[4]} ms)`);
  // Six more at 20 per second: at least 300 ms for the last.
  assert.ok(times[10]! >= 280, `the 11th waits for its token (${times[10]} ms)`);
  assert.ok(times[10]! < 1500, `but not much longer (${times[10]} ms)`);
});

test('qps 0 is no limit', async () => {
  const limiter = new RateLimiter(0, 1);
  const start = performance.now();
  for (let i = 0; i < 1000; i++) await limiter.take();
  assert.ok(performance.now() - start < 200);
});

test('Retry-After in seconds or as an HTTP date', () => {
  assert.equal(retryAfterMs('3'), 3000);
  assert.equal(retryAfterMs(['2']), 2000);
  assert.equal(retryAfterMs(undefined), undefined);
  assert.equal(retryAfterMs('soon'), undefined);
  const now = Date.parse('2026-11-28T10:00:00Z');
  assert.equal(retryAfterMs('Sat, 28 Nov 2026 10:00:05 GMT', now), 5000);
  assert.equal(retryAfterMs('Sat, 28 Nov 2026 09:59:00 GMT', now), 0);
});
