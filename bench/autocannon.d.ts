// autocannon ships no types; the part the admission bench uses.
declare module 'autocannon' {
  export interface Histogram {
    average: number;
    p50: number;
    p99: number;
    max: number;
  }
  export interface Result {
    requests: Histogram & { total: number };
    latency: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
  }
  export interface Options {
    url: string;
    connections?: number;
    duration?: number;
    /** Stop after this many requests instead of after `duration`. */
    amount?: number;
    /** Requests per second over all connections (open loop), instead of as fast as answered. */
    overallRate?: number;
    method?: string;
    body?: string;
    headers?: Record<string, string>;
  }
  export default function autocannon(options: Options): Promise<Result>;
}
