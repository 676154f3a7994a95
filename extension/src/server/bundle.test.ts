import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as tsParser from '@typescript-eslint/parser';
import * as pluginModule from 'eslint-plugin-resilint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancellationTokenSource, StreamMessageReader, StreamMessageWriter, createMessageConnection, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver';
import { ResilintLinter, type LintPlugin } from './linting.js';

// The bundled server (dist/server.js, built by `npm run build`) against the sources: bundling must not change what
// any rule reports, and no rule may fail inside the bundle (a broken dependency there turns a rule off silently).
const serverPath = fileURLToPath(new URL('../../dist/server.js', import.meta.url));
const fixtures = fileURLToPath(new URL('../../../fixtures', import.meta.url));
const plugin = ((pluginModule as { default?: LintPlugin }).default ?? pluginModule) as LintPlugin;

function badFixtures(): string[] {
  return Object.keys(plugin.rules).flatMap((rule) => {
    const directory = join(fixtures, rule, 'bad');
    return existsSync(directory) ? readdirSync(directory).map((name) => join(directory, name)) : [];
  });
}

/** The bundled server on stdio, and the connection to it (not listening yet). */
function startServer(): { connection: MessageConnection; stop: () => void } {
  const server = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  return {
    connection,
    stop: () => {
      connection.dispose();
      server.kill();
    },
  };
}

describe('the bundled language server', () => {
  let connection: MessageConnection;
  const logs: string[] = [];
  const published = new Map<string, (diagnostics: Diagnostic[]) => void>();
  let stop: () => void;

  beforeAll(async () => {
    if (!existsSync(serverPath)) throw new Error(`${serverPath} is missing: run "npm run build" first.`);
    ({ connection, stop } = startServer());
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({ rules: Object.fromEntries(Object.keys(plugin.rules).map((rule) => [rule, 'error'])) })));
    connection.onNotification('window/logMessage', (params: { message: string }) => logs.push(params.message));
    connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Diagnostic[] }) => published.get(params.uri)?.(params.diagnostics));
    connection.listen();
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } }, workspaceFolders: null });
    await connection.sendNotification('initialized', {});
  });

  afterAll(() => stop?.());

  it('reports on every bad fixture exactly what the plugin sources report, with no rule failing', async () => {
    const files = badFixtures();
    expect(files.length).toBeGreaterThan(0);
    const linter = new ResilintLinter(plugin, tsParser as never);
    const allRules = Object.fromEntries(Object.keys(plugin.rules).map((rule) => [rule, 'error' as const]));
    for (const file of files) {
      const uri = pathToFileURL(file).href;
      const text = readFileSync(file, 'utf8');
      const diagnostics = new Promise<Diagnostic[]>((resolve) => published.set(uri, resolve));
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: file.endsWith('.ts') ? 'typescript' : 'javascript', version: 1, text } });
      const fromBundle = (await diagnostics).map((diagnostic) => `${String(diagnostic.code)}@${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1}`);
      const outcome = linter.lint(text, file, { ruleSeverities: allRules, sharedSettings: undefined });
      const fromSources = outcome.kind === 'linted' ? outcome.messages.map((message) => `${message.ruleId!.slice('resilint/'.length)}@${message.line}:${message.column}`) : [outcome.kind];
      expect(fromBundle, file).toEqual(fromSources);
      expect(fromBundle.length, `${file} is a bad fixture`).toBeGreaterThan(0);
    }
    expect(logs.filter((line) => /failed|Could not/.test(line))).toEqual([]);
  }, 120_000);

  it('traces, when asked, how long after a change its diagnostics were published (the editor benchmark reads it)', async () => {
    const traces: string[] = [];
    connection.onNotification('$/logTrace', (params: { message: string }) => traces.push(params.message));
    await connection.sendNotification('$/setTrace', { value: 'messages' });
    const uri = pathToFileURL(join(fixtures, 'trace.ts')).href;
    const text = "export const load = () => fetch('https://api.example.test/orders');\n";
    const opened = new Promise<Diagnostic[]>((resolve) => published.set(uri, resolve));
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
    await opened;
    const changed = new Promise<Diagnostic[]>((resolve) => published.set(uri, resolve));
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: `${text}\n` }] });
    const diagnostics = await changed;
    await expect.poll(() => traces.find((message) => message.includes('(version 2)'))).toMatch(
      new RegExp(`^Diagnostics for ${uri.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(version 2\\): ${diagnostics.length}, \\d+\\.\\d ms after the change$`),
    );
    await connection.sendNotification('$/setTrace', { value: 'off' });
  });
});

