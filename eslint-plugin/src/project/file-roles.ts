import { readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { TSESLint } from '@typescript-eslint/utils';
import { Minimatch } from 'minimatch';
import { readsBrowserGlobals } from './global-use.js';
import { packageEntries, scriptFiles, scriptFolders } from './package-scripts.js';

/**
 * Which files matter and where they run, decided once for the CLI (which files to lint), the editor (which files of
 * the workspace, and whether an open file) and the rules (generated code, the browser's own origin).
 *
 * A file's role comes from, in order: `settings.resilint.files.roles`, a generated-code header, its path. Only
 * `product` code is linted by default: a gap in an example, a script, a test or generated code is not one a reviewer
 * acts on there (the fix belongs in the product code or in the generator).
 */
export type FileRole = 'product' | 'test' | 'example' | 'script' | 'tooling' | 'benchmark' | 'generated';
export const FILE_ROLES: readonly FileRole[] = ['product', 'test', 'example', 'script', 'tooling', 'benchmark', 'generated'];

/** Where a file runs; `unknown` when nothing says (judged like a server: the stricter reading). */
export type Environment = 'browser' | 'server' | 'cli' | 'unknown';
export const ENVIRONMENTS: readonly Exclude<Environment, 'unknown'>[] = ['browser', 'server', 'cli'];

/** User overrides, glob → role or environment (`settings.resilint.files`); globs match at any depth. */
export interface FileSettings {
  roles: Readonly<Record<string, FileRole>>;
  environments: Readonly<Record<string, Exclude<Environment, 'unknown'>>>;
}

export const NO_FILE_SETTINGS: FileSettings = Object.freeze({ roles: {}, environments: {} });

/** Never linted, whatever the flags: dependencies, version control, build output and caches, type declarations. */
export const NEVER_LINTED = [
  '**/node_modules/', '**/bower_components/', '**/.git/', '**/.yarn/', '**/dist/', '**/build/', '**/out/', '**/coverage/',
  '**/.next/', '**/.nuxt/', '**/.output/', '**/.svelte-kit/', '**/.vercel/', '**/.turbo/', '**/.cache/',
  '**/*.d.ts', '**/*.d.mts', '**/*.d.cts',
];

/** Paths that say a file is not product code. Folder names match at any depth; the data is shared by every reader. */
const ROLE_PATHS: readonly { role: Exclude<FileRole, 'product'>; glob: string }[] = [
  { role: 'test', glob: '**/{*.test.*,*.spec.*,*.e2e.*,*.e2e-spec.*,*_test.*,*_spec.*}' },
  { role: 'test', glob: '**/{test,tests,__tests__,__mocks__,e2e,*-test,*-tests,*_test,*_tests,testProjects,test-projects}/**' },
  // Test tooling kept as packages or folders of their own (a harness, helpers, a published e2e client, the plugins a
  // dev server loads to reproduce an issue)
  { role: 'test', glob: '**/{testing,test-harness,test-utils,test-helpers,testutils,test-support,test-plugins,test-fixtures}/**' },
  { role: 'example', glob: '**/{examples,example,samples,sample,*-examples,*-example,*_examples,*-samples}/**' },
  // Scaffolds copied into users' projects (`functions-templates/`); a bare `templates/` is often the app's own e-mail
  // or page templates, so it stays product code.
  { role: 'example', glob: '**/{*-templates,*_templates}/**' },
  { role: 'script', glob: '**/scripts/**' },
  // One-off data scripts a migration or seeding tool runs: a hang there stops a deploy step, not a service.
  { role: 'script', glob: '**/{migrations,seeds,seeders}/**' },
  { role: 'script', glob: '**/{seed,seed-*,*.seed,*-seed}.{js,cjs,mjs,ts,cts,mts}' },
  { role: 'tooling', glob: '**/{tools,tooling,.github,.husky,.storybook}/**' },
  { role: 'tooling', glob: '**/{*.config.*,*.conf.*,.eslintrc.*,gulpfile.*,Gruntfile.*}' },
  { role: 'benchmark', glob: '**/{benchmarks,benchmark,bench,load-testing,load-tests,load-test,loadtest,loadtests,stress-tests}/**' },
  { role: 'benchmark', glob: '**/*.bench.*' },
  { role: 'generated', glob: '**/{__generated__,generated}/**' },
  { role: 'generated', glob: '**/{*.gen.*,*.generated.*,*_pb.*,*.min.js,*.min.mjs,*.min.cjs}' },
];

const MATCH_OPTIONS = { dot: true, nocase: false } as const;
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
 * The role of a file from everything known about it: the user's overrides, then a generated-code header (when the
 * text is given), then the path (when `relativePath` is given: relative to the folder being linted, so that the
 * folder a repository is checked out in never counts).
 */
