/**
 * The admission bench's baseline: the barest Node HTTPS server that answers a review,
 * reading the whole body and sending one fixed AdmissionReview response, with the same
 * certificate and TLS settings as seaworthy. Run as its own process, like seaworthy.
 * Usage: node bare-https-server.js CERT KEY RESPONSE-FILE (prints its port).
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';

const [cert, key, responseFile] = process.argv.slice(2);
const response = readFileSync(responseFile!);
const server = createServer({ cert: readFileSync(cert!), key: readFileSync(key!), minVersion: 'TLSv1.2' }, (req, res) => {
  req.on('data', () => undefined);
  req.on('end', () => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': response.length });
    res.end(response);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
