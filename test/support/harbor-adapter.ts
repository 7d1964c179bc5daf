/**
 * `seaworthy serve harbor` as its own process, as it runs beside Harbor: started on
 * a free loopback port, its log lines kept, stopped with SIGTERM or killed outright
 * (a crash, to test what the job store keeps).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { join } from 'node:path';
import { freePort } from './local-registry.js';
import { repoRoot } from './prerequisites.js';

export interface AdapterProcess {
  base: string;
  /** stdout and stderr so far. */
  output(): string;
  metrics(): Promise<string>;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

export async function startAdapter(args: string[]): Promise<AdapterProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [join(repoRoot, 'bin/seaworthy.js'), 'serve', 'harbor', '--listen', `127.0.0.1:${port}`, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  const get = (path: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      http
        .get(`${base}${path}`, (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        })
        .on('error', reject);
    });
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`serve harbor exited ${child.exitCode}: ${output}`);
    if ((await get('/healthz').catch(() => undefined))?.status === 200) break;
    if (Date.now() > deadline) throw new Error(`serve harbor did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const end = (signal: NodeJS.Signals) => async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  };
  return { base, output: () => output, metrics: async () => (await get('/metrics')).body, stop: end('SIGTERM'), kill: end('SIGKILL') };
}

/** A metric's value from Prometheus text, 0 when absent. */
export function metricValue(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}
