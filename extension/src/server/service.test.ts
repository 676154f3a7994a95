import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiagnosticSeverity, type CodeAction, type Diagnostic, type TextDocumentEdit, type CreateFile } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { IncrementalParser } from './incremental-parser.js';
import { ResilintLinter } from './linting.js';
import { ResilintService } from './service.js';
import { TestHost, plugin, runtime } from './test-support.js';
import { sourceFiles } from './workspace-files.js';
import { eslintOptions } from '../../../eslint-plugin/src/cli/eslint-options.js';

let workspace: string;
let host: TestHost;
let service: ResilintService;

beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'resilint-extension-'));
  host = new TestHost();
  host.folders = [pathToFileURL(workspace).href];
  service = new ResilintService(new ResilintLinter(plugin, tsParser as never), host, () => runtime);
});

afterEach(() => rmSync(workspace, { recursive: true, force: true }));

function open(relativePath: string, text: string, version = 1): TextDocument {
  const path = join(workspace, relativePath);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  const languageId = relativePath.endsWith('.js') ? 'javascript' : 'typescript';
  const document = TextDocument.create(pathToFileURL(path).href, languageId, version, text);
  host.documents.set(document.uri, document);
  return document;
}

function change(document: TextDocument, text: string): TextDocument {
  const changed = TextDocument.create(document.uri, document.languageId, document.version + 1, text);
  host.documents.set(changed.uri, changed);
  return changed;
}

/** Applies the resolved action's edit to the open document (as the editor would) and returns the new text. */
function applyTo(document: TextDocument, action: CodeAction): string {
  const changes = (action.edit?.documentChanges ?? []) as (TextDocumentEdit | CreateFile)[];
  const edits = changes.filter((change): change is TextDocumentEdit => 'textDocument' in change && change.textDocument.uri === document.uri);
  expect(edits).toHaveLength(1);
  return TextDocument.applyEdits(document, edits[0]!.edits);
}

async function actionsFor(document: TextDocument): Promise<CodeAction[]> {
  const diagnostics = (await service.lintDocument(document)) ?? [];
  return service.codeActions(document, diagnostics);
}

function titled(actions: CodeAction[], title: string): CodeAction {
  const action = actions.find((candidate) => candidate.title === title);
  if (!action) throw new Error(`no action "${title}" among ${actions.map((candidate) => candidate.title).join(' | ')}`);
  return action;
}

