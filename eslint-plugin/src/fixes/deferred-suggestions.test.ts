import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tsParser from '@typescript-eslint/parser';
import { Linter, type Rule } from 'eslint';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';

// Suggestions build their edits only when ESLint asks for their fix, so an editor may report findings without them
// while the user types and build the one picked later. For that, the findings must not depend on the suggestions,
// and a suggestion built later, after other ones or in another order, must make the same edit as in ESLint's report.

type RecordedReport = { ruleId: string; line: number; column: number; suggest: Rule.SuggestionReportDescriptor[] };

const languageOptions = { parser: tsParser as never, ecmaVersion: 'latest', sourceType: 'module' } as const;
const allRules = Object.fromEntries(Object.keys(plugin.rules).map((name) => [`resilint/${name}`, 'error' as const]));

function lint(text: string, rulesPlugin: object, filename = '/project/module.ts'): Linter.LintMessage[] {
  return new Linter({ cwd: '/' }).verify(text, [{ files: ['**/*.ts'], languageOptions, plugins: { resilint: rulesPlugin }, rules: allRules }], {
    filename,
  });
}

/** Lints with every report's suggestions held back (reported without them) for the test to build afterwards. */
function lintHoldingSuggestions(text: string, filename?: string): { messages: Linter.LintMessage[]; held: RecordedReport[] } {
  const held: RecordedReport[] = [];
  const rules = Object.fromEntries(
    Object.entries(plugin.rules).map(([name, rule]) => {
      const original = rule as unknown as Rule.RuleModule;
      const holding: Rule.RuleModule = {
        ...original,
        create(context) {
          const report = (descriptor: Rule.ReportDescriptor): void => {
            const { suggest, ...rest } = descriptor;
            const node = 'node' in descriptor ? descriptor.node : undefined;
            const start = node?.loc?.start ?? ('loc' in descriptor && 'start' in descriptor.loc! ? descriptor.loc.start : descriptor.loc);
            held.push({ ruleId: `resilint/${name}`, line: start!.line, column: start!.column + 1, suggest: suggest ?? [] });
            context.report(rest as Rule.ReportDescriptor);
          };
          return original.create(Object.create(context, { report: { value: report } }) as Rule.RuleContext);
        },
      };
      return [name, holding];
    }),
  );
  return { messages: lint(text, { ...plugin, rules }, filename), held };
}

const fixer = {
  replaceTextRange: (range: readonly [number, number], text: string) => ({ range, text }),
  insertTextBeforeRange: (range: readonly [number, number], text: string) => ({ range: [range[0], range[0]], text }),
  insertTextAfterRange: (range: readonly [number, number], text: string) => ({ range: [range[1], range[1]], text }),
  removeRange: (range: readonly [number, number]) => ({ range, text: '' }),
} as unknown as Rule.RuleFixer;

function applyEdits(text: string, edits: readonly { range: readonly [number, number]; text: string }[]): string {
  return [...edits]
    .sort((a, b) => b.range[0] - a.range[0])
    .reduce((result, edit) => result.slice(0, edit.range[0]) + edit.text + result.slice(edit.range[1]), text);
}

/** Each suggestion as the user sees it: its title's message and the text after applying it. */
function offered(text: string, message: Linter.LintMessage): { messageId: string | undefined; output: string }[] {
  return (message.suggestions ?? []).map((suggestion) => ({ messageId: suggestion.messageId, output: applyEdits(text, [suggestion.fix]) }));
}

/** Builds the held suggestions now, last finding first, dropping those without an edit as ESLint does. */
function buildHeld(text: string, held: readonly RecordedReport[]): Map<RecordedReport, { messageId: string | undefined; output: string }[]> {
  const built = new Map<RecordedReport, { messageId: string | undefined; output: string }[]>();
  for (const report of [...held].reverse()) {
    const suggestions = [...report.suggest].reverse().flatMap((suggestion) => {
      const result = suggestion.fix(fixer);
      const edits = result === null ? [] : Symbol.iterator in result ? Array.from(result) : [result];
      return edits.length === 0 ? [] : [{ messageId: suggestion.messageId, output: applyEdits(text, edits) }];
    });
    built.set(report, suggestions.reverse());
  }
  return built;
}

