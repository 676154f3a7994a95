import { dirname, isAbsolute, resolve, sep } from 'node:path';
import { Minimatch } from 'minimatch';
import { forgetLastEnvironment } from './file-environment.js';
import { listedInIgnoreFile } from './ignore-file.js';
import { MATCH_OPTIONS, overrideFor, toPosix, type FileRole, type FileSettings } from './file-settings.js';
import { forgetPackages, isRunByTestScript, nearestPackage } from './package-info.js';
import { forgetGherkinSuites, inGherkinSuite } from './gherkin-suites.js';
import { forgetSitesAndActions, packageRole } from './package-roles.js';
import { forgetTemplateFolders, isTemplateByItsSurroundings, TEMPLATE_FOLDER_GLOBS } from './template-files.js';

// What the editor's server imports through the package's `./file-roles` entry, with the roles.
export { NO_FILE_SETTINGS, parseFileSettings, type FileRole, type FileSettings } from './file-settings.js';
export { LINTED_EXTENSIONS, walkLintedFiles, type LintedFileWalk } from './linted-files.js';

// Which files matter, decided once for the CLI (which files to lint), the editor (which files of the workspace, and
// whether an open file) and the rules (generated code, tests and scripts by their code or package). Where a file
// runs is file-environment.ts's; what its package says, package-info.ts's.
//
// A file's role comes from, in order: `settings.resilint.files.roles`, a generated-code header, its path. Only
// `product` code is linted by default: a gap in an example, a script, a test or generated code is not one a reviewer
// acts on there (the fix belongs in the product code or in the generator).

/**
 * The folders a source tree is kept in. A `tools` folder inside one holds what the product runs (an agent's tools, an
 * MCP server's tools: `packages/components/nodes/tools/`, `server/tools/`), not the repository's build tooling.
 */
const SOURCE_TREES = 'src|source|lib|server|app|api|backend|nodes';
const OUTSIDE_SOURCE = `!(${SOURCE_TREES})/`;
/**
 * A build's output folder, at most four levels down where no source tree holds it: at the root or in a package
 * (`build/`, `packages/web/build/`, `apps/mobile/android/app/build/`). One anywhere below `src/` (`src/build/`,
 * `src/commands/build/`: the code of a CLI's `build` command) is source.
 */
const OUTSIDE_SOURCES = Array.from({ length: 5 }, (_, depth) => '!(src|source)/'.repeat(depth));
const BUILD_FOLDER = `{${OUTSIDE_SOURCES.join(',')}}build/`;
/**
 * A coverage report: at the root, or in a package of a monorepo (`packages/api/coverage/`). Elsewhere a `coverage/`
 * folder is as often a feature's modules (a CI server's `plugins/coverage/` routes).
 */
const COVERAGE_FOLDER = '{,{packages,apps,libs,services}/*/}coverage/';

/** Never linted, whatever the flags: dependencies, version control, build output and caches, type declarations. */
export const NEVER_LINTED = [
  '**/node_modules/', '**/bower_components/', '**/.git/', '**/.yarn/', '**/dist/', BUILD_FOLDER, '**/out/', COVERAGE_FOLDER,
  '**/.next/', '**/.nuxt/', '**/.output/', '**/.svelte-kit/', '**/.vercel/', '**/.turbo/', '**/.cache/',
  '**/*.d.ts', '**/*.d.mts', '**/*.d.cts',
];

/**
 * Build tooling: `tools/` (or `tooling/`, or a code generator's `generate/` or `codegen/`) at the root, or at most two folders down (a package's own: `packages/web/tools/`)
 * outside a source tree; deeper, or below one, it is product code. Written as one brace glob so that ESLint's ignores
 * (which read a leading `!` as "unignore") take it as it is.
 */
const TOOLS_FOLDER = `{,${OUTSIDE_SOURCE},${OUTSIDE_SOURCE}${OUTSIDE_SOURCE}}{tools,tooling,generate,codegen}/**`;
/**
 * `script/` (singular, the Rails and "scripts to rule them all" habit), where `tools/` is taken: at the root or in a
 * package (`packages/db/script/`); inside a source tree it may be the app's own scripting feature.
 */
