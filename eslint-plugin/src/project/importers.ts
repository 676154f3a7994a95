import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { ownCopy, projectFileExists, readProjectFile, walkProjectFiles } from './files.js';
import { resolveProjectModule } from './resolution.js';
import { endsTypeOnlyStatement } from './type-only-imports.js';
import { belongsToWorkspace, workspaceRootOf } from './workspaces.js';

/**
 * Which modules of the project import a given module: what a module is for when its own path and code do not say
 * (a REST client under `src/` that only end-to-end tests import; a helper only a page's components use). A type-only
 * import is none: the build erases it, and the module is not loaded where it is written.
 *
 * The index is built once per project root, lazily, when a rule first asks: every source file's import specifiers,
 * keyed by the specifier's last segment (`./novu-base-client` → `novu-base-client`). A question then resolves only
 * the specifiers that may name the module, with the project's own resolver (tsconfig paths, workspace packages).
 * Bounded: past `MAX_FILES` source files, or `MAX_CANDIDATES` specifiers that may name one module, the answer is
 * undefined (unknown), and the caller keeps what the file itself says.
 */
export interface Importer {
  readonly file: string;
  /** Its path below the project's root, for path roles (the folder the project is checked out in never counts). */
  readonly relativePath: string;
}

const MAX_FILES = 20_000;
const MAX_TEXT = 200_000_000;
const MAX_CANDIDATES = 400;
const SOURCE_FILE = /\.(?:[cm]?[jt]sx?|vue|svelte|astro)$/;
const SPECIFIER = /\b(?:from|import|require)\s*\(?\s*['"]([^'"\n]+)['"]/g;
/** `join(__dirname, '..', 'builtins', 'deploy-delegates', location)`: written segments, then one chosen at run time. */
const COMPUTED_PATH = /\b(?:join|resolve)\(\s*__dirname((?:\s*,\s*['"][^'"\n]+['"])+)\s*,\s*[A-Za-z_$]/g;

interface ImportIndex {
  /** Last segment of a specifier (no extension) → the files using such a specifier, with it. */
  readonly bySegment: Map<string, { file: string; specifier: string }[]>;
  /** Folders a module loads modules from by a path it computes (`path.join(__dirname, 'deploy-delegates', name)`). */
  readonly loadedFolders: readonly string[];
  readonly answers: Map<string, readonly Importer[] | null>;
}

const indexes = new Map<string, ImportIndex | null>();

/** The project's modules importing `file` (directly, by any specifier that resolves to it), or undefined when unknown. */
export function importersOf(file: string): readonly Importer[] | undefined {
  const root = projectRootOf(dirname(file));
  if (!root) return undefined;
  const index = indexFor(root);
  if (!index) return undefined;
  const cached = index.answers.get(file);
  if (cached !== undefined) return cached ?? undefined;
  const answer = findImporters(index, root, file);
  index.answers.set(file, answer ?? null);
  return answer;
}

/**
 * Whether a module sits in a folder another module loads modules from by a path it computes (ask-cli's deploy
 * delegates, required by the name a project's configuration gives): no import names it, yet the program runs it.
 */
export function loadedByComputedPath(file: string): boolean {
  const root = projectRootOf(dirname(file));
  const index = root === undefined ? undefined : indexFor(root);
  return index?.loadedFolders.some((folder) => file.startsWith(folder + sep)) === true;
}

function findImporters(index: ImportIndex, root: string, file: string): readonly Importer[] | undefined {
  const stem = basename(file).replace(/\.[^.]+$/, '');
  const segments = stem === 'index' ? [stem, basename(dirname(file))] : [stem];
  const named = segments.flatMap((segment) => index.bySegment.get(segment) ?? []);
  // A common stem (`service`, `utils`, `actions`) is named by hundreds of specifiers: the relative ones that point
  // elsewhere are told apart by their path alone, and the rest, when still too many, by the folder they name.
  const withoutExtension = file.replace(SOURCE_EXTENSION, '');
  const folder = dirname(file);
  const mayName = ({ file: importer, specifier }: { file: string; specifier: string }): boolean => {
    if (!specifier.startsWith('.')) return true;
    const target = resolve(dirname(importer), specifier).replace(SOURCE_EXTENSION, '');
    return target === withoutExtension || (stem === 'index' && target === folder);
  };
  let candidates = named.filter(mayName);
  if (candidates.length > MAX_CANDIDATES) candidates = candidates.filter(({ specifier }) => namesFolderOf(specifier, file, stem));
  if (candidates.length > MAX_CANDIDATES) return undefined;
  const importers = new Map<string, Importer>();
  for (const { file: importer, specifier } of candidates) {
    if (importer === file || importers.has(importer)) continue;
    if (resolveProjectModule(specifier, importer) !== file) continue;
    importers.set(importer, { file: importer, relativePath: relative(root, importer) });
  }
  return [...importers.values()];
}

const SOURCE_EXTENSION = /\.[cm]?[jt]sx?$/;

/**
 * Whether a specifier that is no relative path (a tsconfig alias, a workspace package) names the folder the file sits
 * in as its own parent (`@/lib/notion/service` for `lib/notion/service.ts`), or the folder itself for an index file.
 * Only asked past the bound: an alias mapping a folder to another name (`@org/service` for `lib/organization/`) is
 * then missed, where otherwise nothing at all would be known.
 */
function namesFolderOf(specifier: string, file: string, stem: string): boolean {
  if (specifier.startsWith('.')) return true;
  const parts = specifier.replace(/\/+$/, '').split('/');
  const folder = basename(dirname(file));
  return stem === 'index' ? parts.at(-1) === folder || parts.at(-2) === folder : parts.at(-2) === folder;
}

/** The workspace root the module's package belongs to, else the nearest folder with a package.json. */
function projectRootOf(directory: string): string | undefined {
  const workspace = workspaceRootOf(directory);
  const nearest = nearestPackageFolder(directory);
  return workspace && (nearest === undefined || belongsToWorkspace(workspace, nearest)) ? workspace : nearest;
}

function nearestPackageFolder(directory: string): string | undefined {
  for (let current = directory; dirname(current) !== current; current = dirname(current)) {
    if (basename(current) === 'node_modules') return undefined;
    if (projectFileExists(join(current, 'package.json'))) return current;
  }
  return undefined;
}

function indexFor(root: string): ImportIndex | undefined {
  const cached = indexes.get(root);
  if (cached !== undefined) return cached ?? undefined;
  const index = buildIndex(root);
  indexes.set(root, index ?? null);
  return index;
}

function buildIndex(root: string): ImportIndex | undefined {
  const bySegment = new Map<string, { file: string; specifier: string }[]>();
  const loadedFolders: string[] = [];
  let files = 0;
  let characters = 0;
  const complete = walkProjectFiles(root, {
    file(path, name) {
      if (!SOURCE_FILE.test(name) || /\.d\.[cm]?ts$/.test(name)) return true;
      if (++files > MAX_FILES) return false;
      const text = readProjectFile(path);
      if (text === undefined) return true;
      characters += text.length;
      if (characters > MAX_TEXT) return false;
      for (const match of text.matchAll(SPECIFIER)) {
        const specifier = match[1]!;
        if (!specifier.startsWith('.') && !specifier.includes('/')) continue; // a bare package name: not one module of ours
        // `import type { Router } from './router'`: erased by the build, the browser's tRPC client never loads the router
        if (match[0].startsWith('from') && endsTypeOnlyStatement(text, match.index)) continue;
        // a key cut from the file's text would keep the whole text for the index's life
        const segment = ownCopy(basename(specifier).replace(SOURCE_EXTENSION, ''));
        const list = bySegment.get(segment) ?? [];
        if (list.length === 0) bySegment.set(segment, list);
        list.push({ file: path, specifier: (` ${specifier}`).slice(1) });
      }
      for (const match of text.matchAll(COMPUTED_PATH)) {
        const segments = [...match[1]!.matchAll(/['"]([^'"\n]+)['"]/g)].map((segment) => segment[1]!);
        loadedFolders.push(resolve(dirname(path), ...segments));
      }
      return true;
    },
  });
  return complete ? { bySegment, loadedFolders, answers: new Map() } : undefined;
}

/** Files were created, changed or deleted: build the index again when next asked. */
export function forgetImporters(): void {
  indexes.clear();
}
