import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { projectDirectoryExists, projectFileExists, readProjectFile } from './files.js';

/**
 * Workspace packages by name, read from the root's package.json `workspaces` (npm, yarn), pnpm-workspace.yaml or lerna.json, for
 * code bases whose node_modules is not installed (a fresh clone, a CI lint step): there TypeScript finds no link to
 * follow. Returns the places a `name/subpath` import may mean, best first (the resolver probes extensions).
 */
export function workspacePackageFor(specifier: string, fromFile: string): string[] {
  const root = workspaceRootOf(dirname(fromFile));
  const parts = specifier.split('/');
  const nameLength = specifier.startsWith('@') ? 2 : 1;
  const name = parts.slice(0, nameLength).join('/');
  const directory = (root && workspacePackages(root).get(name)) ?? repositoryPackage(name, dirname(fromFile));
  if (!directory) return [];
  const subpath = parts.slice(nameLength).join('/');
  const manifest = readManifest(join(directory, 'package.json'));
  const entries = subpath ? subpathEntries(manifest, subpath) : mainEntries(manifest);
  const candidates = entries.flatMap((entry) => sourceCandidates(join(directory, entry)));
  // a path into the package's build output (`@scope/core/dist/git`) stands for its source (`src/git`) when that is here
  candidates.push(...(subpath ? [join(directory, 'src', subpath), ...sourceCandidates(join(directory, subpath))] : [join(directory, 'src', 'index'), join(directory, 'index')]));
  return candidates;
}

type Manifest = Record<string, unknown>;

const manifests = new Map<string, Manifest | null>();

function readManifest(path: string): Manifest | undefined {
  const cached = manifests.get(path);
  if (cached !== undefined) return cached ?? undefined;
  let manifest: Manifest | null = null;
  const text = projectFileExists(path) ? readProjectFile(path) : undefined;
  if (text !== undefined) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (typeof parsed === 'object' && parsed !== null) manifest = parsed as Manifest;
    } catch {
      manifest = null;
    }
  }
  manifests.set(path, manifest);
  return manifest ?? undefined;
}

const CONDITIONS = ['source', 'types', 'typings', 'import', 'module', 'default', 'require', 'node'];

/** The first path a conditional `exports` entry names, in the order a TypeScript-aware bundler prefers. */
function conditionalTarget(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  if (Array.isArray(target)) return target.map(conditionalTarget).find((found) => found !== undefined);
  if (typeof target !== 'object' || target === null) return undefined;
  const record = target as Record<string, unknown>;
  for (const condition of CONDITIONS) {
    const found = record[condition] === undefined ? undefined : conditionalTarget(record[condition]);
    if (found) return found;
  }
  return undefined;
}

function mainEntries(manifest: Manifest | undefined): string[] {
  if (!manifest) return [];
  const exports = manifest['exports'];
  const fromExports = typeof exports === 'object' && exports !== null && !Array.isArray(exports) && Object.keys(exports).some((key) => key.startsWith('.'))
    ? conditionalTarget((exports as Record<string, unknown>)['.'])
    : conditionalTarget(exports);
  return [fromExports, ...['source', 'types', 'typings', 'module', 'main'].map((key) => manifest[key])]
    .filter((entry): entry is string => typeof entry === 'string');
}

function subpathEntries(manifest: Manifest | undefined, subpath: string): string[] {
  const exports = manifest?.['exports'];
  if (typeof exports !== 'object' || exports === null || Array.isArray(exports)) return [];
  const record = exports as Record<string, unknown>;
  const exact = conditionalTarget(record[`./${subpath}`]);
  if (exact) return [exact];
  for (const [pattern, target] of Object.entries(record)) {
    const star = pattern.indexOf('*');
    if (star < 0 || !pattern.startsWith('./')) continue;
    const prefix = pattern.slice(2, star);
    const suffix = pattern.slice(star + 1);
    if (subpath.startsWith(prefix) && subpath.endsWith(suffix)) {
      const matched = subpath.slice(prefix.length, subpath.length - suffix.length);
      const resolved = conditionalTarget(target);
      if (resolved) return [resolved.replace('*', matched)];
    }
  }
  return [];
}

