import { basename } from 'node:path';
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { statusView } from './status-view.js';

// Kept in step with src/server/server.ts and service.ts (the client bundle must not pull in the server's code).
const LINT_STATUS = 'resilint/lintStatus';
interface LintStatus {
  uri: string;
  state: 'linting' | 'linted' | 'failed';
  detail?: string;
}

/** Most lints take milliseconds: the spinner shows only for one that lasts longer, so typing does not make it flicker. */
const SPINNER_DELAY_MS = 300;

/**
 * Resilint's status bar item, for the active editor when Resilint lints its language: the server's state (ready,
 * linting with a spinner, error) and the number of Resilint findings in the file; a click shows the output channel.
 * The server says when it lints (a `resilint/lintStatus` notification); the findings are read from the diagnostics.
 */
export function createStatusBar(client: LanguageClient, languages: readonly string[], isResilintFinding: (diagnostic: vscode.Diagnostic) => boolean): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('resilint.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Resilint';
  item.command = 'resilint.showOutputChannel';
  const linting = new Set<string>();
  const failures = new Map<string, string>();
  let spinning = false;
  let spinnerTimer: NodeJS.Timeout | undefined;
  // Created just before the client starts, whose state reads "stopped" until then.
  let serverState = State.Starting;
  // The file in the active editor; the output channel or another panel taking the focus does not change it.
  let current = followedDocument(vscode.window.activeTextEditor, undefined);

  const update = (): void => {
    const document = current;
    if (!document || !isLinted(document, languages)) {
      item.hide();
      return;
    }
    const view = statusView({
      server: serverState === State.Stopped ? 'stopped' : serverState === State.Starting ? 'starting' : 'running',
      linting: spinning,
      failure: failures.get(document.uri.toString()),
      findings: vscode.languages.getDiagnostics(document.uri).filter(isResilintFinding).length,
      file: basename(document.uri.path),
    });
    item.text = view.text;
    item.tooltip = `${view.tooltip} Click to show the output.`;
    item.accessibilityInformation = { label: view.tooltip, role: 'button' };
    item.backgroundColor = view.isError ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    item.show();
  };

  const stopSpinner = (): void => {
    clearTimeout(spinnerTimer);
    spinnerTimer = undefined;
    spinning = false;
  };
  client.onNotification(LINT_STATUS, (status: LintStatus) => {
    if (status.state === 'linting') {
      linting.add(status.uri);
      spinnerTimer ??= setTimeout(() => {
        spinning = true;
        update();
      }, SPINNER_DELAY_MS);
      return;
    }
    linting.delete(status.uri);
    if (status.state === 'failed') failures.set(status.uri, status.detail ?? 'see the output');
    else failures.delete(status.uri);
    if (linting.size === 0) stopSpinner();
    update();
  });

  update();
  return vscode.Disposable.from(
    item,
    { dispose: stopSpinner },
    client.onDidChangeState((event) => {
      serverState = event.newState;
      update();
    }),
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      current = followedDocument(editor, current);
      update();
    }),
    vscode.languages.onDidChangeDiagnostics((event) => {
      const shown = current?.uri.toString();
      if (event.uris.some((uri) => uri.toString() === shown)) update();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('resilint')) update();
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      failures.delete(document.uri.toString());
      if (document === current) {
        current = undefined;
        update();
      }
    }),
  );
}

/**
 * The document the item is about once `editor` is active: a file's or an untitled one's; else (the output channel,
 * a panel) still `previous`, as long as an editor shows it.
 */
function followedDocument(editor: vscode.TextEditor | undefined, previous: vscode.TextDocument | undefined): vscode.TextDocument | undefined {
  const document = editor?.document;
  if (document && (document.uri.scheme === 'file' || document.uri.scheme === 'untitled')) return document;
  return vscode.window.visibleTextEditors.some((visible) => visible.document === previous) ? previous : undefined;
}

/** Whether Resilint lints this document's language (`resilint.enable`, `resilint.validate`); else the item hides. */
function isLinted(document: vscode.TextDocument, languages: readonly string[]): boolean {
  const settings = vscode.workspace.getConfiguration('resilint', document.uri);
  return languages.includes(document.languageId) && settings.get<boolean>('enable', true) && settings.get<string[]>('validate', [...languages]).includes(document.languageId);
}
