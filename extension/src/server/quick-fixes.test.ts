import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tsParser from '@typescript-eslint/parser';
import type { Linter } from 'eslint';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CodeAction, TextDocumentEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FIX_ALL_LIMIT, fixAllTitle, planFixAll, splitFix } from './fix-all.js';
import { ResilintLinter } from './linting.js';
import { ResilintService } from './service.js';
import { TestHost, plugin, runtime } from './test-support.js';

// "Fix all <rule> problems in this file", "Disable <rule> for this file" and the one preferred fix per finding,
// through the service as the language server calls it.

let workspace: string;
let host: TestHost;
let service: ResilintService;

beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'resilint-quick-fixes-'));
  host = new TestHost();
  host.folders = [pathToFileURL(workspace).href];
  service = new ResilintService(new ResilintLinter(plugin, tsParser as never), host, () => runtime);
});

afterEach(() => rmSync(workspace, { recursive: true, force: true }));

function open(relativePath: string, text: string): TextDocument {
  const path = join(workspace, relativePath);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  const document = TextDocument.create(pathToFileURL(path).href, 'typescript', 1, text);
  host.documents.set(document.uri, document);
  return document;
}

function installRuntime(): void {
  mkdirSync(join(workspace, 'node_modules/@resilint/runtime'), { recursive: true });
  writeFileSync(join(workspace, 'node_modules/@resilint/runtime/package.json'), '{"name":"@resilint/runtime"}');
}

async function actionsFor(document: TextDocument): Promise<CodeAction[]> {
  return service.codeActions(document, (await service.lintDocument(document)) ?? []);
}

/** Resolves the action titled so and applies its edit to the document; returns the new text, as a new version. */
async function apply(document: TextDocument, actions: CodeAction[], title: string | RegExp): Promise<TextDocument> {
  const action = actions.find((candidate) => (typeof title === 'string' ? candidate.title === title : title.test(candidate.title)));
  if (!action) throw new Error(`no action "${String(title)}" among ${actions.map((candidate) => candidate.title).join(' | ')}`);
  const changes = (await service.resolveCodeAction(action)).edit?.documentChanges as TextDocumentEdit[] | undefined;
  expect(changes).toHaveLength(1);
  const changed = TextDocument.create(document.uri, document.languageId, document.version + 1, TextDocument.applyEdits(document, changes![0]!.edits));
  host.documents.set(changed.uri, changed);
  return changed;
}

describe('"Disable <rule> for this file"', () => {
  it('is offered once per rule and silences every finding of the rule in the file', async () => {
    const document = open('src/api.ts', "#!/usr/bin/env node\n'use strict';\nfetch('/a');\nfetch('/b');\n");
    const actions = await actionsFor(document);
    expect(actions.filter((action) => action.title === 'Disable resilint/bare-fetch for this file')).toHaveLength(1);
    const disabled = await apply(document, actions, 'Disable resilint/bare-fetch for this file');
    expect(disabled.getText()).toBe("#!/usr/bin/env node\n'use strict';\n/* eslint-disable resilint/bare-fetch */\nfetch('/a');\nfetch('/b');\n");
    expect(await service.lintDocument(disabled)).toEqual([]);
  });

  it('joins the comment that disables another Resilint rule', async () => {
    host.settings = { rules: { 'bare-get': 'warn' } };
    const document = open('src/api.ts', '/* eslint-disable resilint/bare-get */\nget(url);\nfetch(url);\n');
    const disabled = await apply(document, await actionsFor(document), 'Disable resilint/bare-fetch for this file');
    expect(disabled.getText()).toBe('/* eslint-disable resilint/bare-get, resilint/bare-fetch */\nget(url);\nfetch(url);\n');
    expect(await service.lintDocument(disabled)).toEqual([]);
  });
});

describe('"Fix all <rule> problems in this file"', () => {
  it('applies each finding\'s preferred fix in one edit, and the rule has nothing left to report', async () => {
    const document = open('src/api.ts', 'export async function load() {\n  await fetch("/a");\n  return Promise.all([fetch("/b"), fetch("/c")]);\n}\n');
    const actions = await actionsFor(document);
    expect(actions.filter((action) => action.title === 'Fix all 3 resilint/bare-fetch problems in this file')).toHaveLength(1);
    const fixed = await apply(document, actions, 'Fix all 3 resilint/bare-fetch problems in this file');
    // The runtime is not installed: each finding's preferred fix is the signal, which needs nothing.
    expect(fixed.getText()).toBe(
      'export async function load() {\n  await fetch("/a", { signal: AbortSignal.timeout(5000) });\n' +
        '  return Promise.all([fetch("/b", { signal: AbortSignal.timeout(5000) }), fetch("/c", { signal: AbortSignal.timeout(5000) })]);\n}\n',
    );
    expect(await service.lintDocument(fixed)).toEqual([]);
  });

  it('is not offered for a single finding', async () => {
    const single = open('src/one.ts', 'fetch("/a");\n');
    expect((await actionsFor(single)).some((action) => action.title.includes('problems in this file'))).toBe(false);
  });

  it('applies fixes that each add the same import together, with the import once', async () => {
    // With the runtime installed, each preferred fix imports `timeout` at the top and wraps its own call.
    installRuntime();
    const document = open('src/two.ts', 'export const a = () => fetch("/a");\nexport const b = () => fetch("/b");\n');
    const fixed = await apply(document, await actionsFor(document), 'Fix all 2 resilint/bare-fetch problems in this file');
    expect(fixed.getText()).toBe(
      "import { timeout } from '@resilint/runtime';\n" +
        'export const a = () => timeout((signal) => fetch("/a", { signal }), 5000);\nexport const b = () => timeout((signal) => fetch("/b", { signal }), 5000);\n',
    );
    expect(await service.lintDocument(fixed)).toEqual([]);
  });

  it('says in its title how many findings it skips and why', async () => {
    host.settings = { rules: { 'bare-get': 'warn' } };
    const document = open('src/api.ts', 'get("/a");\nget("/b");\n');
    // The only fix needs the runtime, which is not installed: nothing to fix all at once.
    expect((await actionsFor(document)).some((action) => action.title.includes('problems in this file'))).toBe(false);
  });
});

