import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import type { ParserOptions } from '@typescript-eslint/types';
import * as pluginModule from 'eslint-plugin-resilint';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IncrementalParser, type FallbackReason } from './incremental-parser.js';
import { ResilintLinter, type LintPlugin, type LintOptions } from './linting.js';

type ParseResult = ReturnType<typeof tsParser.parseForESLint>;

const repository = new URL('../../../', import.meta.url);
const source = (path: string): string => readFileSync(new URL(path, repository), 'utf8');

// The options ESLint's Linter passes for a module, as the server configures it.
function moduleOptions(filePath: string): ParserOptions {
  return { ecmaVersion: 2026, sourceType: 'module', ecmaFeatures: { jsx: true }, loc: true, range: true, tokens: true, comment: true, eslintVisitorKeys: true, eslintScopeManager: true, filePath };
}

/** Everything ESLint and the rules can see of a parse, as plain data (no parent links, no object identity). */
function summary(result: ParseResult): string {
  const { ast, scopeManager } = result;
  const rangeOf = (node: { range: [number, number] } | null | undefined): string => (node ? `${node.range[0]}-${node.range[1]}` : '-');
  const scopes = scopeManager!.scopes.map((scope) => ({
    type: scope.type,
    block: `${scope.block.type}@${rangeOf(scope.block)}`,
    isStrict: scope.isStrict,
    upper: scope.upper ? scopeManager!.scopes.indexOf(scope.upper) : -1,
    variables: scope.variables.map((variable) => ({
      name: variable.name,
      defs: variable.defs.map((definition) => `${definition.type}@${rangeOf(definition.node as never)}`),
      references: variable.references.map((reference) => rangeOf(reference.identifier)),
    })),
    references: scope.references.map((reference) => ({
      identifier: rangeOf(reference.identifier),
      resolved: reference.resolved ? `${reference.resolved.name}@${scopeManager!.scopes.indexOf(reference.resolved.scope)}` : null,
      flags: `${reference.isRead()}${reference.isWrite()}${reference.isTypeReference}${reference.isValueReference}`,
    })),
    through: scope.through.map((reference) => rangeOf(reference.identifier)),
  }));
  return JSON.stringify({ ast, scopes }, (key, value: unknown) => {
    if (key === 'parent') return undefined;
    if (value === undefined) return '(undefined)';
    if (typeof value === 'bigint') return `${value}n`;
    if (value instanceof RegExp) return `${value}`;
    return value;
  });
}

type Outcome = { parsed: string } | { error: string };
function outcome(parse: () => ParseResult): Outcome {
  try {
    return { parsed: summary(parse()) };
  } catch (error) {
    return { error: String(error) };
  }
}

/** Compares with a full parse, with a readable diff of the first difference when they disagree. */
function expectSameAsFullParse(parser: IncrementalParser, text: string, options: ParserOptions): void {
  const incremental = outcome(() => parser.parseForESLint(text, options));
  const full = outcome(() => tsParser.parseForESLint(text, options));
  if (JSON.stringify(incremental) === JSON.stringify(full)) return;
  const details = (value: Outcome): unknown => ('parsed' in value ? JSON.parse(value.parsed) : value);
  expect({ text, parse: parser.lastParse, result: details(incremental) }).toEqual({ text, parse: parser.lastParse, result: details(full) });
}

