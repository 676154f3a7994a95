import { join } from 'node:path';
import type * as vscode from 'vscode';
import { describeCodeCache, requireWithCodeCache } from './code-cache.js';
import type * as LanguageClientModule from './language-client.js';

let languageClient: typeof LanguageClientModule | undefined;

/**
 * VS Code's entry point (dist/client.js). Most of activating is loading vscode-languageclient (bundled with
 * language-client.ts into dist/language-client.js), and most of that load is V8 compiling it, so it is loaded through
 * a code cache kept in the extension's global storage. The cache is written once the language server runs, so that
 * it also holds the functions compiled while starting it. One line in the output channel says how long activating
 * took and whether the cache was used (the end-to-end test reads it).
 */
export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const storage = context.globalStorageUri;
  const loaded = requireWithCodeCache(context.asAbsolutePath('dist/language-client.js'), storage.scheme === 'file' ? join(storage.fsPath, 'code-cache') : undefined);
  languageClient = loaded.exports as typeof LanguageClientModule;
  const { outputChannel, serverStarted } = languageClient.startLanguageClient(context);
  void serverStarted.then(() => loaded.saveCodeCache());
  outputChannel.appendLine(`Activated in ${(performance.now() - started).toFixed(1)} ms (${describeCodeCache(loaded)}).`);
}

export async function deactivate(): Promise<void> {
  await languageClient?.stopLanguageClient();
}
