import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as tsParser from '@typescript-eslint/parser';
import * as pluginModule from 'eslint-plugin-resilint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StreamMessageReader, StreamMessageWriter, createMessageConnection, type MessageConnection } from 'vscode-jsonrpc/node';
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

describe('the bundled language server', () => {
  let connection: MessageConnection;
  const logs: string[] = [];
  const published = new Map<string, (diagnostics: Diagnostic[]) => void>();
  let stop: () => void;

  beforeAll(async () => {
    if (!existsSync(serverPath)) throw new Error(`${serverPath} is missing: run "npm run build" first.`);
    const server = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    stop = () => server.kill();
    connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({ rules: Object.fromEntries(Object.keys(plugin.rules).map((rule) => [rule, 'error'])) })));
    connection.onNotification('window/logMessage', (params: { message: string }) => logs.push(params.message));
    connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Diagnostic[] }) => published.get(params.uri)?.(params.diagnostics));
    connection.listen();
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } }, workspaceFolders: null });
    await connection.sendNotification('initialized', {});
  });

  afterAll(() => {
    connection?.dispose();
    stop?.();
  });

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
