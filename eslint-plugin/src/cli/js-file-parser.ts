import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import type { Linter } from 'eslint';
import { withoutBabelOnlySyntax } from './babel-syntax.js';

/** ESLint's own parser (espree), taken from the ESLint that runs us, so its version is the one ESLint expects. */
const espree = createRequire(import.meta.resolve('eslint'))('espree') as { parse(text: string, options: Linter.ParserOptions): unknown; version: string };

/**
 * How the CLI parses a `.js` or `.jsx` file: as Node runs it, else as the TypeScript it was written in, else as the
 * Babel-compiled code it is.
 *
 * ESLint parses every `.js` file as an ES module, but Node runs a `.js` file as CommonJS unless its package says
 * `"type": "module"`, and CommonJS allows what a module does not: a `return` at the top level (a launcher that exits
 * early), `with`, octal literals, sloppy-mode names. Such a file is parsed as a module first; only when that fails,
 * and Node would run it as CommonJS, is it parsed as CommonJS.
 *
 * A `.js` file written with TypeScript's syntax (`catch((err: unknown) => ...)` in a dev script run by `tsx`) parses
 * neither way; it is parsed as TypeScript, and linted, when that parse finds TypeScript's own syntax in it.
 *
 * Front ends compiled by Babel accept what the standard does not (babel-syntax.ts): those spots are blanked, at the
 * same offsets, and the file parsed again. A file that parses no way reports the first parse error.
 */
export const jsFileParser = {
  meta: { name: 'resilint/js-file-parser', version: espree.version },
  parseForESLint,
} satisfies Linter.Parser;

function parseForESLint(text: string, options: Linter.ParserOptions & { filePath?: string } = {}): { ast: unknown } {
  let firstError: unknown;
  let source = text;
  for (let attempt = 0; attempt <= MAX_BABEL_REPAIRS; attempt++) {
    try {
      return parseStandard(source, options);
    } catch (error) {
      firstError ??= error;
      const repaired = withoutBabelOnlySyntax(source, error);
      if (repaired === undefined) break;
      source = repaired;
    }
  }
  throw firstError;
}

/** Each repair costs a parse; a file needing more is not one a compiler's leniency explains (a component with a
 * decorator on each of its dozens of methods needs one each). */
const MAX_BABEL_REPAIRS = 64;

/** The file as a module, as CommonJS when Node runs it so, or as TypeScript: throws the module's parse error. */
function parseStandard(text: string, options: Linter.ParserOptions & { filePath?: string }): { ast: unknown } {
  try {
    return { ast: espree.parse(text, options) };
  } catch (moduleError) {
    const asCommonJs = options.sourceType === 'module' && options.filePath !== undefined && runsAsCommonJs(options.filePath);
    if (asCommonJs) {
      try {
        return { ast: espree.parse(text, { ...options, sourceType: 'commonjs' }) };
      } catch {
        // tried as TypeScript below
      }
    }
    const typescript = parsedAsTypeScript(text, options);
    if (typescript) return typescript;
    throw moduleError;
  }
}

/** The TypeScript parse of the text, when it holds TypeScript's own syntax (a type annotation, an `as`, an interface). */
function parsedAsTypeScript(text: string, options: Linter.ParserOptions): ReturnType<typeof tsParser.parseForESLint> | undefined {
  try {
    const parsed = tsParser.parseForESLint(text, { ...options, sourceType: options.sourceType === 'commonjs' ? 'script' : options.sourceType });
    return hasTypeScriptSyntax(parsed.ast as unknown as Node, parsed.visitorKeys) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

interface Node { type: string; [key: string]: unknown }

function hasTypeScriptSyntax(root: Node, visitorKeys: Readonly<Record<string, readonly string[] | undefined>>): boolean {
  const pending: Node[] = [root];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.type.startsWith('TS')) return true;
    for (const key of visitorKeys[node.type] ?? []) {
      const child = node[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof item === 'object' && typeof (item as Node).type === 'string') pending.push(item as Node);
      }
    }
  }
  return false;
}

/** Node's rule: `.cjs` always, `.js` unless the nearest package.json says `"type": "module"`. */
function runsAsCommonJs(filePath: string): boolean {
  if (filePath.endsWith('.cjs')) return true;
  if (!filePath.endsWith('.js')) return false;
  return packageType(dirname(filePath)) !== 'module';
}

const packageTypes = new Map<string, string | undefined>();

function packageType(directory: string): string | undefined {
  if (packageTypes.has(directory)) return packageTypes.get(directory);
  let type: string | undefined;
  let text: string | undefined;
  try {
    text = readFileSync(join(directory, 'package.json'), 'utf8');
  } catch {
    text = undefined;
  }
  if (text !== undefined) {
    try {
      const parsed = JSON.parse(text) as { type?: unknown };
      type = typeof parsed.type === 'string' ? parsed.type : 'commonjs';
    } catch {
      type = 'commonjs';
    }
  } else {
    const parent = dirname(directory);
    type = parent === directory || basename(directory) === 'node_modules' ? undefined : packageType(parent);
  }
  packageTypes.set(directory, type);
  return type;
}
