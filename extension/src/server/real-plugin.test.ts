import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import * as pluginModule from 'eslint-plugin-resilint';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ResilintLinter, type LintPlugin } from './linting.js';
import { ResilintService, type ServiceHost } from './service.js';

// The server with the plugin as it is in this tree: whatever rules and suggestions it has, the editor must show
// exactly what ESLint itself reports for `recommended`, under the same titles.
const plugin = ((pluginModule as { default?: LintPlugin }).default ?? pluginModule) as LintPlugin;
const fixture = new URL('../../../fixtures/workspaces/e2e-app/src/users.ts', import.meta.url);

function service(workspaceFolders: string[] = [], open: TextDocument[] = [], configuration: object = {}, trusted = false): { service: ResilintService; published: Map<string, Diagnostic[]> } {
  const published = new Map<string, Diagnostic[]>();
  const host: ServiceHost = {
    configuration: () => Promise.resolve(configuration),
    publishDiagnostics: (uri, diagnostics) => published.set(uri, diagnostics),
    log: () => undefined,
    openDocument: (uri) => open.find((document) => document.uri === uri),
    workspaceFolders: () => workspaceFolders,
    workspaceTrusted: () => trusted,
  };
  return { service: new ResilintService(new ResilintLinter(plugin, tsParser as never), host, () => undefined), published };
}

function eslintRecommended(text: string, filename: string): Linter.LintMessage[] {
  const linter = new Linter({ cwd: '/' });
  const recommended = plugin.configs?.['recommended'] as Linter.Config[];
  return linter.verify(text, [{ files: ['**/*.ts'], languageOptions: { parser: tsParser as never } }, ...recommended], filename);
}

describe('with the real plugin', () => {
  it('reports on the editor fixture what ESLint reports, with documentation links and the same quick-fix titles', async () => {
    const text = readFileSync(fixture, 'utf8');
    const document = TextDocument.create('untitled:users.ts', 'typescript', 1, text);
    const { service: server } = service();
    const diagnostics = (await server.lintDocument(document))!;
    const expected = eslintRecommended(text, '/app/src/users.ts');

    expect(diagnostics.map((diagnostic) => `resilint/${String(diagnostic.code)}@${diagnostic.range.start.line + 1}`)).toEqual(
      expected.map((message) => `${message.ruleId}@${message.line}`),
    );
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toContain('require-timeout');
    for (const diagnostic of diagnostics) {
      expect(diagnostic.codeDescription?.href).toMatch(new RegExp(`/docs/rules/${String(diagnostic.code)}\\.md$`));
    }

    const actions = await server.codeActions(document, diagnostics);
    const suggestionTitles = expected.flatMap((message) => (message.suggestions ?? []).map((suggestion) => suggestion.desc));
    for (const title of [...suggestionTitles, 'Disable resilint/require-timeout for this line', 'Show documentation for resilint/require-timeout']) {
      expect(actions.map((action) => action.title)).toContain(title);
    }
  });

  it('ignores invalid resilint.settings with one message saying what to change, and keeps linting', async () => {
    const logs: string[] = [];
    const host: ServiceHost = {
      configuration: () => Promise.resolve({ settings: { clients: [], retries: 3 } }),
      publishDiagnostics: () => undefined,
      log: (level, message) => logs.push(`${level}: ${message}`),
      openDocument: () => undefined,
      workspaceFolders: () => [],
    };
    const server = new ResilintService(new ResilintLinter(plugin, tsParser as never), host, () => undefined);
    const document = TextDocument.create('untitled:users.ts', 'typescript', 1, readFileSync(fixture, 'utf8'));
    expect((await server.lintDocument(document))!.map((diagnostic) => diagnostic.code)).toContain('require-timeout');
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^warn: Setting ignored: resilint\.settings is not valid\. Invalid settings\.resilint\.retries: .*use one of/);
  });

  it('every rule of the plugin can be turned on and off from the settings', async () => {
    const ruleNames = Object.keys(plugin.rules);
    expect(ruleNames.length).toBeGreaterThan(0);
    const linter = new ResilintLinter(plugin, tsParser as never);
    const text = readFileSync(fixture, 'utf8');
    const off = Object.fromEntries(ruleNames.map((name) => [name, 'off' as const]));
    const outcome = linter.lint(text, '/app/src/users.ts', { ruleSeverities: off, sharedSettings: undefined });
    expect(outcome).toEqual({ kind: 'linted', messages: [], failedRules: [] });
  });

  it('lints the <script> blocks of Vue and Svelte components as the CLI does, at the component\'s own lines', async () => {
    const vue = TextDocument.create('untitled:Orders.vue', 'vue', 1, VUE_COMPONENT);
    const { service: server } = service([], [vue], RENDERED_ON_THE_SERVER);
    const diagnostics = (await server.lintDocument(vue))!;
    expect(diagnostics.map((diagnostic) => `${String(diagnostic.code)}@${diagnostic.range.start.line + 1}`)).toEqual(['require-timeout@8']);
    // Its quick fix edits the call in the component's script block.
    const actions = await server.codeActions(vue, diagnostics);
    const fix = await server.resolveCodeAction(actions.find((action) => action.title.startsWith('Pass `timeout'))!);
    const edits = (fix.edit?.documentChanges ?? []).flatMap((change) => ('edits' in change && change.textDocument.uri === vue.uri ? change.edits : []));
    const fixed = TextDocument.applyEdits(vue, edits as TextEdit[]);
    expect(fixed).toBe(VUE_COMPONENT.replace("axios.get('https://api.example.com/orders')", "axios.get('https://api.example.com/orders', { timeout: 5_000 })"));

    const svelte = TextDocument.create('untitled:Rates.svelte', 'svelte', 1, SVELTE_COMPONENT);
    expect((await server.lintDocument(svelte))!.map((diagnostic) => `${String(diagnostic.code)}@${diagnostic.range.start.line + 1}`)).toEqual(['require-timeout@3']);
  });

  it('lints the components of the workspace with the other source files', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'resilint-components-'));
    writeFileSync(join(folder, 'Orders.vue'), VUE_COMPONENT);
    writeFileSync(join(folder, 'Rates.svelte'), SVELTE_COMPONENT);
    writeFileSync(join(folder, 'Notes.vue'), '<template><p>No script</p></template>\n');
    const { service: server, published } = service([pathToFileURL(folder).href], [], RENDERED_ON_THE_SERVER);
    expect(await server.lintWorkspace()).toEqual({ files: 3, findings: 2, truncated: false, cancelled: false });
    expect(published.get(pathToFileURL(join(folder, 'Rates.svelte')).href)?.map((diagnostic) => diagnostic.code)).toEqual(['require-timeout']);
  });
});

