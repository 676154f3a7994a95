import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { FileRole } from './file-settings.js';
import { nearestPackage, type PackageInfo } from './package-info.js';

// Roles a whole package, or a folder inside one, gives its files, read by the rules (the CLI's path globs cannot
// see them): a documentation site of the repository, a GitHub Action only the repository's own workflows run, and an
// adapter a test suite's container drives. None is a service others depend on: a docs page that hangs is bounded by its host's function timeout, a CI
// step by its job's; the fix a reviewer would act on belongs in the product's packages.

/** The role the file's package gives it, or undefined when its package says nothing (product code). */
export function packageRole(path: string): FileRole | undefined {
  const absolute = isAbsolute(path) ? path : resolve(path);
  const info = nearestPackage(dirname(absolute));
  if (!info) return undefined;
  if (isDrivenByTestSuite(dirname(absolute), info)) return 'test';
  if (info.published) return undefined;
  if (isDocsSite(info)) return 'docs';
  if (isOwnCiAction(dirname(absolute), info)) return 'tooling';
  return undefined;
}

/** Forget what was read of sites, actions and workflows (files changed): the next lint reads them again. */
export function forgetSitesAndActions(): void {
  actionFolderOf.clear();
  localActionsByRoot.clear();
  testRigFolders.clear();
}

// ---------------------------------------------------------------------------------------------------------------
// Documentation sites

/** Names a documentation site's package or folder goes by (`apps/docs`, `@acme/website`, `apps/guide`, `sdk-docs`). */
const DOCS_NAME = /^(?:docs?|documentation|website|site|guides?|handbook)$|^docs?-|-docs?$/;
/** Frameworks that build documentation sites: depending on one says what the site serves. */
const DOCS_FRAMEWORKS = [
  'fumadocs-core', 'fumadocs-ui', 'fumadocs-mdx', 'nextra', 'nextra-theme-docs', '@docusaurus/core', 'vitepress', 'vuepress',
  '@vuepress/core', '@astrojs/starlight', 'docz', 'mintlify', '@mintlify/components', 'typedoc',
];
/** Folders where a site built on a general framework (Next.js, Astro) keeps its documentation pages or their content. */
const DOCS_FOLDERS = ['app/docs', 'src/app/docs', 'pages/docs', 'src/pages/docs', 'content/docs', 'src/content/docs'];

const docsSites = new WeakMap<PackageInfo, boolean>();

/**
 * A package the repository does not publish, named as a documentation site (its folder or the last part of its name:
 * `docs`, `website`, `guide`...), that serves documentation: it depends on a documentation framework (Fumadocs,
 * Nextra, Docusaurus, VitePress, Starlight...) or keeps a `docs` section of pages or content. A product's web app
 * (`apps/web`, `apps/dashboard`) is named otherwise; a marketing site with no documentation is not one.
 */
function isDocsSite(info: PackageInfo): boolean {
  let known = docsSites.get(info);
  if (known === undefined) {
    const names = [basename(info.directory), info.name?.split('/').pop() ?? ''];
    known = names.some((name) => DOCS_NAME.test(name.toLowerCase()))
      && (DOCS_FRAMEWORKS.some((name) => info.dependencies.has(name)) || DOCS_FOLDERS.some((folder) => existsSync(join(info.directory, folder))));
    docsSites.set(info, known);
  }
  return known;
}

// ---------------------------------------------------------------------------------------------------------------
// Adapters a test suite drives

const COMPOSE_FILES = ['docker-compose.yml', 'docker-compose.yaml', 'compose.yml', 'compose.yaml'];
/** A Compose service whose image is a test suite: `image: ghcr.io/acme/sdk-test-harness:0.10.0`, `.../sdk-conformance:1`. */
const TEST_SUITE_IMAGE = /^\s*image\s*:\s*['"]?\S*?(?:test[-_]?harness|test[-_]?suite|conformance|compliance)[^\s/'"]*['"]?\s*$/m;
/** Per folder, whether its Compose file runs a test suite's image. */
const testRigFolders = new Map<string, boolean>();

