import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, normalize, resolve, sep } from 'node:path';
import { forgetNxProjects } from './nx-projects.js';
import { packageEntries, processFiles, scriptFiles, scriptFolders, testScriptFiles } from './package-scripts.js';
import { logsUnhandledRejections } from './rejection-handlers.js';
import { testRunnerSetupFiles } from './test-runner-configs.js';

// What a file's package (its nearest package.json) says of it: a front end, a full-stack app, a server, published,
// the commands it ships, the files its npm scripts run. Read once per folder and cached until `forgetPackages`.

/** Packages whose presence makes a package a front end (its code runs in a browser or on a device). */
const FRONT_END_PACKAGES = [
  'react-dom', 'react-native', 'expo', 'vue', 'svelte', '@angular/core', 'solid-js', 'preact', 'lit', 'jquery',
  'vite', '@vitejs/plugin-react', 'parcel', 'webpack-dev-server', 'next', 'nuxt', '@sveltejs/kit', '@remix-run/react',
  '@react-router/dev', 'astro', 'electron',
  // mobile shells running a web bundle on a device
  '@capacitor/core', '@capacitor/cli', '@ionic/core', '@ionic/angular', '@ionic/react', '@ionic/vue', 'cordova-android', 'cordova-ios',
];
/**
 * Desktop app runtimes and their builders: a package depending on one is a desktop app or a library of one (see
 * `PackageInfo.desktop`). The manifest an Electron app ships in its bundle (electron-builder's two-package layout:
 * `src/package.json` lists what the app loads, not electron) is told by the builder's `build` field, or by
 * `ELECTRON_ONLY_LIBRARIES`.
 */
const DESKTOP_PACKAGES = ['electron', 'electron-builder', '@electron-forge/cli'];
/**
 * Libraries that only run inside Electron: evidence of a desktop app only in a package that is no server (ever-gauzy's
 * NestJS core, which the desktop apps embed, lists `@sentry/electron` too; error trackers are left out for that).
 */
const ELECTRON_ONLY_LIBRARIES = ['electron-updater', 'electron-store', '@electron/remote', 'electron-util', 'electron-serve', 'electron-is-dev'];
/** electron-builder's configuration in package.json: `"build": { "appId": ..., "mac": ..., "win": ... }`. */
function configuresElectronBuilder(manifest: Record<string, unknown>): boolean {
  const build = manifest['build'];
  return typeof build === 'object' && build !== null && 'appId' in build && ['mac', 'win', 'linux', 'nsis', 'dmg', 'asar', 'directories'].some((key) => key in build);
}
/** electron-builder's configuration files beside a package.json. */
const ELECTRON_BUILDER_CONFIGS = ['electron-builder.yml', 'electron-builder.yaml', 'electron-builder.json', 'electron-builder.json5', 'electron-builder.config.js', 'electron-builder.config.ts'];
/** Full-stack frameworks: their packages hold server code too, told apart by path. */
const FULL_STACK_PACKAGES = ['next', 'nuxt', '@sveltejs/kit', '@remix-run/react', '@react-router/dev', 'astro'];
/** Those that keep a `*.client.ts` module out of the server bundle; Next.js gives the name no meaning. */
const CLIENT_MODULE_FRAMEWORKS = ['nuxt', '@remix-run/react', '@react-router/dev'];
const SERVER_PACKAGES = ['express', 'fastify', 'koa', '@nestjs/core', '@hapi/hapi', 'hono', 'restify', '@apollo/server', 'micro', 'nitropack'];
/**
 * Object-relational mappers and query builders: an application's own schema-managed database. A dev server or an
 * emulator a command starts keeps no such store (it may speak a database's wire protocol, never map its tables).
 */
const APPLICATION_DATABASE_PACKAGES = ['typeorm', 'sequelize', '@prisma/client', '@mikro-orm/core', 'drizzle-orm', 'knex', 'mongoose', 'objection'];
/**
 * Bundlers and test runners a monorepo's root keeps for all its packages (vite for vitest): in the root's
 * devDependencies they say nothing of where the packages' code runs.
 */
const FRONT_END_TOOLING = new Set(['vite', '@vitejs/plugin-react', 'parcel', 'webpack-dev-server']);

