/** A small HTTPS client for the server tests: one request, the whole answer. */
import { request, type Agent } from 'node:https';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function call(port: number, path: string, options: { ca: string | Buffer; body?: string; method?: string; agent?: Agent; maxVersion?: 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3' } ): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? (options.body !== undefined ? 'POST' : 'GET'),
        ca: options.ca,
        servername: 'localhost',
        ...(options.agent && { agent: options.agent }),
        ...(options.maxVersion && { maxVersion: options.maxVersion, minVersion: 'TLSv1' as const }),
        headers: options.body !== undefined ? { 'Content-Type': 'application/json' } : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