describe('"Lint the whole workspace" in the bundled server', () => {
  it('reports its progress on the request\'s token with file counts, and a cancelled run stops with the findings so far', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'resilint-workspace-lint-'));
    const { connection, stop } = startServer();
    try {
      mkdirSync(join(folder, 'src'));
      for (let index = 0; index < 30; index += 1) writeFileSync(join(folder, 'src', `orders-${index}.ts`), `export const load${index} = () => fetch('https://api.example.test/orders');\n`);
      const progress: { kind: string; title?: string; message?: string; percentage?: number; cancellable?: boolean }[] = [];
      const published = new Set<string>();
      const cancellation = new CancellationTokenSource();
      connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
      connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Diagnostic[] }) => {
        if (params.diagnostics.length > 0) published.add(params.uri);
      });
      connection.onNotification('$/progress', (params: { token: string; value: (typeof progress)[number] }) => {
        if (params.token !== 'lint-run') return;
        progress.push(params.value);
        if (params.value.message === '3 of 30 files') cancellation.cancel();
      });
      connection.listen();
      const workspaceFolders = [{ uri: pathToFileURL(folder).href, name: 'shop' }];
      await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { window: { workDoneProgress: true } }, workspaceFolders });
      await connection.sendNotification('initialized', {});
      const result = await connection.sendRequest('resilint/lintWorkspace', { workDoneToken: 'lint-run' }, cancellation.token);
      expect(result).toMatchObject({ cancelled: true, findings: published.size });
      const { files } = result as { files: number };
      expect(files).toBeGreaterThanOrEqual(3);
      expect(files).toBeLessThan(30);
      expect(progress[0]).toEqual({ kind: 'begin', title: 'Resilint: linting the workspace', percentage: 0, cancellable: true });
      expect(progress.slice(1, 4)).toEqual([
        { kind: 'report', percentage: 0, message: '0 of 30 files' },
        { kind: 'report', percentage: 3, message: '1 of 30 files' },
        { kind: 'report', percentage: 6, message: '2 of 30 files' },
      ]);
      expect(progress.at(-1)).toEqual({ kind: 'end' });
    } finally {
      stop();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("a trusted workspace's own ESLint config in the bundled server", () => {
  it('loads it with the bundled ESLint: the rule it turns off is not reported', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'resilint-project-config-'));
    const { connection, stop } = startServer();
    try {
      const plugin = "const resilint = { rules: { 'require-timeout': { meta: { schema: false }, create: () => ({}) } } };";
      writeFileSync(join(folder, 'eslint.config.mjs'), `${plugin}\nexport default [{ files: ['**/*.ts'], plugins: { resilint }, rules: { 'resilint/require-timeout': 'off' } }];\n`);
      const published = new Map<string, (diagnostics: Diagnostic[]) => void>();
      connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
      connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Diagnostic[] }) => published.get(params.uri)?.(params.diagnostics));
      connection.listen();
      const workspaceFolders = [{ uri: pathToFileURL(folder).href, name: 'legacy' }];
      await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders, initializationOptions: { workspaceTrusted: true } });
      await connection.sendNotification('initialized', {});
      const text = "export async function load(id: string) {\n  const response = await fetch(`https://api.example.test/orders/${id}`);\n  return response.json();\n}\n";
      const lint = async (name: string) => {
        const uri = pathToFileURL(join(folder, name)).href;
        const diagnostics = new Promise<Diagnostic[]>((resolve) => published.set(uri, resolve));
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
        return (await diagnostics).map((diagnostic) => diagnostic.code);
      };
      expect(await lint('orders.ts')).not.toContain('require-timeout');
      // The same code in a JavaScript file, which the config does not cover: the bundled defaults report it.
      expect(await lint('orders.js')).toContain('require-timeout');
    } finally {
      stop();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);
});