export interface PackageInfo {
  directory: string;
  /** Its `name`, when it has one. */
  name: string | undefined;
  /** What it depends on, in development too. */
  dependencies: ReadonlySet<string>;
  frontEnd: boolean;
  fullStack: boolean;
  /** A framework that bundles `*.client.ts` modules for the browser only (see CLIENT_MODULE_FRAMEWORKS). */
  clientModules: boolean;
  /**
   * A front end and the server that serves it, in one package with no full-stack framework (an Express back end in
   * `server/` beside a Vite React app in `src/`): where a module runs is told by its importers, as in a full-stack app.
   */
  pagesWithOwnServer: boolean;
  /**
   * A desktop app, or a library of one: an Electron app (`electron` among its dependencies, as electron-builder wants
   * it, a library that only runs inside Electron, or an electron-builder configuration). Its main process is Node,
   * with an embedded server or database of its own at times (a local static server, an offline store), yet it runs on
   * the user's machine: a hang there costs the person at the app a spinner, as a page's does, not a service.
   */
  desktop: boolean;
  /** Next.js: a `.jsx`/`.tsx` module without `'use client'` may be a server component; its App Router pages are. */
  next: boolean;
  /**
   * Next.js with an App Router (`app/` or `src/app/`), whose components are server components unless they say
   * `'use client'`; a Pages Router app's components (imported by `pages/`) run in the browser, rendered first on the server.
   */
  appRouter: boolean;
  /** Not marked private and naming what it ships (`main`, `exports`, `files`...): its users may import any module. */
  published: boolean;
  /** Depends on a server framework to run (or, not being a front end, at all). */
  server: boolean;
  /** Absolute paths of its `bin` entries. */
  bins: string[];
  /**
   * Gives a command-line tool its commands (`"oclif": { "commands": ... }`, `"@percy/cli": { "commands": [...] }`): a
   * plugin of that tool, whose code runs as the tool does, though it ships no `bin` of its own.
   */
  commandPlugin: boolean;
  /**
   * Ships a command that starts a server with an application database of its own (a self-hosted app started by
   * `npx flowise start`): its code is a server's, not a tool's.
   */
  selfHostedServer: boolean;
  /** Absolute paths of the folders of scripts its npm scripts run (see `isInScriptFolder`). */
  scriptFolders: string[];
  /** Absolute paths of the files its npm scripts run by hand (`"ingest": "tsx src/ingest.ts"`), not as a service. */
  scriptFiles: string[];
  /**
   * Absolute paths of the files its test scripts run (`"test:integration": "node harness/verify.mjs"`) and of those its
   * test runner's configs name to run around the tests (a Jest `globalSetup`, Vitest `setupFiles`).
   */
  testScriptFiles: string[];
  /** What it names as shipped or started (see `packageEntries`), by file name without its extensions. */
  entryNames: Set<string>;
  /**
   * A process it starts logs unhandled rejections and goes on (`process.on('unhandledRejection', log)` where it
   * starts): a promise dropped there costs a line in the log, not the process.
   */
  logsUnhandledRejections: boolean;
  /**
   * The folder of its AssemblyScript sources, when it is an AssemblyScript package: the folder of its `ascMain`, or
   * `assembly/` beside an `asconfig.json` or an `assemblyscript` dependency. Those `.ts` files compile to WebAssembly.
   */
  assemblyScriptFolder: string | undefined;
}

/** Fields of package.json whose `commands` would say nothing of a command-line tool (`scripts.commands` is a script). */
const STANDARD_FIELDS = new Set(['scripts', 'dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies', 'exports', 'publishConfig']);

const packageByDirectory = new Map<string, PackageInfo | null>();
/** Bounds the cache in a long-running editor that sees many folders. */
const MAX_CACHED_DIRECTORIES = 10_000;

/** Forget what package.json files said (one changed, or files moved): the next lint reads them again. */
export function forgetPackages(): void {
  packageByDirectory.clear();
  forgetNxProjects();
}

