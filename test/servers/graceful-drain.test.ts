/**
 * The one drain both servers use, on plain HTTP (the Harbor adapter's default): a
 * request already sent on an idle keep-alive connection when the drain begins is
 * answered, idle connections are then closed, and the counts are right.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { gracefulDrain } from '../../src/servers/graceful-drain.js';

const REQUEST = 'GET /x HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n';

test('a request on an idle keep-alive connection as the drain begins is answered with Connection: close', async () => {
  const server = createServer((_req, res) => {
    drain.track(res);
    res.end('ok');
  });
  const drain = gracefulDrain(server, 10_000);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
  await once(socket, 'connect');
  let text = '';
  socket.on('data', (c: Buffer) => (text += c.toString('utf8')));
  const closed = once(socket, 'close');
  socket.write(REQUEST);
  while (!text.includes('\r\n\r\nok')) await new Promise((r) => setTimeout(r, 5));
  // Idle now; the next request's bytes are on their way when the drain starts.
  socket.write(REQUEST);
  const counts = await drain.stop();
  await closed;
  const answers = text.split('HTTP/1.1 200').length - 1;
  assert.equal(answers, 2, `the second request was dropped: ${JSON.stringify(text)}`);
  assert.match(text.slice(text.lastIndexOf('HTTP/1.1 200')), /connection: close/i);
  assert.deepEqual([counts.requests, counts.unanswered], [2, 0]);
  assert.equal(drain.draining, true);
  assert.equal(await drain.stop(), counts, 'a second stop() is the same drain');
});

test('during the idle grace a request on a keep-alive connection is still answered; a connection idle all the grace is closed', async () => {
  const server = createServer((_req, res) => {
    drain.track(res);
    res.end('ok');
  });
  const drain = gracefulDrain(server, 10_000, 600);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const open = async (): Promise<{ socket: ReturnType<typeof connect>; text: () => string; closed: Promise<unknown> }> => {
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    let text = '';
    socket.on('data', (c: Buffer) => (text += c.toString('utf8')));
    const closed = once(socket, 'close');
    socket.write(REQUEST);
    while (!text.includes('\r\n\r\nok')) await new Promise((r) => setTimeout(r, 5));
    return { socket, text: () => text, closed };
  };
  const busy = await open();
  const idle = await open();
  const started = Date.now();
  const stopping = drain.stop();
  // Well after the drain began (a client slowed down by load), within the grace.
  await new Promise((r) => setTimeout(r, 200));
  busy.socket.write(REQUEST);
  await busy.closed;
  assert.equal(busy.text().split('HTTP/1.1 200').length - 1, 2, `the late request was dropped: ${JSON.stringify(busy.text())}`);
  assert.match(busy.text().slice(busy.text().lastIndexOf('HTTP/1.1 200')), /connection: close/i);
  await idle.closed;
  assert.ok(Date.now() - started >= 550, 'the idle connection was kept for the grace');
  const counts = await stopping;
  assert.deepEqual([counts.requests, counts.unanswered], [3, 0]);
});
