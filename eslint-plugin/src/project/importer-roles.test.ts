import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';
import { NO_FILE_SETTINGS } from './file-roles.js';
import { importedOnlyByBrowserCode, usedOnlyOutsideProduct } from './importer-roles.js';
import { importersOf } from './importers.js';

// A NestJS API (fixtures/workspaces/notification-api): a REST client kept under src/ that only end-to-end suites
// import, a helper module only that client imports, and a billing client the service itself uses.
const api = (path: string): string => fileURLToPath(new URL(`../../../fixtures/workspaces/notification-api/src/${path}`, import.meta.url));
const restClient = api('workflows/clients/workflows-rest-client.ts');
const e2eHelper = api('workflows/e2e-support/headers.ts');
const billingClient = api('billing/billing-client.ts');

/** require-timeout's findings in a file of the fixture, linted with `recommended` as a user would. */
function timeoutFindings(file: string): number[] {
  const config = plugin.configs.recommended as unknown as Linter.Config[];
  return new Linter({ configType: 'flat', cwd: '/' }).verify(readFileSync(file, 'utf8'), config, { filename: file })
    .filter((message) => message.ruleId === 'resilint/require-timeout' || message.fatal)
    .map((message) => message.line);
}

describe('a module used only by tests, scripts or examples', () => {
  it('finds the modules importing a module, whatever specifier names it', () => {
    expect(importersOf(restClient)?.map(({ relativePath }) => relativePath.split(/[\\/]/).pop())).toEqual(['workflow.controller.e2e.ts']);
    expect(importersOf(billingClient)?.map(({ relativePath }) => relativePath.split(/[\\/]/).pop()).sort()).toEqual(['billing.e2e.ts', 'billing.service.ts']);
  });

  it('is not product code when every importer is a test, also two imports away', () => {
    expect(usedOnlyOutsideProduct(restClient, NO_FILE_SETTINGS)).toBe(true);
    expect(usedOnlyOutsideProduct(e2eHelper, NO_FILE_SETTINGS)).toBe(true);
    expect(timeoutFindings(restClient)).toEqual([]);
    expect(timeoutFindings(e2eHelper)).toEqual([]);
  });

  it('stays product code for a route, a command or a controller that only tests import: the framework loads it', () => {
    expect(usedOnlyOutsideProduct(api('routes/agent-proxy.ts'), NO_FILE_SETTINGS)).toBe(false);
    expect(timeoutFindings(api('routes/agent-proxy.ts'))).toEqual([2]);
  });

  it('is a script when the package\'s npm scripts run it by hand and nothing imports it; a worker they start stays product', () => {
    expect(timeoutFindings(api('ingest/snapshot.ts'))).toEqual([]);
    expect(timeoutFindings(api('digest-worker.ts'))).toEqual([3]);
  });

  it('stays product code in a published package, whose users import its modules too', () => {
    const session = fileURLToPath(new URL('../../../fixtures/workspaces/realtime-sdk/src/realtime/session.ts', import.meta.url));
    expect(usedOnlyOutsideProduct(session, NO_FILE_SETTINGS)).toBe(false);
    expect(timeoutFindings(session)).toEqual([3]);
  });

  it('stays product code when the service imports it too, when nothing imports it, or when the user says so', () => {
    expect(usedOnlyOutsideProduct(billingClient, NO_FILE_SETTINGS)).toBe(false);
    expect(timeoutFindings(billingClient)).toEqual([3]);
    expect(usedOnlyOutsideProduct(api('billing/billing.service.ts'), NO_FILE_SETTINGS)).toBe(false);
    expect(usedOnlyOutsideProduct(restClient, { roles: { 'workflows/clients/**': 'product' }, environments: {} })).toBe(false);
  });
});

// A Next.js Pages Router app (fixtures/workspaces/pages-router-app) that also depends on a server library: helpers
// under lib/client/ that only its components import (one through another helper beside it), and one an API route
// imports too.
const pagesApp = (path: string): string => fileURLToPath(new URL(`../../../fixtures/workspaces/pages-router-app/${path}`, import.meta.url));

