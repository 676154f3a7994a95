import { readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';

// Where the code of an Nx project runs, by how its `project.json` builds or serves it. An Nx workspace may keep one
// package.json at its root for every project, listing React and NestJS alike: the manifest then says nothing of where
// one project's code runs, and its `project.json` does (amplication's React client, built by `@nx/webpack:webpack` for
// the web, beside NestJS servers built by the same executor with `target: 'node'`).

export type NxRuntime = 'browser' | 'server';

/** Executors that build or serve code for a browser (or a device's web view). */
const WEB_EXECUTOR = /^@(?:nx|nrwl)\/(?:web|vite|angular|react|react-native|expo|storybook):|^@angular-devkit\/build-angular:(?:browser|application|browser-esbuild|dev-server)$|^@(?:nx|nrwl)\/(?:webpack|rspack):dev-server$/;
/** Executors that build or run code for Node.js. */
const NODE_EXECUTOR = /^@(?:nx|nrwl)\/(?:node|nest):|^@(?:nx|nrwl)\/js:node$/;
/** Bundlers whose output runs where their `target` (webpack, rspack) or `platform` (esbuild) option says. */
const BUNDLER_EXECUTOR = /^@(?:nx|nrwl)\/(?:webpack:webpack|rspack:rspack|esbuild:esbuild)$/;
/** The targets read, in order: how the project is built says the most, then how it is served. */
const TARGETS_READ = ['build', 'serve'];

/** What a folder's project.json says: a runtime, `silent` (it says nothing), `absent` (there is none). */
type ProjectAnswer = NxRuntime | 'silent' | 'absent';

const answerByDirectory = new Map<string, ProjectAnswer>();
const MAX_CACHED_DIRECTORIES = 10_000;

/** Forget what project.json files said (one changed): the next question reads them again. */
export function forgetNxProjects(): void {
  answerByDirectory.clear();
}

/**
 * Where the Nx project holding `file` runs, by the nearest `project.json` from the file's folder up to `packageDirectory`
 * (the folder of its nearest package.json, included), when its build or serve target says; undefined when it does not
 * (a library built by `@nx/js:tsc`, a Next.js app, which holds both halves) or there is none.
 */
export function nxProjectRuntime(file: string, packageDirectory: string): NxRuntime | undefined {
  for (let directory = dirname(file); directory === packageDirectory || directory.startsWith(packageDirectory + sep); directory = dirname(directory)) {
    const answer = projectAnswer(directory);
    if (answer !== 'absent') return answer === 'silent' ? undefined : answer;
    if (directory === packageDirectory) break;
  }
  return undefined;
}

function projectAnswer(directory: string): ProjectAnswer {
  let answer = answerByDirectory.get(directory);
  if (answer === undefined) {
    const project = readProject(join(directory, 'project.json'));
    answer = project === undefined ? 'absent' : runtimeOf(project) ?? 'silent';
    if (answerByDirectory.size >= MAX_CACHED_DIRECTORIES) answerByDirectory.clear();
    answerByDirectory.set(directory, answer);
  }
  return answer;
}

function readProject(path: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined; // none there, or not JSON
  }
}

function runtimeOf(project: Record<string, unknown>): NxRuntime | undefined {
  const targets = project['targets'];
  if (typeof targets !== 'object' || targets === null) return undefined;
  for (const name of TARGETS_READ) {
    const target = (targets as Record<string, unknown>)[name];
    if (typeof target !== 'object' || target === null) continue;
    const { executor, options } = target as { executor?: unknown; options?: unknown };
    if (typeof executor !== 'string') continue;
    const runtime = executorRuntime(executor, typeof options === 'object' && options !== null ? options as Record<string, unknown> : {});
    if (runtime) return runtime;
  }
  return undefined;
}

/**
 * `@nx/webpack:webpack` builds for the web unless its `target` says `node` (its default is `web`), as rspack does;
 * `@nx/esbuild:esbuild` builds for Node unless its `platform` says `browser`.
 */
function executorRuntime(executor: string, options: Record<string, unknown>): NxRuntime | undefined {
  if (WEB_EXECUTOR.test(executor)) return 'browser';
  if (NODE_EXECUTOR.test(executor)) return 'server';
  if (!BUNDLER_EXECUTOR.test(executor)) return undefined;
  if (executor.endsWith(':esbuild')) return options['platform'] === 'browser' ? 'browser' : 'server';
  const target = options['target'];
  return target === undefined || target === 'web' || target === 'webworker' ? 'browser' : typeof target === 'string' && /node/.test(target) ? 'server' : undefined;
}
