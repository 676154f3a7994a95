import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { unwrapExpression } from './syntax.js';

// The names by which code refers to the app's own back end: a public build-time variable (`VITE_API_URL`), a
// server setting (`process.env.API_HOST`), a setting or parameter named so (`backendUrl`, `config.relative_path`),
// the page's own location. Where a URL goes is read in url-destination.ts; these say which names lead home.

/**
 * Build-time variables a bundler exposes to the browser (Vite, Next.js, Create React App, Astro/SvelteKit, Nuxt,
 * Vue CLI, Gatsby, Expo, Angular's @ngx-env), named as the app's own base URL: only the words below before `URL`,
 * `URI`, `ORIGIN`, `HOST`, `ENDPOINT`... (`VITE_BACKEND_API_URL`, `NEXT_PUBLIC_API_BASE_URL`, `REACT_APP_SERVER_URL`).
 * A name with any other word (`VITE_SENTRY_URL`, `NEXT_PUBLIC_SUPABASE_URL`) is another service's.
 */
export const PUBLIC_ENV_PREFIX = /^(?:VITE|NEXT_PUBLIC|REACT_APP|PUBLIC|NUXT_PUBLIC|NUXT_ENV|VUE_APP|GATSBY|EXPO_PUBLIC|NG_APP)_/;
const OWN_BASE_NAME = /^(?:(?:BACKEND|API|SERVER|APP|WEBAPP|BASE|SITE|ORIGIN|GQL|GRAPHQL|REST|HTTP|ROOT|WEB|SELF)_)*(?:URL|URI|ORIGIN|HOST|ENDPOINT|BASE|ROOT|PREFIX)$/;

/** `import.meta.env.VITE_BACKEND_API_URL`, `process.env.NEXT_PUBLIC_API_URL` (see `OWN_BASE_NAME`). */
export function isOwnBaseVariable(node: TSESTree.MemberExpression): boolean {
  const name = node.computed
    ? node.property.type === AST_NODE_TYPES.Literal && typeof node.property.value === 'string' ? node.property.value : undefined
    : node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : undefined;
  if (!name || !isOwnBaseName(name)) return false;
  const env = unwrapExpression(node.object);
  if (env.type !== AST_NODE_TYPES.MemberExpression || env.computed || env.property.type !== AST_NODE_TYPES.Identifier || env.property.name !== 'env') return false;
  const holder = unwrapExpression(env.object);
  return (holder.type === AST_NODE_TYPES.MetaProperty && holder.meta.name === 'import') || (holder.type === AST_NODE_TYPES.Identifier && holder.name === 'process');
}

/**
 * `backendUrl`, `apiBaseUrl`, `serverOrigin`, `instanceUrl`, `serverAddress`: a setting named as the app's own back end (read in a page: an extension's
 * stored back end, a front end's config). A bare `baseUrl` or a name with another word (`openaiBaseUrl`) says nothing.
 */
const OWN_BACK_END_NAME = /^(?:backend|api|server|instance)(?:Base)?(?:Url|URL|Uri|URI|Origin|Endpoint|Address)$/;
/** Objects that hold what the user set: `settings`, `appSettings`, `config`, `prefs`, `preferences`. */
const USER_SETTINGS_NAME = /^(?:\w*Settings|settings|config|\w*Config|prefs|preferences)$/;

/**
 * `settings.address`: a client of a self-hosted service (an extension, a mobile app) calling the server whose address
 * its user set. Read in a page only (see `isOwnOriginCall`); `peer.address` or `settings.smtpAddress` say nothing.
 */
export function isServerAddressSetting(node: TSESTree.MemberExpression): boolean {
  const holder = unwrapExpression(node.object);
  const holderName = holder.type === AST_NODE_TYPES.Identifier ? holder.name : holder.type === AST_NODE_TYPES.MemberExpression ? staticName(holder) : undefined;
  return staticName(node) === 'address' && holderName !== undefined && USER_SETTINGS_NAME.test(holderName);
}

