import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

// The integration suite, written against the real `vscode` API. It runs in VS Code desktop through
// @vscode/test-electron (`npm run test:vscode`, entry `run`) and inside code-server through the companion
// extension of the end-to-end test (which calls `runSuite` on activation and writes the report to a file).

export interface SuiteReport {
  passed: string[];
  failed: { name: string; error: string }[];
  activationMs: number | undefined;
}

const EXTENSION_ID = 'resilint.resilint-vscode';
const FIXTURE_FILE = 'src/users.ts';

async function poll<T>(what: string, timeoutMs: number, probe: () => T | undefined | false | Promise<T | undefined | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function resilintDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'resilint');
}

/**
 * The quick fixes VS Code offers at `range`, with the edits of the first `resolve` resolved. The workbench cancels a
 * code action request that its own light bulb supersedes, so a cancelled request is asked again.
 */
async function quickFixes(uri: vscode.Uri, range: vscode.Range, resolve = 0): Promise<vscode.CodeAction[]> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value, resolve);
    } catch (error) {
      if (attempt === 5 || !(error instanceof Error) || error.message !== 'Canceled') throw error;
      // the editor cancels a request made while the document's diagnostics are being refreshed: ask again once
      // they have settled (a loaded CI machine saw three cancellations in a row)
      await new Promise((settled) => setTimeout(settled, 1_000));
    }
  }
}

function ruleOf(diagnostic: vscode.Diagnostic): string | number | undefined {
  return typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
}