describe('splitting a fix back into its edits', () => {
  it('takes an import added at the top apart from the change further down, and leaves the text between alone', () => {
    const text = "import { retry } from './retry';\n\nexport const load = () => fetch(url);\n";
    const call = text.indexOf('fetch(url)');
    const fix = { range: [0, call + 'fetch(url)'.length] as [number, number], text: `import { timeout } from '@resilint/runtime';\n${text.slice(0, call)}timeout(() => fetch(url), 5000)` };
    const edits = splitFix(text, fix);
    expect(edits).toHaveLength(2);
    expect(edits[0]).toEqual({ range: [0, 0], text: "import { timeout } from '@resilint/runtime';\n" });
    expect(edits[1]!.range[0]).toBe(call);
    let applied = text;
    for (const edit of [...edits].reverse()) applied = applied.slice(0, edit.range[0]) + edit.text + applied.slice(edit.range[1]);
    expect(applied).toBe(text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]));
  });

  it('keeps a change that adds nothing at the start as one edit, without the text it leaves unchanged', () => {
    expect(splitFix('fetch(url);', { range: [0, 10], text: 'fetch(url, { signal })' })).toEqual([{ range: [9, 9], text: ', { signal }' }]);
  });
});

describe('fix-all titles', () => {
  const message = (line: number): Linter.LintMessage => ({ ruleId: 'resilint/x', line, column: 1, message: '', severity: 1 });
  const suggestion = (start: number, end: number, text = 'x'): Linter.LintSuggestion => ({ desc: 'Fix', fix: { range: [start, end], text } });

  it('counts the applied fixes and names each reason for a skipped one, with the right plurals', () => {
    const messages = [message(1), message(2), message(3), message(4), message(5), message(6)];
    const suggestions = [[suggestion(0, 10)], [suggestion(5, 12)], [suggestion(20, 25)], [suggestion(30, 30, '@resilint/runtime')], [], [suggestion(25, 26)]];
    const plan = planFixAll('resilint/x', ' '.repeat(40), messages, (indexes) => indexes.map((index) => suggestions[index]), (fix) => fix.fix.text.includes('@resilint/runtime'));
    expect(plan.fixes.map(({ messageIndex }) => messageIndex)).toEqual([0, 2]);
    expect(fixAllTitle(plan)).toBe('Fix 2 of 6 resilint/x problems in this file (4 skipped: 2 whose fix overlaps another, 1 needing the runtime, 1 without a fix)');
  });

  it('leaves out a rule with more findings than the limit, without building their fixes', () => {
    const messages = Array.from({ length: FIX_ALL_LIMIT + 1 }, (_, index) => message(index + 1));
    const plan = planFixAll('resilint/x', ' '.repeat(40), messages, (indexes) => {
      expect(indexes).toEqual([]);
      return [];
    }, () => false);
    expect(plan).toMatchObject({ fixes: [], total: 0 });
  });
});

describe('the preferred quick fix', () => {
  const preferred = (actions: CodeAction[]) => actions.filter((action) => action.isPreferred).map((action) => action.title);

  it('is the first suggestion when the runtime it imports is installed', async () => {
    installRuntime();
    expect(preferred(await actionsFor(open('src/api.ts', 'fetch("/a");\n')))).toEqual(['Wrap in timeout()']);
  });

  it('is the runtime copy only when every suggestion needs the runtime, and one per finding', async () => {
    host.settings = { rules: { 'bare-get': 'warn' } };
    writeFileSync(join(workspace, 'package.json'), '{ "name": "app" }\n');
    const actions = await actionsFor(open('src/api.ts', 'get("/a"); fetch("/b");\n'));
    expect(preferred(actions)).toEqual(['Wrap in timeout() (with the runtime copied to src/resilint-runtime.js)', 'Pass an abort signal']);
  });
});
