import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileRole, forgetPackageRoles } from './file-roles.js';
import { NO_FILE_SETTINGS } from './file-settings.js';

const scratch = mkdtempSync(join(tmpdir(), 'resilint-package-roles-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Writes the files (path → text, JSON for objects) under a fresh repository folder and returns that folder. */
function repository(name: string, files: Record<string, string | object>): string {
  const root = join(scratch, name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), typeof content === 'string' ? content : JSON.stringify(content));
  }
  forgetPackageRoles();
  return root;
}

const code = "export const load = () => fetch('https://api.example.com/x');\n";
const roleOf = (root: string, path: string) => fileRole({ path: join(root, path), text: code }, NO_FILE_SETTINGS);

describe('documentation sites', () => {
  it('gives a docs site of the repository the docs role: a docs framework, or a docs section of pages', () => {
    const root = repository('docs-sites', {
      'package.json': { private: true, workspaces: ['apps/*', 'packages/*'] },
      'apps/docs/package.json': { name: '@acme/docs', private: true, dependencies: { 'fumadocs-core': '^15', next: '^15' } },
      'apps/website/package.json': { name: '@acme/website', private: true, dependencies: { next: '^15' } },
      'apps/website/src/app/docs/[slug]/page.tsx': 'export default function Page() { return null; }\n',
      'apps/handbook-site/package.json': { name: 'handbook', private: true, devDependencies: { vitepress: '^1' } },
      'packages/sdk-docs/package.json': { name: 'sdk-docs', private: true, dependencies: { '@docusaurus/core': '^3' } },
    });
    expect(roleOf(root, 'apps/docs/src/app/og/route.ts')).toBe('docs');
    expect(roleOf(root, 'apps/website/src/util/fetchReference.ts')).toBe('docs');
    // named by its package when its folder says nothing
    expect(roleOf(root, 'apps/handbook-site/src/data.ts')).toBe('docs');
    expect(roleOf(root, 'packages/sdk-docs/src/plugin.ts')).toBe('docs');
  });

  it('leaves product web apps, marketing sites and published packages as product code', () => {
    const root = repository('not-docs-sites', {
      'package.json': { private: true, workspaces: ['apps/*', 'packages/*'] },
      // a product app with an in-app help section is named as a product
      'apps/web/package.json': { name: '@acme/web', private: true, dependencies: { next: '^15' } },
      'apps/web/src/app/docs/page.tsx': 'export default function Help() { return null; }\n',
      // a site by name, with no documentation in it: a marketing site's contact form reaches a CRM
      'apps/website/package.json': { name: '@acme/website', private: true, dependencies: { next: '^15' } },
      'apps/website/src/app/contact/page.tsx': 'export default function Contact() { return null; }\n',
      // a package others install, even one called docs, is product code (its users call it)
      'packages/docs/package.json': { name: '@acme/docs', version: '1.0.0', main: 'dist/index.js', dependencies: { typedoc: '^0.27' } },
    });
    expect(roleOf(root, 'apps/web/src/app/api/orders/route.ts')).toBe('product');
    expect(roleOf(root, 'apps/website/src/app/api/contact/route.ts')).toBe('product');
    expect(roleOf(root, 'packages/docs/src/render.ts')).toBe('product');
  });
});

describe("the repository's own GitHub Actions", () => {
  const workflow = [
    'jobs:', '  release:', '    steps:', '      - uses: actions/checkout@v4', '        with:', '          path: main',
    "      - uses: './main/packages/ci/src/release'", '      - name: notify', '        uses: ./packages/ci/src/notify/',
    '      - uses: ./packages/marketplace', '',
  ].join('\n');

  it('gives an action only its own workflows run the tooling role, wherever the repository is checked out', () => {
    const root = repository('own-actions', {
      'package.json': { private: true, workspaces: ['packages/*'] },
      '.github/workflows/release.yml': workflow,
      'packages/ci/package.json': { name: '@acme/ci', private: true, files: ['dist'] },
      'packages/ci/src/release/action.yml': 'name: Release\nruns:\n  using: node20\n  main: ../../dist/release.js\n',
      'packages/ci/src/notify/action.yaml': 'name: Notify\nruns:\n  using: composite\n  steps: []\n',
    });
    expect(roleOf(root, 'packages/ci/src/release/index.ts')).toBe('tooling');
    expect(roleOf(root, 'packages/ci/src/release/steps/registry.ts')).toBe('tooling');
    expect(roleOf(root, 'packages/ci/src/notify/index.ts')).toBe('tooling');
    // code of the package outside every action folder says nothing by itself
    expect(roleOf(root, 'packages/ci/src/shared.ts')).toBe('product');
  });

  it('leaves published actions as product code: with branding, run by no workflow here, the repository itself, or on npm', () => {
    const root = repository('published-actions', {
      'package.json': { private: true, workspaces: ['packages/*'] },
      '.github/workflows/release.yml': workflow,
      // on the Marketplace: its users' workflows run it too
      'packages/marketplace/package.json': { name: 'marketplace-action', private: true },
      'packages/marketplace/action.yml': 'name: Deploy\nbranding:\n  icon: upload\n  color: green\nruns:\n  using: node20\n  main: dist/index.js\n',
      // no workflow here runs it
      'packages/ci/package.json': { name: '@acme/ci', private: true },
      'packages/ci/src/unused/action.yml': 'name: Unused\nruns:\n  using: node20\n  main: index.js\n',
      // published on npm as well
      'packages/npm-action/package.json': { name: 'npm-action', version: '1.0.0', main: 'dist/index.js' },
      'packages/npm-action/action.yml': 'name: Npm\nruns:\n  using: node20\n  main: dist/index.js\n',
    });
    expect(roleOf(root, 'packages/marketplace/src/index.ts')).toBe('product');
    expect(roleOf(root, 'packages/ci/src/unused/index.ts')).toBe('product');
    expect(roleOf(root, 'packages/npm-action/src/index.ts')).toBe('product');

    // an action repository tests its own action with `uses: ./`: it is the product
    const action = repository('action-repository', {
      'package.json': { name: 'setup-thing', private: true },
      '.github/workflows/test.yml': 'jobs:\n  test:\n    steps:\n      - uses: ./\n      - uses: ./init\n',
      'action.yml': 'name: Setup\nruns:\n  using: node20\n  main: dist/index.js\n',
      'init/action.yml': 'name: Init\nruns:\n  using: node20\n  main: ../dist/init.js\n',
    });
    expect(roleOf(action, 'src/index.ts')).toBe('product');
    expect(roleOf(action, 'init/index.ts')).toBe('product');
  });
});

