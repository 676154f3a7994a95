import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pluginModule from 'eslint-plugin-resilint';
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  MessageType,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type CancellationToken,
  type Connection,
  type ProgressToken,
  type WorkDoneProgressParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SHOW_DOCUMENTATION_COMMAND } from './code-actions.js';
import { IncrementalParser } from './incremental-parser.js';
import { ResilintLinter, type LintPlugin } from './linting.js';
import { asksClientToWatchFiles, clientRunsCommand, resolvesCodeActionEdits, showMessage, trustsWorkspace } from './lsp-clients.js';
import { loadBundledRuntime } from './runtime-setup.js';
import { ResilintService, type ProjectModelHooks } from './service.js';
import { WATCHED_FILES } from './watched-files.js';

/** Sent by the client when vscode-eslint publishes a `resilint/*` diagnostic for a document. */
export const ESLINT_REPORTS_RESILINT = 'resilint/eslintReportsResilint';
/** Sent to the client as a lint starts and ends (a `LintStatus`), for its status bar item. */
export const LINT_STATUS = 'resilint/lintStatus';
/**
 * "Lint the whole workspace", a request so that it reports its progress (`workDoneToken`) and can be cancelled; the
 * client's `resilint.lintWorkspace` command sends it.
 */
export const LINT_WORKSPACE_REQUEST = 'resilint/lintWorkspace';
/** Sent by the client when the user trusts the workspace (its trust at start comes in `initializationOptions`). */
export const WORKSPACE_TRUSTED = 'resilint/workspaceTrusted';
/** "Lint the whole workspace" as a command, for editors other than VS Code (whose client sends the request above). */
export const LINT_WORKSPACE_COMMAND = 'resilint.lintWorkspace';
export const COPY_RUNTIME_COMMAND = 'resilint.copyRuntime';

const plugin = ((pluginModule as { default?: LintPlugin }).default ?? pluginModule) as LintPlugin;
const projectModel = (pluginModule as { projectModel?: ProjectModelHooks }).projectModel;

const connection: Connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
/** When the oldest change whose diagnostics are not published yet arrived, per document URI. */
const unlintedSince = new Map<string, number>();
let workspaceFolders: string[] = [];
let clientSendsFolderChanges = false;
let clientResolvesEdits = true;
let askClientToWatchFiles = false;
/** Only in a trusted workspace does the server load the project's ESLint config, which runs the project's code. */
let workspaceTrusted = false;
let serverCommands: string[] = [];

const service = new ResilintService(
  // After an edit, only the top-level statements (or class members) it touches are parsed again.
  new ResilintLinter(plugin, new IncrementalParser() as never),
  {
    configuration: (uri) => connection.workspace.getConfiguration({ scopeUri: uri, section: 'resilint' }),
    publishDiagnostics: (uri, diagnostics, version) => {
      void connection.sendDiagnostics({ uri, version, diagnostics });
      const changedAt = unlintedSince.get(uri);
      if (changedAt === undefined) return;
      unlintedSince.delete(uri);
      // Sent only while the client traces the server (`resilint.trace.server`), as `$/logTrace`.
      connection.tracer.log(`Diagnostics for ${uri} (version ${version}): ${diagnostics.length}, ${(performance.now() - changedAt).toFixed(1)} ms after the change`);
    },
    log: (level, message) => connection.console[level](message),
    openDocument: (uri) => documents.get(uri),
    workspaceFolders: () => workspaceFolders,
    workspaceTrusted: () => workspaceTrusted,
    openDocuments: () => documents.all(),
    lintLater: (uri) => scheduleLint(uri),
    lintStatus: (status) => void connection.sendNotification(LINT_STATUS, status),
    beginProgress: async (title) => {
      const progress = await connection.window.createWorkDoneProgress();
      progress.begin(`Resilint: ${title}`, undefined, undefined, true);
      // The lint that follows holds the server: let the progress reach the editor first (the connection writes its
      // messages a few turns of the event loop later; a lint this slow takes over a second).
      await new Promise((resolve) => setTimeout(resolve, 10));
      return {
        done: () => progress.done(),
        get cancelled() {
          return progress.token.isCancellationRequested;
        },
      };
    },
  },
  () => loadBundledRuntime(join(__dirname, 'runtime')),
  projectModel,
);

connection.onInitialize((params) => {
  workspaceFolders = (params.workspaceFolders ?? []).map((folder) => folder.uri);
  clientSendsFolderChanges = params.capabilities.workspace?.workspaceFolders === true;
  clientResolvesEdits = resolvesCodeActionEdits(params.capabilities);
  askClientToWatchFiles = asksClientToWatchFiles(params.capabilities, params.initializationOptions);
  workspaceTrusted = trustsWorkspace(params.initializationOptions);
  serverCommands = [LINT_WORKSPACE_COMMAND, COPY_RUNTIME_COMMAND, SHOW_DOCUMENTATION_COMMAND].filter((command) => !clientRunsCommand(params.initializationOptions, command));
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: true },
      executeCommandProvider: { commands: serverCommands },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'resilint' },
  };
});

connection.onInitialized(() => {
  if (askClientToWatchFiles) {
    connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCHED_FILES }] })
      .catch((error: unknown) => connection.console.warn(`The editor does not watch files for Resilint: ${String(error)}`));
  }
  if (!clientSendsFolderChanges) return;
  connection.workspace.onDidChangeWorkspaceFolders((event) => {
    const removed = new Set(event.removed.map((folder) => folder.uri));
    workspaceFolders = [...workspaceFolders.filter((uri) => !removed.has(uri)), ...event.added.map((folder) => folder.uri)];
  });
});