/**
 * A page's calls wait only on the person at it, so `require-timeout` leaves them alone; these components are rendered
 * on the server (server-side rendering), as the user says in the settings.
 */
const RENDERED_ON_THE_SERVER = { settings: { files: { environments: { '*.vue': 'server', '*.svelte': 'server' } } } };

const VUE_COMPONENT = `<template>
  <button @click="load">Load</button>
</template>

<script setup lang="ts">
import axios from 'axios';
async function load() {
  return axios.get('https://api.example.com/orders');
}
</script>
`;

const SVELTE_COMPONENT = `<script>
  export async function rates() {
    const response = await fetch('https://rates.example.com/latest');
    return response.json();
  }
</script>
<p>rates</p>
`;

describe("with the real plugin and a trusted workspace's own ESLint config", () => {
  it("runs a rule with the config's options", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'resilint-real-config-'));
    // A stand-in for the project's copy of the plugin: ESLint checks the options against the bundled rule's schema.
    const schema = JSON.stringify((plugin.rules['retry-requires-backoff'] as { meta: { schema: unknown } }).meta.schema);
    writeFileSync(
      join(folder, 'eslint.config.mjs'),
      `const resilint = { rules: { 'retry-requires-backoff': { meta: { schema: ${schema} }, create: () => ({}) } } };\n` +
        "export default [{ files: ['**/*.ts'], plugins: { resilint }, rules: { 'resilint/retry-requires-backoff': ['error', { allowFixedDelayUpTo: 0 }] } }];\n",
    );
    const text = [
      'export async function storeReceipt(orderId: string) {',
      '  for (let attempt = 1; attempt <= 3; attempt++) {',
      '    try {',
      "      return await fetch(`https://receipts.example.test/${orderId}`, { method: 'PUT', signal: AbortSignal.timeout(5000) });",
      '    } catch (error) {',
      '      if (attempt === 3) throw error;',
      '      await new Promise((resolve) => setTimeout(resolve, 500));',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n');
    const path = join(folder, 'receipts.ts');
    writeFileSync(path, text);
    const document = TextDocument.create(pathToFileURL(path).href, 'typescript', 1, text);
    const codes = async (trusted: boolean) => {
      const { service: server } = service([pathToFileURL(folder).href], [document], {}, trusted);
      return (await server.lintDocument(document))!.map((diagnostic) => diagnostic.code);
    };
    // A fixed wait over three attempts passes `recommended` (up to 4); the config's `allowFixedDelayUpTo: 0` reports it.
    expect(await codes(false)).not.toContain('retry-requires-backoff');
    expect(await codes(true)).toContain('retry-requires-backoff');
  });
});
