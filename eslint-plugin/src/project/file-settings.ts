import { sep } from 'node:path';
import { Minimatch } from 'minimatch';

/**
 * The words of `settings.resilint.files` (a file's role, where it runs) and the user's overrides of both: globs that
 * match at any depth, checked once with the settings' other keys.
 */
export type FileRole = 'product' | 'test' | 'example' | 'template' | 'docs' | 'script' | 'tooling' | 'benchmark' | 'generated';
export const FILE_ROLES: readonly FileRole[] = ['product', 'test', 'example', 'template', 'docs', 'script', 'tooling', 'benchmark', 'generated'];

/**
 * Where a file runs; `unknown` when nothing says (judged like a server: the stricter reading). `browser` is client code
 * on the user's device: a page, and a desktop app's (Electron) main process too, where a hang costs a spinner.
 */
export type Environment = 'browser' | 'server' | 'cli' | 'unknown';
export const ENVIRONMENTS: readonly Exclude<Environment, 'unknown'>[] = ['browser', 'server', 'cli'];

/** User overrides, glob → role or environment (`settings.resilint.files`); globs match at any depth. */
export interface FileSettings {
  roles: Readonly<Record<string, FileRole>>;
  environments: Readonly<Record<string, Exclude<Environment, 'unknown'>>>;
}

export const NO_FILE_SETTINGS: FileSettings = Object.freeze({ roles: {}, environments: {} });

/** How every glob of the roles, the environments and the overrides is matched. */
export const MATCH_OPTIONS = { dot: true, nocase: false } as const;

/**
 * `settings.resilint.files`, checked: `fail(path, problem)` throws the settings error naming the key to change
 * (settings.ts for the rules; the editor logs it and goes on without the overrides).
 */
export function parseFileSettings(value: unknown, fail: (path: string, problem: string) => never): FileSettings {
  const path = 'settings.resilint.files';
  if (value === undefined) return NO_FILE_SETTINGS;
  if (!isPlainObject(value)) fail(path, "must be an object such as { roles: { 'scripts/release/**': 'product' }, environments: { 'src/web/**': 'browser' } }");
  for (const key of Object.keys(value)) {
    if (key !== 'roles' && key !== 'environments') fail(`${path}.${key}`, 'is not a known key; use roles and environments');
  }
  const globMap = <T extends string>(entries: unknown, entriesPath: string, allowed: readonly T[], example: string): Record<string, T> => {
    if (entries === undefined) return {};
    if (!isPlainObject(entries)) fail(entriesPath, `must map globs to values, such as ${example}`);
    for (const [glob, entry] of Object.entries(entries)) {
      if (glob.trim() === '') fail(entriesPath, "has an empty glob; write one such as 'scripts/**'");
      if (!(allowed as readonly unknown[]).includes(entry)) fail(`${entriesPath}['${glob}']`, `must be one of ${allowed.join(', ')}, not ${JSON.stringify(entry)}`);
    }
    return entries as Record<string, T>;
  };
  return {
    roles: globMap(value['roles'], `${path}.roles`, FILE_ROLES, "{ 'scripts/release/**': 'product', 'src/proto/**': 'generated' }"),
    environments: globMap(value['environments'], `${path}.environments`, ENVIRONMENTS, "{ 'src/web/**': 'browser', 'src/api/**': 'server' }"),
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const compiledOverrides = new WeakMap<object, { matcher: Minimatch; value: string }[]>();

/** The value of the last glob matching the path (later entries refine earlier ones, as in ESLint's configs). */
export function overrideFor<T extends string>(overrides: Readonly<Record<string, T>>, path: string): T | undefined {
  let compiled = compiledOverrides.get(overrides);
  if (!compiled) {
    compiled = Object.entries(overrides).map(([glob, value]) => ({ matcher: new Minimatch(anyDepth(glob), MATCH_OPTIONS), value }));
    compiledOverrides.set(overrides, compiled);
  }
  if (compiled.length === 0) return undefined;
  const posix = toPosix(path);
  let found: T | undefined;
  for (const { matcher, value } of compiled) if (matcher.match(posix)) found = value as T;
  return found;
}

/**
 * Settings globs match at any depth (`scripts/release/**` matches `/repo/scripts/release/x.ts`), so the same
 * setting means the same files from the CLI, an ESLint config anywhere in the repository, and the editor.
 */
function anyDepth(glob: string): string {
  const posix = toPosix(glob).replace(/^\.\//, '');
  return posix.startsWith('**/') || posix.startsWith('/') ? posix : `**/${posix}`;
}

export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
