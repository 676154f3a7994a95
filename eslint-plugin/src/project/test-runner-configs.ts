import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

// The files a package's test runner runs around its tests, by what its Jest or Vitest configs name: a global set-up
// that starts the services the suite needs (`jest.e2e-global-setup.ts` at the package's root, named by
// `jest.e2e.config.ts`), a teardown, the set-up files run before each test file. They are test code wherever they sit
// and whatever they are called: a hang or an escaping failure there fails a test run, not a service.

/**
 * A test runner's config file at a package's root: `jest.config.ts`, `jest.e2e.config.ts`, `jest.config.e2e.js`,
 * `vitest.config.mts`, `vitest.integration.config.ts`, `vitest.workspace.ts`, and `vite.config.ts` (its `test` block).
 */
const CONFIG_FILE = /^(?:jest|vitest|vite)(?:[.-][\w-]+)*\.(?:config|workspace)(?:\.[\w-]+)*\.(?:[cm]?[jt]s|json)$/;

/** Whether `path` is such a config file. */
export function isTestRunnerConfig(path: string): boolean {
  return CONFIG_FILE.test(basename(path));
}

/** The options naming files the runner runs itself (Jest's and Vitest's names). */
const SETUP_OPTION = /\b(?:globalSetup|globalTeardown|setupFiles|setupFilesAfterEnv)\s*:\s*(\[[^\]]*\]|[^,\n}]+)/g;
const STRING_LITERAL = /(['"`])((?:(?!\1)[^\\\n]|\\.)*)\1/g;

/** Past this size a file is no hand-written config: not read. */
const MAX_CONFIG_LENGTH = 100_000;
const SOURCE_EXTENSIONS = ['', '.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];

/**
 * The absolute paths of the files the test-runner configs at the package's root (and its manifest's `jest` field)
 * name as global set-up, teardown or set-up files. Only paths of the package's own files (`./x.ts`,
 * `<rootDir>/test/setup.ts`, `path.join(__dirname, 'setup.ts')`): a module a set-up names by its package name
 * (`dotenv/config`, `jest-extended/all`) is no file of the package.
 */
export function testRunnerSetupFiles(directory: string, manifest: Record<string, unknown>): string[] {
  const texts: string[] = [];
  if (manifest['jest'] !== undefined) texts.push(JSON.stringify(manifest['jest']).replace(/"(\w+)":/g, '$1:'));
  for (const name of configFileNames(directory)) {
    try {
      const path = join(directory, name);
      if (statSync(path).size <= MAX_CONFIG_LENGTH) texts.push(readFileSync(path, 'utf8'));
    } catch {
      // unreadable: it names nothing
    }
  }
  const files = new Set<string>();
  for (const text of texts) {
    for (const [, value = ''] of text.matchAll(SETUP_OPTION)) {
      for (const [, , written = ''] of value.matchAll(STRING_LITERAL)) {
        const file = ownFile(directory, written);
        if (file) files.add(file);
      }
    }
  }
  return [...files];
}

function configFileNames(directory: string): string[] {
  try {
    return readdirSync(directory).filter((name) => CONFIG_FILE.test(name));
  } catch {
    return [];
  }
}

/** The package's own file a config names (`<rootDir>/x`, `./x`, `x.ts`), tried with the usual extensions; else undefined. */
function ownFile(directory: string, written: string): string | undefined {
  const relative = written.replace(/^<rootDir>\/?/, './');
  // a bare name with no extension is a module of a dependency (`dotenv/config`), not a file of the package
  if (!/^\.{1,2}\//.test(relative) && !/\.[cm]?[jt]s$/.test(relative)) return undefined;
  for (const extension of SOURCE_EXTENSIONS) {
    const candidate = resolve(directory, relative + extension);
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}