// Test code that looks like a service: a harness a package's test script runs (it spawns the product and stops it on
// a signal), and an adapter a test suite's container drives (an Express app). Their gaps are not the product's.
const roleWith = (root: string, path: string, text: string) => fileRole({ path: join(root, path), text }, NO_FILE_SETTINGS);

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
    expect(roleWith(root, 'checks/staging/run.mjs', smokeCheck)).toBe('test');
    expect(roleWith(root, 'checks/live/run.mjs', smokeCheck)).toBe('test');
    expect(roleWith(root, 'checks/ledger/replay.ts', smokeCheck)).toBe('test');
  });

  it('leaves product code what a start script or the package ships runs, and a one-off script by its own name', () => {
    // a start script's file is the service, even if a test script runs it too
    expect(roleWith(root, 'checks/bridge/boot.mjs', smokeCheck)).toBe('product');
    expect(roleWith(root, 'bin/serve.mjs', smokeCheck)).toBe('product');
    // run by hand, not as a test: the rules' other readings of scripts decide
    expect(roleWith(root, 'checks/rates/pull.mjs', smokeCheck)).toBe('product');
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
    expect(roleWith(root, 'contract/node/adapter.js', adapter)).toBe('test');
    expect(roleWith(root, 'contract/edge/adapter.js', adapter)).toBe('test');
  });

  it("stays product code beside the product's own services, and at the package's root", () => {
    expect(roleWith(root, 'services/relay/server.js', adapter)).toBe('product');
    expect(roleWith(root, 'server.js', adapter)).toBe('product');
  });
});

describe("a file the test runner's config names", () => {
  const bootServices = `import { execSync } from 'node:child_process';
export default async function prepare() {
  execSync('docker compose -f compose.ci.yml up -d');
  const ready = await fetch('http://127.0.0.1:7077/api/ready');
  if (!ready.ok) throw new Error('engine did not start');
}
`;
  const root = repository('runner-setup', {
    'package.json': { name: '@relay/sdk', version: '0.9.0', main: 'dist/index.js', jest: { setupFilesAfterEnv: ['<rootDir>/support/matchers.ts'] } },
    // the e2e suite's own config at the package's root, naming a set-up beside it
    'jest.e2e.config.ts': `import type { Config } from 'jest';
const config: Config = {
  preset: 'ts-jest',
  testMatch: ['**/*.e2e.ts'],
  globalSetup: './jest.e2e-boot-services.ts',
  globalTeardown: '<rootDir>/teardown-services',
  setupFiles: ['dotenv/config', './support/env.ts'],
};
export default config;
`,
    'vitest.integration.config.mts': "import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { globalSetup: ['./integration/start-broker.ts'] } });\n",
    'jest.e2e-boot-services.ts': bootServices,
    'teardown-services.ts': bootServices,
    'support/env.ts': bootServices,
    'support/matchers.ts': bootServices,
    'integration/start-broker.ts': bootServices,
    'src/index.ts': code,
  });

  it("is test code: a Jest or Vitest global set-up, teardown or set-up file, wherever it sits", () => {
    expect(roleWith(root, 'jest.e2e-boot-services.ts', bootServices)).toBe('test');
    expect(roleWith(root, 'teardown-services.ts', bootServices)).toBe('test');
    expect(roleWith(root, 'support/env.ts', bootServices)).toBe('test');
    expect(roleWith(root, 'support/matchers.ts', bootServices)).toBe('test');
    expect(roleWith(root, 'integration/start-broker.ts', bootServices)).toBe('test');
  });

  it("leaves the package's own modules product code", () => {
    expect(roleOf(root, 'src/index.ts')).toBe('product');
    expect(roleWith(root, 'src/boot.ts', bootServices)).toBe('product');
  });
});
