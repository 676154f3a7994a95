import tsParser from '@typescript-eslint/parser';
import { Linter, type Rule } from 'eslint';
import { describe, expect, it } from 'vitest';
import { importRuntime, type RuntimeExport } from './runtime-import.js';
import { SourceEdits } from './source-edits.js';

/** Runs a rule through ESLint that suggests importing `names`, applies the suggestion, returns the text. */
function withImport(code: string, names: RuntimeExport[], options: { filename?: string; runtimeModule?: string } = {}) {
  let locals: Record<string, string> = {};
  const rule: Rule.RuleModule = {
    meta: { type: 'suggestion', hasSuggestions: true, messages: { found: 'found', add: 'add' }, schema: [] },
    create(context) {
      return {
        'Program:exit'(program) {
          const edits = new SourceEdits();
          locals = importRuntime(context.sourceCode as never, options.runtimeModule ?? '@resilint/runtime', names, edits);
          context.report({ node: program, messageId: 'found', suggest: [{ messageId: 'add', fix: (fixer) => edits.toFixes(fixer as never) as never }] });
        },
      };
    },
  };
  const linter = new Linter();
  const filename = options.filename ?? 'file.ts';
  const [message, ...rest] = linter.verify(
    code,
    [{ files: ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'], languageOptions: { parser: tsParser }, plugins: { t: { rules: { r: rule } } }, rules: { 't/r': 'error' } }],
    { filename },
  );
  expect(rest).toEqual([]);
  const fix = message?.suggestions?.[0]?.fix;
  const output = fix ? code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]) : code;
  const reparsed = linter.verify(output, [{ files: ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'], languageOptions: { parser: tsParser } }], { filename });
  expect(reparsed.filter((m) => m.fatal)).toEqual([]);
  return { output, locals };
}

describe('importRuntime', () => {
  it('adds an import after the last import, in the file quote style and semicolons', () => {
    const { output, locals } = withImport(`import axios from "axios";\n\nawait axios.get("/x");\n`, ['timeout', 'retry']);
    expect(output).toBe(`import axios from "axios";\nimport { timeout, retry } from "@resilint/runtime";\n\nawait axios.get("/x");\n`);
    expect(locals).toEqual({ timeout: 'timeout', retry: 'retry' });
  });

  it('follows a file without semicolons', () => {
    const { output } = withImport(`import got from 'got'\nawait got('/x')\n`, ['timeout']);
    expect(output).toBe(`import got from 'got'\nimport { timeout } from '@resilint/runtime'\nawait got('/x')\n`);
  });

  it('puts the import before the first statement when there is none', () => {
    const { output } = withImport(`// header\nawait fetch('/x');\n`, ['timeout']);
    expect(output).toBe(`// header\nimport { timeout } from '@resilint/runtime';\n\nawait fetch('/x');\n`);
  });

  it('merges into an existing import and reuses names already imported, even aliased', () => {
    const { output, locals } = withImport(
      `import { retry as withRetry } from '@resilint/runtime';\nawait withRetry;\n`,
      ['retry', 'timeout'],
    );
    expect(output).toBe(`import { retry as withRetry, timeout } from '@resilint/runtime';\nawait withRetry;\n`);
    expect(locals).toEqual({ retry: 'withRetry', timeout: 'timeout' });
  });

  it('reaches names through a namespace import without editing', () => {
    const { output, locals } = withImport(`import * as resilience from '@resilint/runtime';\nvoid resilience;\n`, ['timeout']);
    expect(output).toBe(`import * as resilience from '@resilint/runtime';\nvoid resilience;\n`);
    expect(locals).toEqual({ timeout: 'resilience.timeout' });
  });

  it('does not merge into a type-only import', () => {
    const { output } = withImport(`import type { Policy } from '@resilint/runtime';\nlet p: Policy;\n`, ['timeout']);
    expect(output).toBe(
      `import type { Policy } from '@resilint/runtime';\nimport { timeout } from '@resilint/runtime';\nlet p: Policy;\n`,
    );
  });

  it('renames a name already taken anywhere in the file, never shadowing or redeclaring it', () => {
    const { output, locals } = withImport(
      `import { get } from 'axios';\nfunction f(timeout: number) { return get('/x', { timeout }); }\nconst resilintRetry = 1;\nconst retry = 2;\n`,
      ['timeout', 'retry'],
    );
    expect(locals).toEqual({ timeout: 'resilintTimeout', retry: 'resilintRetry2' });
    expect(output).toContain(`import { timeout as resilintTimeout, retry as resilintRetry2 } from '@resilint/runtime';`);
  });

  it('treats a global the file reads as taken', () => {
    const { locals } = withImport(`timeout(1);\n`, ['timeout']);
    expect(locals).toEqual({ timeout: 'resilintTimeout' });
  });

  it('uses require in a CommonJS file, after its requires and after "use strict"', () => {
    const { output } = withImport(`'use strict';\nconst axios = require('axios');\n\nmodule.exports = () => axios.get('/x');\n`, ['timeout'], {
      filename: 'file.js',
    });
    expect(output).toBe(
      `'use strict';\nconst axios = require('axios');\nconst { timeout } = require('@resilint/runtime');\n\nmodule.exports = () => axios.get('/x');\n`,
    );
  });

  it('merges into an existing CommonJS destructuring, renaming with a colon', () => {
    const { output, locals } = withImport(
      `const { retry } = require('@resilint/runtime');\nconst timeout = 3;\nmodule.exports = { retry, timeout };\n`,
      ['retry', 'timeout'],
      { filename: 'file.cjs' },
    );
    expect(output).toContain(`const { retry, timeout: resilintTimeout } = require('@resilint/runtime');`);
    expect(locals).toEqual({ retry: 'retry', timeout: 'resilintTimeout' });
  });

  it('imports from the configured runtime module', () => {
    const { output } = withImport(`import x from 'x';\nx();\n`, ['fallback'], { runtimeModule: './vendor/resilience.js' });
    expect(output).toContain(`import { fallback } from './vendor/resilience.js';`);
  });

  it('lists each name once when asked twice', () => {
    const { output } = withImport(`import x from 'x';\nx();\n`, ['timeout', 'timeout']);
    expect(output).toContain(`import { timeout } from '@resilint/runtime';`);
  });
});