describe('diagnostics', () => {
  it('reports each finding with source resilint, the rule as code, its documentation and its severity', async () => {
    const document = open('src/api.ts', 'export async function load() {\n  return fetch("/users");\n}\n');
    await service.lintDocument(document);
    const [diagnostic, ...rest] = host.published.get(document.uri)!;
    expect(rest).toEqual([]);
    expect(diagnostic).toMatchObject({
      source: 'resilint',
      code: 'bare-fetch',
      codeDescription: { href: 'https://example.test/docs/bare-fetch.md' },
      message: 'fetch() has no timeout.',
      severity: DiagnosticSeverity.Warning,
      range: { start: { line: 1, character: 9 }, end: { line: 1, character: 24 } },
    });
  });

  it('applies per-rule severity overrides and turns rules off', async () => {
    const document = open('src/api.ts', 'fetch("/a");\n');
    host.settings = { rules: { 'bare-fetch': 'error' } };
    expect((await service.lintDocument(document))![0]!.severity).toBe(DiagnosticSeverity.Error);
    service.configurationChanged();
    host.settings = { rules: { 'resilint/bare-fetch': 'off' } };
    expect(await service.lintDocument(document)).toEqual([]);
  });

  it('shows every finding as a warning or an information with resilint.problems.severity, errors included', async () => {
    const document = open('src/api.ts', 'fetch("/a");\n');
    host.settings = { rules: { 'bare-fetch': 'error' }, problems: { severity: 'warn' } };
    expect((await service.lintDocument(document))!.map((diagnostic) => diagnostic.severity)).toEqual([DiagnosticSeverity.Warning]);
    service.configurationChanged();
    host.settings = { rules: { 'bare-fetch': 'error' }, problems: { severity: 'info' } };
    expect((await service.lintDocument(document))!.map((diagnostic) => diagnostic.severity)).toEqual([DiagnosticSeverity.Information]);
    service.configurationChanged();
    host.settings = { rules: { 'bare-fetch': 'error' }, problems: { severity: 'quiet' } };
    expect((await service.lintDocument(document))!.map((diagnostic) => diagnostic.severity)).toEqual([DiagnosticSeverity.Error]);
    expect(host.logs).toContain('warn: Setting ignored: resilint.problems.severity must be "default", "warn" or "info", not "quiet".');
  });

  it('says which setting is wrong and how to fix it, and lints with the default instead', async () => {
    const document = open('src/api.ts', 'fetch("/a");\n');
    host.settings = { rules: { 'bare-fetch': 'loud', 'no-such-rule': 'warn' }, run: 'sometimes' };
    expect(await service.lintDocument(document)).toHaveLength(1);
    expect(host.logs).toContain('warn: Setting ignored: resilint.rules: "bare-fetch" must be one of off, warn, error, default, not "loud".');
    expect(host.logs.some((line) => line.includes('"no-such-rule" is not a Resilint rule; use one of bare-fetch, always-throws'))).toBe(true);
    expect(host.logs.some((line) => line.includes('resilint.run must be "onType" or "onSave", not "sometimes"'))).toBe(true);
  });

  it('lints nothing when disabled or when the language is not validated', async () => {
    const document = open('src/api.ts', 'fetch("/a");\n');
    host.settings = { enable: false };
    expect(await service.lintDocument(document)).toEqual([]);
    service.configurationChanged();
    host.settings = { validate: ['javascript'] };
    expect(await service.lintDocument(document)).toEqual([]);
  });

  it('lints untitled documents and files whose extension ESLint would not match', async () => {
    const untitled = TextDocument.create('untitled:Untitled-1', 'typescript', 1, 'const x: number = 1;\nfetch("/a");\n');
    expect(await service.lintDocument(untitled)).toHaveLength(1);
    const es6 = open('src/legacy.es6', 'fetch("/a");\n');
    expect(await service.lintDocument(TextDocument.create(es6.uri, 'javascript', 1, es6.getText()))).toHaveLength(1);
  });
  it('on close, clears the findings and drops the tree kept to re-parse the next edit', async () => {
    const parser = new IncrementalParser();
    service = new ResilintService(new ResilintLinter(plugin, parser as never), host, () => runtime);
    const document = open('src/close.ts', 'export const a = 1;\n\nexport function load() {\n  return fetch(url);\n}\n');
    await service.lintDocument(document);
    await service.lintDocument(change(document, document.getText().replace('a = 1', 'a = 2')));
    expect(parser.lastParse.kind).toBe('incremental');

    host.documents.delete(document.uri);
    await service.forget(document);
    expect(host.published.get(document.uri)).toEqual([]);
    await service.lintDocument(change(document, document.getText().replace('a = 1', 'a = 3')));
    expect(parser.lastParse).toEqual({ kind: 'full', reason: 'first parse of the file' });
  });
});

describe('closing a file the workspace lint reported', () => {
  it('keeps its findings, for the text on disk, while a file only opened loses them', async () => {
    const reported = open('src/reported.ts', 'export const load = () => fetch("/a");\n');
    await service.lintWorkspace();
    const edited = change(reported, 'export const load = () => [fetch("/a"), fetch("/b")];\n');
    expect(await service.lintDocument(edited)).toHaveLength(2);
    host.documents.delete(reported.uri);
    await service.forget(edited);
    // Closed without saving: the finding of the text on disk, not the editor's two.
    expect(host.published.get(reported.uri)).toHaveLength(1);

    const opened = open('src/opened-later.ts', 'export const load = () => fetch("/c");\n');
    expect(await service.lintDocument(opened)).toHaveLength(1);
    host.documents.delete(opened.uri);
    await service.forget(opened);
    expect(host.published.get(opened.uri)).toEqual([]);
  });
});

