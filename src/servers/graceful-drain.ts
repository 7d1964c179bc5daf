/**
 * Graceful stop for seaworthy's HTTP(S) servers (the admission webhook, the Harbor
 * adapter): stop accepting, answer every request already read, then close.
 *
 * Not through http(s).Server#close: since Node 19 it also closes idle keep-alive
 * connections on the spot, and a request whose bytes are already on such a
 * connection (sent by a client that has not read the close yet) would be dropped
 * with a reset. net.Server#close only closes the listener; its callback runs once
 * every connection has closed.
 *
 * Idle keep-alive connections are left open for a short grace (default 1 s): a client
 * under load sends its next request on one a moment after the drain starts, and that
 * request is answered (with `Connection: close`, which ends the connection) instead of
 * meeting a closed socket. Closing an idle connection and a request crossing on the wire
 * is the race every HTTP/1.1 server has; after the grace only connections idle all that
 * time are closed, where a crossing request is unlikely. They are closed only after the
 * event loop has polled their sockets once more, so whatever had reached the server by
 * then has been read, and a connection with a request started is not idle.
 */
import { Server as NetServer } from 'node:net';
import type { Server as HttpServer, ServerResponse } from 'node:http';

const listenerClose = NetServer.prototype.close as (this: HttpServer, callback?: (error?: Error) => void) => HttpServer;

export interface DrainCounts {
  /** Requests read over the server's life. */
  requests: number;
  /** Requests whose answer was not handed whole to the socket. */
  unanswered: number;
  /** Requests being answered when the drain began. */
  inFlight: number;
}

export interface GracefulDrain {
  /** Call first thing for every request. */
  track(res: ServerResponse): void;
  readonly draining: boolean;
  /** Starts the drain (once; later calls get the same promise); resolves when every connection has closed. */
  stop(onStart?: (counts: DrainCounts) => void): Promise<DrainCounts>;
}

/**
 * @example
 * const drain = gracefulDrain(server, 25_000);
 * createServer((req, res) => { drain.track(res); … });
 * await drain.stop();
 */
export function gracefulDrain(server: HttpServer, timeoutMs: number, idleGraceMs = 1000): GracefulDrain {
  let draining = false;
  // Idle connections are closed once the grace is over (and after each answer from then on).
  let graceOver = false;
  let stopping: Promise<DrainCounts> | undefined;
  let inFlight = 0;
  let requests = 0;
  let unanswered = 0;
  let idleCloseQueued = false;
  const closeIdleSoon = (): void => {
    if (idleCloseQueued) return;
    idleCloseQueued = true;
    // Two turns: the first immediate may run right after the poll phase it was queued
    // in; the second runs after a whole poll phase that came later.
    setImmediate(() =>
      setImmediate(() => {
        idleCloseQueued = false;
        server.closeIdleConnections();
      }),
    );
  };
  return {
    get draining() {
      return draining;
    },
    track(res) {
      inFlight++;
      requests++;
      res.on('close', () => {
        inFlight--;
        if (!res.writableFinished) unanswered++;
        // After the grace, a connection that just answered may now be idle.
        if (graceOver) closeIdleSoon();
      });
      // Every answer during the drain says so, so a busy connection ends after it.
      if (draining) res.setHeader('Connection', 'close');
    },
    stop(onStart) {
      if (stopping) return stopping;
      draining = true;
      onStart?.({ requests, unanswered, inFlight });
      stopping = new Promise<DrainCounts>((resolve) => {
        const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
        timer.unref();
        const grace = setTimeout(() => {
          graceOver = true;
          closeIdleSoon();
        }, idleGraceMs);
        listenerClose.call(server, () => {
          clearTimeout(timer);
          clearTimeout(grace);
          resolve({ requests, unanswered, inFlight });
        });
      });
      return stopping;
    },
  };
}
