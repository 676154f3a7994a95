import { createRequire } from 'node:module';

export type TypeScript = typeof import('typescript');

let loaded: TypeScript | null | undefined;

/**
 * The `typescript` module, loaded on first use: it is @typescript-eslint/parser's peer, so wherever TypeScript files
 * are linted it is installed (and usually loaded already). Undefined where it is missing: module resolution then
 * falls back to relative paths and workspace packages only.
 */
export function loadTypeScript(): TypeScript | undefined {
  if (loaded === undefined) {
    try {
      loaded = createRequire(import.meta.url)('typescript') as TypeScript;
    } catch {
      loaded = null;
    }
  }
  return loaded ?? undefined;
}
