import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StreamMessageReader, StreamMessageWriter, createMessageConnection, type MessageConnection } from 'vscode-jsonrpc/node';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams, TextDocumentEdit } from 'vscode-languageserver';
import { binPath, copyFixtureProject, ordersFile, pathWithServer, unboundedFetchLine } from './support.js';

// The installed binary, driven over stdio by a bare JSON-RPC client that answers no request of the server's (no
// workspace/configuration, so the defaults apply) and resolves code actions as Neovim, Helix and Zed do.
describe('resilint-language-server over JSON-RPC', () => {
  const project = copyFixtureProject();
  const uri = pathToFileURL(join(project, ordersFile)).href;
  const text = readFileSync(join(project, ordersFile), 'utf8');
  let server: ChildProcess;
  let spawnedAt: number;
  let connection: MessageConnection;
  const published: PublishDiagnosticsParams[] = [];
  const nextDiagnostics = (): Promise<Diagnostic[]> =>
    new Promise((resolve) => connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      published.push(params);
      if (params.uri === uri) resolve(params.diagnostics);
    }));

  beforeAll(() => {
    spawnedAt = performance.now();
    server = spawn('resilint-language-server', ['--stdio'], { env: { ...process.env, PATH: pathWithServer() }, stdio: ['pipe', 'pipe', 'inherit'] });
    connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    connection.listen();
  });

  afterAll(() => {
    connection.dispose();
    server.kill();
  });

  it('publishes the unbounded fetch after initialize and didOpen, with the defaults when the client has no settings', async () => {
    const started = performance.now();
    const result = await connection.sendRequest<{ capabilities: Record<string, unknown>; serverInfo: { name: string } }>('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(project).href,
      workspaceFolders: [{ uri: pathToFileURL(project).href, name: 'orders-service' }],
      capabilities: { textDocument: { codeAction: { resolveSupport: { properties: ['edit'] } } } },
    });
    const initialized = performance.now();
    expect(result.serverInfo.name).toBe('resilint');
    expect(result.capabilities['codeActionProvider']).toMatchObject({ resolveProvider: true });
    await connection.sendNotification('initialized', {});
    const diagnostics = nextDiagnostics();
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
    const found = await diagnostics;
    const ms = (from: number, to = performance.now()) => `${(to - from).toFixed(0)} ms`;
    console.log(`resilint-language-server: initialize answered ${ms(spawnedAt, initialized)} after the spawn; first diagnostics ${ms(started)} after initialize was sent, ${ms(initialized)} after its answer`);
    expect(found.map((diagnostic) => [diagnostic.source, diagnostic.code, diagnostic.range.start.line])).toEqual([['resilint', 'require-timeout', unboundedFetchLine]]);
  });

  it('offers quick-fixes for it and resolves the first into an edit that bounds the fetch', async () => {
    const [diagnostic] = published.find((params) => params.uri === uri)!.diagnostics;
    const actions = await connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic!.range,
      context: { diagnostics: [diagnostic] },
    });
    expect(actions.length).toBeGreaterThan(1);
    expect(actions[0]).toMatchObject({ kind: 'quickfix', isPreferred: true });
    expect(actions[0]!.edit).toBeUndefined(); // built only when the user picks it
    const resolved = await connection.sendRequest<CodeAction>('codeAction/resolve', actions[0]);
    const edits = resolved.edit!.documentChanges!.flatMap((change) => (change as TextDocumentEdit).edits.map((edit) => edit.newText));
    expect(edits.join('')).toMatch(/signal: AbortSignal\.timeout\(/);
  });

  it('lints the whole workspace on resilint.lintWorkspace and tells the user with a notification, not a request', async () => {
    const shown = new Promise<{ message: string }>((resolve) => connection.onNotification('window/showMessage', resolve));
    const result = await connection.sendRequest('workspace/executeCommand', { command: 'resilint.lintWorkspace', arguments: [] });
    expect(result).toEqual({ files: 1, findings: 1, truncated: false });
    expect((await shown).message).toBe('Resilint: 1 finding in 1 file.');
  });

  it('shuts down and exits cleanly', async () => {
    const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    expect(await exited).toBe(0);
  });
});

describe('resilint-language-server for a client that does not resolve code actions', () => {
  it('sends each action with its edit', async () => {
    const project = copyFixtureProject();
    const uri = pathToFileURL(join(project, ordersFile)).href;
    const server = spawn('resilint-language-server', ['--stdio'], { env: { ...process.env, PATH: pathWithServer() }, stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
    const diagnostics = new Promise<Diagnostic[]>((resolve) => connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => resolve(params.diagnostics)));
    connection.listen();
    try {
      await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(project).href, capabilities: {} });
      await connection.sendNotification('initialized', {});
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text: readFileSync(join(project, ordersFile), 'utf8') } });
      const [diagnostic] = await diagnostics;
      const actions = await connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic!.range, context: { diagnostics: [diagnostic] } });
      expect(actions.length).toBeGreaterThan(1);
      expect(actions.filter((action) => !action.edit && !action.command)).toEqual([]);
    } finally {
      connection.dispose();
      server.kill();
    }
  });
});

describe('resilint-language-server with settings from the client', () => {
  it('reads the resilint section through workspace/configuration, and again after didChangeConfiguration', async () => {
    const project = copyFixtureProject();
    const uri = pathToFileURL(join(project, ordersFile)).href;
    const server = spawn('resilint-language-server', ['--stdio'], { env: { ...process.env, PATH: pathWithServer() }, stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
    // What Neovim's `settings`, Helix's `config` and Zed's `lsp.<server>.settings` answer for the section asked.
    let settings: unknown = { resilint: { rules: { 'require-timeout': 'warn' } } };
    connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section ? (settings as Record<string, unknown>)[item.section] : settings) ?? null));
    let latest: Diagnostic[] | undefined;
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => (latest = params.diagnostics));
    connection.listen();
    try {
      await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(project).href, capabilities: { workspace: { configuration: true } } });
      await connection.sendNotification('initialized', {});
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text: readFileSync(join(project, ordersFile), 'utf8') } });
      await expect.poll(() => latest?.map((diagnostic) => [diagnostic.code, diagnostic.severity]), { timeout: 30_000 }).toEqual([['require-timeout', 2]]);
      settings = { resilint: { rules: { 'require-timeout': 'off' } } };
      await connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await expect.poll(() => latest, { timeout: 30_000 }).toEqual([]);
    } finally {
      connection.dispose();
      server.kill();
    }
  });
});

describe('resilint-language-server on the command line', () => {
  const run = (...args: string[]) => spawnSync('resilint-language-server', args, { env: { ...process.env, PATH: pathWithServer() }, encoding: 'utf8' });

  it('prints its version and those of its rules and runtime', () => {
    const { stdout, status } = run('--version');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^resilint-language-server \d+\.\d+\.\d+ \(rules: eslint-plugin-resilint \d+\.\d+\.\d+, runtime: @resilint\/runtime \d+\.\d+\.\d+\)\n$/);
  });

  it('prints how to start it', () => {
    const { stdout, status } = run('--help');
    expect(status).toBe(0);
    expect(stdout).toContain('Usage: resilint-language-server --stdio');
  });

  it('refuses to start without a transport, saying which to give', () => {
    const { stderr, status } = run();
    expect(status).toBe(1);
    expect(stderr).toMatch(/^resilint-language-server: say how to talk to the editor, usually --stdio\./);
  });

  it('is the file package.json names as its bin', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { bin: Record<string, string> };
    expect(join(binPath, '..', '..', manifest.bin['resilint-language-server']!)).toBe(binPath);
  });
});