describe('code actions', () => {
  it('offers every suggestion under its ESLint title, then disable and documentation, with edits only on resolve', async () => {
    // node_modules/@resilint/runtime is there, so no "add the runtime" variants
    mkdirSync(join(workspace, 'node_modules/@resilint/runtime'), { recursive: true });
    writeFileSync(join(workspace, 'node_modules/@resilint/runtime/package.json'), '{"name":"@resilint/runtime"}');
    const document = open('src/api.ts', 'export const users = () => fetch("/users");\n');
    const actions = await actionsFor(document);
    expect(actions.map((action) => action.title)).toEqual([
      'Wrap in timeout()',
      'Pass an abort signal',
      'Disable resilint/bare-fetch for this line',
      'Disable resilint/bare-fetch for this file',
      'Show documentation for resilint/bare-fetch',
    ]);
    expect(actions.every((action) => action.kind === 'quickfix' && action.edit === undefined)).toBe(true);
    expect(actions.filter((action) => action.isPreferred).map((action) => action.title)).toEqual(['Wrap in timeout()']);
    expect(actions[4]!.command).toEqual({
      title: 'Show documentation for resilint/bare-fetch',
      command: 'resilint.showDocumentation',
      arguments: ['https://example.test/docs/bare-fetch.md', 'bare-fetch'],
    });

    const resolved = await service.resolveCodeAction(actions[0]!);
    const fixed = applyTo(document, resolved);
    expect(fixed).toBe(
      "import { timeout } from '@resilint/runtime';\nexport const users = () => timeout((signal) => fetch(\"/users\", { signal }), 5000);\n",
    );
    expect(await service.lintDocument(change(document, fixed))).toEqual([]);
  });

  it('disables the rule for the line, indented like it, and joins an existing directive', async () => {
    const document = open('src/api.js', 'async function load() {\n    await fetch("/a");\n}\n');
    const disable = titled(await actionsFor(document), 'Disable resilint/bare-fetch for this line');
    const fixed = applyTo(document, await service.resolveCodeAction(disable));
    expect(fixed).toBe('async function load() {\n    // eslint-disable-next-line resilint/bare-fetch\n    await fetch("/a");\n}\n');
    expect(await service.lintDocument(change(document, fixed))).toEqual([]);

    const withDirective = open('src/other.js', '// eslint-disable-next-line no-console\nconsole.log(fetch("/a"));\n');
    const joined = applyTo(withDirective, await service.resolveCodeAction(titled(await actionsFor(withDirective), 'Disable resilint/bare-fetch for this line')));
    expect(joined).toBe('// eslint-disable-next-line no-console, resilint/bare-fetch\nconsole.log(fetch("/a"));\n');
  });

  it('offers the fixes of every finding on a line, and one "Disable" of each kind for them all', async () => {
    const document = open('src/api.ts', 'Promise.all([fetch("/a"), fetch("/b")]);\n');
    const actions = await actionsFor(document);
    const titles = actions.map((action) => action.title);
    expect(titles.filter((title) => title === 'Pass an abort signal')).toHaveLength(2);
    expect(titles.filter((title) => title.startsWith('Disable'))).toEqual(['Disable resilint/bare-fetch for this line', 'Disable resilint/bare-fetch for this file']);
    const second = actions.filter((action) => action.title === 'Pass an abort signal')[1]!;
    expect(applyTo(document, await service.resolveCodeAction(second))).toBe('Promise.all([fetch("/a"), fetch("/b", { signal: AbortSignal.timeout(5000) })]);\n');
  });

  it('builds no edit for an action offered on an older version of the document', async () => {
    const document = open('src/api.ts', 'fetch("/a");\n');
    const [wrap] = await actionsFor(document);
    change(document, '\nfetch("/a");\n');
    expect((await service.resolveCodeAction(wrap!)).edit).toBeUndefined();
  });

  it('offers its fixes on the diagnostics of vscode-eslint and stops reporting them itself', async () => {
    const document = open('src/api.ts', 'fetch("/a");\n');
    await service.lintDocument(document);
    expect(host.published.get(document.uri)).toHaveLength(1);

    service.eslintReportsResilint(document.uri);
    expect(host.published.get(document.uri)).toEqual([]);
    expect(await service.lintDocument(change(document, 'fetch("/b");\n'))).toEqual([]);

    const eslintDiagnostic: Diagnostic = {
      source: 'eslint',
      code: 'resilint/bare-fetch',
      codeDescription: { href: 'https://example.test/docs/bare-fetch.md' },
      message: 'fetch() has no timeout.',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 11 } },
    };
    const current = host.documents.get(document.uri)!;
    const actions = await service.codeActions(current, [eslintDiagnostic]);
    expect(actions.map((action) => action.title)).toContain('Wrap in timeout()');
    const fixed = applyTo(current, await service.resolveCodeAction(titled(actions, 'Pass an abort signal')));
    expect(fixed).toBe('fetch("/b", { signal: AbortSignal.timeout(5000) });\n');
  });
});

