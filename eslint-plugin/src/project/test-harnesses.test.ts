import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileRole, forgetPackageRoles } from './file-roles.js';
import { NO_FILE_SETTINGS } from './file-settings.js';

// Test code that looks like a service: a harness a package's test script runs (it spawns the product and stops it on
// a signal), and an adapter a test suite's container drives (an Express app). Their gaps are not the product's.
const scratch = mkdtempSync(join(tmpdir(), 'resilint-test-harnesses-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function repository(name: string, files: Record<string, string | object>): string {
  const root = join(scratch, name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), typeof content === 'string' ? content : JSON.stringify(content));
  }
  forgetPackageRoles();
  return root;
}

const roleOf = (root: string, path: string, text: string) => fileRole({ path: join(root, path), text }, NO_FILE_SETTINGS);

/** Spawns the app, stops it however the harness ends, then checks an endpoint. */
const smokeCheck = `import { spawn } from 'node:child_process';
const app = spawn('node', ['dist/main.js']);
const stop = () => app.kill('SIGKILL');
process.on('exit', stop);
process.on('SIGTERM', () => { stop(); process.exit(2); });
const reply = await fetch('http://127.0.0.1:4100/health');
if (!reply.ok) process.exitCode = 1;
stop();
`;

describe('a harness run by a test script', () => {
  const root = repository('harness-scripts', {
    'package.json': {
      name: '@shop/checkout-bridge',
      version: '2.1.0',
      main: 'dist/main.js',
      bin: { 'checkout-bridge': 'bin/serve.mjs' },
      scripts: {
        'smoke:staging': 'node checks/staging/run.mjs',
        'test:e2e-live': 'node checks/live/run.mjs --strict && node checks/live/run.mjs',
        'ci-integration': 'tsx checks/ledger/replay.ts',
        'start:bridge': 'node checks/bridge/boot.mjs',
        'test:boot': 'node checks/bridge/boot.mjs',
        'test:bin': 'node bin/serve.mjs --self-test',
        'sync-rates': 'node checks/rates/pull.mjs',
      },
    },
  });

  it('is test code, whatever it does to stop what it started', () => {
    expect(roleOf(root, 'checks/staging/run.mjs', smokeCheck)).toBe('test');
    expect(roleOf(root, 'checks/live/run.mjs', smokeCheck)).toBe('test');
    expect(roleOf(root, 'checks/ledger/replay.ts', smokeCheck)).toBe('test');
  });

  it('leaves product code what a start script or the package ships runs, and a one-off script by its own name', () => {
    // a start script's file is the service, even if a test script runs it too
    expect(roleOf(root, 'checks/bridge/boot.mjs', smokeCheck)).toBe('product');
    expect(roleOf(root, 'bin/serve.mjs', smokeCheck)).toBe('product');
    // run by hand, not as a test: the rules' other readings of scripts decide
    expect(roleOf(root, 'checks/rates/pull.mjs', smokeCheck)).toBe('product');
  });
});

describe('an adapter a test suite drives', () => {
  const adapter = `const express = require('express');
const app = express();
app.post('/track', async (req, res) => res.json({ status: (await fetch(req.body.sink, { method: 'POST' })).status }));
app.listen(9090);
`;
  const root = repository('suite-adapters', {
    'package.json': { name: 'pixel-sdk', private: true, devDependencies: { express: '^4.19.0' } },
    'contract/node/compose.yaml': `services:
  adapter:
    build: .
  suite:
    image: registry.example.test/pixel/sdk-test-harness:2.3
    command: ["run", "--adapter-url", "http://adapter:9090"]
`,
    'contract/edge/docker-compose.yml': `services:
  adapter:
    build: .
  checks:
    image: "registry.example.test/pixel-conformance:latest"
`,
    // a service of the product with a database beside it
    'services/relay/docker-compose.yml': `services:
  relay:
    build: .
  db:
    image: postgres:16
`,
    // the repository's own Compose file adds a test runner among the product's services
    'docker-compose.yml': `services:
  web:
    build: .
  suite:
    image: acme/api-test-suite:1
`,
  });

  it("is test code when its folder's Compose file runs a test suite's image", () => {
    expect(roleOf(root, 'contract/node/adapter.js', adapter)).toBe('test');
    expect(roleOf(root, 'contract/edge/adapter.js', adapter)).toBe('test');
  });

  it("stays product code beside the product's own services, and at the package's root", () => {
    expect(roleOf(root, 'services/relay/server.js', adapter)).toBe('product');
    expect(roleOf(root, 'server.js', adapter)).toBe('product');
  });
});