/** The package a folder belongs to: its own package.json or the nearest one above it (never past `node_modules`). */
export function nearestPackage(directory: string): PackageInfo | null {
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
  const named = (keys: readonly string[]) => new Set(keys.flatMap((key) => {
    const value = manifest[key];
    return typeof value === 'object' && value !== null ? Object.keys(value) : [];
  }));
  const dependencies = named(['dependencies', 'devDependencies', 'peerDependencies']);
  const shipped = named(['dependencies', 'peerDependencies']);
  const has = (names: readonly string[], among: ReadonlySet<string> = dependencies) => names.some((name) => among.has(name));
  const bin = manifest['bin'];
  const binPaths = typeof bin === 'string' ? [bin] : typeof bin === 'object' && bin !== null ? Object.values(bin).filter((value): value is string => typeof value === 'string') : [];
  const bins = binPaths.map((binPath) => resolve(directory, binPath));
  const workspaceRoot = manifest['workspaces'] !== undefined || existsSync(join(directory, 'pnpm-workspace.yaml'));
  const frontEndEvidence = workspaceRoot
    ? FRONT_END_PACKAGES.filter((name) => !FRONT_END_TOOLING.has(name) || shipped.has(name))
    : FRONT_END_PACKAGES;
  // A package of tRPC routers that is no app itself (nothing runs `next`, no next.config): its next and react are for
  // the client half its routers come with, which imports react; the rest is the API's server code.
  const routerPackage = shipped.has('@trpc/server') && !isFrameworkApp(directory, manifest);
  const frontEnd = declaresBrowserBuild(manifest) || (has(frontEndEvidence) && !routerPackage) || (!workspaceRoot && runsCapacitor(manifest));
  const server = has(SERVER_PACKAGES, shipped) || routerPackage || (!frontEnd && has(SERVER_PACKAGES));
  // A monorepo's root keeps electron for its desktop apps' builds: that says nothing of the root's own files.
  const desktop = !workspaceRoot && (has(DESKTOP_PACKAGES) || configuresElectronBuilder(manifest) || (!server && has(ELECTRON_ONLY_LIBRARIES))
    || ELECTRON_BUILDER_CONFIGS.some((name) => existsSync(join(directory, name))));
  return {
    directory,
    name: typeof manifest['name'] === 'string' ? manifest['name'] : undefined,
    dependencies,
    frontEnd,
    fullStack: has(FULL_STACK_PACKAGES),
    clientModules: has(CLIENT_MODULE_FRAMEWORKS),
    pagesWithOwnServer: frontEnd && server && !desktop && !has(FULL_STACK_PACKAGES),
    desktop,
    next: has(['next']),
    appRouter: has(['next']) && (existsSync(join(directory, 'app')) || existsSync(join(directory, 'src/app'))),
    published: manifest['private'] !== true && manifest['private'] !== 'true'
      && (['module', 'exports', 'types', 'typings', 'files', 'publishConfig'].some((key) => manifest[key] !== undefined)
        || (typeof manifest['main'] === 'string' && mayBeThere(resolve(directory, manifest['main'])))),
    // A server framework only among a front end's devDependencies serves its pages in development or previews its
    // build (a Vite app's `express` static proxy): the front end's code still runs in the browser.
    server,
    bins,
    commandPlugin: Object.entries(manifest).some(([key, value]) => !STANDARD_FIELDS.has(key) && typeof value === 'object' && value !== null && 'commands' in value),
    selfHostedServer: bins.length > 0 && server && has(APPLICATION_DATABASE_PACKAGES, shipped),
    scriptFolders: scriptFolders(directory, manifest, bins),
    scriptFiles: scriptFiles(directory, manifest, bins),
    testScriptFiles: [...testScriptFiles(directory, manifest, bins), ...testRunnerSetupFiles(directory, manifest)],
    entryNames: new Set(packageEntries(directory, manifest).filter(mayBeThere).map(stem)),
    logsUnhandledRejections: logsUnhandledRejections(processFiles(directory, manifest, bins)),
    assemblyScriptFolder: assemblyScriptFolder(directory, manifest, dependencies),
  };
}

function assemblyScriptFolder(directory: string, manifest: Record<string, unknown>, dependencies: ReadonlySet<string>): string | undefined {
  const entry = manifest['ascMain'];
  if (typeof entry === 'string') return dirname(resolve(directory, entry));
  const builtByAsc = dependencies.has('assemblyscript') || existsSync(join(directory, 'asconfig.json'));
  return builtByAsc && existsSync(join(directory, 'assembly')) ? join(directory, 'assembly') : undefined;
}

