import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import { WorkDoneProgress, type ClientCapabilities, type CodeAction, type Diagnostic, type InitializeResult, type ProgressToken, type PublishDiagnosticsParams, type Registration, type RegistrationParams, type TextDocumentEdit } from 'vscode-languageserver';
import { WATCHED_FILES } from '../../../extension/src/server/watched-files.js';
import { binPath, copyFixtureProject, ordersFile, pathWithServer, unboundedFetchLine } from './support.js';

/** The installed binary on a fresh copy of the fixture, with a bare JSON-RPC client that answers none of its requests. */
function startServer() {
  const project = copyFixtureProject();
  const file = join(project, ordersFile);
  const spawnedAt = performance.now();
  const server = spawn('resilint-language-server', ['--stdio'], { env: { ...process.env, PATH: pathWithServer() }, stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  const uri = pathToFileURL(file).href;
  let latest: Diagnostic[] | undefined;
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    if (params.uri === uri) latest = params.diagnostics;
  });
  connection.listen();
  return {
    server,
    connection,
    spawnedAt,
    uri,
    /** The diagnostics last published for the file. */
    diagnostics: () => latest,
    async initialize(capabilities: ClientCapabilities, initializationOptions?: unknown): Promise<InitializeResult> {
      const folder = pathToFileURL(project).href;
      const result = await connection.sendRequest<InitializeResult>('initialize', { processId: process.pid, rootUri: folder, workspaceFolders: [{ uri: folder, name: 'orders-service' }], capabilities, initializationOptions });
      await connection.sendNotification('initialized', {});
      return result;
    },
    open: () => connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text: readFileSync(file, 'utf8') } }),
    stop(): void {
      connection.dispose();
      server.kill();
      rmSync(project, { recursive: true, force: true });
    },
  };
}

type Session = ReturnType<typeof startServer>;

// Answering no request of the server's means no workspace/configuration (so the defaults apply); code actions are
// resolved as Neovim, Helix and Zed do.
describe('resilint-language-server over JSON-RPC', () => {
  let session: Session;
  beforeAll(() => void (session = startServer()));
  afterAll(() => session.stop());

  it('publishes the unbounded fetch after initialize and didOpen, with the defaults when the client has no settings', async () => {
    const started = performance.now();
    const result = await session.initialize({ textDocument: { codeAction: { resolveSupport: { properties: ['edit'] } } } });
    const initialized = performance.now();
    expect(result.serverInfo?.name).toBe('resilint');
    expect(result.capabilities.codeActionProvider).toMatchObject({ resolveProvider: true });
    await session.open();
    await expect.poll(session.diagnostics, { timeout: 30_000 }).toBeDefined();
    const ms = (from: number, to = performance.now()) => `${(to - from).toFixed(0)} ms`;
    console.log(`resilint-language-server: initialize answered ${ms(session.spawnedAt, initialized)} after the spawn; first diagnostics ${ms(started)} after initialize was sent, ${ms(initialized)} after its answer`);
    expect(session.diagnostics()!.map((diagnostic) => [diagnostic.source, diagnostic.code, diagnostic.range.start.line])).toEqual([['resilint', 'require-timeout', unboundedFetchLine]]);
  });

  it('offers quick-fixes for it and resolves the first into an edit that bounds the fetch', async () => {
    const [diagnostic] = session.diagnostics()!;
    const actions = await session.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: session.uri }, range: diagnostic!.range, context: { diagnostics: [diagnostic] } });
    expect(actions.length).toBeGreaterThan(1);
    expect(actions[0]).toMatchObject({ kind: 'quickfix', isPreferred: true });
    expect(actions[0]!.edit).toBeUndefined(); // built only when the user picks it
    const resolved = await session.connection.sendRequest<CodeAction>('codeAction/resolve', actions[0]);
    const edits = resolved.edit!.documentChanges!.flatMap((change) => (change as TextDocumentEdit).edits.map((edit) => edit.newText));
    expect(edits.join('')).toMatch(/signal: AbortSignal\.timeout\(/);
  });

  it('lints the whole workspace on resilint.lintWorkspace and tells the user with a notification, not a request', async () => {
    const shown = new Promise<{ message: string }>((resolve) => session.connection.onNotification('window/showMessage', resolve));
    const result = await session.connection.sendRequest('workspace/executeCommand', { command: 'resilint.lintWorkspace', arguments: [] });
    expect(result).toEqual({ files: 1, findings: 1, truncated: false, cancelled: false });
    expect((await shown).message).toBe('Resilint: 1 finding in 1 file.');
  });

  it('shuts down and exits cleanly', async () => {
    const exited = new Promise<number | null>((resolve) => session.server.once('exit', resolve));
    await session.connection.sendRequest('shutdown');
    await session.connection.sendNotification('exit');
    expect(await exited).toBe(0);
  });
});