export function fileRole(file: { path: string; relativePath?: string; text?: string }, settings: FileSettings): FileRole {
  const override = overrideFor(settings.roles, file.path);
  if (override) return override;
  if (file.text !== undefined) {
    if (hasGeneratedHeader(file.text) || isMinified(file.text)) return 'generated';
    if (TEST_CODE.test(file.text)) return 'test';
    if (isInScriptFolder(file.path)) return 'script';
  }
  return file.relativePath === undefined ? 'product' : roleFromPath(file.relativePath);
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
 * folder, nor one holding what `start`, `serve` or `dev` runs, or the package's `main`.
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
}

const NEVER_LINTED_MATCHERS = NEVER_LINTED.map((glob) => new Minimatch(glob.endsWith('/') ? `${glob}**` : glob, MATCH_OPTIONS));

/**
 * Why the CLI and the editor do not lint the file at `relativePath` (relative to the folder being linted), or
 * undefined when they lint it. The CLI gives ESLint the same definition as ignores (`NEVER_LINTED`, `skippedRoleGlobs`).
 */
export function whyNotLinted(relativePath: string, selection: FileSelection): string | undefined {
  const path = toPosix(relativePath);
  if (NEVER_LINTED_MATCHERS.some((matcher) => matcher.match(path))) return 'it is a dependency, build output or a type declaration';
  if (selection.allFiles) return undefined;
  const role = fileRole({ path, relativePath: path }, selection.files);
  return role === 'product' ? undefined : `it is ${describeRole(role)} by its path`;
}

/** Whether no file below this folder is linted, so a walk of the workspace need not enter it. */
export function isSkippedFolder(relativeFolder: string, selection: FileSelection): boolean {
  // A file directly inside the folder, named so that only the folder can decide.
  const child = `${toPosix(relativeFolder)}/index`;
  if (NEVER_LINTED_MATCHERS.some((matcher) => matcher.match(child))) return true;
  const overridden = Object.keys(selection.files.roles).length > 0;
  return !selection.allFiles && !overridden && roleFromPath(child) !== 'product';
}

// ---------------------------------------------------------------------------------------------------------------
// Environment

/** Packages whose presence makes a package a front end (its code runs in a browser or on a device). */
const FRONT_END_PACKAGES = [
  'react-dom', 'react-native', 'expo', 'vue', 'svelte', '@angular/core', 'solid-js', 'preact', 'lit', 'jquery',
  'vite', '@vitejs/plugin-react', 'parcel', 'webpack-dev-server', 'next', 'nuxt', '@sveltejs/kit', '@remix-run/react',
  '@react-router/dev', 'astro', 'electron',
];
/** Full-stack frameworks: their packages hold server code too, told apart by path. */
const FULL_STACK_PACKAGES = ['next', 'nuxt', '@sveltejs/kit', '@remix-run/react', '@react-router/dev', 'astro'];
const SERVER_PACKAGES = ['express', 'fastify', 'koa', '@nestjs/core', '@hapi/hapi', 'hono', 'restify', '@apollo/server', 'micro', 'nitropack'];
/** Server files of full-stack frameworks: API routes, route handlers, server modules, middleware. */
const SERVER_PATHS = new Minimatch('**/{pages/api/**,app/api/**,server/**,api/**,route.*,+server.*,+page.server.*,+layout.server.*,*.server.*,middleware.*}', MATCH_OPTIONS);
/**
 * Next.js's App Router renders its pages and layouts on the server (React Server Components) unless they say
 * `'use client'`.
 */