const crlf = (text: string): string => text.replace(/\r?\n/g, '\r\n');
const SOURCES: { path: string; text: string }[] = [
  'fixtures/require-timeout/bad/catalog-service.ts',
  'fixtures/no-unprotected-call/bad/inventory-worker.ts',
  'fixtures/sample-project/src/routes/orders.ts',
  'eslint-plugin/src/analysis/loops.ts',
  'eslint-plugin/src/analysis/cancellation.ts',
  'extension/scripts/build.mjs',
  'extension/bench/server-latency.mjs',
  'extension/src/server/service.ts',
].flatMap((path) => {
  const text = source(path);
  const filePath = `/project/${path}`;
  return [
    { path: filePath, text },
    { path: filePath.replace(/(\.\w+)$/, '.crlf$1'), text: crlf(text) },
  ];
});
SOURCES.push({
  path: '/project/src/view.tsx',
  text: [
    "'use client';",
    "import { useEffect, useState } from 'react';",
    '',
    'export function Orders({ id }: { id: string }) {',
    '  const [orders, setOrders] = useState<string[]>([]);',
    '  useEffect(() => {',
    '    fetch(`/orders/${id}`).then((response) => response.json()).then(setOrders);',
    '  }, [id]);',
    '  return <ul>{orders.map((order) => <li key={order}>{order}</li>)}</ul>;',
    '}',
    '\u2028// after a line separator',
    'export const count = (items: readonly string[]) => items.length',
    'const total = count(["a"])',
    '/* trailing */',
  ].join('\n'),
});
// Classes as services are written: decorated, abstract, derived, with overloads, properties without `;` that the
// next member could continue, accessors, private names, index signatures, static blocks.
SOURCES.push({
  path: '/project/src/orders.service.ts',
  text: [
    "import { Injectable } from '@nestjs/common';",
    '',
    'export abstract class Repository<T> {',
    '  abstract find(id: string): Promise<T>',
    '  protected readonly cache = new Map<string, T>()',
    '}',
    '',
    '@Injectable()',
    'export class OrdersService extends Repository<{ id: string }> implements Disposable {',
    '  static #instances = 0;',
    '  [key: string]: unknown',
    '  private readonly timeout = 5_000;',
    '  handler = (id: string) => fetch(`/orders/${id}`)',
    '  static {',
    '    OrdersService.#instances += 1;',
    '  }',
    '  constructor(private readonly base: string) {',
    '    super();',
    '  }',
    '  find(id: string): Promise<{ id: string }>;',
    '  find(id: number): Promise<{ id: string }>;',
    '  async find(id: string | number) {',
    '    const response = await fetch(`${this.base}/orders/${id}`, { signal: AbortSignal.timeout(this.timeout) });',
    '    return response.json();',
    '  }',
    '  get count() { return OrdersService.#instances }',
    '  [Symbol.dispose]() {}',
    '}',
    '',
    'export default class Cancelled extends Error {}',
  ].join('\n'),
});

// Typing mostly keeps a file parsable (letters, spaces, line breaks, whole statements); the rest opens or closes
// something the rest of the file may depend on. `undo` goes back to the text before the last edit.
const HARMLESS = [' ', 'a', 'x', '1', '\n', '\r\n', '\u2028', ';', 'fetch(url);\n', '/* c */', '// c\n', 'function f() {}\n', '\nconst z = 1\n'];
const SIGNIFICANT = [';', '}', '{', '/*', '*/', '`', "'", '"', '\n', '(', ')', '[', 'await ', '"use strict";\n', '\n(', '\n`'];
type Edit = { at: number; remove: number; insert: string } | 'undo';
// Anywhere in the text, evenly: a double in [0, 1) from fast-check is almost always tiny (most doubles are), and its
// integers lean toward small values unless told not to.
const anywhere = fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((millionths) => millionths / 1_000_000);
const editArbitrary: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ at: anywhere, remove: fc.constant(0), insert: fc.constantFrom(...HARMLESS) }) },
  { weight: 2, arbitrary: fc.record({ at: anywhere, remove: fc.integer({ min: 1, max: 40 }), insert: fc.constantFrom('', ...HARMLESS) }) },
  { weight: 2, arbitrary: fc.record({ at: anywhere, remove: fc.nat({ max: 3 }), insert: fc.array(fc.constantFrom(...SIGNIFICANT), { minLength: 1, maxLength: 2 }).map((parts) => parts.join('')) }) },
  { weight: 1, arbitrary: fc.constant('undo' as const) },
);

/** The texts after each edit in turn. */
function editedTexts(text: string, edits: readonly Edit[]): string[] {
  const history = [text];
  const texts: string[] = [];
  for (const edit of edits) {
    let current = history.at(-1)!;
    if (edit === 'undo') {
      if (history.length > 1) history.pop();
      current = history.at(-1)!;
    } else {
      const at = Math.floor(edit.at * (current.length + 1));
      current = current.slice(0, at) + edit.insert + current.slice(at + edit.remove);
      history.push(current);
    }
    texts.push(current);
  }
  return texts;
}