describe('resilint-language-server for a client that does not resolve code actions', () => {
  let session: Session;
  beforeAll(() => void (session = startServer()));
  afterAll(() => session.stop());

  it('sends each action with its edit', async () => {
    await session.initialize({});
    await session.open();
    await expect.poll(session.diagnostics, { timeout: 30_000 }).toHaveLength(1);
    const [diagnostic] = session.diagnostics()!;
    const actions = await session.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: session.uri }, range: diagnostic!.range, context: { diagnostics: [diagnostic] } });
    expect(actions.length).toBeGreaterThan(1);
    expect(actions.filter((action) => !action.edit && !action.command)).toEqual([]);
  });
});

describe('resilint-language-server with settings from the client', () => {
  let session: Session;
  beforeAll(() => void (session = startServer()));
  afterAll(() => session.stop());

  it('reads the resilint section through workspace/configuration, and again after didChangeConfiguration', async () => {
    // What Neovim's `settings`, Helix's `config` and Zed's `lsp.<server>.settings` answer for the section asked.
    let settings: Record<string, unknown> = { resilint: { rules: { 'require-timeout': 'warn' } } };
    session.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section ? settings[item.section] : settings) ?? null));
    await session.initialize({ workspace: { configuration: true } });
    await session.open();
    const seen = () => session.diagnostics()?.map((diagnostic) => [diagnostic.code, diagnostic.severity]);
    await expect.poll(seen, { timeout: 30_000 }).toEqual([['require-timeout', 2]]); // `recommended` makes it an error (1)
    settings = { resilint: { rules: { 'require-timeout': 'off' } } };
    await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await expect.poll(seen, { timeout: 30_000 }).toEqual([]);
  });
});

describe('resilint-language-server and files changed on disk', () => {
  const sessions: Session[] = [];
  afterAll(() => sessions.forEach((session) => session.stop()));
  const registrations = async (initializationOptions?: unknown) => {
    const session = startServer();
    sessions.push(session);
    const registered: Registration[] = [];
    session.connection.onRequest('client/registerCapability', (params: RegistrationParams) => void registered.push(...params.registrations));
    await session.initialize({ workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } }, initializationOptions);
    await session.open();
    await expect.poll(session.diagnostics, { timeout: 30_000 }).toBeDefined();
    return registered;
  };

  it('asks a client that can watch files to report changes to sources and manifests', async () => {
    const [registration, ...others] = await registrations();
    expect(others).toEqual([]);
    expect(registration).toMatchObject({ method: 'workspace/didChangeWatchedFiles', registerOptions: { watchers: [{ globPattern: WATCHED_FILES }] } });
  });

  it('does not ask VS Code\'s client, which watches them itself', async () => {
    expect(await registrations({ clientWatchesFiles: true })).toEqual([]);
  });
});

describe('resilint-language-server opening a file with a client that has no settings', () => {
  let session: Session;
  beforeAll(() => void (session = startServer()));
  afterAll(() => session.stop());

  it('lints it once', async () => {
    const lints: string[] = [];
    session.connection.onNotification('resilint/lintStatus', (params: { uri: string; state: string }) => {
      if (params.uri === session.uri && params.state === 'linting') lints.push(params.state);
    });
    await session.initialize({});
    await session.open();
    await expect.poll(session.diagnostics, { timeout: 30_000 }).toBeDefined();
    // time for a second lint to start, had one been queued behind the first
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(lints).toHaveLength(1);
  });
});

describe('resilint-language-server linting a long file', () => {
  let session: Session;
  beforeAll(() => void (session = startServer()));
  afterAll(() => session.stop());

  it('shows a cancellable progress, and on Cancel shows no findings and stops linting the file', async () => {
    const tokens: ProgressToken[] = [];
    const logs: string[] = [];
    session.connection.onNotification('window/logMessage', (params: { message: string }) => void logs.push(params.message));
    // the user presses Cancel as soon as the progress shows
    session.connection.onRequest('window/workDoneProgress/create', (params: { token: ProgressToken }) => {
      tokens.push(params.token);
      session.connection.onProgress(WorkDoneProgress.type, params.token, (value) => {
        if (value.kind === 'begin' && value.cancellable) void session.connection.sendNotification('window/workDoneProgress/cancel', { token: params.token });
      });
    });
    await session.initialize({ window: { workDoneProgress: true } });
    const text = `${readFileSync(session.uri.replace('file://', ''), 'utf8')}${'export const generatedRow = { id: 1, name: "row" };\n'.repeat(3_000)}`;
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: session.uri, languageId: 'typescript', version: 1, text } });
    await expect.poll(() => logs.find((line) => line.startsWith('Stopped linting')), { timeout: 60_000 }).toBeDefined();
    expect(tokens.length).toBeGreaterThan(0);
    expect(session.diagnostics()).toEqual([]);
    // an edit does not start the lint again
    await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri: session.uri, version: 2 }, contentChanges: [{ text: `${text}// edited\n` }] });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(session.diagnostics()).toEqual([]);
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
