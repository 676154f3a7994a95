import { join } from 'node:path';
import type * as vscode from 'vscode';
import { requireWithCodeCache } from './code-cache.js';
import type * as LanguageClientModule from './language-client.js';

let languageClient: typeof LanguageClientModule | undefined;

/**
 * VS Code's entry point (dist/client.js). Most of activating is loading vscode-languageclient (bundled with
 * language-client.ts into dist/language-client.js), and most of that load is V8 compiling it, so it is loaded through
 * a code cache kept in the extension's global storage. The cache is written once the language server runs, so that
 * it also holds the functions compiled while starting it.
 */
export function activate(context: vscode.ExtensionContext): void {
  const storage = context.globalStorageUri;
  const loaded = requireWithCodeCache(context.asAbsolutePath('dist/language-client.js'), storage.scheme === 'file' ? join(storage.fsPath, 'code-cache') : undefined);
  languageClient = loaded.exports as typeof LanguageClientModule;
  void languageClient.startLanguageClient(context).then(() => loaded.saveCodeCache());
}

export async function deactivate(): Promise<void> {
  await languageClient?.stopLanguageClient();
}