describe('a project nested in a monorepo', () => {
  /** A monorepo whose workspaces are `packages/*`, with a fixture project of its own under `fixtures/`. */
  function monorepo(): string {
    const root = mkdtempSync(join(tmpdir(), 'resilint-nested-project-'));
    const write = (path: string, text: string) => {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    write('package.json', JSON.stringify({ name: 'tools', private: true, workspaces: ['packages/*'] }));
    write('packages/billing/package.json', JSON.stringify({ name: 'billing', private: true }));
    write('packages/billing/src/pay-client.ts', "export const pay = (id: string) => fetch(`https://pay.example.com/${id}`);\n");
    write('packages/billing/fixtures/smoke-app.ts', "import { pay } from '../src/pay-client';\nvoid pay('smoke');\n");
    write('fixtures/shop/package.json', JSON.stringify({ name: 'shop', private: true }));
    write('fixtures/shop/src/pay-client.ts', "export const pay = (id: string) => fetch(`https://pay.example.com/${id}`);\n");
    write('fixtures/shop/src/checkout.ts', "import { pay } from './pay-client';\nexport const checkout = (id: string) => pay(id);\n");
    return root;
  }

  it('is a project of its own when the workspaces leave it out: its own code imports the module, so it is product code', () => {
    const root = monorepo();
    expect(importersOf(join(root, 'fixtures/shop/src/pay-client.ts'))?.map(({ relativePath }) => relativePath)).toEqual([join('src', 'checkout.ts')]);
    expect(usedOnlyOutsideProduct(join(root, 'fixtures/shop/src/pay-client.ts'), NO_FILE_SETTINGS)).toBe(false);
    expect(timeoutFindings(join(root, 'fixtures/shop/src/pay-client.ts'))).toEqual([1]);
  });

  it("reads a member package's `fixtures/` folder as test code: a module only it imports is not product code", () => {
    const root = monorepo();
    expect(importersOf(join(root, 'packages/billing/src/pay-client.ts'))?.map(({ relativePath }) => relativePath)).toEqual([join('packages', 'billing', 'fixtures', 'smoke-app.ts')]);
    expect(usedOnlyOutsideProduct(join(root, 'packages/billing/src/pay-client.ts'), NO_FILE_SETTINGS)).toBe(true);
    expect(timeoutFindings(join(root, 'packages/billing/src/pay-client.ts'))).toEqual([]);
  });
});

describe("a helper of a Next.js app's pages", () => {
  it("runs in the browser when only components import it, which in a Pages Router app need no 'use client'", () => {
    expect(importedOnlyByBrowserCode(pagesApp('lib/client/inviteByHandle.ts'), NO_FILE_SETTINGS)).toBe(true);
    expect(timeoutFindings(pagesApp('lib/client/inviteByHandle.ts'))).toEqual([]);
  });

  it('runs in the browser when another such helper imports it', () => {
    expect(importedOnlyByBrowserCode(pagesApp('lib/client/fetchProfile.ts'), NO_FILE_SETTINGS)).toBe(true);
    expect(timeoutFindings(pagesApp('lib/client/fetchProfile.ts'))).toEqual([]);
  });

  it('stays server code when an API route imports it too', () => {
    expect(importedOnlyByBrowserCode(pagesApp('lib/client/loadNotice.ts'), NO_FILE_SETTINGS)).toBe(false);
    expect(timeoutFindings(pagesApp('lib/client/loadNotice.ts'))).toEqual([3]);
  });

  it("stays where it was in an App Router app, whose components are server components unless they say 'use client'", () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'resilint-app-router-')), 'app-router-app');
    cpSync(pagesApp(''), copy, { recursive: true });
    mkdirSync(join(copy, 'app'));
    writeFileSync(join(copy, 'app/page.tsx'), "import InviteForm from '../components/InviteForm';\nexport default function Home() { return <InviteForm teamId={1} />; }\n");
    expect(importedOnlyByBrowserCode(join(copy, 'lib/client/inviteByHandle.ts'), NO_FILE_SETTINGS)).toBe(false);
    // (its relative `fetch('/api/teams/...')` is the page's own wherever the module runs: Node's fetch, a server
    // component's too, rejects a relative URL; see own-origin.test.ts)
    expect(timeoutFindings(join(copy, 'lib/client/inviteByHandle.ts'))).toEqual([]);
  });
});

// A skills CLI (the forty-third held-out round's ask-cli, in our own words): its deploy step is loaded by a path the
// CLI computes from the project's configuration, and its status command is the package's `bin`; unit tests require
// both. Tests importing them say nothing: the program runs them all the same.
describe('a module the program loads without importing it, that tests import', () => {
  const root = join(mkdtempSync(join(tmpdir(), 'resilint-computed-path-')), 'skills-cli');
  const write = (path: string, text: string): string => {
    const file = join(root, path);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, text);
    return file;
  };
  write('package.json', JSON.stringify({ name: 'skills-cli', private: true, bin: { 'skills-status': 'lib/status.js' }, dependencies: { axios: '^1.6.0' } }));
  write('lib/deploy.js', "const path = require('path');\nmodule.exports = (kind) => require(path.join(__dirname, 'delegates', kind));\n");
  const delegate = write('lib/delegates/stack/index.js', "const axios = require('axios');\nmodule.exports = (url) => axios.get(url);\n");
  const status = write('lib/status.js', "const axios = require('axios');\nmodule.exports = (url) => axios.get(url);\n");
  const unrelated = write('lib/fixtures-only/probe.js', "const axios = require('axios');\nmodule.exports = (url) => axios.get(url);\n");
  write('test/unit/delegate-test.js', "const stack = require('../../lib/delegates/stack');\nconst status = require('../../lib/status');\nconst probe = require('../../lib/fixtures-only/probe');\n");

  it('stays product code when it sits where the program loads modules by a computed path', () => {
    expect(usedOnlyOutsideProduct(delegate, NO_FILE_SETTINGS)).toBe(false);
    expect(timeoutFindings(delegate)).toEqual([2]);
  });

  it('stays product code when its package names it as what it runs', () => {
    expect(usedOnlyOutsideProduct(status, NO_FILE_SETTINGS)).toBe(false);
    expect(timeoutFindings(status)).toEqual([2]);
  });

  it('is still test code when only the tests use it', () => {
    expect(usedOnlyOutsideProduct(unrelated, NO_FILE_SETTINGS)).toBe(true);
  });
});