const SERVER_COMPONENT_PATHS = new Minimatch('{app,src/app}/**/{page,layout,template,default,not-found}.{tsx,jsx,ts,js}', MATCH_OPTIONS);

/** The directive prologue: `'use client'` / `'use server'` before any statement. */
const DIRECTIVE = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*(['"])use (client|server)\1/;
/** `import 'client-only'` / `import 'server-only'`: the packages a module imports to fail the build on the wrong side. */
const ONLY_MARKER_IMPORT = /^\s*import\s+(['"])(client|server)-only\1/m;
/** By convention, a `client-only/` folder holds modules kept out of the server bundle. */
const BROWSER_ONLY_FOLDER = /(?:^|\/)client-only\//;
/**
 * What a full-stack framework keeps out of the server bundle: `*.client.ts` (Remix, React Router, Nuxt). Elsewhere the
 * name says nothing of where it runs: a NestJS `billing.client.ts` is the service's client of another one.
 */
const CLIENT_MODULE = /\.client\.[cm]?[jt]sx?$/;
const DOM_GLOBAL = /(?<![\w$.])(?:window|document|localStorage|sessionStorage|navigator)\s*\.\s*[A-Za-z_$]/;
/** A browser extension's APIs (`chrome.runtime`, `browser.storage`, `chrome.alarms`): code of an extension. */
const EXTENSION_API = /(?<![\w$.])(?:chrome|browser)\s*\.\s*(?:runtime|storage|tabs|alarms|cookies|scripting|action|webRequest|declarativeNetRequest|contextMenus|identity)\s*\./;
const SERVER_ONLY_IMPORT = new RegExp(
  `(?:\\bfrom\\s+|\\brequire\\(\\s*|\\bimport\\(\\s*)['"](?:node:[\\w/]+|${[
    'fs', 'fs/promises', 'child_process', 'net', 'tls', 'dgram', 'cluster', 'worker_threads', 'http2', 'nodemailer', 'pg',
    'mysql', 'mysql2', 'mysql2/promise', 'ioredis', 'mongodb', 'mongoose', 'knex', '@prisma/client', 'typeorm',
    'sequelize', 'bullmq', 'bull', 'kafkajs', 'amqplib', 'next/server', 'next/headers', 'resend', '@sendgrid/mail', 'ink',
  ].join('|')})['"]`,
);
/** Next.js's server-side types: a module (not a page, which holds both halves) handed a request's context runs on the server. */
const NEXT_SERVER_TYPES = /\bimport\s+(?:type\s+)?\{[^}]*\b(?:Get(?:ServerSide|Static)Props(?:Context|Result)?|GetStaticPaths|NextApi(?:Request|Response|Handler))\b[^}]*\}\s*from\s+['"]next['"]/;
const takesNextServerContext = (path: string, text: string): boolean => !/\.[cm]?[jt]sx$/.test(path) && NEXT_SERVER_TYPES.test(text);
/**
 * Module forms only a browser runs: an AMD module (`define('admin/users', ['api'], (api) => ...)`, RequireJS's, which
 * no Node code uses) and a service or web worker's global scope (`self.addEventListener('fetch', ...)`,
 * `self.skipWaiting()`, `importScripts(...)`).
 */
const BROWSER_MODULE_FORM = /^\s*define\s*\(\s*(?:['"][^'"\n]+['"]\s*,\s*)?\[|(?<![\w$.])self\s*\.\s*(?:addEventListener\s*\(\s*['"](?:install|activate|fetch|push|sync|message|notificationclick)['"]|skipWaiting\s*\(|clients\s*\.\s*claim\s*\()|^\s*importScripts\s*\(/m;
const FRONT_END_IMPORT = /\bfrom\s+['"](?:react|react-dom(?:\/client)?|vue|svelte|preact|solid-js|@angular\/[\w-]+(?:\/[\w-]+)?)['"]/;

interface PackageInfo {
  directory: string;
  frontEnd: boolean;
  fullStack: boolean;
  /** Next.js: a `.jsx`/`.tsx` module without `'use client'` may be a server component; its App Router pages are. */
  next: boolean;
  /** Not marked private and naming what it ships (`main`, `exports`, `files`...): its users may import any module. */
  published: boolean;
  server: boolean;
  /** Absolute paths of its `bin` entries. */
  bins: string[];
  /** Absolute paths of the folders of scripts its npm scripts run (see `isInScriptFolder`). */
  scriptFolders: string[];
  /** Absolute paths of the files its npm scripts run by hand (`"ingest": "tsx src/ingest.ts"`), not as a service. */
  scriptFiles: string[];
  /** What it names as shipped or started (see `packageEntries`), by file name without its extensions. */
  entryNames: Set<string>;
}

const packageByDirectory = new Map<string, PackageInfo | null>();
/** Bounds the cache in a long-running editor that sees many folders. */
const MAX_CACHED_DIRECTORIES = 10_000;

/**
 * Where a file runs: the user's `environments` globs, its own directives, shebang and `client-only`/`server-only`
 * import, a browser-only path (`*.client.ts`, `client-only/`), a Vue or Svelte component, the package it sits in (nearest package.json: `bin`, `browser`, front-end or server dependencies), then its code (JSX,
 * DOM globals, front-end imports).
 */
export function fileEnvironment(path: string, text: string, settings: FileSettings, scopeManager?: TSESLint.Scope.ScopeManager | null): Environment {
  // The rules ask once per call they judge, all about the file being linted: its text is scanned once.
  const last = lastEnvironment;
  if (last && last.path === path && last.settings === settings && last.scopeManager === scopeManager && last.text === text) return last.environment;
  const environment = environmentOf(path, text, settings, scopeManager);
  lastEnvironment = { path, text, settings, scopeManager, environment };
  return environment;
}

let lastEnvironment:
  | { path: string; text: string; settings: FileSettings; scopeManager: TSESLint.Scope.ScopeManager | null | undefined; environment: Environment }
  | undefined;

function environmentOf(path: string, text: string, settings: FileSettings, scopeManager: TSESLint.Scope.ScopeManager | null | undefined): Environment {
  const override = overrideFor(settings.environments, path);
  if (override) return override;
  if (text.startsWith('#!')) return 'cli';
  const directive = DIRECTIVE.exec(text)?.[2];
  if (directive) return directive === 'client' ? 'browser' : 'server';
  const marker = ONLY_MARKER_IMPORT.exec(text)?.[2];
  if (marker) return marker === 'client' ? 'browser' : 'server';
  if (BROWSER_ONLY_FOLDER.test(toPosix(path))) return 'browser';
  if (/\.(?:vue|svelte|astro)$/.test(path)) return 'browser';
  const absolute = isAbsolute(path) ? path : resolve(path);
  const info = nearestPackage(dirname(absolute));
  if (info?.bins.includes(absolute)) return 'cli';
  const inPackage = info ? toPosix(relative(info.directory, absolute)) : toPosix(path);
  if (info?.fullStack && CLIENT_MODULE.test(path)) return 'browser';
  if (info?.fullStack && SERVER_PATHS.match(inPackage)) return 'server';
  if (info?.next && SERVER_COMPONENT_PATHS.match(inPackage)) return 'server'; // see isServerComponentPath
  // What only Node has (a builtin, a database, queue or mail driver, Next.js's server API) makes a module no page's,
  // whatever its package or extension says: `react` there renders e-mails or a terminal UI.
  if (SERVER_ONLY_IMPORT.test(text) || takesNextServerContext(path, text)) return info?.bins.length ? 'cli' : 'server';
  if (/\.[jt]sx$/.test(path) && !info?.server) return 'browser';
  if (FRONT_END_IMPORT.test(text) || BROWSER_MODULE_FORM.test(text) || codeUsesDom(text, scopeManager)) return 'browser';
  // A package that ships a command (`bin`) is a tool run on someone's machine, even when it starts a local server of
  // its own (a dev server, an emulator), or is built with a front-end bundler (vite): what its code does not show to
  // be browser code is the command's.
  if (info?.bins.length) return 'cli';
  if (info?.frontEnd && !info.server) return 'browser';
  return info?.server ? 'server' : 'unknown';
}

/**
 * Whether something other than its place says where the whole file runs: the user's `environments` setting, a
 * shebang, a `'use client'`/`'use server'` directive, a `client-only`/`server-only` import, a `.server.`/`.client.`
 * name, a Next.js App Router page or layout, Next.js's server-side types.
 */
export function environmentIsDeclared(path: string, text: string, settings: FileSettings): boolean {
  // Asked for every call judged, as fileEnvironment is: the text is scanned once per file.
  const last = lastDeclared;
  if (last && last.path === path && last.settings === settings && last.text === text) return last.declared;
  const declared = overrideFor(settings.environments, path) !== undefined || text.startsWith('#!') || DIRECTIVE.test(text)
    || ONLY_MARKER_IMPORT.test(text) || BROWSER_ONLY_FOLDER.test(toPosix(path)) || (CLIENT_MODULE.test(path) && inFullStackApp(path))
    || /\.server\.[cm]?[jt]sx?$/.test(path) || isServerComponentPath(path) || takesNextServerContext(path, text);
  lastDeclared = { path, text, settings, declared };
  return declared;
}

let lastDeclared: { path: string; text: string; settings: FileSettings; declared: boolean } | undefined;

/** A Next.js App Router page or layout: the framework renders it on the server (unless it says `'use client'`). */
function isServerComponentPath(path: string): boolean {
  const absolute = isAbsolute(path) ? path : resolve(path);
  const info = nearestPackage(dirname(absolute));
  return info?.next === true && SERVER_COMPONENT_PATHS.match(toPosix(relative(info.directory, absolute)));
}

/** Whether the file sits in a full-stack app's package (Next.js, Remix, SvelteKit, Nuxt, Astro): its pages and its server ship together. */
export function inFullStackApp(path: string): boolean {
  return nearestPackage(dirname(isAbsolute(path) ? path : resolve(path)))?.fullStack === true;
}

/**
 * Whether every part of a full-stack app's page that imports a module runs in the browser, going by the importer
 * alone: browser code by its path, package or text, that exports no server half (`loader`, `action`,
 * `getServerSideProps`...) and, in a Next.js app, says `'use client'` (else it may be a server component).
 */
export function importerRunsInBrowser(path: string, text: string, settings: FileSettings): boolean {
  if (fileEnvironment(path, text, settings) !== 'browser' || SERVER_HALF_EXPORT.test(text)) return false;
  const absolute = isAbsolute(path) ? path : resolve(path);
  return nearestPackage(dirname(absolute))?.next !== true || DIRECTIVE.exec(text)?.[2] === 'client';
}

/** Whether the file's path makes it server code of a full-stack app (an API route, a `server/` module, `route.ts`). */
export function isFullStackServerPath(path: string): boolean {
  const absolute = isAbsolute(path) ? path : resolve(path);
  const info = nearestPackage(dirname(absolute));
  return info?.fullStack === true && SERVER_PATHS.match(toPosix(relative(info.directory, absolute)));
}

const SERVER_HALF_EXPORT = /\bexport\s+(?:const|let|(?:async\s+)?function)\s+(?:loader|action|getServerSideProps|getStaticProps|generateMetadata)\b/;

/**
 * A DOM global used, not merely tested for (`typeof window !== 'undefined'` is how isomorphic code avoids it), or an
 * extension's API: from the scopes when the rules have them (see `readsBrowserGlobals`), else from the text.
 */
function codeUsesDom(text: string, scopeManager: TSESLint.Scope.ScopeManager | null | undefined): boolean {
  const mentioned = DOM_GLOBAL.test(text) || EXTENSION_API.test(text);
  if (!mentioned || scopeManager) return mentioned && !!scopeManager && readsBrowserGlobals(scopeManager);
  return (DOM_GLOBAL.test(text) && !/typeof\s+(?:window|document)\b/.test(text)) || EXTENSION_API.test(text);
}

/** Forget what package.json files said (one changed, or files moved): the next lint reads them again. */
export function forgetPackageRoles(): void {
  packageByDirectory.clear();
  lastEnvironment = undefined;
}

function nearestPackage(directory: string): PackageInfo | null {
  const cached = packageByDirectory.get(directory);
  if (cached !== undefined) return cached;
  let info: PackageInfo | null = null;
  const manifest = readManifest(join(directory, 'package.json'));
  if (manifest) info = packageInfo(directory, manifest);
  else if (dirname(directory) !== directory && !directory.endsWith(`${sep}node_modules`)) info = nearestPackage(dirname(directory));
  if (packageByDirectory.size >= MAX_CACHED_DIRECTORIES) packageByDirectory.clear();
  packageByDirectory.set(directory, info);
  return info;
}

function readManifest(path: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined; // none there, unreadable or not JSON: look further up
  }
}

function packageInfo(directory: string, manifest: Record<string, unknown>): PackageInfo {
  const dependencies = new Set(['dependencies', 'devDependencies', 'peerDependencies'].flatMap((key) => {
    const value = manifest[key];
    return typeof value === 'object' && value !== null ? Object.keys(value) : [];
  }));
  const has = (names: readonly string[]) => names.some((name) => dependencies.has(name));
  const bin = manifest['bin'];
  const binPaths = typeof bin === 'string' ? [bin] : typeof bin === 'object' && bin !== null ? Object.values(bin).filter((value): value is string => typeof value === 'string') : [];
  const bins = binPaths.map((binPath) => resolve(directory, binPath));
  return {
    directory,
    frontEnd: manifest['browser'] !== undefined || has(FRONT_END_PACKAGES),
    fullStack: has(FULL_STACK_PACKAGES),
    next: has(['next']),
    published: manifest['private'] !== true && manifest['private'] !== 'true'
      && ['main', 'module', 'exports', 'types', 'typings', 'files', 'publishConfig'].some((key) => manifest[key] !== undefined),
    server: has(SERVER_PACKAGES),
    bins,
    scriptFolders: scriptFolders(directory, manifest, bins),
    scriptFiles: scriptFiles(directory, manifest, bins),
    entryNames: new Set(packageEntries(directory, manifest).map(stem)),
  };
}

/** Whether the file sits in a package others install (see `PackageInfo.published`): its users are its importers too. */
export function inPublishedPackage(path: string): boolean {
  const absolute = isAbsolute(path) ? path : resolve(path);
  return nearestPackage(dirname(absolute))?.published === true;
}

/**
 * Whether the package names the file as what it ships or starts (`bin`, `main`, `exports`, a `start` or `worker`
 * script's file, an install hook; see `packageEntries`). By name, since the package names the built file: its
 * `dist/push.js` is `src/push.ts`.
 */
export function isNamedByPackage(path: string): boolean {
  const absolute = isAbsolute(path) ? path : resolve(path);
  return nearestPackage(dirname(absolute))?.entryNames.has(stem(absolute)) === true;
}

/** A file's name without its extensions: `push` for `dist/push.js` and `src/push.ts`. */
function stem(path: string): string {
  const name = basename(path);
  const dot = name.indexOf('.', 1);
  return dot === -1 ? name : name.slice(0, dot);
}

/** Whether the package's npm scripts run this file by hand (see `scriptFiles`). */
export function isRunByHand(path: string): boolean {
  const absolute = isAbsolute(path) ? path : resolve(path);
  return nearestPackage(dirname(absolute))?.scriptFiles.includes(absolute) === true;
}

// ---------------------------------------------------------------------------------------------------------------
// Overrides

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
function overrideFor<T extends string>(overrides: Readonly<Record<string, T>>, path: string): T | undefined {
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

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
