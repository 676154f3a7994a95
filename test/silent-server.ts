import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import ts from 'typescript';
import { REPOSITORY } from './fix-correctness.js';

/**
 * What a timeout fix is for, tried for real: a local HTTP server that accepts every connection and request (and
 * WebSocket upgrade) and never answers, and a way to run a fixed module against it with the real libraries.
 */
export interface SilentServer {
  readonly url: string;
  /** requests (and upgrades) the server has received */
  readonly received: () => number;
  /** whether every connection a client opened has been closed, waiting up to `ms` for it */
  readonly allClosedWithin: (ms: number) => Promise<boolean>;
  readonly close: () => Promise<void>;
}

export async function silentServer(): Promise<SilentServer> {
  const server = createServer(() => undefined);
  const sockets = new Set<Socket>();
  let received = 0;
  server.on('request', () => received++);
  // a listener on 'upgrade' keeps Node from closing the socket of a WebSocket handshake it would not answer; the socket
  // is then ours, kept half open (as the server makes them) unless closed when the client closes its side
  server.on('upgrade', (_request, socket) => {
    received++;
    socket.once('end', () => socket.end());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received: () => received,
    async allClosedWithin(ms) {
      const until = Date.now() + ms;
      while (sockets.size > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
      return sockets.size === 0;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * A host that accepts every TCP connection and never sends a byte, not even a TLS handshake: for clients that speak
 * TLS or HTTP/2 (an https request, an APNs session), which a silent HTTP server would answer with a 400.
 */
export interface SilentHost {
  readonly port: number;
  readonly close: () => Promise<void>;
}

export async function silentHost(): Promise<SilentHost> {
  const server = createNetServer(() => undefined);
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** `promise`'s outcome, or 'waiting' when it has not settled within `ms`. */
export function outcomeWithin(promise: Promise<unknown>, ms: number): Promise<'resolved' | 'rejected' | 'waiting'> {
  let timer: NodeJS.Timeout | undefined;
  const waiting = new Promise<'waiting'>((resolve) => {
    timer = setTimeout(resolve, ms, 'waiting');
  });
  const settled = promise.then(() => 'resolved' as const, () => 'rejected' as const);
  return Promise.race([settled, waiting]).finally(() => clearTimeout(timer));
}

/**
 * Runs TypeScript source as an ES module with Node's own loader (not the test runner's), from a temporary folder
 * whose `node_modules` is this repository's: so its imports are the real installed libraries and the built runtime,
 * and ESM-only ones (ky, got) load as they would in an application.
 */
export function loadModule<T>(source: string): T {
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
  const folder = mkdtempSync(join(tmpdir(), 'resilint-fix-run-'));
  try {
    symlinkSync(join(REPOSITORY, 'node_modules'), join(folder, 'node_modules'), 'dir');
    const file = join(folder, 'fixed.mjs');
    writeFileSync(file, outputText);
    // Node's own require of an ES module (Node 20.19 and later), which the test runner does not intercept
    return createRequire(file)(file) as T;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * A server that answers at once and then streams slowly but steadily: one server-sent event every `everyMs`, `events`
 * of them, then the end. A transfer longer than a fix's bound that never pauses for as long as that bound.
 */
export async function steadyStreamServer(events: number, everyMs: number): Promise<LocalServer> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    let sent = 0;
    const ticker = setInterval(() => {
      response.write(`data: ${sent}\n\n`);
      if (++sent === events) {
        clearInterval(ticker);
        response.end();
      }
    }, everyMs);
    response.on('close', () => clearInterval(ticker));
  });
  return listening(server);
}

/** A server that reads each request's whole body, however slowly it comes, then answers 200 with its length. */
export async function uploadSink(): Promise<LocalServer> {
  const server = createServer((request, response) => {
    let length = 0;
    request.on('data', (chunk: Buffer) => {
      length += chunk.length;
    });
    request.on('end', () => response.end(String(length)));
  });
  return listening(server);
}

interface LocalServer {
  readonly url: string;
  readonly close: () => Promise<void>;
}

/** The server listening on a free local port; closing it drops the connections still open. */
async function listening(server: Server): Promise<LocalServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