describe('IncrementalParser', () => {
  it('gives exactly what a full parse gives after any series of edits (tree, positions, tokens, comments, scopes)', () => {
    let incrementalParses = 0;
    fc.assert(
      fc.property(fc.constantFrom(...SOURCES), fc.array(editArbitrary, { minLength: 1, maxLength: 8 }), (file, edits) => {
        const parser = new IncrementalParser();
        const options = moduleOptions(file.path);
        expectSameAsFullParse(parser, file.text, options);
        for (const text of editedTexts(file.text, edits)) {
          expectSameAsFullParse(parser, text, options);
          if (parser.lastParse.kind === 'incremental') incrementalParses += 1;
        }
      }),
      { numRuns: 120 },
    );
    // The property says little if the splice never ran.
    expect(incrementalParses).toBeGreaterThan(40);
  }, 300_000);

  it('gives exactly what a full parse gives while typing in the members of classes', () => {
    // Edits that mostly keep the file parsable, as typing does: spaces and line breaks between tokens, a member
    // added, now and then something that opens or closes a construct.
    const typing = fc.oneof(
      { weight: 4, arbitrary: fc.record({ at: anywhere, insert: fc.constantFrom(' ', '\n', '\n  timeout = 1_000;\n', ';') }) },
      { weight: 1, arbitrary: fc.record({ at: anywhere, insert: fc.constantFrom(...SIGNIFICANT) }) },
    );
    const classFiles = SOURCES.filter((file) => /\bclass \w+/.test(file.text));
    expect(classFiles.length).toBeGreaterThanOrEqual(3);
    const spliced = { statements: 0, 'class members': 0 };
    fc.assert(
      fc.property(fc.constantFrom(...classFiles), fc.array(typing, { minLength: 1, maxLength: 8 }), (file, edits) => {
        const parser = new IncrementalParser();
        const options = moduleOptions(file.path);
        let text = file.text;
        expectSameAsFullParse(parser, text, options);
        for (const edit of edits) {
          // Between tokens: at the next whitespace from a random place.
          const at = text.slice(Math.floor(edit.at * text.length)).search(/\s/) + Math.floor(edit.at * text.length);
          text = text.slice(0, at) + edit.insert + text.slice(at);
          expectSameAsFullParse(parser, text, options);
          if (parser.lastParse.kind === 'incremental') spliced[parser.lastParse.of] += 1;
        }
      }),
      { numRuns: 60 },
    );
    expect(spliced['class members']).toBeGreaterThan(30);
  }, 300_000);

  it('gives a new Program for every parse, even of the same text', () => {
    const parser = new IncrementalParser();
    const options = moduleOptions('/project/same.ts');
    const text = 'const a = 1;\nfetch(a);\n';
    const first = parser.parseForESLint(text, options).ast;
    const second = parser.parseForESLint(text, options).ast;
    expect(parser.lastParse.kind).toBe('incremental');
    expect(second).not.toBe(first);
    expectSameAsFullParse(parser, text, options);
  });
});

describe('IncrementalParser memory', () => {
  const text = 'fetch(a);\nfetch(b);\n';

  it('remembers the last tree of the 8 most recently parsed files only', () => {
    const parser = new IncrementalParser();
    for (let index = 0; index <= 8; index += 1) parser.parseForESLint(text, moduleOptions(`/project/file${index}.ts`));
    parser.parseForESLint(text, moduleOptions('/project/file8.ts'));
    expect(parser.lastParse.kind).toBe('incremental');
    parser.parseForESLint(text, moduleOptions('/project/file0.ts'));
    expect(parser.lastParse).toEqual({ kind: 'full', reason: 'first parse of the file' });
  });

  it('does not remember a tree past its budget of text, and forgets a file when told', () => {
    const parser = new IncrementalParser();
    const huge = `/* ${'x'.repeat(1_000_000)} */\n${text}`;
    parser.parseForESLint(huge, moduleOptions('/project/huge.ts'));
    parser.parseForESLint(huge, moduleOptions('/project/huge.ts'));
    expect(parser.lastParse).toEqual({ kind: 'full', reason: 'first parse of the file' });
    parser.parseForESLint(text, moduleOptions('/project/small.ts'));
    parser.forget('/project/small.ts');
    parser.parseForESLint(text, moduleOptions('/project/small.ts'));
    expect(parser.lastParse).toEqual({ kind: 'full', reason: 'first parse of the file' });
  });
});