/** `filename`: where the text lives, for a fixture whose findings need the modules beside it. */
function expectSameAsEslint(text: string, filename?: string): number {
  const reported = lint(text, plugin, filename);
  expect(reported.filter((message) => message.fatal)).toEqual([]);
  const { messages, held } = lintHoldingSuggestions(text, filename);
  expect(messages).toEqual(reported.map(({ suggestions: _suggestions, ...message }) => message));
  const built = buildHeld(text, held);
  for (const message of reported) {
    const report = held.find((entry) => entry.ruleId === message.ruleId && entry.line === message.line && entry.column === message.column);
    expect(report, `${message.ruleId} at ${message.line}:${message.column}`).toBeDefined();
    expect(built.get(report!)).toEqual(offered(text, message));
  }
  return reported.length;
}

const FIXTURES = new URL('../../../fixtures/', import.meta.url);
const badFixtures = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) => {
    const folder = new URL(`${entry.name}/bad/`, FIXTURES);
    try {
      return readdirSync(folder).map((file) => [`${entry.name}/${file}`, readFileSync(new URL(file, folder), 'utf8'), fileURLToPath(new URL(file, folder))] as const);
    } catch {
      return [];
    }
  });

// Pieces of one module that share what fixes read and write at module level: imports of the runtime, breakers
// named after a dependency (taken names), the file's quotes and semicolons.
const pieces: readonly ((index: number) => string)[] = [
  (index) => `export async function loadUser${index}(id: string) {\n  const response = await fetch(\`https://users.example.test/\${id}\`);\n  return response.json();\n}\n`,
  (index) => `export function refresh${index}(ids: string[]) {\n  ids.forEach((id) => {\n    fetch(\`https://users.example.test/\${id}\`, { method: "DELETE" });\n  });\n}\n`,
  (index) => `export async function pay${index}(body: string) {\n  for (let attempt = 0; ; attempt++) {\n    try {\n      return await api.post('/payments', body);\n    } catch {}\n  }\n}\n`,
  (index) => `export async function* pages${index}() {\n  for (let page = 0; page < 3; page++) yield await fetch(\`/items?page=\${page}\`);\n}\n`,
  (index) => `export async function race${index}() {\n  return Promise.race([fetch('/slow'), new Promise((_, reject) => setTimeout(() => reject(new Error('t')), 1000))]);\n}\n`,
  (index) => `export function sync${index}(ids: string[]) {\n  try {\n    for (const id of ids) api.get('/sync/' + id);\n  } catch (error) {}\n}\n`,
  (index) => `const usersBreaker${index} = ${index};\nconst signal${index} = undefined;\n`,
  () => `import { retry as retryPolicy } from '@resilint/runtime';\n`,
  (index) => `export const all${index} = () => Promise.all([fetch('/a'), fetch('/b')]);\n`,
];
const HEADER = "import axios from 'axios';\nconst api = axios.create({ baseURL: 'https://api.example.test' });\n";

describe('suggestions built after the lint', () => {
  it.each(badFixtures)('%s: same findings without them, same edits built later', (_name, text, filename) => {
    expect(expectSameAsEslint(text, filename)).toBeGreaterThan(0);
  });

  it('any mix of findings in one module: same findings without them, same edits built later', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(pieces.length - 1), { minLength: 1, maxLength: 8 }), (choices) => {
        const text = HEADER + choices.map((choice, index) => pieces[choice]!(index)).join('\n');
        expectSameAsEslint(text);
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('a suggestion whose edit cannot be made is not offered', () => {
    // mysql2 takes no abort signal, so the runtime's timeout, alone or under a retry, could stop only the waiting:
    // those suggestions build no edit and only the query's own timeout is offered.
    const text = "import mysql from 'mysql2/promise';\nconst pool = mysql.createPool({ host: 'db' });\nexport const count = () => pool.query('select count(*) from users');\n";
    const finding = lint(text, plugin).find((message) => message.ruleId === 'resilint/require-timeout');
    expect(finding?.suggestions?.map((suggestion) => suggestion.messageId)).toEqual(['fixClientTimeout']);
  });
});