// One lint per document at a time, always of its newest text: changes that arrive while a lint is queued join it.
const queued = new Map<string, NodeJS.Immediate>();
/** The version of each open document a lint was last asked for. */
const lintAskedFor = new Map<string, number>();
function scheduleLint(uri: string): void {
  const version = documents.get(uri)?.version;
  if (version !== undefined) lintAskedFor.set(uri, version);
  if (queued.has(uri)) return;
  queued.set(
    uri,
    setImmediate(() => {
      queued.delete(uri);
      const document = documents.get(uri);
      if (document) service.lintDocument(document).catch((error: unknown) => connection.console.error(`Could not lint ${uri}: ${String(error)}`));
    }),
  );
}

documents.onDidOpen((event) => {
  service.resumeLinting(event.document.uri);
  scheduleLint(event.document.uri);
});
documents.onDidChangeContent(async (event) => {
  const changedAt = performance.now();
  const { uri } = event.document;
  if (!(await service.runsOnType(uri))) return;
  // Opening a document is also a change of its content, reported after the open, which already asked for a lint of
  // this version; the settings this waited for may come after that lint began (or, from a client that has none, at
  // once with an error), and a second lint of the same text would hold the server as long again.
  if (lintAskedFor.get(uri) === event.document.version) return;
  if (!unlintedSince.has(uri)) unlintedSince.set(uri, changedAt);
  scheduleLint(uri);
});
documents.onDidSave((event) => {
  service.resumeLinting(event.document.uri);
  scheduleLint(event.document.uri);
});
documents.onDidClose((event) => {
  clearImmediate(queued.get(event.document.uri));
  queued.delete(event.document.uri);
  lintAskedFor.delete(event.document.uri);
  unlintedSince.delete(event.document.uri);
  service.forget(event.document).catch((error: unknown) => connection.console.error(`Could not lint ${event.document.uri} after it closed: ${String(error)}`));
});

// The client watches the workspace's source files and manifests: a module another open file uses may have changed.
connection.onDidChangeWatchedFiles((event) => {
  service.filesChanged(event.changes.filter((change) => change.uri.startsWith('file:')).map((change) => fileURLToPath(change.uri)));
});

connection.onDidChangeConfiguration(() => {
  service.configurationChanged();
  for (const document of documents.all()) scheduleLint(document.uri);
});

connection.onNotification(WORKSPACE_TRUSTED, () => {
  workspaceTrusted = true;
  service.trustChanged();
  for (const document of documents.all()) scheduleLint(document.uri);
});

connection.onNotification(ESLINT_REPORTS_RESILINT, (params: { uri: string }) => {
  service.eslintReportsResilint(params.uri);
});

connection.onCodeAction(async (params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document || (params.context.only && !params.context.only.some((kind) => CodeActionKind.QuickFix.startsWith(kind)))) return [];
  const actions = await service.codeActions(document, params.context.diagnostics);
  return clientResolvesEdits ? actions : Promise.all(actions.map((action) => service.resolveCodeAction(action)));
});

connection.onCodeActionResolve((action) => service.resolveCodeAction(action));

connection.onRequest(LINT_WORKSPACE_REQUEST, (params: WorkDoneProgressParams, cancellation) => lintWorkspace(params.workDoneToken, cancellation));

/** Lints every file of the workspace, with progress where the client gave a token, until done or cancelled. */
async function lintWorkspace(workDoneToken: ProgressToken | undefined, cancellation: CancellationToken) {
  const progress = connection.window.attachWorkDoneProgress(workDoneToken);
  progress.begin('Resilint: linting the workspace', 0, undefined, true);
  const result = await service.lintWorkspace({
    report: (done, total) => progress.report(total === 0 ? 100 : Math.floor((done / total) * 100), `${done} of ${count(total, 'file')}`),
    get cancelled() {
      return cancellation.isCancellationRequested;
    },
  });
  progress.done();
  if (result.cancelled) showMessage(connection, MessageType.Info, `Resilint: stopped after ${count(result.files, 'file')}; their ${count(result.findings, 'finding')} stay in the Problems panel.`);
  else showMessage(connection, MessageType.Info, `Resilint: ${count(result.findings, 'finding')} in ${count(result.files, 'file')}${result.truncated ? ' (stopped at the file limit)' : ''}.`);
  return result;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

connection.onExecuteCommand(async (params, cancellation) => {
  switch (params.command) {
    case SHOW_DOCUMENTATION_COMMAND: {
      const url = params.arguments?.[0];
      if (typeof url === 'string') await connection.window.showDocument({ uri: url, external: true });
      return;
    }
    case LINT_WORKSPACE_COMMAND:
      return lintWorkspace(params.workDoneToken, cancellation);
    case COPY_RUNTIME_COMMAND: {
      const folder = typeof params.arguments?.[0] === 'string' ? params.arguments[0] : workspaceFolders.find((uri) => uri.startsWith('file:'));
      if (!folder) {
        showMessage(connection, MessageType.Warning, 'Resilint: open a folder to copy the runtime into.');
        return;
      }
      const edit = await service.runtimeCopyEdit(folder);
      if (typeof edit === 'string') showMessage(connection, MessageType.Info, `Resilint: ${edit}`);
      else await connection.workspace.applyEdit({ label: 'Copy the Resilint runtime', edit });
      return;
    }
  }
});

documents.listen(connection);
connection.listen();