describe('adding the runtime', () => {
  beforeEach(() => writeFileSync(join(workspace, 'package.json'), '{\n    "name": "app",\n    "dependencies": {\n        "left-pad": "1.0.0"\n    }\n}\n'));

  it('offers to add @resilint/runtime to the nearest package.json, keeping its formatting', async () => {
    const document = open('src/api.ts', 'fetch("/a");\n');
    const actions = await actionsFor(document);
    expect(actions.map((action) => action.title)).toEqual([
      'Wrap in timeout()',
      'Wrap in timeout() (and add @resilint/runtime to package.json)',
      'Wrap in timeout() (with the runtime copied to src/resilint-runtime.js)',
      'Pass an abort signal',
      'Disable resilint/bare-fetch for this line',
      'Disable resilint/bare-fetch for this file',
      'Show documentation for resilint/bare-fetch',
    ]);
    // The runtime is not installed: the preferred fix is the one that needs nothing.
    expect(actions.filter((action) => action.isPreferred).map((action) => action.title)).toEqual(['Pass an abort signal']);
    const resolved = await service.resolveCodeAction(actions[1]!);
    const changes = resolved.edit!.documentChanges as TextDocumentEdit[];
    const packageJson = TextDocument.create(pathToFileURL(join(workspace, 'package.json')).href, 'json', 1, '{\n    "name": "app",\n    "dependencies": {\n        "left-pad": "1.0.0"\n    }\n}\n');
    const manifestEdit = changes.find((change) => change.textDocument.uri === packageJson.uri)!;
    expect(TextDocument.applyEdits(packageJson, manifestEdit.edits)).toBe(
      '{\n    "name": "app",\n    "dependencies": {\n        "left-pad": "1.0.0",\n        "@resilint/runtime": "^1.2.3"\n    }\n}\n',
    );
    expect(applyTo(document, resolved)).toContain("import { timeout } from '@resilint/runtime';");
  });

  it('copies the bundled runtime to the configured path and imports it relatively', async () => {
    host.settings = { runtime: { copyPath: 'lib/resilience/runtime.js' } };
    const document = open('src/handlers/api.ts', 'fetch("/a");\n');
    const copy = titled(await actionsFor(document), 'Wrap in timeout() (with the runtime copied to lib/resilience/runtime.js)');
    const resolved = await service.resolveCodeAction(copy);
    const changes = resolved.edit!.documentChanges as (TextDocumentEdit | CreateFile)[];
    const created = changes.filter((change): change is CreateFile => 'kind' in change && change.kind === 'create').map((change) => change.uri);
    expect(created).toEqual([
      pathToFileURL(join(workspace, 'lib/resilience/runtime.js')).href,
      pathToFileURL(join(workspace, 'lib/resilience/runtime.d.ts')).href,
    ]);
    const contents = changes.filter((change): change is TextDocumentEdit => 'textDocument' in change && change.textDocument.version === null);
    expect(contents.map((change) => change.edits[0]!.newText)).toEqual([runtime.javascript, runtime.declarations]);
    expect(applyTo(document, resolved)).toBe(
      "import { timeout } from '../../lib/resilience/runtime.js';\ntimeout((signal) => fetch(\"/a\", { signal }), 5000);\n",
    );
  });

  it('in a workspace of two folders, copies the runtime into the folder of the file being fixed', async () => {
    const second = join(workspace, 'billing');
    host.folders = [pathToFileURL(join(workspace, 'web')).href, pathToFileURL(second).href];
    const document = open('billing/src/charges.ts', 'fetch("/a");\n');
    const copy = titled(await actionsFor(document), 'Wrap in timeout() (with the runtime copied to src/resilint-runtime.js)');
    const changes = (await service.resolveCodeAction(copy)).edit!.documentChanges as (TextDocumentEdit | CreateFile)[];
    const created = changes.filter((change): change is CreateFile => 'kind' in change && change.kind === 'create').map((change) => change.uri);
    expect(created).toEqual([pathToFileURL(join(second, 'src/resilint-runtime.js')).href, pathToFileURL(join(second, 'src/resilint-runtime.d.ts')).href]);
  });

  it('does not copy over an existing copy, and offers nothing once package.json declares the runtime', async () => {
    mkdirSync(join(workspace, 'src'), { recursive: true });
    writeFileSync(join(workspace, 'src/resilint-runtime.js'), '// already here\n');
    writeFileSync(join(workspace, 'src/resilint-runtime.d.ts'), '// already here\n');
    const document = open('src/api.ts', 'fetch("/a");\n');
    const copy = titled(await actionsFor(document), 'Wrap in timeout() (with the runtime copied to src/resilint-runtime.js)');
    const changes = (await service.resolveCodeAction(copy)).edit!.documentChanges!;
    expect(changes).toHaveLength(1);

    writeFileSync(join(workspace, 'package.json'), '{ "dependencies": { "@resilint/runtime": "^1.0.0" } }');
    expect((await actionsFor(change(document, 'fetch("/b");\n'))).map((action) => action.title)).not.toContain(
      'Wrap in timeout() (and add @resilint/runtime to package.json)',
    );
  });

  it('the copy-runtime command creates the files once', async () => {
    const edit = await service.runtimeCopyEdit(pathToFileURL(workspace).href);
    expect(typeof edit).toBe('object');
    mkdirSync(join(workspace, 'src'), { recursive: true });
    writeFileSync(join(workspace, 'src/resilint-runtime.js'), runtime.javascript);
    writeFileSync(join(workspace, 'src/resilint-runtime.d.ts'), runtime.declarations);
    expect(await service.runtimeCopyEdit(pathToFileURL(workspace).href)).toBe('The runtime is already at src/resilint-runtime.js.');
  });
});

