import { derive, instanceFrom, io, takesNoBound, value, type LibraryModel } from './model.js';

/**
 * @apple/app-store-server-library: `new AppStoreServerAPIClient(signingKey, keyId, issuerId, bundleId, environment)`,
 * whose every operation (`getAllSubscriptionStatuses(id)`, `getTransactionInfo(id)`, `sendConsumptionInformation(id,
 * request)`) sends one request through node-fetch with no timeout and no signal (the types and code of 1.6 and 3.1):
 * neither the constructor nor a call takes one, so only waiting for it can be bounded.
 */

const MODULE = '@apple/app-store-server-library';
const CLASS = 'AppStoreServerAPIClient';
/** Members that are not requests: the protected request plumbing. */
const NON_CALLS = new Set(['constructor', 'makeRequest', 'makeFetchRequest']);
const VERBS: readonly (readonly [RegExp, string])[] = [
  [/^(get|lookUp)/, 'GET'],
  [/^(extend|send|set|configure|upload)/, 'PUT'],
  [/^delete/, 'DELETE'],
];

export const appStoreServerLibrary: LibraryModel = {
  kind: 'app-store-server',
  title: 'App Store Server API (`@apple/app-store-server-library`)',
  modules: [MODULE],
  typeNames: [CLASS],
  takesUrl: false,
  dependencyName: 'app-store',
  signal: 'none',
  retries: 'never',
  fromModule: (module, imported) => (module === MODULE && imported === CLASS ? value('app-store-server', 'class', CLASS) : undefined),
  member: (v, name) => (v.role === 'client' && !NON_CALLS.has(name) && /^[a-z]/.test(name) ? derive(v, 'operation', name) : undefined),
  call(v) {
    if (v.role !== 'operation') return undefined;
    const method = VERBS.find(([verb]) => verb.test(v.name))?.[1] ?? 'POST';
    return io(`${CLASS}.${v.name}`, method, -1, undefined);
  },
  construct: (v, node) => (v.role === 'class' ? instanceFrom(v, 'client', node, []) : undefined),
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'client', options: [] } : undefined),
  timeout: takesNoBound("stop waiting for it with the runtime's `timeout(ms)`: the App Store Server API client sends over node-fetch with no timeout, and neither its constructor nor its calls take one or a signal"),
  fix: {},
};
