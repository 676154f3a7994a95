import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { TSESLint } from '@typescript-eslint/utils';
import { Minimatch } from 'minimatch';
import { MATCH_OPTIONS, overrideFor, toPosix, type Environment, type FileSettings } from './file-settings.js';
import { MEDIA_CONSTRUCTORS, readsBrowserGlobals, withoutDrivenPageCode } from './global-use.js';
import { nxProjectRuntime } from './nx-projects.js';
import { inAppWithClientModules, nearestPackage } from './package-info.js';
import { endsTypeOnlyStatement } from './type-only-imports.js';

// Where a file runs (see `Environment`), for the rules that judge a call by where a hang costs something: the user's
// `environments` globs, what the file declares, the package it sits in, then its code.

/**
 * Server files of full-stack frameworks: API routes, route handlers, server modules, middleware; and a package's
 * top-level `api/` (Vercel's functions). An `api/` folder deeper in (SvelteKit's `src/lib/api/`, a page's
 * `src/api/` client) holds what pages call their back end with: its modules run where they are imported.
 */
const SERVER_PATHS = new Minimatch('{api/**,**/{pages/api/**,app/api/**,server/**,route.*,+server.*,+page.server.*,+layout.server.*,*.server.*,middleware.*}}', MATCH_OPTIONS);
/**
 * Next.js's App Router renders its pages, layouts and the other files it names by convention on the server (React
 * Server Components) unless they say `'use client'`; its route handlers (`route.tsx` too, whose `GET` is no
 * component) and metadata files (`opengraph-image`, `sitemap`, ...) run there too, and so does `instrumentation.ts`
 * beside `app/`. (`error.tsx` and `global-error.tsx` must be client components.)
 */
const SERVER_COMPONENT_PATHS = new Minimatch(
  '{{app,src/app}/**/{page,layout,template,default,not-found,global-not-found,loading,forbidden,unauthorized,route,opengraph-image,twitter-image,icon,apple-icon,sitemap,robots,manifest},{,src/}instrumentation}.{tsx,jsx,ts,js}',
  MATCH_OPTIONS,
);