/**
 * The package names a build for browsers (`browser`). One naming the very file `main` names (a universal library's
 * single UMD build, which its Node users load too: an SDK's GraphQL client under its server framework) splits nothing
 * off for browsers, so it says nothing of where the code runs. Nor does a map of replacements (`{ "./platform/index.js":
 * "./platform/browser/index.js" }`): a bundler swaps those files for browsers, and the rest of the package, its Node
 * platform files with it, is what Node loads.
 */
/**
 * A Capacitor app (`npx cap add`, `cap sync` among its scripts), whose web bundle runs on the person's device. (Node's
 * modules for a browser, `crypto-browserify`, say nothing: a server's data layer ships them for its mobile build.)
 */
function runsCapacitor(manifest: Record<string, unknown>): boolean {
  const scripts = manifest['scripts'];
  return typeof scripts === 'object' && scripts !== null
    && Object.values(scripts).some((script) => typeof script === 'string' && /(?:^|[\s;&|])(?:npx\s+)?cap\s+(?:add|sync|copy|run|open|build)\b/.test(script));
}

function declaresBrowserBuild(manifest: Record<string, unknown>): boolean {
  const browser = manifest['browser'];
  const main = manifest['main'];
  if (typeof browser !== 'string') return false;
  // a browser build beside a main one for the Node versions it names (`engines.node`) is a universal library's
  const engines = manifest['engines'];
  if (typeof engines === 'object' && engines !== null && 'node' in engines) return false;
  return !(typeof main === 'string' && normalize(browser) === normalize(main));
}

/**
 * Whether a file the package names may be there: it is, under some extension (`"main": "index.js"` for `index.ts`),
 * or its folder is not (build output not built yet). npm init's `"main": "index.js"` left in a repository's root
 * package.json with no such file names nothing: read by name, it made every `index.*` below the root an entry
 * (anything-llm's `extras/translator/index.mjs`, a maintainer's script, was linted as what the package ships).
 */
function mayBeThere(path: string): boolean {
  const folder = dirname(path);
  const wanted = stem(path);
  try {
    return readdirSync(folder).some((name) => stem(name) === wanted);
  } catch {
    return true; // no such folder (yet): output of a build
  }
}

/** Whether a full-stack framework builds or serves the package itself: a script runs it, or its config is there. */
function isFrameworkApp(directory: string, manifest: Record<string, unknown>): boolean {
  const scripts = typeof manifest['scripts'] === 'object' && manifest['scripts'] !== null ? Object.values(manifest['scripts']) : [];
  if (scripts.some((script) => typeof script === 'string' && FRAMEWORK_COMMAND.test(script))) return true;
  return FRAMEWORK_CONFIGS.some((name) => existsSync(join(directory, name)));
}
const FRAMEWORK_COMMAND = /(?:^|[\s;&|(])(?:next|nuxt|nuxi|remix|react-router|astro|vite)\s+(?:dev|build|start|preview|export)\b/;
const FRAMEWORK_CONFIGS = ['next.config.js', 'next.config.mjs', 'next.config.cjs', 'next.config.ts', 'nuxt.config.ts', 'nuxt.config.js', 'svelte.config.js', 'astro.config.mjs', 'remix.config.js', 'react-router.config.ts', 'vite.config.ts', 'vite.config.js'];

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

/** Whether the package's test scripts or test runner run this file (see `testScriptFiles`): a harness, a set-up, test code. */
export function isRunByTestScript(path: string): boolean {
  const absolute = isAbsolute(path) ? path : resolve(path);
  return nearestPackage(dirname(absolute))?.testScriptFiles.includes(absolute) === true;
}

/** Whether the file sits in a full-stack app's package (Next.js, Remix, SvelteKit, Nuxt, Astro): its pages and its server ship together. */
export function inFullStackApp(path: string): boolean {
  return nearestPackage(dirname(isAbsolute(path) ? path : resolve(path)))?.fullStack === true;
}

/** Whether the file sits in an app whose framework keeps `*.client.ts` modules in the browser bundle only. */
export function inAppWithClientModules(path: string): boolean {
  return nearestPackage(dirname(isAbsolute(path) ? path : resolve(path)))?.clientModules === true;
}

/** Whether the file sits in a full-stack app's package, or in one holding a front end and its own server (see `pagesWithOwnServer`). */
export function inAppWithPages(path: string): boolean {
  const info = nearestPackage(dirname(isAbsolute(path) ? path : resolve(path)));
  return info?.fullStack === true || info?.pagesWithOwnServer === true;
}
