import { dirname, resolve } from 'node:path';

/** What a package's `package.json` says it runs: by hand (its npm scripts), as a service, or as what it ships. */

/**
 * `node extra/x.js`, `tsx ./scripts/y.ts`, `node --experimental-strip-types tools/z.ts`: the file a runtime runs,
 * past the options whose value is a separate word (`--loader ./alias-loader.mjs`, `-r dotenv/config`), which would
 * otherwise be taken for the file.
 */
const RUN_FILE = /(?:^|[\s;&|(])(?:node|nodemon|tsx|ts-node(?:-esm)?|bun|zx|vite-node|esno|esr|babel-node|deno\s+run)\s+(?:(?:--(?:loader|experimental-loader|import|require|env-file|conditions|tsconfig|title)|-[rC])\s+\S+\s+|-{1,2}[\w-]+(?:=\S+)?\s+)*['"]?((?:\.{1,2}\/)?[\w@.-]+(?:\/[\w@.-]+)*\.[cm]?[jt]sx?)\b/g;
/**
 * npm scripts that run the package's service, whose folder is product code: `start`, `dev`, `serve`, `worker`, alone or
 * naming one of the service's processes (`start:api`, `dev-main`, `dev-workers`, `start:npm-worker`), unless what
 * follows names a one-off task or a test (`dev:seed`, `start:migrate`, `dev:example`, `start:e2e:server`).
 */
const SERVICE_SCRIPT = /^(?:start|serve|server|dev|prod|preview|worker|workers|consumer)(?:[:-](?!(?:seed|migrat|reset|setup|init|clean|gen|codegen|build|lint|test|e2e|mock|example|fixture|script)\w*)[\w:.-]+)?$/;

/** npm scripts that may start a long-running process of the product: a worker, a consumer, a scheduler. */
const PROCESS_SCRIPT = /^(?:start|serve|server|dev|prod|preview|worker|workers|consumer|cron|scheduler|queue|jobs?|api|app|run|watch)(?:[:-]|$)/;

/**
 * The files the package's npm scripts run by hand, one-off (`"ingest": "tsx src/ingest.ts"`, `"db:seed": "node
 * tools/seed.js"`): not its `main`, not a `bin`, not run by a script that may start a process of the product.
 */
export function scriptFiles(directory: string, manifest: Record<string, unknown>, bins: readonly string[]): string[] {
  return filesRunBy(directory, manifest, bins, () => true);
}

/**
 * npm scripts that run the package's tests, by a part of their name: `test`, `test:integration:nest-v1`, `e2e`,
 * `ci:e2e`, `smoke-test`, `conformance`. Not `pretest` or `posttest` (npm's hooks around the tests: a build, a clean).
 */
const TEST_SCRIPT = /(?:^|[:._-])(?:tests?|e2e|integration|smoke|conformance)(?:[:._-]|$)/;

/**
 * The files the package's test scripts run (`"test:integration:v1": "node harness/v1/verify.mjs"`): a harness that
 * starts the product and checks it, test code whatever it does to run (signal handlers that stop the server it
 * spawned, a listener for its mock). Not a file a script that may start a process of the product runs too, nor a `bin`
 * or `main`.
 */
export function testScriptFiles(directory: string, manifest: Record<string, unknown>, bins: readonly string[]): string[] {
  return filesRunBy(directory, manifest, bins, (name) => TEST_SCRIPT.test(name));
}

/** The files run by the npm scripts `chosen` picks, less those a `bin`, `main` or a process script runs. */
function filesRunBy(directory: string, manifest: Record<string, unknown>, bins: readonly string[], chosen: (script: string) => boolean): string[] {
  const scripts = manifest['scripts'];
  if (typeof scripts !== 'object' || scripts === null) return [];
  const main = typeof manifest['main'] === 'string' ? resolve(directory, manifest['main']) : undefined;
  const picked = new Set<string>();
  const asProcess = new Set<string>([...bins, ...(main ? [main] : [])]);
  for (const [name, command] of Object.entries(scripts)) {
    if (typeof command !== 'string') continue;
    const into = PROCESS_SCRIPT.test(name) ? asProcess : chosen(name) ? picked : undefined;
    for (const match of command.matchAll(RUN_FILE)) into?.add(resolve(directory, match[1]!));
  }
  return [...picked].filter((file) => !asProcess.has(file));
}
/** The files that start the package's processes: its `main`, its `bin`s, and those its process scripts run. */
export function processFiles(directory: string, manifest: Record<string, unknown>, bins: readonly string[]): string[] {
  const files = new Set<string>(bins);
  if (typeof manifest['main'] === 'string') files.add(resolve(directory, manifest['main']));
  const scripts = manifest['scripts'];
  if (typeof scripts !== 'object' || scripts === null) return [...files];
  for (const [name, command] of Object.entries(scripts)) {
    if (typeof command !== 'string' || !PROCESS_SCRIPT.test(name)) continue;
    for (const match of command.matchAll(RUN_FILE)) files.add(resolve(directory, match[1]!));
  }
  return [...files];
}

/** The folders of scripts its npm scripts run (see `isInScriptFolder` in file-roles.ts). */
export function scriptFolders(directory: string, manifest: Record<string, unknown>, bins: readonly string[]): string[] {
  const scripts = manifest['scripts'];
  if (typeof scripts !== 'object' || scripts === null) return [];
  const runs = new Map<string, Set<string>>();
  const serviceFolders = new Set(bins.map((bin) => dirname(bin)));
  if (typeof manifest['main'] === 'string') serviceFolders.add(dirname(resolve(directory, manifest['main'])));
  for (const [name, command] of Object.entries(scripts)) {
    if (typeof command !== 'string') continue;
    for (const match of command.matchAll(RUN_FILE)) {
      const file = resolve(directory, match[1]!);
      const folder = dirname(file);
      if (SERVICE_SCRIPT.test(name)) serviceFolders.add(folder);
      runs.set(folder, (runs.get(folder) ?? new Set()).add(file));
    }
  }
  return [...runs].filter(([folder, files]) => files.size >= 2 && folder !== directory && !serviceFolders.has(folder)).map(([folder]) => folder);
}

/** npm lifecycle scripts that run on the machines of the package's users when they install it. */
const INSTALL_SCRIPT = /^(?:preinstall|install|postinstall)$/;

/**
 * The files a package names as what it ships or starts: `bin`, `main`, `module`, `browser`, every path of `exports`,
 * what a script that may start a process of the product runs (`start`, `dev`, `worker`...), and its install hooks.
 * Absolute paths as written: a built file (`dist/cli.js`) stands for its source (`src/cli.ts`) by its name.
 */
export function packageEntries(directory: string, manifest: Record<string, unknown>): string[] {
  const named = ['bin', 'main', 'module', 'browser', 'exports'].flatMap((key) => stringLeaves(manifest[key]));
  const scripts = manifest['scripts'];
  if (typeof scripts === 'object' && scripts !== null) {
    for (const [name, command] of Object.entries(scripts)) {
      if (typeof command !== 'string' || !(PROCESS_SCRIPT.test(name) || INSTALL_SCRIPT.test(name))) continue;
      for (const match of command.matchAll(RUN_FILE)) named.push(match[1]!);
    }
  }
  return named.map((path) => resolve(directory, path));
}

/** Every string in a `bin`/`exports` value, however nested (`{ ".": { import: "./dist/index.mjs" } }`). */
function stringLeaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null) return [];
  return Object.values(value).flatMap(stringLeaves);
}
