import { createRequire } from 'node:module';

export type TypeScript = typeof import('typescript');

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

export interface ModuleParser {
  readonly estree: typeof import('@typescript-eslint/typescript-estree');
  readonly scopes: typeof import('@typescript-eslint/scope-manager');
  readonly visitorKeys: typeof import('@typescript-eslint/visitor-keys').visitorKeys;
}

/**
 * What @typescript-eslint/parser is made of, to parse other modules for their summaries: its `parseForESLint` always
 * converts every token and comment, which a summary never reads (with them, a parse took nearly twice as long).
 */
export const loadModuleParser = lazy((): ModuleParser => {
  // Each name written out in a `require` call, so that a bundler sees and bundles it.
  const installed = typeof require === 'function' ? undefined : createRequire(import.meta.url);
  return {
    estree: (installed ? installed('@typescript-eslint/typescript-estree') : require!('@typescript-eslint/typescript-estree')) as ModuleParser['estree'],
    scopes: (installed ? installed('@typescript-eslint/scope-manager') : require!('@typescript-eslint/scope-manager')) as ModuleParser['scopes'],
    visitorKeys: ((installed ? installed('@typescript-eslint/visitor-keys') : require!('@typescript-eslint/visitor-keys')) as { visitorKeys: ModuleParser['visitorKeys'] }).visitorKeys,
  };
});
