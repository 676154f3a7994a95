import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { WATCHED_FILES } from '../server/watched-files.js';
import { createStatusBar } from './status-bar.js';
import { registerWorkspaceLint } from './workspace-lint.js';

// Kept in step with src/server/server.ts (the client bundle must not pull in the server's code).
const ESLINT_REPORTS_RESILINT = 'resilint/eslintReportsResilint';
const WORKSPACE_TRUSTED = 'resilint/workspaceTrusted';
const LANGUAGES = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'vue', 'svelte'];

let client: LanguageClient | undefined;

/**
 * A thin client: it starts the language server, which owns all the work, and only adds what needs the editor's
 * view of things — the output channel command, the status bar item, the workspace lint's notification, the workspace's trust and noticing vscode-eslint reporting
 * Resilint's rules itself.
 * Returns once the client is set up, with its output channel; `serverStarted` settles once the server has started (or
 * failed to).
 */
export function startLanguageClient(context: vscode.ExtensionContext): { outputChannel: vscode.OutputChannel; serverStarted: Promise<void> } {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const outputChannel = vscode.window.createOutputChannel('Resilint');
  const watcher = vscode.workspace.createFileSystemWatcher(WATCHED_FILES);
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    synchronize: {
      configurationSection: 'resilint',
      // The server keeps summaries of the modules open files import: it hears when one changes on disk.
      fileEvents: watcher,
    },
    outputChannel,
    initializationOptions: {
      // The server asks other editors to watch these files; VS Code's client watches them itself (above).
      clientWatchesFiles: true,
      // The server loads the project's ESLint config (its code) only in a trusted workspace.
      workspaceTrusted: vscode.workspace.isTrusted,
      // Run here (progress notification, Markdown preview); the server offers them to other editors.
      clientCommands: ['resilint.lintWorkspace', 'resilint.showDocumentation'],
    },
  };
  client = new LanguageClient('resilint', 'Resilint', serverOptions, clientOptions);
  const reportedByEslint = new Set<string>();

  context.subscriptions.push(
    outputChannel,
    watcher,
    vscode.commands.registerCommand('resilint.showOutputChannel', () => outputChannel.show()),
    registerWorkspaceLint(client),
    // The code action "Show documentation" (the server's code-actions.ts): the page shipped in the .vsix, previewed.
    vscode.commands.registerCommand('resilint.showDocumentation', async (url: string, rule: string) => {
      const page = vscode.Uri.file(context.asAbsolutePath(`dist/docs/${rule}.md`));
      const shipped = await vscode.workspace.fs.stat(page).then(() => true, () => false);
      if (shipped) await vscode.commands.executeCommand('markdown.showPreview', page);
      else await vscode.env.openExternal(vscode.Uri.parse(url));
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification(WORKSPACE_TRUSTED)),
    createStatusBar(client, LANGUAGES, (diagnostic) => diagnostic.source === 'resilint' || isEslintReportingResilint(diagnostic)),
    vscode.languages.onDidChangeDiagnostics((event) => {
      for (const uri of event.uris) {
        const key = uri.toString();
        if (!reportedByEslint.has(key) && vscode.languages.getDiagnostics(uri).some(isEslintReportingResilint)) {
          reportedByEslint.add(key);
          void client?.sendNotification(ESLINT_REPORTS_RESILINT, { uri: key });
        }
      }
    }),
  );
  // Not awaited by activation, which stays instant while the server starts; requests queue until it is ready.
  const serverStarted = client.start().catch((error: unknown) => outputChannel.appendLine(`Resilint's language server did not start: ${String(error)}`));
  return { outputChannel, serverStarted };
}

export async function stopLanguageClient(): Promise<void> {
  await client?.stop();
}

function isEslintReportingResilint(diagnostic: vscode.Diagnostic): boolean {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return diagnostic.source === 'eslint' && typeof code === 'string' && code.startsWith('resilint/');
}
