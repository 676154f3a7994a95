import { readFileSync } from 'node:fs';
import * as tsParser from '@typescript-eslint/parser';
import { Linter, SourceCode, type Rule } from 'eslint';
import * as pluginModule from 'eslint-plugin-resilint';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IncrementalParser } from './incremental-parser.js';
import { ResilintLinter, type LintOptions, type LintPlugin } from './linting.js';
import { ServerSourceCode } from './server-source-code.js';

// The server hands ESLint a source code whose traversal skips what no rule listens to and reuses what an edit did
// not touch. Whatever a rule sees and reports must stay exactly what ESLint itself gives.
const plugin = ((pluginModule as { default?: LintPlugin }).default ?? pluginModule) as LintPlugin;
const repository = new URL('../../../', import.meta.url);
const FILES = ['fixtures/require-timeout/bad/catalog-service.ts', 'fixtures/no-unbounded-retry/bad/event-publisher.ts', 'fixtures/sample-project/src/routes/orders.ts', 'eslint-plugin/src/analysis/loops.ts'].map((path) => ({
  path: `/project/${path}`,
  text: readFileSync(new URL(path, repository), 'utf8'),
}));
const parserOptions = (filePath: string) => ({ ecmaVersion: 2026, sourceType: 'module', ecmaFeatures: { jsx: true }, loc: true, range: true, tokens: true, comment: true, eslintVisitorKeys: true, eslintScopeManager: true, filePath }) as const;

type Parsed = ReturnType<typeof tsParser.parseForESLint>;
function sourceCodeConfig({ ast, services, scopeManager, visitorKeys }: Parsed, text: string): SourceCode.Config {
  return { text, ast: ast as never, parserServices: services, scopeManager: scopeManager as never, visitorKeys: visitorKeys as never };
}

type Step = { kind: number; target: unknown; phase?: number; args: unknown[] };
type Located = { type: string; range: [number, number]; parent?: Located | null };
/** A step as plain data: what it visits (or which event it calls), where, and the visited node's parent. */
function described(step: Step): string {
  if (step.kind !== 1) return `call ${String(step.target)} (${step.args.length} arguments)`;
  const node = step.target as Located;
  const at = (located: Located | null | undefined): string => (located ? `${located.type}@${located.range.join('-')}` : 'none');
  return `${step.phase === 1 ? 'enter' : 'leave'} ${at(node)} in ${at(node.parent)}`;
}
const steps = (sourceCode: SourceCode): Step[] => [...(sourceCode.traverse() as Iterable<Step>)];

/** An edit inside the middle item of a list (top-level statements, class members): a comment before its last character. */
function editInMiddleStatement(text: string, list: { body: readonly { range: [number, number] }[] }): string {
  const at = list.body[Math.floor(list.body.length / 2)]!.range[1] - 1;
  return `${text.slice(0, at)}/* edited */${text.slice(at)}`;
}

