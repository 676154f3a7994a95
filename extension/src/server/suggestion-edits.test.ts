import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tsParser from '@typescript-eslint/parser';
import { Linter, type Rule } from 'eslint';
import * as pluginModule from 'eslint-plugin-resilint';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CodeAction, Diagnostic, TextDocumentEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ResilintLinter, findingPlace, type LintPlugin, type SuggestionsFor } from './linting.js';
import { ResilintService, type ServiceHost } from './service.js';

// The server lints for diagnostics without suggestions, and has ESLint build them only for the findings a code
// action request is about. Whatever it shows and applies must be exactly what ESLint itself reports for the text.
const plugin = ((pluginModule as { default?: LintPlugin }).default ?? pluginModule) as LintPlugin;
const fixturesRoot = new URL('../../../fixtures/', import.meta.url);
const badFixtures = readdirSync(fixturesRoot, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) => {
    const bad = new URL(`${entry.name}/bad/`, fixturesRoot);
    try {
      return readdirSync(bad).map((file) => ({ name: `${entry.name}/${file}`, text: readFileSync(new URL(file, bad), 'utf8') }));
    } catch {
      return [];
    }
  });
// `prefer-all-settled` is only in `strict`; the editor turns it on from the settings like any rule.
const ruleSettings = { 'prefer-all-settled': 'warn' };

