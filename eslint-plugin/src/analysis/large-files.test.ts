import * as tsParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';
import { contains, getFileNodes, isLoop, triesWithin, walk } from './loops.js';

// On large files the analyses look nodes up by offset instead of scanning the whole file for each finding; these
// check the look-ups against the plain scans, and that findings deep in a large file get the same fixes.

const languageOptions = { parser: tsParser as never, ecmaVersion: 'latest', sourceType: 'module' } as const;

function sourceCodeOf(text: string): Readonly<TSESLint.SourceCode> {
  let captured: Readonly<TSESLint.SourceCode> | undefined;
  const capture = {
    rules: {
      capture: {
        create(context: { sourceCode: Readonly<TSESLint.SourceCode> }) {
          captured = context.sourceCode;
          return {};
        },
      },
    },
  };
  const messages = new Linter({ cwd: '/' }).verify(
    text,
    [{ files: ['**/*.ts'], languageOptions, plugins: { test: capture as never }, rules: { 'test/capture': 'error' } }],
    { filename: '/project/module.ts' },
  );
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  return captured!;
}

/** Statements nesting loops, tries and functions in any way, each with a call so the walk has something to see. */
const statement: fc.Memo<string> = fc.memo((depth) =>
  depth <= 1
    ? fc.constantFrom('work();', 'await send();', 'if (done) break;')
    : fc.oneof(
        fc.array(statement(depth - 1), { maxLength: 3 }).map((body) => `while (more) { ${body.join(' ')} }`),
        fc.array(statement(depth - 1), { maxLength: 3 }).map((body) => `for (let i = 0; i < n; i++) { ${body.join(' ')} }`),
        fc
          .tuple(fc.array(statement(depth - 1), { maxLength: 3 }), fc.array(statement(depth - 1), { maxLength: 2 }), fc.boolean())
          .map(([block, handler, withCatch]) => `try { ${block.join(' ')} } ${withCatch ? `catch (error) { ${handler.join(' ')} }` : 'finally { done(); }'}`),
        fc.array(statement(depth - 1), { maxLength: 3 }).map((body) => `queue.push(async () => { ${body.join(' ')} });`),
        statement(depth - 1),
      ),
);

describe('triesWithin', () => {
  it('lists the same tries, in the same order, as a scan of every try of the file', () => {
    fc.assert(
      fc.property(fc.array(statement(4), { minLength: 1, maxLength: 6 }), (statements) => {
        const sourceCode = sourceCodeOf(`export async function run() {\n${statements.join('\n')}\n}\n`);
        const { tries } = getFileNodes(sourceCode);
        walk(sourceCode.ast, sourceCode.visitorKeys, (node: TSESTree.Node) => {
          if (isLoop(node) || node.type === 'TryStatement' || node.type === 'BlockStatement') {
            expect(triesWithin(sourceCode, node)).toEqual(tries.filter((candidate) => contains(node, candidate)));
          }
          return true;
        });
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});

describe('findings deep in a large file', () => {
  const COPIES = 40;
  const races = Array.from(
    { length: COPIES },
    (_, index) => `export async function lookup${index}(id: string) {
  const timer = new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), ${1000 + index}));
  return Promise.race([fetch(\`https://geo${index}.example.test/\${id}\`).then((response) => response.json()), timer]);
}
`,
  ).join('\n');

  it('each race becomes a cancelling timeout around its own request', () => {
    const messages = new Linter({ cwd: '/' }).verify(races, [{ files: ['**/*.ts'], languageOptions }, ...plugin.configs.recommended], {
      filename: '/project/module.ts',
    });
    const findings = messages.filter((message) => message.ruleId === 'resilint/timeout-requires-cancellation');
    expect(findings).toHaveLength(COPIES);
    findings.forEach((message, index) => {
      const fix = message.suggestions?.find((suggestion) => suggestion.messageId === 'fixRaceToTimeout')?.fix;
      expect(fix?.text).toContain(`timeout(${1000 + index}).execute(({ signal }) => fetch(\`https://geo${index}.example.test/\${id}\`, { signal }).then(`);
    });
  });
});