describe('ServerSourceCode', () => {
  it('visits the nodes ESLint visits, in its order, with the parents it sets, without code path events no rule listens to', () => {
    for (const { path, text } of FILES) {
      const eslint = steps(new SourceCode(sourceCodeConfig(tsParser.parseForESLint(text, parserOptions(path)), text)));
      const server = steps(new ServerSourceCode(sourceCodeConfig(tsParser.parseForESLint(text, parserOptions(path)), text), () => false));
      expect(eslint.some((step) => step.kind === 2)).toBe(true);
      expect(server.map(described)).toEqual(eslint.filter((step) => step.kind === 1).map(described));
    }
  });

  it("answers every token and comment question as ESLint's own source code does", () => {
    type Token = { type: string; value: string; range: [number, number] };
    const token = (found: unknown): string => (found ? `${(found as Token).type} ${(found as Token).value} @${(found as Token).range.join('-')}` : 'none');
    const tokens = (found: unknown): string[] => (found as Token[]).map(token);
    const questions = (sourceCode: SourceCode, node: Located, next: Located): unknown[] => {
      const at = node as never;
      return [
        token(sourceCode.getFirstToken(at)),
        token(sourceCode.getLastToken(at)),
        token(sourceCode.getTokenBefore(at, { includeComments: true })),
        token(sourceCode.getTokenAfter(at)),
        token(sourceCode.getFirstToken(at, { filter: (candidate) => candidate.value === '(' })),
        tokens(sourceCode.getTokens(at)).length,
        tokens(sourceCode.getCommentsBefore(at)),
        tokens(sourceCode.getCommentsInside(at)),
        sourceCode.commentsExistBetween(at, next as never),
        sourceCode.isSpaceBetween(at, next as never),
      ];
    };
    for (const { path, text } of FILES) {
      const eslint = new SourceCode(sourceCodeConfig(tsParser.parseForESLint(text, parserOptions(path)), text));
      const server = new ServerSourceCode(sourceCodeConfig(tsParser.parseForESLint(text, parserOptions(path)), text), () => false);
      expect(server.ast.tokens).toHaveLength(eslint.ast.tokens!.length);
      expect(server.getAllComments()).toHaveLength(eslint.getAllComments().length);
      const nodesOf = (sourceCode: SourceCode): Located[] => steps(sourceCode).filter((step) => step.phase === 1).map((step) => step.target as Located);
      const [eslintNodes, serverNodes] = [nodesOf(eslint), nodesOf(server)];
      expect(serverNodes.length).toBe(eslintNodes.length);
      for (let index = 0; index + 1 < eslintNodes.length; index += 7) {
        expect(questions(server, serverNodes[index]!, serverNodes[index + 1]!)).toEqual(questions(eslint, eslintNodes[index]!, eslintNodes[index + 1]!));
      }
    }
  });

  it("gives ESLint's own steps, code path events included, when a rule listens to them", () => {
    for (const { path, text } of FILES) {
      const eslint = steps(new SourceCode(sourceCodeConfig(tsParser.parseForESLint(text, parserOptions(path)), text)));
      const server = steps(new ServerSourceCode(sourceCodeConfig(tsParser.parseForESLint(text, parserOptions(path)), text), () => true));
      expect(server.map(described)).toEqual(eslint.map(described));
    }
  });

  it('reuses the steps of the statements an edit left alone, and its steps are then those of a fresh parse', () => {
    let spliced = 0;
    for (const { path, text } of FILES) {
      const parser = new IncrementalParser();
      const before = parser.parseForESLint(text, parserOptions(path));
      const stepsBefore = steps(new ServerSourceCode(sourceCodeConfig(before, text), () => false));
      const edited = editInMiddleStatement(text, before.ast);
      const after = parser.parseForESLint(edited, parserOptions(path));
      // A file of few statements is parsed whole again: nothing is left to reuse.
      if (parser.lastParse.kind !== 'incremental') continue;
      spliced += 1;
      const stepsAfter = steps(new ServerSourceCode(sourceCodeConfig(after, edited), () => false));

      const fresh = steps(new SourceCode(sourceCodeConfig(tsParser.parseForESLint(edited, parserOptions(path)), edited)));
      expect(stepsAfter.map(described)).toEqual(fresh.filter((step) => step.kind === 1).map(described));
      const reused = stepsAfter.filter((step) => stepsBefore.includes(step)).length;
      expect(reused, path).toBeGreaterThan(stepsAfter.length / 2);
    }
    expect(spliced).toBeGreaterThanOrEqual(2);
  });

  it('reuses the steps of the class members an edit left alone', () => {
    const path = '/project/extension/src/server/service.ts';
    const text = readFileSync(new URL('extension/src/server/service.ts', repository), 'utf8');
    const parser = new IncrementalParser();
    const before = parser.parseForESLint(text, parserOptions(path));
    const stepsBefore = steps(new ServerSourceCode(sourceCodeConfig(before, text), () => false));
    const service = before.ast.body.find((statement) => statement.type === 'ExportNamedDeclaration' && statement.declaration?.type === 'ClassDeclaration');
    const edited = editInMiddleStatement(text, (service as { declaration: { body: { body: { range: [number, number] }[] } } }).declaration.body);
    const after = parser.parseForESLint(edited, parserOptions(path));
    expect(parser.lastParse).toMatchObject({ kind: 'incremental', of: 'class members' });
    const stepsAfter = steps(new ServerSourceCode(sourceCodeConfig(after, edited), () => false));

    const fresh = steps(new SourceCode(sourceCodeConfig(tsParser.parseForESLint(edited, parserOptions(path)), edited)));
    expect(stepsAfter.map(described)).toEqual(fresh.filter((step) => step.kind === 1).map(described));
    // The class's other members are not walked again.
    const inClass = (step: Step): boolean => (step.target as Located).range[0] > service!.range[0] && (step.target as Located).range[1] < service!.range[1];
    const classSteps = stepsAfter.filter(inClass);
    expect(classSteps.filter((step) => stepsBefore.includes(step)).length).toBeGreaterThan(classSteps.length * 0.75);
  });
});