/** A built entry stands for its source: `dist/index.js` or `dist/index.d.ts` -> `src/index`, then itself. */
function sourceCandidates(entry: string): string[] {
  const bare = entry.replace(/\.d\.[mc]?ts$|\.[mc]?[jt]sx?$/, '');
  const built = bare.match(/^(.*)[\\/](dist|lib|build|out)[\\/](.*)$/);
  // a package built from `lib/` into `dist/` (tsconfig `rootDir: lib`, nango's packages) keeps its source there
  const candidates = built ? [join(built[1]!, 'src', built[3]!), ...(built[2] === 'lib' ? [] : [join(built[1]!, 'lib', built[3]!)])] : [];
  if (!/\.d\.[mc]?ts$/.test(entry)) candidates.push(entry);
  candidates.push(bare);
  return candidates;
}

const roots = new Map<string, string | null>();
const packagesByRoot = new Map<string, Map<string, string>>();

/** The nearest directory above whose package.json declares workspaces, or that holds pnpm-workspace.yaml or lerna.json. */
export function workspaceRootOf(directory: string): string | undefined {
  const cached = roots.get(directory);
  if (cached !== undefined) return cached ?? undefined;
  let found: string | undefined;
  if (projectFileExists(join(directory, 'pnpm-workspace.yaml')) || workspacePatterns(directory).length > 0) found = directory;
  else if (dirname(directory) !== directory && !directory.endsWith('node_modules')) found = workspaceRootOf(dirname(directory));
  roots.set(directory, found ?? null);
  return found;
}

/**
 * Whether the package in `folder` belongs to the workspace at `root`: the root itself, a member its globs list, or a
 * folder with no package of its own (a `package.json` without a name only sets the module type). A named package
 * the globs leave out (a fixture project under `fixtures/`) is a project of its own, as npm and pnpm read it.
 */
export function belongsToWorkspace(root: string, folder: string): boolean {
  if (folder === root || typeof readManifest(join(folder, 'package.json'))?.['name'] !== 'string') return true;
  return [...workspacePackages(root).values()].includes(folder);
}

