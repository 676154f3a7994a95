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