describe('ServerSourceCode in the server linter', () => {
  const lintOptions: LintOptions = { ruleSeverities: {}, sharedSettings: undefined };
  const LINTED = ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'];

  /** What plain ESLint reports for the text, configured as the server configures its lints. */
  function eslintMessages(lintPlugin: LintPlugin, text: string, filename: string): Linter.LintMessage[] {
    const rules = (lintPlugin.configs?.['recommended'] as Linter.Config[]).flatMap((config) => Object.entries(config.rules ?? {}));
    const config: Linter.Config[] = [
      {
        files: LINTED,
        plugins: { resilint: lintPlugin as never },
        languageOptions: { parser: tsParser as never, ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
        linterOptions: { reportUnusedDisableDirectives: 'off' },
        rules: Object.fromEntries(rules),
      },
    ];
    return new Linter({ cwd: '/' }).verify(text, config, { filename }).filter((message) => message.fatal || message.ruleId?.startsWith('resilint/'));
  }

  function serverMessages(linter: ResilintLinter, text: string, filename: string): Linter.LintMessage[] | string {
    const outcome = linter.lint(text, filename, lintOptions);
    if (outcome.kind === 'linted') return outcome.messages;
    if (outcome.kind === 'unparsable') return `unparsable ${outcome.line}:${outcome.column} ${outcome.message}`;
    return outcome.kind;
  }
  const expected = (messages: Linter.LintMessage[]): Linter.LintMessage[] | string => {
    const fatal = messages.find((message) => message.fatal);
    return fatal ? `unparsable ${fatal.line}:${fatal.column} ${fatal.message}` : messages;
  };

  it('reports what plain ESLint reports, suggestions included, lint after lint of an edited file', () => {
    const linter = new ResilintLinter(plugin, new IncrementalParser());
    fc.assert(
      fc.property(
        fc.constantFrom(...FILES),
        fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), insert: fc.constantFrom(' ', 'x', '\n', ';', 'fetch(url);\n', '}', '(', '`') }), { minLength: 2, maxLength: 5 }),
        ({ path, text }, edits) => {
          let current = text;
          for (const edit of [undefined, ...edits]) {
            if (edit) {
              const at = Math.floor(edit.at * (current.length + 1));
              current = current.slice(0, at) + edit.insert + current.slice(at);
            }
            expect(serverMessages(linter, current, path)).toEqual(expected(eslintMessages(plugin, current, path)));
          }
        },
      ),
      { numRuns: 30 },
    );
  }, 300_000);

  it('runs code path analysis for a rule that listens to it, with the results plain ESLint gives', () => {
    // Reports how many ways out (returns and throws) each function's code path has.
    const waysOut: Rule.RuleModule = {
      meta: { type: 'suggestion', messages: { waysOut: '{{count}} ways out' }, schema: [] },
      create: (context) => ({
        onCodePathEnd(codePath: { finalSegments: unknown[] }, node: Rule.Node) {
          if (node.type !== 'Program') context.report({ node, messageId: 'waysOut', data: { count: String(codePath.finalSegments.length) } });
        },
      }),
    };
    const pathsPlugin: LintPlugin = { rules: { 'ways-out': waysOut }, configs: { recommended: [{ rules: { 'resilint/ways-out': 'warn' } }] } };
    const linter = new ResilintLinter(pathsPlugin, new IncrementalParser());
    for (const { path, text } of FILES) {
      const edited = editInMiddleStatement(text, tsParser.parseForESLint(text, parserOptions(path)).ast);
      for (const current of [text, edited, text]) {
        const messages = serverMessages(linter, current, path);
        expect(messages).toEqual(expected(eslintMessages(pathsPlugin, current, path)));
      }
    }
    const first = FILES[0]!;
    expect(serverMessages(linter, first.text, first.path)).not.toEqual([]);
  });

  it('keeps the parser options of the 64 most recently parsed files only (a workspace lint parses thousands)', () => {
    const linter = new ResilintLinter(plugin, new IncrementalParser());
    const text = "export const load = () => fetch('https://api.example.test/orders');\n";
    for (let index = 0; index < 100; index += 1) linter.lint(text, `/project/src/file${index}.ts`, lintOptions);
    expect((linter as unknown as { parserOptions: Map<string, unknown> }).parserOptions.size).toBe(64);
    // A file whose options were dropped is parsed by ESLint again, with the same findings.
    expect(serverMessages(linter, text, '/project/src/file0.ts')).toEqual(expected(eslintMessages(plugin, text, '/project/src/file0.ts')));
  });

  it('leaves to ESLint what it changes before parsing (a BOM, a shebang) and what does not parse', () => {
    const linter = new ResilintLinter(plugin, new IncrementalParser());
    const filename = '/project/src/cli.ts';
    const text = "const response = await fetch('https://api.example.test/status');\nconsole.log(response.status);\n";
    for (const current of [text, `#!/usr/bin/env node\n${text}`, `\uFEFF${text}`, `${text}if (`, text, `${text}const = 1;\n`, text]) {
      expect(serverMessages(linter, current, filename)).toEqual(expected(eslintMessages(plugin, current, filename)));
    }
  });
});