/** The directive prologue: `'use client'` / `'use server'` before any statement. */
const DIRECTIVE = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*(['"])use (client|server)\1/;
/** `import 'client-only'` / `import 'server-only'`: the packages a module imports to fail the build on the wrong side. */
const ONLY_MARKER_IMPORT = /^\s*import\s+(['"])(client|server)-only\1/m;
/** A package's static files, served to browsers as they are: `public/`, at its root or in its source folder. */
const PUBLIC_FOLDER = /^(?:(?:src|app|server)\/)?public\//;
/** By convention, a `client-only/` folder holds modules kept out of the server bundle. */
const BROWSER_ONLY_FOLDER = /(?:^|\/)client-only\//;
/**
 * What a full-stack framework keeps out of the server bundle: `*.client.ts` (Remix, React Router, Nuxt). Elsewhere the
 * name says nothing of where it runs: a NestJS `billing.client.ts` is the service's client of another one, and so
 * is a Next.js app's `builder-io.client.ts` (saleor's CMS app), which its webhook routes call.
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
    // an HTTP server framework, wherever it is declared (a front end's static proxy keeps it among devDependencies)
    'express', 'fastify', 'koa', '@nestjs/core', '@hapi/hapi', 'restify',
  ].join('|')})['"]`,
  'g',
);
/**
 * Whether the module imports what only Node has. Not in a comment (a JSDoc `import("@prisma/client").User` type) nor
 * in a type-only import (erased by the build); and `@prisma/client` only with its `PrismaClient`: its enums and
 * `Prisma` helpers have a browser build, which pages import to share the schema's values.
 */
export function importsServerOnlyModule(text: string): boolean {
  return importsForValues(text, SERVER_ONLY_IMPORT, (match) => !match.includes('@prisma/client') || /\bPrismaClient\b/.test(text));
}

/** Node's own HTTP, compression and stream modules, which no browser has (a bundler stands in for them only if told to). */
const NODE_CORE_IMPORT = /(?:\bfrom\s+|\brequire\(\s*)['"](?:http|https|zlib|stream)['"]/g;

/** Whether the module imports one of them for its values. */
function importsNodeCore(text: string): boolean {
  return importsForValues(text, NODE_CORE_IMPORT);
}

/** Whether an import `pattern` matches is one of values: not in a comment, not type-only, and `accepted`. */
function importsForValues(text: string, pattern: RegExp, accepted: (match: string) => boolean = () => true): boolean {
  for (const match of text.matchAll(pattern)) {
    const lineStart = text.lastIndexOf('\n', match.index) + 1;
    if (/^\s*(?:\*|\/\/|\/\*)/.test(text.slice(lineStart, match.index))) continue;
    if (match[0].startsWith('from') && endsTypeOnlyStatement(text, match.index)) continue;
    if (accepted(match[0])) return true;
  }
  return false;
}

/** Next.js's server-side types: a module (not a page, which holds both halves) handed a request's context runs on the server. */
const NEXT_SERVER_TYPES = /\bimport\s+(?:type\s+)?\{[^}]*\b(?:Get(?:ServerSide|Static)Props(?:Context|Result)?|GetStaticPaths|NextApi(?:Request|Response|Handler))\b[^}]*\}\s*from\s+['"]next['"]/;
const takesNextServerContext = (path: string, text: string): boolean => !/\.[cm]?[jt]sx$/.test(path) && NEXT_SERVER_TYPES.test(text);
/**
 * Module forms only a browser runs: an AMD module (`define('admin/users', ['api'], (api) => ...)`, RequireJS's, which
 * no Node code uses) and a service or web worker's global scope (`self.addEventListener('fetch', ...)`,
 * `self.skipWaiting()`, `importScripts(...)`).
 */
const BROWSER_MODULE_FORM = /^\s*define\s*\(\s*(?:['"][^'"\n]+['"]\s*,\s*)?\[|(?<![\w$.])self\s*\.\s*(?:addEventListener\s*\(\s*['"](?:install|activate|fetch|push|sync|message|notificationclick)['"]|skipWaiting\s*\(|clients\s*\.\s*claim\s*\()|^\s*importScripts\s*\(/m;

/** `import { app, BrowserWindow, ipcMain } from 'electron'`, `require('electron')`: the main or renderer process of a desktop app. */
const ELECTRON_IMPORT = /(?:\bfrom\s+|\brequire\(\s*)['"]electron(?:\/main|\/renderer)?['"]/;

/** A module importing a front-end framework (a hook's `react`): a page's, whoever imports it. */
export const importsFrontEnd = (text: string): boolean => FRONT_END_IMPORT.test(text);
/**
 * A front-end framework, or a page's own state or routing library (a Vuex or Pinia store, Vue Router, React Router's
 * DOM bindings, React Redux, TanStack Query's framework bindings): a module importing one is a page's.
 */
const FRONT_END_IMPORT = /\bfrom\s+['"](?:react|react-dom(?:\/client)?|vue|svelte|preact|solid-js|@angular\/[\w-]+(?:\/[\w-]+)?|vuex|pinia|vue-router|react-router-dom|react-redux|@tanstack\/(?:react|vue|svelte|solid)-query)['"]/;


/**
 * Where a file runs: the user's `environments` globs, its own directives, shebang and `client-only`/`server-only`
 * import, a browser-only path (`*.client.ts`, `client-only/`), a Vue or Svelte component, the package it sits in (nearest package.json: `bin`, `browser`, front-end or server dependencies;
 * in an Nx workspace, its project's `project.json`: see nx-projects.ts), then its code (JSX, DOM globals, front-end imports).
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
  // A desktop app's code, its main process included (Node's modules, an embedded server or database): client code
  // on the user's machine, judged as a page's is. So is a module using Electron's API wherever it sits.
  if (info?.desktop || ELECTRON_IMPORT.test(text)) return 'browser';
  const inPackage = info ? toPosix(relative(info.directory, absolute)) : toPosix(path);
  // what a server or a bundler hands to browsers as it is (a vendored editor's loader under `public/monaco/`)
  if (info && PUBLIC_FOLDER.test(inPackage)) return 'browser';
  // In an Nx workspace whose one package.json lists every project's dependencies (React and NestJS alike), the
  // project's own project.json says where its code runs: built for the web, or for Node.
  const nx = info ? nxProjectRuntime(absolute, info.directory) : undefined;
  const server = nx ? nx === 'server' : info?.server === true;
  const frontEnd = nx ? nx === 'browser' : info?.frontEnd === true;
  if (info?.clientModules && CLIENT_MODULE.test(path)) return 'browser';
  if (info?.fullStack && SERVER_PATHS.match(inPackage)) return 'server';
  if (info?.next && SERVER_COMPONENT_PATHS.match(inPackage)) return 'server'; // see isServerComponentPath
  // What only Node has (a builtin, a database, queue or mail driver, Next.js's server API) makes a module no page's,
  // whatever its package or extension says: `react` there renders e-mails or a terminal UI.
  const command = (!!info?.bins.length || !!info?.commandPlugin) && !info.selfHostedServer;
  if (importsServerOnlyModule(text) || takesNextServerContext(path, text)) return command ? 'cli' : 'server';
  if (/\.[jt]sx$/.test(path) && !server) return 'browser';
  if (FRONT_END_IMPORT.test(text) || BROWSER_MODULE_FORM.test(text) || codeUsesDom(text, scopeManager)) return 'browser';
  // A package that ships a command (`bin`) is a tool run on someone's machine, even when it starts a local server of
  // its own (a dev server, an emulator), or is built with a front-end bundler (vite): what its code does not show to
  // be browser code is the command's. Unless the command starts the product itself: a self-hosted server.
  if (command) return 'cli';
  // a universal library's Node half (influxdb-client-js's `impl/node/` transport beside its `browser` build)
  if (frontEnd && !server && !importsNodeCore(text)) return 'browser';
  return server ? 'server' : 'unknown';
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
    || ONLY_MARKER_IMPORT.test(text) || BROWSER_ONLY_FOLDER.test(toPosix(path)) || (CLIENT_MODULE.test(path) && inAppWithClientModules(path))
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


/**
 * Whether every part of a full-stack app's page that imports a module runs in the browser, going by the importer
 * alone: browser code by its path, package or text, that exports no server half (`loader`, `action`,
 * `getServerSideProps`...) and, in a Next.js app with an App Router, says `'use client'` (else it may be a server component).
 */
export function importerRunsInBrowser(path: string, text: string, settings: FileSettings): boolean {
  if (fileEnvironment(path, text, settings) !== 'browser' || SERVER_HALF_EXPORT.test(text)) return false;
  const absolute = isAbsolute(path) ? path : resolve(path);
  return nearestPackage(dirname(absolute))?.appRouter !== true || DIRECTIVE.exec(text)?.[2] === 'client';
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
  const mentioned = DOM_GLOBAL.test(text) || EXTENSION_API.test(text) || MEDIA_OBJECT.test(text);
  if (!mentioned || scopeManager) return mentioned && !!scopeManager && readsBrowserGlobals(scopeManager);
  const moduleText = withoutDrivenPageCode(text);
  return (DOM_GLOBAL.test(moduleText) && !/typeof\s+(?:window|document)\b/.test(moduleText)) || EXTENSION_API.test(moduleText) || MEDIA_OBJECT.test(moduleText);
}

/** `new RTCPeerConnection(`, `new window.MediaStream(`: see `MEDIA_CONSTRUCTORS`. */
const MEDIA_OBJECT = new RegExp(`\\bnew\\s+(?:window\\s*\\.\\s*)?(?:${MEDIA_CONSTRUCTORS.join('|')})\\s*\\(`);

/** Forget the environment last worked out (a package.json changed): the next question reads the package again. */
export function forgetLastEnvironment(): void {
  lastEnvironment = undefined;
  lastDeclared = undefined;
}
