import { readFileSync } from 'node:fs';
import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import * as pluginModule from 'eslint-plugin-resilint';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ResilintLinter, type LintPlugin } from './linting.js';
import { ResilintService, type ServiceHost } from './service.js';

// The server with the plugin as it is in this tree: whatever rules and suggestions it has, the editor must show
// exactly what ESLint itself reports for `recommended`, under the same titles.
const plugin = ((pluginModule as { default?: LintPlugin }).default ?? pluginModule) as LintPlugin;
const fixture = new URL('../../../fixtures/workspaces/e2e-app/src/users.ts', import.meta.url);

function service(): { service: ResilintService; published: Map<string, Diagnostic[]> } {
  const published = new Map<string, Diagnostic[]>();
  const host: ServiceHost = {
    configuration: () => Promise.resolve({}),
    publishDiagnostics: (uri, diagnostics) => published.set(uri, diagnostics),
    log: () => undefined,
    openDocument: () => undefined,
    workspaceFolders: () => [],
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
});
