import { MessageType, ShowMessageNotification, type ClientCapabilities, type Connection } from 'vscode-languageserver/node';

// What the server needs to serve every LSP client alike, not only VS Code's: the standalone binary
// (packages/language-server) runs the same server for Neovim, Helix, Zed and others.

/**
 * Tells the user something that needs no answer, as a `window/showMessage` notification. vscode-languageserver's
 * `showInformationMessage` sends the `window/showMessageRequest` request even without actions: Neovim then waits for
 * the user to pick from an empty list, and a client that answers it with an error ends the server with an
 * unhandled rejection.
 */
export function showMessage(connection: Connection, type: MessageType, message: string): void {
  void connection.sendNotification(ShowMessageNotification.type, { type, message });
}

/** Whether the client asks `codeAction/resolve` for an action's edit; to one that does not, actions go with theirs. */
export function resolvesCodeActionEdits(capabilities: ClientCapabilities): boolean {
  return capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') ?? false;
}

/**
 * Whether the server asks the client to watch the `WATCHED_FILES`: VS Code's client watches them itself and says so in
 * its initialization options (`clientWatchesFiles`); another client is asked when it can register watchers.
 */
export function asksClientToWatchFiles(capabilities: ClientCapabilities, initializationOptions: unknown): boolean {
  return option(initializationOptions, 'clientWatchesFiles') !== true && capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
}

/**
 * Whether the client says the workspace is trusted (`workspaceTrusted` in its initialization options): only then does
 * the server load the project's ESLint config, which runs the project's code. VS Code's client says what VS Code
 * decided; an editor with no notion of trust says so in its set-up (`init_options = { workspaceTrusted = true }`).
 */
export function trustsWorkspace(initializationOptions: unknown): boolean {
  return option(initializationOptions, 'workspaceTrusted') === true;
}

/**
 * Whether the client runs this command itself (`clientCommands` in its initialization options: VS Code's client lints
 * the workspace with a progress notification and opens rule docs in its Markdown preview). The server offers the
 * others through `workspace/executeCommand`, so that every editor has them.
 */
export function clientRunsCommand(initializationOptions: unknown, command: string): boolean {
  const commands = option(initializationOptions, 'clientCommands');
  return Array.isArray(commands) && commands.includes(command);
}

function option(initializationOptions: unknown, name: string): unknown {
  return typeof initializationOptions === 'object' && initializationOptions !== null ? (initializationOptions as Record<string, unknown>)[name] : undefined;
}
