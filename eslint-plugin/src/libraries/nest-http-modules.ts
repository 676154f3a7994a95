import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * How a NestJS project registers `HttpModule` (`@nestjs/axios`): the injected `HttpService` is bounded by the
 * options of that registration, which lives in a `*.module.ts` file, not where the service calls it.
 * - 'bounded': some registration sets `timeout`, or is configured in a way not readable here (`registerAsync`);
 * - 'unbounded': every registration found is plain `HttpModule` or `register()` without `timeout` (axios' default: none);
 * - 'unknown': no registration found.
 * NestJS scopes a registration to the module that imports it: a service gets the HttpService of the module that
 * provides it. So the modules that name the injecting class (or, for a function handed the service, the classes of
 * the files importing it) decide, when one of them registers HttpModule; else every registration of the package does.
 * The scan is bounded (files visited, file size) and cached per package for a few seconds.
 */
export type Registration = 'bounded' | 'unbounded' | 'unknown';

// a large NestJS package (ever-gauzy's core: some 2,700 sources) is read whole, or its modules' scopes are not seen
const MAX_FILES_VISITED = 20_000;
const MAX_FILE_BYTES = 200_000;
const CACHE_MS = 5_000;
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', 'build', '.git', 'coverage', '.next', 'out']);

interface ModuleFile { text: string; registration: Registration }
interface PackageScan { modules: ModuleFile[]; sources: string[]; importers: Map<string, string[]>; at: number }

const cache = new Map<string, PackageScan>();

/**
 * The registration that bounds an HttpService used in `filename`: in the class `injectingClass`, or, with none, in
 * a function of the file that is handed the service.
 */
export function httpModuleRegistration(filename: string, injectingClass?: string): Registration {
  const root = packageRoot(filename);
  if (root === undefined) return 'unknown';
  let scan: PackageScan | undefined;
  try {
    scan = packageScan(root);
  } catch {
    return 'unknown';
  }
  const classes = injectingClass ? [injectingClass] : importingClasses(scan, filename);
  const providing = scan.modules.filter((module) => module.registration !== 'unknown' && classes.some((name) => namesIdentifier(module.text, name)));
  return combined(providing.length > 0 ? providing : scan.modules);
}

/** Any registration with a bound bounds the service; else any without one leaves it unbounded. */
function combined(modules: readonly ModuleFile[]): Registration {
  if (modules.some((module) => module.registration === 'bounded')) return 'bounded';
  return modules.some((module) => module.registration === 'unbounded') ? 'unbounded' : 'unknown';
}

function namesIdentifier(text: string, name: string): boolean {
  return new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(text);
}

/** The classes declared in the package's files that import `filename` (`from './verify-tokens'`). */
function importingClasses(scan: PackageScan, filename: string): string[] {
  const known = scan.importers.get(filename);
  if (known) return known;
  const stem = basename(filename).replace(/\.[cm]?[jt]sx?$/, '');
  if (!/^[\w.-]+$/.test(stem)) return [];
  const importer = new RegExp(`from\\s*['"][^'"]*/${stem.replace(/[.]/g, '\\.')}(?:\\.[cm]?js)?['"]`);
  const classes: string[] = [];
  for (const path of scan.sources) {
    if (path === filename || statSync(path).size > MAX_FILE_BYTES) continue;
    const text = readFileSync(path, 'utf8');
    if (!text.includes(stem) || !importer.test(text)) continue;
    for (const match of text.matchAll(/\bclass\s+([A-Za-z_$][\w$]*)/g)) classes.push(match[1]!);
  }
  scan.importers.set(filename, classes);
  return classes;
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

function packageScan(root: string): PackageScan {
  const cached = cache.get(root);
  const now = Date.now();
  if (cached && now - cached.at < CACHE_MS) return cached;
  const scan: PackageScan = { modules: [], sources: [], importers: new Map(), at: now };
  let visited = 0;
  const stack = [root];
  while (stack.length > 0 && visited < MAX_FILES_VISITED) {
    const directory = stack.pop()!;
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      if (++visited > MAX_FILES_VISITED) break;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith('.')) stack.push(join(directory, entry.name));
        continue;
      }
      if (!/\.[cm]?[jt]s$/.test(entry.name) || /\.d\.[cm]?ts$/.test(entry.name)) continue;
      const path = join(directory, entry.name);
      if (!/\.module\.[cm]?[jt]s$/.test(entry.name)) {
        scan.sources.push(path);
        continue;
      }
      if (statSync(path).size > MAX_FILE_BYTES) continue;
      const text = readFileSync(path, 'utf8');
      scan.modules.push({ text, registration: readRegistrations(text) });
    }
  }
  cache.set(root, scan);
  return scan;
}
