import { createRequire } from 'node:module';

export type TypeScript = typeof import('typescript');
type Parser = typeof import('@typescript-eslint/parser');

declare const require: NodeJS.Require | undefined;

/**
 * Loads a module on first use: linting a file that imports nothing of the project never pays for TypeScript. Where
 * the plugin is bundled (the language server), `require` is the bundle's own and the bundled copy is used; in Node's
 * ES modules it is undefined and the installed package is loaded.
 */
function lazy<T>(load: () => T): () => T | undefined {
  let loaded: T | null | undefined;
  return () => {
    if (loaded === undefined) {
      try {
        loaded = load();
      } catch {
        loaded = null;
      }
    }
    return loaded ?? undefined;
  };
}

/**
 * The `typescript` module: @typescript-eslint/parser's peer, so installed wherever TypeScript files are linted (and
 * usually loaded already). Undefined where it is missing: resolution then falls back to relative paths and workspaces.
 */
export const loadTypeScript = lazy(() => (typeof require === 'function' ? require('typescript') : createRequire(import.meta.url)('typescript')) as TypeScript);

/** @typescript-eslint/parser, to parse other modules for their summaries. */
export const loadParser = lazy(() => (typeof require === 'function' ? require('@typescript-eslint/parser') : createRequire(import.meta.url)('@typescript-eslint/parser')) as Parser);
