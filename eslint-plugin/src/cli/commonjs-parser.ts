import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import type { Linter } from 'eslint';

/** ESLint's own parser (espree), taken from the ESLint that runs us, so its version is the one ESLint expects. */
const espree = createRequire(import.meta.resolve('eslint'))('espree') as { parse(text: string, options: Linter.ParserOptions): unknown; version: string };

/**
 * JavaScript files as Node runs them. ESLint parses every `.js` file as an ES module, but Node runs a `.js` file
 * as CommonJS unless its package says `"type": "module"`, and CommonJS allows what a module does not: a `return`
 * at the top level (a launcher that exits early), `with`, octal literals, sloppy-mode names. Such a file is parsed
 * as a module first, as before; only when that fails, and Node would run it as CommonJS, is it parsed as CommonJS.
 * A file that parses neither way reports the module's parse error.
 */
export const commonjsAwareParser = {
  meta: { name: 'resilint/commonjs-aware-espree', version: espree.version },
  parse: parseAsNodeRunsIt,
} satisfies Linter.Parser;

function parseAsNodeRunsIt(text: string, options: Linter.ParserOptions & { filePath?: string } = {}): unknown {
  try {
    return espree.parse(text, options);
  } catch (moduleError) {
    if (options.sourceType !== 'module' || !options.filePath || !runsAsCommonJs(options.filePath)) throw moduleError;
    try {
      return espree.parse(text, { ...options, sourceType: 'commonjs' });
    } catch {
      throw moduleError;
    }
  }
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