describe('bad input', () => {
  it('keeps the last findings of a file that stops parsing and says where it does not parse', async () => {
    const document = open('src/api.ts', 'fetch("/a");\n');
    await service.lintDocument(document);
    const before = host.published.get(document.uri);
    expect(await service.lintDocument(change(document, 'fetch("/a");\nconst x: = ;\n'))).toBeUndefined();
    expect(host.published.get(document.uri)).toBe(before);
    expect(host.logs.some((line) => /^warn: .*api\.ts does not parse \(line 2, column 9\): Parsing error: Type expected\. Resilint/.test(line))).toBe(true);
    expect(await service.codeActions(host.documents.get(document.uri)!, before!)).toEqual([]);
  });

  it('lints a file with an old /* eslint-env */ comment, which ESLint 10 refuses, as the CLI does: as if it were blank', async () => {
    mkdirSync(join(workspace, 'node_modules/@resilint/runtime'), { recursive: true });
    writeFileSync(join(workspace, 'node_modules/@resilint/runtime/package.json'), '{"name":"@resilint/runtime"}');
    const text = '/* eslint-env node, browser */\nexport const users = () => fetch("/users");\n';
    const document = open('src/legacy.js', text);
    const diagnostics = (await service.lintDocument(document)) ?? [];
    expect(diagnostics.map(({ code, range }) => [code, range.start.line, range.start.character])).toEqual([['bare-fetch', 1, 27]]);
    expect(host.logs.filter((line) => line.includes('does not parse'))).toEqual([]);
    // the fix is made on the text as it is: the comment stays
    const fixed = applyTo(document, await service.resolveCodeAction(titled(await service.codeActions(document, diagnostics), 'Pass an abort signal')));
    expect(fixed.startsWith('/* eslint-env node, browser */\n')).toBe(true);
    expect(await service.lintDocument(change(document, fixed))).toEqual([]);
  });

  it("does not let a bare line-level disable comment, written for the project's other linters, hide a finding, as the CLI does", async () => {
    const text = [
      'export const users = () => fetch("/users"); // eslint-disable-line',
      '// eslint-disable-next-line -- the name is fine',
      'export const orders = () => fetch("/orders");',
      'export const named = () => fetch("/named"); // eslint-disable-line resilint/bare-fetch -- bounded by the proxy',
      '',
    ].join('\n');
    const diagnostics = (await service.lintDocument(open('src/disabled.js', text))) ?? [];
    expect(diagnostics.map(({ code, range }) => [code, range.start.line])).toEqual([['bare-fetch', 0], ['bare-fetch', 2]]);
  });

  it('skips binary and huge files with a message, and keeps linting the others', async () => {
    const binary = open('src/blob.js', 'fetch("/a");\u0000\u0001\u0002');
    expect(await service.lintDocument(binary)).toEqual([]);
    const huge = open('src/huge.js', 'fetch("/a");\n'.repeat(200_000));
    expect(await service.lintDocument(huge)).toEqual([]);
    expect(host.logs.filter((line) => line.startsWith('info: Skipped'))).toHaveLength(2);
    expect(await service.lintDocument(open('src/fine.js', 'fetch("/a");\n'))).toHaveLength(1);
  });

  it('turns off a rule that throws, names it, and still reports the other rules', async () => {
    host.settings = { rules: { 'always-throws': 'error' } };
    const document = open('src/api.ts', 'fetch("/a");\n');
    const diagnostics = await service.lintDocument(document);
    expect(diagnostics!.map((diagnostic) => diagnostic.code)).toEqual(['bare-fetch']);
    expect(host.logs.some((line) => line.startsWith('error: Rule resilint/always-throws failed on') && line.includes('boom'))).toBe(true);
    // The status bar shows it as an error on this file.
    expect(host.statuses.at(-1)).toEqual({ uri: document.uri, state: 'failed', detail: 'resilint/always-throws failed on this file and was skipped.' });
  });

  it('tells the client as each lint starts and ends, and nothing for a file it does not lint', async () => {
    const document = open('src/api.ts', 'fetch("/a");\n');
    await service.lintDocument(document);
    await service.lintDocument(change(document, 'fetch("/a");\nconst x: = ;\n'));
    expect(host.statuses).toEqual([
      { uri: document.uri, state: 'linting' },
      { uri: document.uri, state: 'linted' },
      { uri: document.uri, state: 'linting' },
      { uri: document.uri, state: 'linted' },
    ]);
    await service.lintDocument(open('src/api.test.ts', 'fetch("/a");\n'));
    expect(host.statuses).toHaveLength(4);
  });
});