const SCRIPT_FOLDER = `{,${OUTSIDE_SOURCE},${OUTSIDE_SOURCE}${OUTSIDE_SOURCE}}script/**`;
/**
 * Model evaluations (`evals/`, evalite's and vitest-evals' habit): suites that score prompts, run by hand or in CI like
 * tests. Placed as `script/` is: inside a source tree an `evals/` folder may be an LLM platform's own evaluation feature.
 */
const EVALS_FOLDER = `{,${OUTSIDE_SOURCE},${OUTSIDE_SOURCE}${OUTSIDE_SOURCE}}{evals,eval}/**`;
/**
 * The small apps a repository's own test suites start (`fixtures/worker-app/`, `__fixtures__/`), placed as `script/`
 * is: inside a source tree `fixtures/` may be the product's own word (a sports app's match fixtures).
 */
const FIXTURES_FOLDER = `{,${OUTSIDE_SOURCE},${OUTSIDE_SOURCE}${OUTSIDE_SOURCE}}{fixtures,__fixtures__}/**`;
/**
 * A package's playground (`packages/vite-plugin/playground/`): apps to try the package by hand or drive its e2e
 * suites, read as examples. Placed as `script/` is: inside a source tree it may be a product's own feature.
 */
const PLAYGROUND_FOLDER = `{,${OUTSIDE_SOURCE},${OUTSIDE_SOURCE}${OUTSIDE_SOURCE}}{playground,playgrounds}/**`;

/** Paths that say a file is not product code. Folder names match at any depth; the data is shared by every reader. */
const ROLE_PATHS: readonly { role: Exclude<FileRole, 'product'>; glob: string }[] = [
  { role: 'test', glob: '**/{*.test.*,*.spec.*,*.e2e.*,*.e2e-spec.*,*_test.*,*_spec.*,*.eval.*}' },
  { role: 'test', glob: EVALS_FOLDER },
  { role: 'test', glob: FIXTURES_FOLDER },
  // (not a CLI's `test` command: `src/commands/test/` holds what `cli test run` does)
  { role: 'test', glob: '{,**/!(commands)/}{test,tests,__*tests__,__mocks__,mocks,e2e,*-test,*-tests,*_test,*_tests,testProjects,test-projects}/**' },
  // An end-to-end harness named for it: `__e2e__/`, or a package `amplify-e2e-core` / `e2e-utils` / `web-e2e` beside
  // the suites it drives. "e2e" must be a whole word of the folder's name.
  { role: 'test', glob: '**/{__e2e__,*-e2e,e2e-*,*-e2e-*,*_e2e,e2e_*}/**' },
  // Test tooling kept as packages or folders of their own (a harness, helpers, a published e2e client, the plugins a
  // dev server loads to reproduce an issue, an app to try an embed by hand)
  { role: 'test', glob: '**/{testing,test-harness,test-utils,test-helpers,testutils,test-support,test-plugins,test-fixtures,test-embed,test-app,test-apps}/**' },
  // Folders named after a browser test runner hold its suites, set-up and helpers. Not puppeteer: scrapers use it.
  { role: 'test', glob: '**/{cypress,playwright,testcafe}/**' },
  { role: 'example', glob: '**/{examples,example,samples,sample,*-examples,*-example,*_examples,*-samples}/**' },
  { role: 'example', glob: PLAYGROUND_FOLDER },
  // Storybook's stories: a component shown with sample data, by hand or in a visual test
  { role: 'example', glob: '**/*.stories.*' },
  // Code a tool copies into its users' projects (template-files.ts says which folder names)
  ...TEMPLATE_FOLDER_GLOBS.map((glob) => ({ role: 'template' as const, glob })),
  { role: 'script', glob: '**/{scripts,.scripts}/**' },
  { role: 'script', glob: SCRIPT_FOLDER },
  // One-off data scripts a migration or seeding tool runs: a hang there stops a deploy step, not a service.
  { role: 'script', glob: '**/{migrations,seeds,seeders}/**' },
  { role: 'script', glob: '**/{seed,seed-*,*.seed,*-seed}.{js,cjs,mjs,ts,cts,mts}' },
  { role: 'tooling', glob: TOOLS_FOLDER },
  { role: 'tooling', glob: '**/{.github,.husky,.storybook}/**' },
  { role: 'tooling', glob: '**/{*.config.*,*.conf.*,.eslintrc.*,gulpfile.*,Gruntfile.*}' },
  { role: 'benchmark', glob: '**/{benchmarks,benchmark,bench,load-testing,load-tests,load-test,loadtest,loadtests,stress-tests}/**' },
  { role: 'benchmark', glob: '**/*.bench.*' },
  { role: 'generated', glob: '**/{__generated__,generated}/**' },
  // a bundler's output named for it (`messengerWidget.bundle.js` served by a back end), which may not even parse as a module
  { role: 'generated', glob: '**/{*.gen.*,*.generated.*,*_pb.*,*.min.js,*.min.mjs,*.min.cjs,*.bundle.js,*.bundle.mjs,*.bundle.cjs}' },
];