describe('IncrementalParser falls back to a full parse', () => {
  const functions = (count: number): string => Array.from({ length: count }, (_, index) => `function f${index}() {\n  return fetch('/${index}');\n}\n`).join('\n');

  function parseBoth(before: string, after: string, options: ParserOptions = moduleOptions('/project/file.ts')): IncrementalParser {
    const parser = new IncrementalParser();
    expectSameAsFullParse(parser, before, options);
    expectSameAsFullParse(parser, after, options);
    return parser;
  }
  const fallback = (reason: FallbackReason) => ({ kind: 'full', reason });

  it('on the first parse of a file and when the parser options change', () => {
    const parser = new IncrementalParser();
    parser.parseForESLint('a;', moduleOptions('/project/a.ts'));
    expect(parser.lastParse).toEqual(fallback('first parse of the file'));
    parser.parseForESLint('a;', { ...moduleOptions('/project/a.ts'), sourceType: 'script' });
    expect(parser.lastParse).toEqual(fallback('parser options changed'));
  });

  it('not when the edit is inside one statement of many: only that statement is parsed again', () => {
    const before = functions(20);
    const parser = parseBoth(before, before.replace("fetch('/7')", "fetch('/seven', { signal })"));
    expect(parser.lastParse).toEqual({ kind: 'incremental', of: 'statements', reparsedCharacters: expect.any(Number) as number });
    expect((parser.lastParse as { reparsedCharacters: number }).reparsedCharacters).toBeLessThan(before.length / 10);
  });

  const methods = (count: number): string => Array.from({ length: count }, (_, index) => `  async load${index}() {\n    return fetch('/${index}');\n  }\n`).join('\n');
  const service = (members: string): string => `import { Injectable } from '@nestjs/common';\n\n@Injectable()\nexport class Service extends Base {\n${members}}\n\nexport const other = 1;\n`;

  it('not when the edit is inside one member of a top-level class: only that member is parsed again', () => {
    const before = service(methods(20));
    const parser = parseBoth(before, before.replace("fetch('/7')", "fetch('/seven', { signal })"));
    expect(parser.lastParse).toEqual({ kind: 'incremental', of: 'class members', reparsedCharacters: expect.any(Number) as number });
    expect((parser.lastParse as { reparsedCharacters: number }).reparsedCharacters).toBeLessThan(before.length / 10);
    // Between members, and adding one.
    expect(parseBoth(before, before.replace('  async load7', '  timeout = 5_000;\n  async load7')).lastParse).toMatchObject({ kind: 'incremental', of: 'class members' });
  });

  it('when the edit is in a class but not within its members: its header, or a brace that closes it early', () => {
    const before = service(methods(20));
    expect(parseBoth(before, before.replace('extends Base', 'extends Base2')).lastParse).toEqual(fallback('the edit touches most of the file'));
    expect(parseBoth(before, before.replace("fetch('/7');\n  }", "fetch('/7');\n  }}")).lastParse.kind).toBe('full');
  });

  it('when the edited member has no `;` and the next members could continue it', () => {
    const before = service(`${methods(10)}  a = 1;\n  b = 2\n  ['c'] = 3\n  d = 4\n${methods(10)}`);
    // `a = 1` without its `;` runs on into `b`: the member after it is parsed with it.
    expect(parseBoth(before, before.replace('a = 1;', 'a = 1')).lastParse).toMatchObject({ kind: 'incremental', of: 'class members' });
    // `b = 2` is continued by `['c']` (an index into 2), which is continued by nothing: widened once.
    expect(parseBoth(before, before.replace('b = 2', 'b = 22')).lastParse).toMatchObject({ kind: 'incremental', of: 'class members' });
    // A property's value may end with a `}` and still go on: without its `;`, `{ a: 1 }['computed'] = 2` is one member.
    const objectValue = service(`${methods(10)}  defaults = { a: 1 };\n  ['computed'] = 2\n${methods(10)}`);
    expect(parseBoth(objectValue, objectValue.replace('a: 1 };', 'a: 1 }')).lastParse).toMatchObject({ kind: 'incremental', of: 'class members' });
  });

  it('when the statement before the edit has no `;` and the edit continues it (ASI): it is parsed with the edit', () => {
    const before = `${functions(10)}const a = b\n\nfunction g() {}\n${functions(10)}`;
    // `(c)` on the next line calls `b`: the statement before has to be parsed again with it.
    const parser = parseBoth(before, before.replace('\n\nfunction g() {}', '\n(c)\nfunction g() {}'));
    expect(parser.lastParse.kind).toBe('incremental');
    expect(parseBoth(before, before.replace('const a = b\n', 'const a = b\n[0]')).lastParse.kind).toBe('incremental');
  });

  it('when the edit joins a line comment to the statement after it: the statement is parsed with the comment', () => {
    // Undoing a line break typed inside a comment: `counter` was a statement and is now the comment's last word.
    const before = `${functions(10)}// the order\nconst z = 1\n counter;\nconst b = 2;\n${functions(10)}`;
    const after = before.replace('\nconst z = 1\n', '');
    expect(parseBoth(before, after).lastParse).toMatchObject({ kind: 'incremental', of: 'statements' });
    expect(parseBoth(crlf(before), crlf(after)).lastParse).toMatchObject({ kind: 'incremental', of: 'statements' });
    const member = service(`${methods(10)}  // the order\n  z = 1\n  counter = 2;\n${methods(10)}`);
    expect(parseBoth(member, member.replace('\n  z = 1\n', '')).lastParse).toMatchObject({ kind: 'incremental', of: 'class members' });
  });

  it('when the edited statement has no `;` and the next statements could continue it', () => {
    // Each of b to f ends at its line break only because the next line cannot continue it.
    const before = `${functions(10)}a;\nb\nc\nd\ne\nf\n${functions(10)}`;
    const parser = parseBoth(before, before.replace('a;', 'a'));
    expect(parser.lastParse).toEqual(fallback('the edited statements may continue into the next one'));
  });

  it('when a directive may change', () => {
    const before = `'use strict';\n${functions(10)}`;
    expect(parseBoth(before, `x();\n${before}`).lastParse).toEqual(fallback('a directive may change'));
    expect(parseBoth(`x();\n${before}`, before).lastParse).toEqual(fallback('a directive may change'));
    expect(parseBoth(`${functions(5)}${functions(5)}`, `${functions(5)}'not a directive';\n${functions(5)}`).lastParse).toEqual(fallback('a directive may change'));
  });

  it('when the edit opens a comment, a template or a string that the rest of the file would close', () => {
    const before = `${functions(10)}const a = 1;\nconst b = 2; /* keep */\n${functions(10)}`;
    for (const opener of ['/*', '`', "'", '{', '}']) {
      const parser = parseBoth(before, before.replace('const a = 1;', `const a = 1; ${opener}`));
      expect(parser.lastParse).toEqual(fallback('the edited statements do not parse on their own'));
    }
    // A line comment ends at the line break, before the next statement.
    expect(parseBoth(before, before.replace('const a = 1;', 'const a = 1; //')).lastParse.kind).toBe('incremental');
  });

  it('when the edit touches most of the file: across many statements, at its start and end, or an empty file', () => {
    const before = functions(10);
    expect(parseBoth(before, before.slice(before.length / 4, (before.length * 3) / 4)).lastParse).toEqual(fallback('the edit touches most of the file'));
    expect(parseBoth(before, `import x from 'x';\n${before}`).lastParse.kind).toBe('incremental');
    expect(parseBoth(before, `${before}fetch(x);\n`).lastParse.kind).toBe('incremental');
    // Emptying the file leaves nothing to parse again.
    expect(parseBoth(before, '').lastParse.kind).toBe('incremental');
    expect(parseBoth('', before).lastParse).toEqual(fallback('the edit touches most of the file'));
  });

  it('when the edit touches a hashbang line, which an edit can turn into code or back', () => {
    // without its `#`, the first line is the statement `!node`
    const script = `#!node\r\n${functions(10)}`;
    expect(parseBoth(script, script.slice(1)).lastParse).toEqual(fallback('the edit touches a hashbang line'));
    expect(parseBoth(script.slice(1), script).lastParse).toEqual(fallback('the edit touches a hashbang line'));
    expect(parseBoth(script, `${script}x();\n`).lastParse.kind).toBe('incremental');
  });

  it('when a script may have top-level await', () => {
    const options = { ...moduleOptions('/project/file.cjs'), sourceType: 'script' } as ParserOptions;
    expect(parseBoth(functions(10), `${functions(10)}await x;\n`, options).lastParse).toEqual(fallback('top-level await in a script'));
    expect(parseBoth(functions(10), `${functions(10)}x();\n`, options).lastParse.kind).toBe('incremental');
  });

  it('when the text does not parse, and keeps the last tree that did for the next edit', () => {
    const parser = new IncrementalParser();
    const options = moduleOptions('/project/file.ts');
    const before = functions(10);
    parser.parseForESLint(before, options);
    expect(() => parser.parseForESLint(before.replace("fetch('/3')", "fetch('/3'"), options)).toThrow();
    expectSameAsFullParse(parser, before.replace("fetch('/3')", "fetch('/3', init)"), options);
    expect(parser.lastParse.kind).toBe('incremental');
  });
});