export async function runSuite(): Promise<SuiteReport> {
  const report: SuiteReport = { passed: [], failed: [], activationMs: undefined };
  const test = async (name: string, body: () => Promise<void>): Promise<void> => {
    try {
      await body();
      report.passed.push(name);
    } catch (error) {
      report.failed.push({ name, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  };

  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  await test('the extension is installed and activates', async () => {
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    if (!extension.isActive) {
      const started = performance.now();
      await extension.activate();
      report.activationMs = performance.now() - started;
    }
    assert.ok(extension.isActive);
  });

  const folder = vscode.workspace.workspaceFolders?.[0];
  const uri = folder && vscode.Uri.joinPath(folder.uri, FIXTURE_FILE);
  let finding: vscode.Diagnostic | undefined;
  await test('opening a fixture document shows a require-timeout finding with a documentation link', async () => {
    assert.ok(uri, 'no workspace folder is open');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    finding = await poll('Resilint diagnostics', 60_000, () => resilintDiagnostics(uri).find((diagnostic) => ruleOf(diagnostic) === 'require-timeout'));
    assert.equal(typeof finding.code === 'object' && finding.code.target.path.endsWith('/docs/rules/require-timeout.md'), true);
  });

  await test('the quick fixes include the rule suggestions, disable and documentation; applying the first fixes the file', async () => {
    assert.ok(uri && finding, 'no finding to fix');
    const document = await vscode.workspace.openTextDocument(uri);
    const original = document.getText();
    const actions = await quickFixes(uri, finding.range, 10).catch((error: unknown) => {
      throw new Error(`asking for the quick fixes failed: ${String(error)}`);
    });
    // Only quick fixes were asked for, and the fixture has no other problem: every action here is Resilint's.
    const titles = actions.map((action) => action.title);
    assert.ok(titles.includes('Disable resilint/require-timeout for this line'), `quick fixes: ${titles.join(' | ')}`);
    assert.ok(titles.includes('Show documentation for resilint/require-timeout'), `quick fixes: ${titles.join(' | ')}`);
    const first = actions[0]!;
    assert.ok(first.edit, `"${first.title}" resolved to no edit`);
    assert.ok(await vscode.workspace.applyEdit(first.edit), `applying "${first.title}" failed`);
    assert.ok(await document.save(), 'saving the fixed document failed');
    assert.notEqual(document.getText(), original);
    assert.ok(document.getText().includes('fetch(`https://users.example.test/users/${id}`'), document.getText());
    await poll('the finding to go away', 30_000, () => !resilintDiagnostics(uri).some((diagnostic) => ruleOf(diagnostic) === 'require-timeout'));
  });

  await test('"Fix all" applies the one preferred fix of each finding of the rule in the file, on disk', async () => {
    assert.ok(folder, 'no workspace folder is open');
    const catalog = vscode.Uri.joinPath(folder.uri, 'src/catalog.ts');
    const document = await vscode.workspace.openTextDocument(catalog);
    await vscode.window.showTextDocument(document);
    const findings = await poll('two require-timeout findings on catalog.ts', 60_000, () => {
      const found = resilintDiagnostics(catalog).filter((diagnostic) => ruleOf(diagnostic) === 'require-timeout');
      return found.length === 2 && found;
    });
    const actions = await quickFixes(catalog, findings[0]!.range, 100);
    const titles = actions.map((action) => action.title);
    // The workspace cannot import @resilint/runtime: the preferred fix is one that needs no runtime.
    const preferred = actions.filter((action) => action.isPreferred).map((action) => action.title);
    assert.equal(preferred.length, 1, `preferred: ${preferred.join(' | ')}`);
    assert.ok(!/\(and add|\(with the runtime/.test(preferred[0]!), `preferred: ${preferred[0]}`);
    const fixAll = actions.find((action) => action.title === 'Fix all 2 resilint/require-timeout problems in this file');
    assert.ok(fixAll?.edit, `no resolved "Fix all" among: ${titles.join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit), 'applying "Fix all" failed');
    assert.ok(await document.save(), 'saving failed');
    const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(catalog));
    assert.equal(onDisk.match(/fetch\(`https:\/\/(catalog|stock)\.example\.test\/[^`]*`, \{ signal: AbortSignal\.timeout\(/g)?.length, 2, onDisk);
    await poll('the findings to go away', 30_000, () => !resilintDiagnostics(catalog).some((diagnostic) => ruleOf(diagnostic) === 'require-timeout'));
  });

  await test('"Disable for this file" puts the comment under the license header, on disk, and the finding goes', async () => {
    assert.ok(folder, 'no workspace folder is open');
    const invoices = vscode.Uri.joinPath(folder.uri, 'src/invoices.ts');
    const document = await vscode.workspace.openTextDocument(invoices);
    await vscode.window.showTextDocument(document);
    const finding = await poll('a require-timeout finding on invoices.ts', 60_000, () => resilintDiagnostics(invoices).find((diagnostic) => ruleOf(diagnostic) === 'require-timeout'));
    // on a restart the finding can show before the server answers for it: wait for the fixes, as the light bulb does
    let titles: string[] = [];
    const disable = await poll('a resolved "Disable for this file"', 30_000, async () => {
      const actions = await quickFixes(invoices, finding.range, 100);
      titles = actions.map((action) => action.title);
      return actions.find((action) => action.title === 'Disable resilint/require-timeout for this file' && action.edit);
    }).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}; offered: ${titles.join(' | ')}`);
    });
    assert.ok(await vscode.workspace.applyEdit(disable.edit!), 'applying it failed');
    assert.ok(await document.save(), 'saving failed');
    const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(invoices));
    assert.ok(onDisk.startsWith('// SPDX-License-Identifier: MIT\n/* eslint-disable resilint/require-timeout */\nexport async function loadInvoice'), onDisk);
    await poll('the finding to go away', 30_000, () => resilintDiagnostics(invoices).length === 0);
  });

  await test('resilint.exclude clears an open file\'s findings and keeps "Lint the whole workspace" out of it', async () => {
    assert.ok(folder, 'no workspace folder is open');
    const vendored = vscode.Uri.joinPath(folder.uri, 'src/vendor-sdk/client.ts');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vendored));
    await poll('a finding on the vendored client', 60_000, () => resilintDiagnostics(vendored).length > 0);
    const settings = vscode.workspace.getConfiguration('resilint', folder.uri);
    await settings.update('exclude', ['src/vendor-sdk/**'], vscode.ConfigurationTarget.Workspace);
    try {
      await poll('the excluded file\'s findings to go away', 30_000, () => resilintDiagnostics(vendored).length === 0);
      const result = await vscode.commands.executeCommand<{ files: number; findings: number }>('resilint.lintWorkspace');
      assert.ok(result && result.files > 0, `the workspace lint linted no file: ${JSON.stringify(result)}`);
      const orders = vscode.Uri.joinPath(folder.uri, 'src/orders.ts');
      assert.ok(resilintDiagnostics(orders).length > 0, 'the workspace lint did not report orders.ts');
      assert.equal(resilintDiagnostics(vendored).length, 0, 'the workspace lint reported the excluded file');
    } finally {
      await settings.update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  await test('a fix with the runtime copied writes both files with their content and the fixed file, on disk', async () => {
    assert.ok(folder, 'no workspace folder is open');
    const payments = vscode.Uri.joinPath(folder.uri, 'src/payments.ts');
    const document = await vscode.workspace.openTextDocument(payments);
    await vscode.window.showTextDocument(document);
    const finding = await poll('a require-timeout finding on payments.ts', 60_000, () => resilintDiagnostics(payments).find((diagnostic) => ruleOf(diagnostic) === 'require-timeout'));
    const actions = await quickFixes(payments, finding.range, 100);
    const copied = actions.find((action) => action.title.endsWith('(with the runtime copied to src/resilint-runtime.js)'));
    assert.ok(copied?.edit, `no resolved fix with the runtime copied among: ${actions.map((action) => action.title).join(' | ')}`);
    // as the quick-fix menu applies a fix: a refactoring, whose files VS Code saves (files.refactoring.autoSave)
    assert.ok(await vscode.workspace.applyEdit(copied.edit, { isRefactoring: true }), `applying "${copied.title}" failed`);
    const onDisk = (path: string): Promise<string> => Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, path)).then((bytes) => new TextDecoder().decode(bytes), () => ''));
    const written = await poll('the fixed file and the runtime copy on disk', 30_000, async () => {
      const [fixed, javascript, declarations] = await Promise.all([onDisk('src/payments.ts'), onDisk('src/resilint-runtime.js'), onDisk('src/resilint-runtime.d.ts')]);
      return fixed.includes("from './resilint-runtime.js'") && javascript.includes('timeout') && declarations.includes('timeout') && { fixed, javascript, declarations };
    }).catch((error: unknown) => {
      const dirty = vscode.workspace.textDocuments.filter((open) => open.isDirty).map((open) => open.uri.path);
      throw new Error(`${error instanceof Error ? error.message : String(error)}; unsaved: ${dirty.join(', ') || 'none'}`);
    });
    assert.ok(written.javascript.length > 1_000 && written.declarations.length > 1_000, 'a runtime file is nearly empty');
    await poll('the finding to go away', 30_000, () => !resilintDiagnostics(payments).some((diagnostic) => ruleOf(diagnostic) === 'require-timeout'));
  });

  await test("in a trusted workspace, a folder's own eslint.config.mjs turning require-timeout off wins: no finding on its unbounded fetch", async () => {
    assert.ok(folder, 'no workspace folder is open');
    assert.ok(vscode.workspace.isTrusted, 'the workspace is not trusted');
    const charges = vscode.Uri.joinPath(folder.uri, 'services/billing/src/charges.ts');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(charges));
    // The polling loop's finding says the file was linted, with the config: its fetch has no timeout either.
    await poll('the no-unbounded-retry finding on charges.ts', 60_000, () => resilintDiagnostics(charges).some((diagnostic) => ruleOf(diagnostic) === 'no-unbounded-retry'));
    assert.deepEqual(resilintDiagnostics(charges).map(ruleOf), ['no-unbounded-retry']);
  });

  await test('"Show documentation" opens the rule\'s page shipped in the extension in the Markdown preview', async () => {
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    await vscode.workspace.fs.stat(vscode.Uri.joinPath(extension.extensionUri, 'dist/docs/require-timeout.md'));
    await vscode.commands.executeCommand('resilint.showDocumentation', 'https://example.test/offline', 'require-timeout');
    const previewed = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((tab) => tab.label.includes('require-timeout.md'));
    const tab = await poll('the preview of require-timeout.md', 30_000, previewed);
    assert.ok(tab.input instanceof vscode.TabInputWebview, `the tab "${tab.label}" is not a preview`);
  });

  // Last: once vscode-eslint is seen reporting Resilint's rules in a folder, Resilint leaves that folder to it.
  await test('where vscode-eslint reports resilint/* rules, Resilint stops reporting them and offers its fixes on them', async () => {
    assert.ok(folder, 'no workspace folder is open');
    const orders = vscode.Uri.joinPath(folder.uri, 'src/orders.ts');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(orders));
    const ours = await poll('Resilint diagnostics on orders.ts', 60_000, () => resilintDiagnostics(orders).find((diagnostic) => ruleOf(diagnostic) === 'require-timeout'));
    // What vscode-eslint publishes when the workspace's own ESLint config runs eslint-plugin-resilint.
    const eslint = vscode.languages.createDiagnosticCollection('eslint');
    try {
      const reported = new vscode.Diagnostic(ours.range, ours.message, vscode.DiagnosticSeverity.Error);
      reported.source = 'eslint';
      reported.code = { value: 'resilint/require-timeout', target: vscode.Uri.parse('https://example.test/require-timeout.md') };
      eslint.set(orders, [reported]);
      await poll('Resilint to stop reporting orders.ts', 30_000, () => resilintDiagnostics(orders).length === 0);
      // The server answers from the lint it reruns after handing the folder over, so the fixes may take a moment.
      let titles: string[] = [];
      await poll('the disable fix on the vscode-eslint finding', 30_000, async () => {
        titles = (await quickFixes(orders, ours.range)).map((action) => action.title);
        return titles.includes('Disable resilint/require-timeout for this line');
      }).catch((error: unknown) => {
        throw new Error(`${error instanceof Error ? error.message : String(error)}; quick fixes: ${titles.join(' | ')}`);
      });
    } finally {
      eslint.dispose();
    }
  });

  return report;
}

/** The @vscode/test-electron entry point: fails the run when any test fails. */
export async function run(): Promise<void> {
  const report = await runSuite();
  for (const name of report.passed) console.log(`  ok   ${name}`);
  for (const { name, error } of report.failed) console.log(`  FAIL ${name}\n${error}`);
  console.log(`${report.passed.length} passed, ${report.failed.length} failed`);
  if (report.failed.length > 0) throw new Error(`${report.failed.length} integration test(s) failed`);
}