/** ESLint's own result, configured as the server configures it, with real suggestions. */
function eslintMessages(text: string, filename: string): Linter.LintMessage[] {
  const recommended = (plugin.configs?.['recommended'] as Linter.Config[]).flatMap((config) => Object.entries(config.rules ?? {}));
  const config: Linter.Config[] = [
    {
      files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'],
      plugins: { resilint: plugin as never },
      languageOptions: { parser: tsParser as never, ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      rules: { ...Object.fromEntries(recommended), 'resilint/prefer-all-settled': 'warn' },
    },
  ];
  return new Linter({ cwd: '/' }).verify(text, config, { filename });
}

function applyFix(text: string, fix: { range: [number, number]; text: string }): string {
  return text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
}

function applyTo(document: TextDocument, action: CodeAction): string | undefined {
  const edits = ((action.edit?.documentChanges ?? []) as TextDocumentEdit[]).filter((change) => change.textDocument?.uri === document.uri);
  return edits.length === 1 ? TextDocument.applyEdits(document, edits[0]!.edits) : undefined;
}

const isSuggestion = (action: CodeAction): boolean =>
  !action.title.startsWith('Disable ') && !action.title.startsWith('Show documentation') && !action.title.endsWith('problems in this file') && !action.title.includes('problems in this file (');

let workspace: string;
beforeAll(() => {
  // The runtime is installed, so the actions are the rule's suggestions as they are (no "add the runtime" variants).
  workspace = mkdtempSync(join(tmpdir(), 'resilint-suggestion-edits-'));
  mkdirSync(join(workspace, 'node_modules/@resilint/runtime'), { recursive: true });
  writeFileSync(join(workspace, 'node_modules/@resilint/runtime/package.json'), '{"name":"@resilint/runtime"}');
});
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

function server(lintPlugin: LintPlugin = plugin) {
  const documents = new Map<string, TextDocument>();
  const logs: string[] = [];
  const host: ServiceHost = {
    configuration: () => Promise.resolve({ rules: ruleSettings }),
    publishDiagnostics: () => undefined,
    log: (level, message) => logs.push(`${level}: ${message}`),
    openDocument: (uri) => documents.get(uri),
    workspaceFolders: () => [pathToFileURL(workspace).href],
  };
  const linter = new ResilintLinter(lintPlugin, tsParser as never);
  const lints: string[] = [];
  const lint = linter.lint.bind(linter);
  vi.spyOn(linter, 'lint').mockImplementation((text, filename, options, suggestionsFor: SuggestionsFor = 'all') => {
    lints.push(typeof suggestionsFor === 'string' ? suggestionsFor : `at ${suggestionsFor.size} places`);
    return lint(text, filename, options, suggestionsFor);
  });
  const open = (name: string, text: string, version = 1): TextDocument => {
    const document = TextDocument.create(pathToFileURL(join(workspace, 'src', basename(name))).href, 'typescript', version, text);
    documents.set(document.uri, document);
    return document;
  };
  return { service: new ResilintService(linter, host, () => undefined), open, lints, logs };
}

/**
 * Checks one document against ESLint: the same findings, under each the same suggestion titles in the same order,
 * and each resolved suggestion changes the text exactly as ESLint's suggestion does.
 */
async function expectSameAsEslint(service: ResilintService, document: TextDocument): Promise<number> {
  const text = document.getText();
  const expected = eslintMessages(text, new URL(document.uri).pathname).filter((message) => message.ruleId?.startsWith('resilint/') || message.fatal);
  const diagnostics = await service.lintDocument(document);
  if (expected.some((message) => message.fatal)) {
    expect(diagnostics).toBeUndefined();
    return 0;
  }
  const where = (ruleId: string, range: Diagnostic['range']) => `${ruleId}@${range.start.line + 1}:${range.start.character + 1}`;
  expect(diagnostics!.map((diagnostic) => where(`resilint/${String(diagnostic.code)}`, diagnostic.range))).toEqual(
    expected.map((message) => `${message.ruleId}@${message.line}:${message.column}`),
  );
  let resolved = 0;
  for (const [index, diagnostic] of diagnostics!.entries()) {
    const suggestions = expected[index]!.suggestions ?? [];
    const actions = (await service.codeActions(document, [diagnostic])).filter(isSuggestion);
    expect(actions.map((action) => action.title)).toEqual(suggestions.map((suggestion) => suggestion.desc));
    for (const [position, action] of actions.entries()) {
      expect(applyTo(document, await service.resolveCodeAction(action))).toBe(applyFix(text, suggestions[position]!.fix));
      resolved += 1;
    }
  }
  return resolved;
}

const asCall = (node: Rule.Node) => node as Rule.Node & { type: 'CallExpression'; callee: { type: string; name?: string } };
const fetchRule = (suggest: (node: Rule.Node) => Rule.SuggestionReportDescriptor[]): Rule.RuleModule => ({
  meta: { type: 'problem', hasSuggestions: true, schema: [], messages: { found: 'fetch() found.' } },
  create: (context) => ({
    CallExpression(node) {
      if (asCall(node).callee.name === 'fetch') context.report({ node, messageId: 'found', suggest: suggest(node) });
    },
  }),
});
// ESLint drops a suggestion whose fix returns no edit, and fails the rule on overlapping edits or a missing fix.
const edgePlugin: LintPlugin = {
  rules: {
    'some-without-edits': fetchRule((node) => [
      { desc: 'returns null', fix: () => null },
      { desc: 'returns no edits', fix: () => [] },
      { desc: 'yields its edits', *fix(fixer) { yield fixer.insertTextBefore(node, 'await '); } },
      { desc: 'imports and wraps', fix: (fixer) => [fixer.insertTextBeforeRange([0, 0], 'import { t } from "x";\n'), fixer.replaceText(node, 't()')] },
      { desc: 'an empty generator', *fix() {} },
    ]),
    'overlapping-edits': fetchRule((node) => [{ desc: 'overlaps', fix: (fixer) => [fixer.replaceText(node, 'a'), fixer.insertTextAfter(node, 'b'), fixer.replaceTextRange([node.range![0], node.range![0] + 1], 'c')] }]),
    'no-fix-function': fetchRule(() => [{ desc: 'forgot its fix' } as Rule.SuggestionReportDescriptor]),
  },
  configs: { recommended: { rules: { 'resilint/some-without-edits': 'warn', 'resilint/overlapping-edits': 'warn', 'resilint/no-fix-function': 'warn' } } },
};

describe('suggestion titles and edits, built lazily', () => {
  it('match ESLint on every bad fixture: same titles, and each resolved edit is ESLint\'s own suggestion', async () => {
    expect(badFixtures.length).toBeGreaterThan(20);
    const { service, open } = server();
    let resolved = 0;
    for (const fixture of badFixtures) resolved += await expectSameAsEslint(service, open(fixture.name, fixture.text));
    expect(resolved).toBeGreaterThan(50);
  }, 20_000); // lints every bad fixture twice over; the default 5 s is too short when the suite runs in parallel

  it('match ESLint on fixtures with lines removed or repeated, parsable or not', async () => {
    const { service, open } = server();
    let version = 1;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...badFixtures),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('remove', 'repeat')), { minLength: 1, maxLength: 4 }),
        async (fixture, changes) => {
          const lines = fixture.text.split('\n');
          for (const [at, change] of changes) {
            const line = at % lines.length;
            if (change === 'remove') lines.splice(line, 1);
            else lines.splice(line, 0, lines[line]!);
          }
          version += 1;
          await expectSameAsEslint(service, open(fixture.name, lines.join('\n'), version));
        },
      ),
      { numRuns: 25, seed: 6 },
    );
  });

  it('has ESLint build the suggestions of the findings asked for exactly as without the editor, even odd ones', () => {
    const linter = new ResilintLinter(edgePlugin, tsParser as never);
    const text = 'fetch("/a");\nconst b = () => fetch("/b");\n';
    const options = { ruleSeverities: {}, sharedSettings: undefined };
    const lint = (suggestionsFor: SuggestionsFor) => {
      const outcome = linter.lint(text, '/app/src/edge.ts', options, suggestionsFor);
      if (outcome.kind !== 'linted') throw new Error(outcome.kind);
      return outcome;
    };
    const eslint = lint('all');
    expect(eslint.failedRules.map((failed) => failed.ruleId)).toEqual(['resilint/overlapping-edits', 'resilint/no-fix-function']);
    expect(eslint.messages[0]!.suggestions!.map((suggestion) => suggestion.desc)).toEqual(['yields its edits', 'imports and wraps']);

    const withoutSuggestions = lint('none');
    const everyPlace = new Set(withoutSuggestions.messages.map((message) => findingPlace(message.ruleId!, message.line, message.column)));
    expect(lint(everyPlace)).toEqual(eslint);
    // Asked for one finding, ESLint builds its suggestions and no other finding's (so no other rule fails).
    const second = eslint.messages[1]!;
    const one = lint(new Set([findingPlace(second.ruleId!, second.line, second.column)]));
    expect(one.failedRules).toEqual([]);
    expect(one.messages.map((message) => message.suggestions)).toEqual(
      one.messages.map((message) => (message.ruleId === second.ruleId && message.line === second.line ? second.suggestions : undefined)),
    );
    // What no lint without suggestions can know: a rule whose suggestions ESLint rejects still shows its findings.
    expect(withoutSuggestions.failedRules).toEqual([]);
    expect(withoutSuggestions.messages.map((message) => message.ruleId)).toContain('resilint/overlapping-edits');
  });

  it('a rule whose suggestions ESLint rejects offers none of them, says so, and the light bulb still disables it', async () => {
    const { service, open, logs } = server(edgePlugin);
    const document = open('edge.ts', 'fetch("/a");\n');
    const diagnostics = (await service.lintDocument(document))!;
    const overlapping = diagnostics.find((diagnostic) => diagnostic.code === 'overlapping-edits')!;
    const actions = await service.codeActions(document, [overlapping]);
    expect(actions.map((action) => action.title)).toEqual(['Disable resilint/overlapping-edits for this line', 'Disable resilint/overlapping-edits for this file']);
    expect(logs.some((line) => line.startsWith('error: Rule resilint/overlapping-edits failed building its fixes on') && line.includes('overlapped'))).toBe(true);
    const other = diagnostics.find((diagnostic) => diagnostic.code === 'some-without-edits')!;
    expect((await service.codeActions(document, [other])).filter(isSuggestion).map((action) => action.title)).toEqual(['yields its edits', 'imports and wraps']);
  });

  it('never calls a rule\'s fix to publish diagnostics, and only the fixes of the rules the light bulb asks for (all of their findings: "Fix all")', async () => {
    const fixCalls = new Map<string, number>();
    const counting = (name: string, rule: Rule.RuleModule): Rule.RuleModule => ({
      ...rule,
      create(context) {
        const report = (descriptor: Rule.ReportDescriptor): void =>
          context.report({
            ...descriptor,
            suggest: descriptor.suggest?.map((suggestion) => ({
              ...suggestion,
              fix: (fixer: Rule.RuleFixer) => {
                fixCalls.set(name, (fixCalls.get(name) ?? 0) + 1);
                return suggestion.fix(fixer);
              },
            })),
          });
        return rule.create(Object.create(context, { report: { value: report } }) as Rule.RuleContext);
      },
    });
    const countingPlugin = { ...plugin, rules: Object.fromEntries(Object.entries(plugin.rules).map(([name, rule]) => [name, counting(name, rule as Rule.RuleModule)])) };
    const { service, open } = server(countingPlugin);
    // Findings of two rules in one file.
    const text = ['require-timeout/', 'no-try-outside-loop/'].map((rule) => badFixtures.find((candidate) => candidate.name.startsWith(rule))!.text).join('\n');
    const document = open('two-rules.ts', text);

    const diagnostics = (await service.lintDocument(document))!;
    expect(new Set(diagnostics.map((diagnostic) => diagnostic.code))).toEqual(new Set(['require-timeout', 'no-try-outside-loop']));
    expect(fixCalls.size).toBe(0);

    const actions = (await service.codeActions(document, [diagnostics.find((diagnostic) => diagnostic.code === 'require-timeout')!])).filter(isSuggestion);
    expect(actions.length).toBeGreaterThan(0);
    const forTheLightBulb = new Map(fixCalls);
    expect([...forTheLightBulb.keys()]).toEqual(['require-timeout']);
    fixCalls.clear();
    new ResilintLinter(countingPlugin, tsParser as never).lint(text, new URL(document.uri).pathname, { ruleSeverities: ruleSettings as never, sharedSettings: undefined });
    expect(forTheLightBulb.get('require-timeout')).toBe(fixCalls.get('require-timeout'));
    expect(fixCalls.get('no-try-outside-loop')).toBeGreaterThan(0);
  });

  it('the light bulb lints once per version for the findings it shows; resolving and asking again lint nothing more', async () => {
    const { service, open, lints } = server();
    const fixture = badFixtures.find((candidate) => candidate.name.startsWith('no-unprotected-call/'))!;
    const document = open(fixture.name, fixture.text);
    const diagnostics = (await service.lintDocument(document))!;
    const actions = (await service.codeActions(document, diagnostics)).filter(isSuggestion);
    expect(lints).toEqual(['none', `at ${diagnostics.length} places`]);
    expect(actions.length).toBeGreaterThan(2);
    for (const action of actions.slice(0, 3)) expect(applyTo(document, await service.resolveCodeAction(action))).toBeDefined();
    await service.codeActions(document, diagnostics);
    expect(lints).toHaveLength(2);
  });

  it('after an edit, an action offered on the old version resolves to nothing, and new actions to edits of the new text', async () => {
    const { service, open } = server();
    const fixture = badFixtures.find((candidate) => candidate.name.startsWith('require-timeout/'))!;
    const before = open(fixture.name, fixture.text, 1);
    const [oldAction] = (await service.codeActions(before, (await service.lintDocument(before))!)).filter(isSuggestion);
    // Resolve once on the old version, so a stale edits lint would be cached if it were kept per document.
    expect(applyTo(before, await service.resolveCodeAction(oldAction!))).toBeDefined();

    const after = open(fixture.name, `// a line above shifts every offset\n${fixture.text}`, 2);
    expect((await service.resolveCodeAction(oldAction!)).edit).toBeUndefined();
    await expectSameAsEslint(service, after);
  });
});
