/**
 * The admission bench's baseline: the barest Node HTTPS server that answers a review,
 * reading the whole body and sending one fixed AdmissionReview response, with the same
 * certificate and TLS settings as seaworthy. Run as its own process, like seaworthy;
 * with a WORKERS argument above 1, as that many node:cluster workers sharing the port,
 * like `seaworthy serve --workers N` (so both sides can use the same number of cores).
 * With `parse` after WORKERS it also does the least any webhook must: JSON.parse the
 * review and JSON.stringify an answer echoing its uid (what that alone costs, for the
 * bench's breakdown).
 * Usage: node bare-https-server.js CERT KEY RESPONSE-FILE [WORKERS [parse]] (prints its port).
 */
import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';

const [cert, key, responseFile, workersArg, mode] = process.argv.slice(2);
const workers = Number(workersArg ?? 1);
const parse = mode === 'parse';

if (workers > 1 && cluster.isPrimary) {
  let listening = 0;
  cluster.on('listening', (_worker, address) => {
    // The port once every worker listens, as the bench reads it.
    if (++listening === workers) process.stdout.write(`${address.port}\n`);
  });
  for (let i = 0; i < workers; i++) cluster.fork();
  process.on('SIGTERM', () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    cluster.on('exit', () => Object.keys(cluster.workers ?? {}).length === 0 && process.exit(0));
  });
} else {
  const response = readFileSync(responseFile!);
  const answer = (JSON.parse(response.toString('utf8')) as { response: Record<string, unknown> }).response;
  const server = createServer({ cert: readFileSync(cert!), key: readFileSync(key!), minVersion: 'TLSv1.2' }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => parse && chunks.push(c));
    req.on('end', () => {
      let body = response;
      if (parse) {
        const review = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { request: { uid: string } };
        body = Buffer.from(JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { ...answer, uid: review.request.uid } }));
      }
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(0, '127.0.0.1', () => {
    if (!cluster.isWorker) process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
  });
  process.on('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}