/** A setting named as a path, not a URL: whatever follows it, the request stays on the page's origin. */
const RELATIVE_PATH_NAME = /^(?:relative_?[pP]ath|RELATIVE_PATH)$/;
/** A setting that may hold a path or a whole URL: the page's own only with one of the app's API paths after it. */
const BASE_PATH_NAME = /^(?:base_?[pP]ath|base_?[uU][rR][lL]|BASE_PATH|BASE_URL)$/;
const OWN_API_PATH = /^\/api(?:[/?#]|$)/;

/**
 * `${config.relative_path}/api/admin/topics`, `appConfig.basePath + '/api/me'`: a page of an app served under a
 * configured base path (a forum's `relative_path`, Next.js's `basePath`) fetching its own server. Only read from the
 * app's settings object (`config`, `window.config`, `appConfig`, `settings`), and a `basePath`/`baseUrl` (which may
 * be another server's full URL, as in generated API clients) only before `/api/...`.
 */
export function isOwnBasePath(expression: TSESTree.Node, rest: string): boolean {
  const node = unwrapExpression(expression);
  if (node.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = staticName(node);
  if (!name || !(RELATIVE_PATH_NAME.test(name) || (BASE_PATH_NAME.test(name) && OWN_API_PATH.test(rest)))) return false;
  const holder = unwrapExpression(node.object);
  const holderName = holder.type === AST_NODE_TYPES.Identifier ? holder.name : holder.type === AST_NODE_TYPES.MemberExpression ? staticName(holder) : undefined;
  return holderName !== undefined && USER_SETTINGS_NAME.test(holderName);
}

export function isOwnBackEndName(name: string | undefined): boolean {
  return name !== undefined && OWN_BACK_END_NAME.test(name);
}

export function staticName(node: TSESTree.MemberExpression): string | undefined {
  return !node.computed && node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : undefined;
}

/** `VITE_API_URL`, `NEXT_PUBLIC_WEBAPP_URL`: a public build-time variable named as the app's own base URL. */
export function isOwnBaseName(name: string): boolean {
  const prefix = PUBLIC_ENV_PREFIX.exec(name)?.[0];
  return prefix !== undefined && OWN_BASE_NAME.test(name.slice(prefix.length));
}

/**
 * `window.API_URL`, `window.__BACKEND_URL__`: a global the page's own server writes into the page it serves (a script
 * tag setting the API's address), named as the app's own base URL (see `OWN_BASE_NAME`).
 */
export function isPageInjectedBase(node: TSESTree.MemberExpression): boolean {
  const holder = unwrapExpression(node.object);
  const name = staticName(node)?.replace(/^_+|_+$/g, '');
  return holder.type === AST_NODE_TYPES.Identifier && (holder.name === 'window' || holder.name === 'self') && name !== undefined && OWN_BASE_NAME.test(name);
}

/** `location.origin`, `window.location.origin`, `self.location.href`, `document.baseURI`, `window.origin`. */
export function isPageOrigin(node: TSESTree.MemberExpression): boolean {
  if (node.computed || node.property.type !== AST_NODE_TYPES.Identifier) return false;
  const property = node.property.name;
  const object = unwrapExpression(node.object);
  if (object.type === AST_NODE_TYPES.Identifier) {
    if (object.name === 'document') return property === 'baseURI' || property === 'URL';
    if (object.name === 'window' || object.name === 'self') return property === 'origin';
    return object.name === 'location' && (property === 'origin' || property === 'href');
  }
  return object.type === AST_NODE_TYPES.MemberExpression && !object.computed && object.property.type === AST_NODE_TYPES.Identifier
    && object.property.name === 'location' && object.object.type === AST_NODE_TYPES.Identifier
    && ['window', 'self', 'globalThis', 'document'].includes(object.object.name) && (property === 'origin' || property === 'href');
}

/** `process.env.API_HOST`, `process.env.BACKEND_URL`: a server setting named as the app's own API (a public prefix allowed). */
export function isOwnServerSetting(node: TSESTree.MemberExpression): boolean {
  const name = staticName(node);
  const env = unwrapExpression(node.object);
  const holder = env.type === AST_NODE_TYPES.MemberExpression ? unwrapExpression(env.object) : undefined;
  return name !== undefined && env.type === AST_NODE_TYPES.MemberExpression && staticName(env) === 'env' && holder?.type === AST_NODE_TYPES.Identifier
    && holder.name === 'process' && OWN_BASE_NAME.test(name.replace(PUBLIC_ENV_PREFIX, ''));
}
