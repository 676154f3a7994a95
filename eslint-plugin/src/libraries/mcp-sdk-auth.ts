import { packageExports, type LibraryModel } from './model.js';

/**
 * The OAuth helpers of `@modelcontextprotocol/sdk` (`client/auth.js`): `discoverAuthorizationServerMetadata(url,
 * { fetchFn })`, `exchangeAuthorization`, `refreshAuthorization` and `registerClient` each fetch the authorization
 * server with the global fetch and no signal, unless handed a `fetchFn` of one's own (`FetchLike`, the SDK's type).
 * That option is the only bound: a fetch that gives up after a while.
 */

const MODULES = ['@modelcontextprotocol/sdk/client/auth.js', '@modelcontextprotocol/sdk/client/auth'];
/** The helpers whose second argument is an options object with `fetchFn` (the discovery ones taking it third are left out). */
const OPERATIONS = ['discoverAuthorizationServerMetadata', 'exchangeAuthorization', 'refreshAuthorization', 'registerClient'];
const REMEDY = 'pass a `fetchFn` that gives up (`(url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(ms) })`): the SDK fetches with no timeout or signal of its own';

export const mcpSdkAuthLibrary: LibraryModel = {
  kind: 'mcp-sdk-auth',
  title: 'MCP SDK OAuth helpers (`@modelcontextprotocol/sdk/client/auth.js`)',
  modules: MODULES,
  typeNames: [],
  takesUrl: true,
  dependencyName: 'oauth',
  signal: "none (a `fetchFn` of one's own)",
  retries: 'never',
  ...packageExports('mcp-sdk-auth', MODULES, (name) => (OPERATIONS.includes(name) ? 'operation' : undefined)),
  call: (v) => (v.role === 'operation' ? { io: { label: v.name, httpMethod: undefined, optionsIndex: 1, signalOption: undefined } } : undefined),
  construct: () => undefined,
  timeout: {
    levels: ['call'],
    callOptions: ['fetchFn'],
    instanceOptions: [],
    chainMethods: [],
    remedy: REMEDY,
    defaultBound: 'none',
  },
  fix: {
    optionsIndex: () => 1,
    nativeTimeout: (_call, milliseconds) => ({ key: 'fetchFn', value: `(url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(${milliseconds}) })` }),
  },
};