/**
 * Whether code in `directory` is an adapter a test suite drives (an SDK's conformance adapter: an Express app the
 * suite's container calls, posting to the suite's mock server): the folder's own Compose file runs a test suite's
 * image beside it. Not the package's own folder, whose Compose file describes the product's services and may add a
 * test runner among them.
 */
function isDrivenByTestSuite(directory: string, info: PackageInfo): boolean {
  if (directory === info.directory) return false;
  let known = testRigFolders.get(directory);
  if (known === undefined) {
    known = COMPOSE_FILES.some((name) => TEST_SUITE_IMAGE.test(readText(join(directory, name))));
    if (testRigFolders.size >= MAX_CACHED) testRigFolders.clear();
    testRigFolders.set(directory, known);
  }
  return known;
}

// ---------------------------------------------------------------------------------------------------------------
// The repository's own GitHub Actions

const ACTION_FILES = ['action.yml', 'action.yaml'];
/** `branding:` at the top of an action's metadata: what the GitHub Marketplace asks of an action published there. */
const BRANDING = /^branding\s*:/m;
/** A workflow step running an action of this repository by its path: `uses: ./packages/actions/src/release`. */
const LOCAL_USES = /^\s*(?:-\s*)?uses\s*:\s*['"]?\.\/([^\s'"#@]+)/gm;

/** Per folder, the action (its folder, and its metadata's text) the folder's code belongs to, or null. */
const actionFolderOf = new Map<string, { folder: string; metadata: string } | null>();
/** Per repository root, the action folders its workflows run by path, relative to the root. */
const localActionsByRoot = new Map<string, string[]>();
const MAX_CACHED = 10_000;

/**
 * Whether code in `directory` belongs to a GitHub Action (a folder with `action.yml`, at or below its package's)
 * that only the repository's own workflows run: one of `.github/workflows` uses it by its path (`uses: ./...`), it
 * sits in a workspace package that is not the repository itself (an action repository is its own root package) and
 * is not published, and its metadata has no `branding` (what the Marketplace asks). CI tooling, like a script.
 */
function isOwnCiAction(directory: string, info: PackageInfo): boolean {
  const action = actionFolder(directory, info.directory);
  if (!action || BRANDING.test(action.metadata)) return false;
  const root = repositoryRoot(info.directory);
  if (root === undefined || root === info.directory) return false;
  const fromRoot = relative(root, action.folder).split(sep).join('/');
  return localActions(root).some((used) => used === fromRoot || used.endsWith(`/${fromRoot}`));
}

function actionFolder(directory: string, packageDirectory: string): { folder: string; metadata: string } | null {
  const cached = actionFolderOf.get(directory);
  if (cached !== undefined) return cached;
  let found: { folder: string; metadata: string } | null = null;
  const file = ACTION_FILES.map((name) => join(directory, name)).find((candidate) => existsSync(candidate));
  if (file) found = { folder: directory, metadata: readText(file) };
  else if (directory !== packageDirectory && directory.startsWith(packageDirectory)) found = actionFolder(dirname(directory), packageDirectory);
  if (actionFolderOf.size >= MAX_CACHED) actionFolderOf.clear();
  actionFolderOf.set(directory, found);
  return found;
}

/** The nearest folder above the package holding `.github/workflows`: the repository the workflows run in. */
function repositoryRoot(directory: string): string | undefined {
  for (let current = directory; ; current = dirname(current)) {
    if (existsSync(join(current, '.github', 'workflows'))) return current;
    if (dirname(current) === current) return undefined;
  }
}

/** The paths (relative to the root, without `./` or a trailing `/`) its workflows' steps run actions from. */
function localActions(root: string): string[] {
  let used = localActionsByRoot.get(root);
  if (!used) {
    const folder = join(root, '.github', 'workflows');
    let names: string[] = [];
    try {
      names = readdirSync(folder).filter((name) => /\.ya?ml$/.test(name));
    } catch {
      // unreadable: no workflow says anything
    }
    used = names.flatMap((name) => [...readText(join(folder, name)).matchAll(LOCAL_USES)].map((match) => match[1]!.replace(/\/+$/, '')));
    localActionsByRoot.set(root, used);
  }
  return used;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
