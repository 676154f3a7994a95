// What the end-to-end test (run-e2e.mjs) and the activation benchmark (activation-bench.mjs) share: where
// setup-code-server.sh caches Node and code-server (keep the versions in step with it), and small helpers.
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
export const CACHE = process.env.RESILINT_E2E_CACHE ?? join(process.env.HOME ?? tmpdir(), '.cache/resilint-e2e');
export const NODE_BINARY = join(CACHE, `node-${NODE_VERSION}`, 'bin/node');
export const CODE_SERVER = join(CACHE, `code-server-${CODE_SERVER_VERSION}-node-${NODE_VERSION}`, 'node_modules/code-server/out/node/entry.js');
export const REPOSITORY = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURE = join(REPOSITORY, 'fixtures/workspaces/e2e-app');

/** The environment code-server runs in: the cached Node first on the PATH. */
export const nodeEnvironment = () => ({ ...process.env, PATH: `${join(NODE_BINARY, '..')}:${process.env.PATH}` });

/** Resolves with the first truthy value of `probe`, tried every 250 ms; rejects after `timeoutMs`. */
export async function poll(what, timeoutMs, probe) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