describe('linting the workspace', () => {
  it('publishes diagnostics for every source file, skipping dependencies and build output', async () => {
    for (const [path, text] of [
      ['src/a.ts', 'fetch("/a");\n'],
      ['src/deep/b.mjs', 'fetch("/b");\nfetch("/c");\n'],
      ['src/clean.ts', 'export const x = 1;\n'],
      ['node_modules/lib/index.js', 'fetch("/x");\n'],
      ['dist/bundle.js', 'fetch("/x");\n'],
    ] as const) {
      mkdirSync(join(workspace, path, '..'), { recursive: true });
      writeFileSync(join(workspace, path), text);
    }
    expect(await service.lintWorkspace()).toEqual({ files: 3, findings: 3, truncated: false, cancelled: false });
    expect(host.published.get(pathToFileURL(join(workspace, 'src/deep/b.mjs')).href)).toHaveLength(2);
    expect(host.published.has(pathToFileURL(join(workspace, 'node_modules/lib/index.js')).href)).toBe(false);
  });

  it('reports how many files are done before each one, and when cancelled, stops and keeps the findings so far', async () => {
    const files = ['src/a.ts', 'src/b.ts', 'src/c.ts', 'src/d.ts'];
    const uris = files.map((path) => pathToFileURL(join(workspace, path)).href);
    for (const path of files) {
      mkdirSync(join(workspace, path, '..'), { recursive: true });
      writeFileSync(join(workspace, path), 'fetch("/a");\n');
    }
    await service.lintWorkspace();
    // The second run finds two findings in each file, but is cancelled once two files are done.
    for (const path of files) writeFileSync(join(workspace, path), 'fetch("/a");\nfetch("/b");\n');
    const reports: string[] = [];
    let cancelled = false;
    const progress = {
      report: (done: number, total: number) => {
        reports.push(`${done}/${total}`);
        if (done === 1) cancelled = true; // Cancel pressed while the second file is linted.
      },
      get cancelled() {
        return cancelled;
      },
    };
    expect(await service.lintWorkspace(progress)).toEqual({ files: 2, findings: 4, truncated: false, cancelled: true });
    expect(reports).toEqual(['0/4', '1/4']);
    expect(uris.map((uri) => host.published.get(uri)?.length)).toEqual([2, 2, 1, 1]);
    // The files it did not reach still count as the workspace lint's: closing one keeps its findings.
    host.documents.set(uris[3]!, TextDocument.create(uris[3]!, 'typescript', 1, 'export {};\n'));
    host.documents.delete(uris[3]!);
    await service.forget(TextDocument.create(uris[3]!, 'typescript', 1, 'export {};\n'));
    expect(host.published.get(uris[3]!)).toHaveLength(2);
  });
});

