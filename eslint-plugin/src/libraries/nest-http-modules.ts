import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * How a NestJS project registers `HttpModule` (`@nestjs/axios`): the injected `HttpService` is bounded by the
 * options of that registration, which lives in a `*.module.ts` file, not where the service calls it.
 * - 'bounded': some registration sets `timeout`, or is configured in a way not readable here (`registerAsync`);
 * - 'unbounded': every registration found is plain `HttpModule` or `register()` without `timeout` (axios' default: none);
 * - 'unknown': no registration found.
 * The scan is bounded (files visited, file size) and cached per package for a few seconds.
 */
export type Registration = 'bounded' | 'unbounded' | 'unknown';

const MAX_FILES_VISITED = 3_000;
const MAX_FILE_BYTES = 200_000;
const CACHE_MS = 5_000;
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', 'build', '.git', 'coverage', '.next', 'out']);

const cache = new Map<string, { registration: Registration; at: number }>();

export function httpModuleRegistration(filename: string): Registration {
  const root = packageRoot(filename);
  if (root === undefined) return 'unknown';
  const cached = cache.get(root);
  const now = Date.now();
  if (cached && now - cached.at < CACHE_MS) return cached.registration;
  let registration: Registration = 'unknown';
  try {
    registration = scan(root);
  } catch {
    registration = 'unknown';
  }
  cache.set(root, { registration, at: now });
  return registration;
}

function packageRoot(filename: string): string | undefined {
  let directory = dirname(filename);
  for (let depth = 0; depth < 30; depth++) {
    if (existsSync(join(directory, 'package.json'))) return directory;
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
  return undefined;
}

/** `HttpModule.register({ ... })` / `registerAsync(` / plain `HttpModule` in an imports list. */
export function readRegistrations(text: string): Registration {
  if (!text.includes('HttpModule')) return 'unknown';
  let found: Registration = 'unknown';
  for (const match of text.matchAll(/HttpModule(\s*\.\s*(register|registerAsync|forRoot)\s*\(([^]{0,400}))?/g)) {
    const method = match[2];
    if (method === undefined) {
      // the import statement names it too: only an occurrence in a list registers it, whether the list is written in
      // `imports: [...]` or kept in a constant first (`const MODULES = [SharedModule, HttpModule]; imports: MODULES`)
      const before = text.slice(Math.max(0, match.index - 200), match.index);
      if (/\[[^\]]*$/.test(before)) found = 'unbounded';
      continue;
    }
    if (method !== 'register') return 'bounded';
    const args = match[3] ?? '';
    const closing = args.indexOf(')');
    const call = closing >= 0 ? args.slice(0, closing) : args;
    if (/\btimeout\s*:/.test(call) || /\.\.\./.test(call) || !/^\s*\{/.test(call) && call.trim() !== '') return 'bounded';
    found = 'unbounded';
  }
  return found;
}

function scan(root: string): Registration {
  let visited = 0;
  let result: Registration = 'unknown';
  const stack = [root];
  while (stack.length > 0 && visited < MAX_FILES_VISITED) {
    const directory = stack.pop()!;
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      if (++visited > MAX_FILES_VISITED) break;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith('.')) stack.push(join(directory, entry.name));
        continue;
      }
      if (!/\.module\.[cm]?[jt]s$/.test(entry.name)) continue;
      const path = join(directory, entry.name);
      if (statSync(path).size > MAX_FILE_BYTES) continue;
      const found = readRegistrations(readFileSync(path, 'utf8'));
      if (found === 'bounded') return 'bounded';
      if (found === 'unbounded') result = 'unbounded';
    }
  }
  return result;
}
