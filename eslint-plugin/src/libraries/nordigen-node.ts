import { derive, instanceFrom, io, isWholeModule, takesNoBound, value, type LibraryModel } from './model.js';

/**
 * nordigen-node (GoCardless Bank Account Data): `new NordigenClient({ secretId, secretKey })`, then
 * `client.generateToken()`, `client.initSession(...)`, `client.institution.getInstitutions(...)`,
 * `client.account(id).getTransactions(...)`. Every request goes through a copy of axios bundled in the package, with
 * axios's default of no timeout, and nothing of the client or the call sets one (the app's own `axios.defaults` do not
 * reach the bundled copy): only waiting for it can be bounded.
 */

/** The client's own requests, and its resource groups' (`institution`, `agreement`, `requisition`, `account(id)`). */
const CLIENT_CALLS = new Set(['request', 'generateToken', 'exchangeToken', 'initSession']);
const GROUPS = new Set(['institution', 'agreement', 'requisition']);
const GROUP_CALLS = /^(get|create|delete|accept)[A-Z]/;
const HTTP_METHODS: Record<string, string> = { create: 'POST', delete: 'DELETE', accept: 'PUT', get: 'GET' };

export const nordigenLibrary: LibraryModel = {
  kind: 'nordigen',
  title: 'nordigen-node',
  modules: ['nordigen-node'],
  typeNames: ['NordigenClient'],
  takesUrl: false,
  dependencyName: 'gocardless',
  signal: 'none',
  retries: 'never',
  fromModule: (module, imported) => (module === 'nordigen-node' && isWholeModule(imported) ? value('nordigen', 'class', 'NordigenClient') : undefined),
  member(v, name) {
    if (v.role === 'client') {
      if (CLIENT_CALLS.has(name)) return derive(v, 'operation', name);
      if (GROUPS.has(name)) return derive(v, 'group', name);
      return name === 'account' ? derive(v, 'account-factory', name) : undefined;
    }
    if (v.role === 'group' || v.role === 'account') return GROUP_CALLS.test(name) ? derive(v, 'operation', `${v.name}.${name}`) : undefined;
    return undefined;
  },
  call(v) {
    if (v.role === 'account-factory') return { result: derive(v, 'account', 'account') };
    if (v.role !== 'operation') return undefined;
    const verb = /(?:^|\.)([a-z]+)/.exec(v.name.split('.').at(-1)!)?.[1] ?? '';
    const method = v.name === 'generateToken' || v.name === 'exchangeToken' || v.name === 'initSession' ? 'POST' : HTTP_METHODS[verb];
    return io(`NordigenClient.${v.name}`, method, -1, undefined);
  },
  construct: (v, node) => (v.role === 'class' ? instanceFrom(v, 'client', node, []) : undefined),
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'client', options: [] } : undefined),
  timeout: takesNoBound("stop waiting for it with the runtime's `timeout(ms)`: nordigen-node sends through its own bundled axios with no timeout, and neither its client nor its calls take one"),
  fix: {},
};
