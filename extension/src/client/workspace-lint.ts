import * as vscode from 'vscode';
import { WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';

// Kept in step with src/server/server.ts (the client bundle must not pull in the server's code).
const LINT_WORKSPACE_REQUEST = 'resilint/lintWorkspace';

let runs = 0;

/**
 * **Resilint: Lint the whole workspace**: the server lints and reports its progress on the request's
 * `workDoneToken`; the client shows it as a notification whose Cancel cancels the request (the server stops after the
 * file it is linting and keeps the findings so far). Resolves to the server's result.
 */
export function registerWorkspaceLint(client: LanguageClient): vscode.Disposable {
  return vscode.commands.registerCommand('resilint.lintWorkspace', () =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Resilint', cancellable: true }, async (progress, cancellation) => {
      const workDoneToken = `resilint-lint-workspace-${(runs += 1)}`;
      let percentage = 0;
      const listening = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind === 'end') return;
        const increment = value.percentage === undefined ? undefined : value.percentage - percentage;
        percentage = value.percentage ?? percentage;
        progress.report({ message: value.kind === 'begin' ? 'linting the workspace…' : value.message, increment });
      });
      try {
        return await client.sendRequest(LINT_WORKSPACE_REQUEST, { workDoneToken }, cancellation);
      } finally {
        listening.dispose();
      }
    }),
  );
}