function workspacePatterns(root: string): string[] {
  const manifest = readManifest(join(root, 'package.json'));
  const workspaces = manifest?.['workspaces'];
  const list = Array.isArray(workspaces) ? workspaces
    : typeof workspaces === 'object' && workspaces !== null ? (workspaces as Record<string, unknown>)['packages'] : undefined;
  const patterns = Array.isArray(list) ? list.filter((entry): entry is string => typeof entry === 'string') : [];
  // lerna's own list (`packages`, `packages/*` when left out), for repositories that declare no workspaces to npm
  const lerna = patterns.length === 0 && projectFileExists(join(root, 'lerna.json')) ? readManifest(join(root, 'lerna.json')) : undefined;
  if (lerna) {
    const listed = lerna['packages'];
    patterns.push(...(Array.isArray(listed) ? listed.filter((entry): entry is string => typeof entry === 'string') : ['packages/*']));
  }
  const pnpm = projectFileExists(join(root, 'pnpm-workspace.yaml')) ? readProjectFile(join(root, 'pnpm-workspace.yaml')) : undefined;
  if (pnpm !== undefined) {
    // `packages:` followed by `- 'glob'` lines: the only part of the file that names packages.
    const block = pnpm.match(/^packages:\s*\n((?:[ \t]*-.*\n?|[ \t]*#.*\n?|\s*\n)*)/m)?.[1] ?? '';
    for (const line of block.split('\n')) {
      const item = line.match(/^\s*-\s*['"]?([^'"#]+?)['"]?\s*(?:#.*)?$/)?.[1];
      if (item) patterns.push(item);
    }
  }
  return patterns.filter((pattern) => !pattern.startsWith('!'));
}

/**
 * The folders of the workspace packages (of the workspace `directory` sits in) that depend on the package named
 * `name`, in development too: who installs it from the workspace.
 */
export function workspaceDependents(name: string, directory: string): string[] {
  const root = workspaceRootOf(directory);
  if (!root) return [];
  const dependents: string[] = [];
  for (const folder of workspacePackages(root).values()) {
    const manifest = readManifest(join(folder, 'package.json'));
    const declares = (key: string) => {
      const listed = manifest?.[key];
      return typeof listed === 'object' && listed !== null && Object.hasOwn(listed, name);
    };
    if (['dependencies', 'devDependencies', 'peerDependencies'].some(declares)) dependents.push(folder);
  }
  return dependents;
}

const MAX_WORKSPACE_PACKAGES = 2_000;

const dependingManifests = new Map<string, string | null>();
const packagesBelowFolder = new Map<string, Map<string, string>>();

/**
 * A package kept in the repository but depended on by version, not declared a workspace (appcenter-cli's upload
 * client beside the CLI, a lerna repository without `workspaces`): the nearest package.json above the importing file
 * that lists `name` among its dependencies, and a folder at most two levels below it whose package has that name.
 */
function repositoryPackage(name: string, fromDirectory: string): string | undefined {
  const declaring = folderDepending(name, fromDirectory);
  return declaring === undefined ? undefined : packagesBelow(declaring).get(name);
}

function folderDepending(name: string, directory: string): string | undefined {
  const key = `${directory}\0${name}`;
  const cached = dependingManifests.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const manifest = readManifest(join(directory, 'package.json'));
  const declares = ['dependencies', 'devDependencies', 'optionalDependencies'].some((field) => {
    const listed = manifest?.[field];
    return typeof listed === 'object' && listed !== null && Object.hasOwn(listed, name);
  });
  const parent = dirname(directory);
  const found = declares ? directory
    : parent !== directory && !directory.endsWith('node_modules') && !projectDirectoryExists(join(directory, '.git')) ? folderDepending(name, parent) : undefined;
  dependingManifests.set(key, found ?? null);
  return found;
}

function packagesBelow(folder: string): Map<string, string> {
  let packages = packagesBelowFolder.get(folder);
  if (packages) return packages;
  packages = new Map();
  for (const directory of descendants(folder, 2)) {
    if (packages.size >= MAX_WORKSPACE_PACKAGES) break;
    const name = readManifest(join(directory, 'package.json'))?.['name'];
    if (typeof name === 'string' && !packages.has(name)) packages.set(name, directory);
  }
  packagesBelowFolder.set(folder, packages);
  return packages;
}

function workspacePackages(root: string): Map<string, string> {
  let packages = packagesByRoot.get(root);
  if (packages) return packages;
  packages = new Map();
  for (const pattern of workspacePatterns(root)) {
    for (const directory of expand(root, pattern.replace(/\/+$/, ''))) {
      if (packages.size >= MAX_WORKSPACE_PACKAGES) break;
      const name = readManifest(join(directory, 'package.json'))?.['name'];
      if (typeof name === 'string' && !packages.has(name)) packages.set(name, directory);
    }
  }
  packagesByRoot.set(root, packages);
  return packages;
}

/** Directories matching a workspace glob: literal segments, `*` (one level) and `**` (any depth, bounded). */
function expand(root: string, pattern: string): string[] {
  let current = [root];
  for (const segment of pattern.split('/')) {
    const next: string[] = [];
    for (const directory of current) {
      if (segment === '**') next.push(directory, ...descendants(directory, 3));
      else if (segment.includes('*')) {
        const matcher = new RegExp(`^${segment.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
        next.push(...children(directory).filter((child) => matcher.test(child)).map((child) => join(directory, child)));
      } else if (segment !== '.' && segment !== '') {
        if (projectDirectoryExists(join(directory, segment))) next.push(join(directory, segment));
      } else next.push(directory);
    }
    current = next;
  }
  return current;
}

function children(directory: string): string[] {
  try {
    return readdirSync(directory, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.'))
      .map((entry) => entry.name);
  } catch {
    return [];
  }
}

function descendants(directory: string, depth: number): string[] {
  if (depth === 0) return [];
  return children(directory).flatMap((child) => [join(directory, child), ...descendants(join(directory, child), depth - 1)]);
}

export function clearWorkspaceCaches(): void {
  manifests.clear();
  roots.clear();
  packagesByRoot.clear();
  dependingManifests.clear();
  packagesBelowFolder.clear();
}
