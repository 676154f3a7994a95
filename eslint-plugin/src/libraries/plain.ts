import { io, takesNoBound, value, type LibraryModel } from './model.js';

/**
 * Plain's support SDK (`@team-plain/typescript-sdk`): `new PlainClient({ apiKey, apiUrl? })`, whose every method
 * (`upsertCustomer`, `createThread`, `rawRequest`, ...) posts one GraphQL request with the global fetch, no timeout
 * and no signal; its options take neither. Only waiting for a call can be bounded (the runtime's `timeout`, the
 * request itself goes on). Every failure, a lost connection included, comes back as `{ error }` rather than a
 * rejection (read in 4.10.1, 5.8.0 and 5.12.1: one try/catch around the fetch and the parsing).
 */

const MODULE = '@team-plain/typescript-sdk';

export const plainLibrary: LibraryModel = {
  kind: 'plain',
  title: 'Plain (`@team-plain/typescript-sdk`)',
  modules: [MODULE],
  typeNames: ['PlainClient'],
  takesUrl: false,
  dependencyName: 'plain',
  signal: 'none',
  retries: 'never',
  resolvesWithErrorSince: { major: 4, minor: 10 },
  fromModule: (module, imported) => (module === MODULE && imported === 'PlainClient' ? value('plain', 'class', 'PlainClient') : undefined),
  member: (v, name) => (v.role === 'client' && name !== 'constructor' ? { ...v, role: 'method', name } : undefined),
  call: (v) => (v.role === 'method' ? io(`PlainClient.${v.name}`, 'POST', -1, undefined) : undefined),
  construct: (v, node) => (v.role === 'class' ? { ...v, role: 'client', options: [], origin: node } : undefined),
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'client', options: [] } : undefined),
  timeout: takesNoBound("stop waiting for it with the runtime's `timeout(ms)`: the Plain SDK sends with fetch and takes no timeout or signal"),
  fix: {},
};