describe('a slow lint', () => {
  it('shows a progress during the first lint of a long file, and none for a short one', async () => {
    const progress: string[] = [];
    host.beginProgress = async (title) => {
      progress.push(`begin ${title}`);
      return { done: () => progress.push('done') };
    };
    const short = open('src/short.ts', 'fetch("/a");\n');
    await service.lintDocument(short);
    expect(progress).toEqual([]);
    const long = open('src/generated-client.ts', 'export const x = 1;\n'.repeat(3000));
    await service.lintDocument(long);
    expect(progress).toEqual(['begin Linting generated-client.ts', 'done']);
  });

  it('cancelled, shows no findings, old or new, and lints the file again only once it is saved or opened again', { timeout: 30_000 }, async () => {
    const slow = open('src/orders-client.ts', 'fetch("/a");\n' + 'export const x = 1;\n'.repeat(3000));
    // findings from a lint of the file on disk, before it was opened, that the cancelled lint must not leave behind
    host.documents.delete(slow.uri);
    expect(await service.lintDocument(slow)).toHaveLength(1);
    host.documents.set(slow.uri, slow);
    let cancelled = true;
    host.beginProgress = async () => ({ done: () => undefined, get cancelled() { return cancelled; } });
    const edited = change(slow, `${slow.getText()}fetch("/b");\n`);
    expect(await service.lintDocument(edited)).toEqual([]);
    expect(host.published.get(slow.uri)).toEqual([]);
    expect(host.logs).toContain(`info: Stopped linting ${join(workspace, 'src/orders-client.ts')}: Resilint lints it again when it is saved or opened again.`);
    // further keystrokes do not start it again
    cancelled = false;
    expect(await service.lintDocument(change(edited, `${edited.getText()}fetch("/c");\n`))).toEqual([]);
    service.resumeLinting(slow.uri);
    expect(await service.lintDocument(host.documents.get(slow.uri)!)).toHaveLength(3);
  });
});