const ROLE_MATCHERS = ROLE_PATHS.map(({ role, glob }) => ({ role, matcher: new Minimatch(glob, MATCH_OPTIONS) }));

/** The globs (relative to the folder being linted) of the files a default run skips, for ESLint's `ignores`. */
export function skippedRoleGlobs(lintedRoles: ReadonlySet<FileRole> = new Set(['product'])): string[] {
  return ROLE_PATHS.filter(({ role }) => !lintedRoles.has(role)).map(({ glob }) => glob);
}

/** The role its path gives a file; `relativePath` is relative to the folder being linted (a workspace, the CLI's). */
export function roleFromPath(relativePath: string): FileRole {
  const path = toPosix(relativePath);
  return ROLE_MATCHERS.find(({ matcher }) => matcher.match(path))?.role ?? 'product';
}

/** The comments that open a file (after a shebang), where generators put their mark. */
const LEADING_COMMENTS = /^(?:#![^\n]*)?(?:\s|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/;
const GENERATED_MARK = /@generated\b|\bDO NOT EDIT\b|\b(?:auto-?generated|automatically generated|generated by)\b/i;
const HEADER_CHARACTERS = 4_000;

/** `@generated`, `DO NOT EDIT`, "auto-generated", "generated by" in the comments that open the file. */
export function hasGeneratedHeader(text: string): boolean {
  const header = LEADING_COMMENTS.exec(text.slice(0, HEADER_CHARACTERS))?.[0] ?? '';
  return header !== '' && GENERATED_MARK.test(header);
}

/**
 * A bundle minified by a build (a vendored copy of a library under `assets/`): its lines run to thousands of
 * characters. Its fix belongs in the library it was built from.
 */
export function isMinified(text: string): boolean {
  if (text.length < MINIFIED_MIN_LENGTH) return false;
  let lines = 1;
  for (let index = text.indexOf('\n'); index !== -1 && lines * MINIFIED_LINE_LENGTH <= text.length; index = text.indexOf('\n', index + 1)) lines++;
  return text.length / lines > MINIFIED_LINE_LENGTH;
}
const MINIFIED_MIN_LENGTH = 5_000;
const MINIFIED_LINE_LENGTH = 500;

/**
 * The JavaScript loader Emscripten writes beside a WebAssembly build (a vendored C library's `wallycore.js`): it
 * defines the runtime's `_emscripten_*` imports. Its fetch of the `.wasm` is the compiler's, and is fixed there.
 */
function isEmscriptenLoader(text: string): boolean {
  return EMSCRIPTEN_IMPORT.test(text);
}
const EMSCRIPTEN_IMPORT = /^\s*function _emscripten_\w+\s*\(/m;

/**
 * The role of a file from everything known about it: the user's overrides, then (when the text is given) a
 * generated-code header, a test suite's code, a file its package's test scripts run or a Cucumber suite's code, a folder of the package's scripts, what its package is (a documentation
 * site, the repository's own CI action: package-roles.ts), then the path, and a template by what surrounds it (template-files.ts) (when `relativePath` is given: relative to the folder being linted, so that the
 * folder a repository is checked out in never counts).
 */
export function fileRole(file: { path: string; relativePath?: string; text?: string }, settings: FileSettings): FileRole {
  const override = overrideFor(settings.roles, file.path);
  if (override) return override;
  if (file.text !== undefined) {
    if (hasGeneratedHeader(file.text) || isMinified(file.text) || isEmscriptenLoader(file.text)) return 'generated';
    if (TEST_CODE.test(file.text) || isRunByTestScript(file.path) || inGherkinSuite(file.path)) return 'test';
    if (isInScriptFolder(file.path)) return 'script';
    if (isStorybookStory(isAbsolute(file.path) ? file.path : resolve(file.path))) return 'example';
    const fromPackage = packageRole(file.path);
    if (fromPackage) return fromPackage;
  }
  const fromPath = file.relativePath === undefined ? 'product' : roleFromPath(file.relativePath);
  // a test's or a config's own role is the better word for a file outside the TypeScript build
  return fromPath === 'product' && file.text !== undefined && isTemplateByItsSurroundings(file.path) ? 'template' : fromPath;
}

/** Whether the user's `settings.resilint.files.roles` gives the file its role. */
export function hasRoleOverride(path: string, settings: FileSettings): boolean {
  return overrideFor(settings.roles, path) !== undefined;
}

/**
 * A test suite by its code: `describe('…'`, `it('…'`, `test('…'`, `Deno.test(` at the start of a line, also run on
 * a condition or per case (`describe.skipIf(!apiKey)('…'`, `it.each(cases)('…'`); or the test runner's API
 * imported (`import { expect } from 'vitest'`): an evaluation suite named `*.eval.ts`, a helper of the tests.
 */
const TEST_CODE = new RegExp([
  /^(?:(?:describe|it|test|suite)(?:\.(?:only|skip|concurrent|sequential))*(?:\.(?:skipIf|runIf|each|for)\([^\n]*\))?|Deno\.test)\s*\(\s*['"`{]/.source,
  /^\s*import\s[^;'"]*?\bfrom\s+['"](?:vitest|@jest\/globals|node:test|bun:test|@playwright\/test)['"]/.source,
].join('|'), 'm');

/**
 * In a folder whose files the package's npm scripts run (`"download-dist": "node extra/download-dist.js"`, two
 * such files at least): a folder of scripts by another name (`extra/`, `bin-scripts/`, ...). Not the package's own
 * folder, nor one holding what a script named as the service runs (`start`, `dev`, `dev-workers`, `start:api`: see
 * `SERVICE_SCRIPT`), or the package's `main`.
 */
function isInScriptFolder(path: string): boolean {
  const absolute = isAbsolute(path) ? path : resolve(path);
  const info = nearestPackage(dirname(absolute));
  return info !== null && info.scriptFolders.some((folder) => absolute.startsWith(folder) && absolute.startsWith(sep, folder.length));
}

/** Which role a linted file is reported as, worded for a message: "a test", "generated code", ... */
export function describeRole(role: FileRole): string {
  switch (role) {
    case 'generated':
      return 'generated code';
    case 'tooling':
      return 'tooling';
    case 'docs':
      return 'a documentation site';
    case 'product':
      return 'product code';
    default:
      return `${role === 'example' ? 'an' : 'a'} ${role}`;
  }
}

/**
 * `settings.resilint.files` that make every file product code: what `--all-files` and `resilint.allFiles` give the
 * rules, so that they also lint the files whose code says test, script or generated.
 */
export const EVERY_FILE_IS_PRODUCT: Readonly<Record<string, FileRole>> = Object.freeze({ '**/*': 'product' });

/** What the CLI and the editor lint: product code, or every source file (`--all-files`, `resilint.allFiles`). */
export interface FileSelection {
  allFiles: boolean;
  files: FileSettings;
  /** The folder the paths are relative to, when known: the files its `.eslintignore` lists are not linted either. */
  root?: string;
}

const NEVER_LINTED_MATCHERS = NEVER_LINTED.map((glob) => new Minimatch(glob.endsWith('/') ? `${glob}**` : glob, MATCH_OPTIONS));

/**
 * Why the CLI and the editor do not lint the file at `relativePath` (relative to the folder being linted), or
 * undefined when they lint it. The CLI gives ESLint the same definition as ignores (`NEVER_LINTED`, `skippedRoleGlobs`).
 */
export function whyNotLinted(relativePath: string, selection: FileSelection): string | undefined {
  const path = toPosix(relativePath);
  if (NEVER_LINTED_MATCHERS.some((matcher) => matcher.match(path))) return 'it is a dependency, build output or a type declaration';
  if (selection.root !== undefined && listedInIgnoreFile(selection.root, path)) return 'the project\'s .eslintignore lists it';
  if (selection.root !== undefined && isAssemblyScriptSource(resolve(selection.root, path))) return NOT_JAVASCRIPT;
  if (selection.allFiles) return undefined;
  const role = fileRole({ path, relativePath: path }, selection.files);
  if (role !== 'product') return `it is ${describeRole(role)} by its path`;
  if (selection.root !== undefined && !hasRoleOverride(path, selection.files) && isStorybookStory(resolve(selection.root, path))) return STORYBOOK_STORY;
  return undefined;
}

const STORYBOOK_STORY = 'it is an example by its package: a Storybook story';

/**
 * A file in a `stories/` folder of a package that runs Storybook (`storybook` or an `@storybook/*` package among its
 * dependencies): Storybook's own sample components and pages (`src/stories/Configure.mdx`, kept as `.tsx`), shown
 * with sample data. Elsewhere a `stories/` folder may be a product's feature (a social app's stories).
 */
export function isStorybookStory(absolutePath: string): boolean {
  const info = nearestPackage(dirname(absolutePath));
  if (!info || ![...info.dependencies].some((name) => name === 'storybook' || name.startsWith('@storybook/'))) return false;
  return /(?:^|\/)stories\//.test(toPosix(absolutePath.slice(info.directory.length)));
}

const NOT_JAVASCRIPT = 'it is AssemblyScript, which compiles to WebAssembly, not JavaScript';

/**
 * A `.ts` file of an AssemblyScript package's sources (package-info.ts `assemblyScriptFolder`): written in TypeScript's
 * syntax with decorators and types no TypeScript parser takes, and run as WebAssembly, where no JavaScript client runs.
 */
export function isAssemblyScriptSource(absolutePath: string): boolean {
  if (!absolutePath.endsWith('.ts') || absolutePath.endsWith('.d.ts')) return false;
  const folder = nearestPackage(dirname(absolutePath))?.assemblyScriptFolder;
  return folder !== undefined && absolutePath.startsWith(folder) && absolutePath.startsWith(sep, folder.length);
}

/** Whether no file below this folder is linted, so a walk of the workspace need not enter it. */
export function isSkippedFolder(relativeFolder: string, selection: FileSelection): boolean {
  // A file directly inside the folder, named so that only the folder can decide.
  const child = `${toPosix(relativeFolder)}/index`;
  if (NEVER_LINTED_MATCHERS.some((matcher) => matcher.match(child))) return true;
  if (selection.root !== undefined && listedInIgnoreFile(selection.root, toPosix(relativeFolder))) return true;
  const overridden = Object.keys(selection.files.roles).length > 0;
  return !selection.allFiles && !overridden && roleFromPath(child) !== 'product';
}

/** Forget what package.json files said (one changed, or files moved): the next lint reads them again. */
export function forgetPackageRoles(): void {
  forgetPackages();
  forgetSitesAndActions();
  forgetLastEnvironment();
  forgetTemplateFolders();
  forgetGherkinSuites();
}