describe('IncrementalParser in the server linter', () => {
  const plugin = ((pluginModule as { default?: LintPlugin }).default ?? pluginModule) as LintPlugin;
  const lintOptions: LintOptions = { ruleSeverities: {}, sharedSettings: undefined };

  it('serves rules that read no parser services (their node maps cover only the statements parsed again)', () => {
    // The one reader, the checker's evidence, reads them only with a program: type-aware options take the full parse.
    const TYPE_AWARE_READER = join('analysis', 'checked-types.ts');
    const sources = readdirSync(new URL('eslint-plugin/src/', repository), { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('.ts') && !path.endsWith('.test.ts') && path !== TYPE_AWARE_READER);
    expect(sources.length).toBeGreaterThan(10);
    for (const path of sources) expect([path, source(`eslint-plugin/src/${path}`)]).not.toEqual([path, expect.stringMatching(/parserServices|getParserServices|esTreeNodeToTSNodeMap/)]);
    expect(source(`eslint-plugin/src/${TYPE_AWARE_READER}`)).toMatch(/return services\?\.program \?/);
    const parser = new IncrementalParser();
    const text = 'export const a = 1;\n';
    parser.parseForESLint(text, { filePath: '/project/a.ts' });
    expect(parser.parseForESLint(`${text}export const b = 2;\n`, { filePath: '/project/a.ts' }).services.program).toBeNull();
  });

  it('reports the same findings and suggestions as a full parse after a series of edits', () => {
    const parser = new IncrementalParser();
    const incremental = new ResilintLinter(plugin, parser as never);
    const full = new ResilintLinter(plugin, tsParser as never);
    let incrementalLints = 0;
    fc.assert(
      fc.property(
        fc.constantFrom('fixtures/require-timeout/bad/catalog-service.ts', 'fixtures/no-unbounded-retry/bad/event-publisher.ts', 'fixtures/no-unprotected-call/bad/inventory-worker.ts', 'fixtures/sample-project/src/routes/orders.ts'),
        fc.array(editArbitrary, { minLength: 1, maxLength: 5 }),
        (path, edits) => {
          const filename = `/project/${path}`;
          for (const text of [source(path), ...editedTexts(source(path), edits)]) {
            const got = incremental.lint(text, filename, lintOptions);
            if (parser.lastParse.kind === 'incremental') incrementalLints += 1;
            expect(got).toEqual(full.lint(text, filename, lintOptions));
          }
        },
      ),
      { numRuns: 40 },
    );
    expect(incrementalLints).toBeGreaterThan(20);
  }, 300_000);
});
