import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';
import { NO_FILE_SETTINGS } from './file-roles.js';
import { usedOnlyOutsideProduct } from './importer-roles.js';
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

  it('stays product code when the service imports it too, when nothing imports it, or when the user says so', () => {
    expect(usedOnlyOutsideProduct(billingClient, NO_FILE_SETTINGS)).toBe(false);
    expect(timeoutFindings(billingClient)).toEqual([3]);
    expect(usedOnlyOutsideProduct(api('billing/billing.service.ts'), NO_FILE_SETTINGS)).toBe(false);
    expect(usedOnlyOutsideProduct(restClient, { roles: { 'workflows/clients/**': 'product' }, environments: {} })).toBe(false);
  });
});
