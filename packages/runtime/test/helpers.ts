import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An error shaped like Node's socket errors, which the default classifier treats as transient. */
export function networkError(code = 'ECONNRESET'): Error {
  return Object.assign(new Error(`read ${code}`), { code });
}

/** A minimal fetch Response (Node 20 has the real one; use it so the classifier sees what users see). */
export function httpResponse(status: number, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : `status ${status}`, { status, headers });
}

/** Lets every queued promise reaction run. */
export async function flushPromises(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

/**
 * Runs `test` against a local server that answers `/fast` and never answers anything else; `requestClosed` settles
 * when the client closes a request it left waiting (a real cancellation reaching the socket). fetch is warmed up
 * first: its first use loads its HTTP client, which can take longer than a test's timeout.
 */
export async function withSilentServer(test: (base: string, requestClosed: Promise<void>) => Promise<void>): Promise<void> {
  let closedByClient!: () => void;
  const requestClosed = new Promise<void>((resolve) => (closedByClient = resolve));
  const server = createServer((request, response) => {
    if (request.url === '/fast') response.end('ok');
    else request.socket.on('close', closedByClient);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await (await fetch(`${base}/fast`)).text();
    await test(base, requestClosed);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