describe('which files are linted: the CLI\'s definition', () => {
  const tree: Record<string, string> = {
    'src/a.ts': 'fetch("/a");\n',
    'src/a.test.ts': 'fetch("/t");\n',
    'src/__tests__/b.ts': 'fetch("/t");\n',
    'test/helpers.ts': 'fetch("/t");\n',
    'examples/basic.ts': 'fetch("/e");\n',
    'scripts/release.mjs': 'fetch("/s");\n',
    'scripts/release/publish.mjs': 'fetch("/s");\n',
    '.github/actions/notify.js': 'fetch("/g");\n',
    'bench/parse.js': 'fetch("/b");\n',
    'vite.config.ts': 'fetch("/c");\n',
    'src/api.gen.ts': 'fetch("/g");\n',
  };

  beforeEach(() => {
    for (const [path, text] of Object.entries(tree)) {
      mkdirSync(join(workspace, path, '..'), { recursive: true });
      writeFileSync(join(workspace, path), text);
    }
  });

  const published = () => [...host.published.entries()].filter(([, diagnostics]) => diagnostics.length > 0).map(([uri]) => uri.slice(pathToFileURL(workspace).href.length + 1)).sort();

  it('lints product code only in the whole workspace, and every file with resilint.allFiles', async () => {
    expect(await service.lintWorkspace()).toEqual({ files: 1, findings: 1, truncated: false, cancelled: false });
    expect(published()).toEqual(['src/a.ts']);

    host.settings = { allFiles: true };
    service.configurationChanged();
    expect(await service.lintWorkspace()).toMatchObject({ files: Object.keys(tree).length, findings: Object.keys(tree).length });
  });

  it('follows the role globs of resilint.settings.files', async () => {
    host.settings = { settings: { files: { roles: { 'scripts/release/**': 'product', 'src/a.ts': 'example' } } } };
    await service.lintWorkspace();
    expect(published()).toEqual(['scripts/release/publish.mjs']);
  });

  it('does not lint an open test file, says why once, and lints it with resilint.allFiles', async () => {
    const document = open('src/a.test.ts', 'fetch("/t");\n');
    expect(await service.lintDocument(document)).toEqual([]);
    expect(await service.lintDocument(document)).toEqual([]);
    expect(host.logs.filter((line) => line.includes('Not linting'))).toEqual([
      `info: Not linting ${join(workspace, 'src/a.test.ts')}: it is a test by its path, which the resilint CLI skips too. Set "resilint.allFiles": true to lint it.`,
    ]);
    host.settings = { allFiles: true };
    service.configurationChanged();
    expect(await service.lintDocument(document)).toHaveLength(1);
  });

  it('skips the files and folders of resilint.exclude, open or in the whole workspace, and says why', async () => {
    expect(await service.lintWorkspace()).toEqual({ files: 1, findings: 1, truncated: false, cancelled: false });
    host.settings = { exclude: ['src/**'] };
    service.configurationChanged();
    // The finding the last workspace lint published for the file now excluded is cleared.
    expect(await service.lintWorkspace()).toEqual({ files: 0, findings: 0, truncated: false, cancelled: false });
    expect(published()).toEqual([]);
    const document = open('src/a.ts', 'fetch("/a");\n');
    expect(await service.lintDocument(document)).toEqual([]);
    expect(host.logs).toContain(`info: Not linting ${join(workspace, 'src/a.ts')}: it matches "src/**" in resilint.exclude.`);

    host.settings = { exclude: 'src/**' };
    service.configurationChanged();
    expect(await service.lintDocument(document)).toHaveLength(1);
    expect(host.logs).toContain('warn: Setting ignored: resilint.exclude must be a list of globs relative to the workspace folder, such as ["src/generated/**", "**/*.gen.ts"].');
  });

  it('says what to change in invalid file settings and goes on without them', async () => {
    host.settings = { settings: { files: { roles: { 'scripts/**': 'tool' } } } };
    await service.lintWorkspace();
    expect(published()).toEqual(['src/a.ts']);
    expect(host.logs).toContain("warn: Setting ignored: resilint.settings.files.roles['scripts/**'] must be one of product, test, example, template, docs, script, tooling, benchmark, generated, not \"tool\".");
  });

  it('skips what the project\'s .eslintignore lists, as the CLI does, and says why', async () => {
    mkdirSync(join(workspace, 'src/vendor'), { recursive: true });
    writeFileSync(join(workspace, 'src/vendor/sdk.ts'), 'fetch("/v");\n');
    writeFileSync(join(workspace, 'src/orders.legacy.ts'), 'fetch("/l");\n');
    writeFileSync(join(workspace, '.eslintignore'), '# vendored and retired code\nsrc/vendor/\n*.legacy.ts\n');
    const eslint = new ESLint(eslintOptions({ cwd: workspace, preset: 'recommended', useEslintConfig: false, concurrency: 'off', allFiles: false, ignorePatterns: [] }));
    const cli = (await eslint.lintFiles(['.'])).map((result) => result.filePath).sort();
    const editor = sourceFiles(workspace, 1_000, { allFiles: false, files: { roles: {}, environments: {} }, root: workspace }).files.sort();
    expect(cli).toEqual([join(workspace, 'src/a.ts')]);
    expect(editor).toEqual(cli);
    expect(await service.lintWorkspace()).toEqual({ files: 1, findings: 1, truncated: false, cancelled: false });
    expect(await service.lintDocument(open('src/vendor/sdk.ts', 'fetch("/v");\n'))).toEqual([]);
    expect(host.logs).toContain(`info: Not linting ${join(workspace, 'src/vendor/sdk.ts')}: the project's .eslintignore lists it, which the resilint CLI skips too.`);
  });

  it('lists the files the resilint CLI lints', async () => {
    for (const allFiles of [false, true]) {
      const eslint = new ESLint(eslintOptions({ cwd: workspace, preset: 'recommended', useEslintConfig: false, concurrency: 'off', allFiles, ignorePatterns: [] }));
      const cli = (await eslint.lintFiles(['.'])).map((result) => result.filePath).sort();
      const editor = sourceFiles(workspace, 1_000, { allFiles, files: { roles: {}, environments: {} } }).files.sort();
      expect(editor).toEqual(cli);
    }
  });
});

