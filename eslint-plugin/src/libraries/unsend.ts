import { derive, instanceFrom, io, takesNoBound, value, type LibraryModel } from './model.js';

/**
 * Unsend (`unsend` 1.x): `new Unsend(key, url)`, then `unsend.emails.send(...)`, `unsend.contacts.create(book, ...)`.
 * Each operation sends with the global fetch and no timeout; neither the client nor an operation takes one or a
 * signal, so only waiting for it can be bounded (the runtime's timeout), not the request. Failures of the request
 * itself reject; error answers resolve as `{ data: null, error }`.
 */

const MODULE = 'unsend';
/** Members that are the client's own state, and `fetchRequest`, which hands fetch an init that may carry a signal. */
const NOT_OPERATIONS = new Set(['constructor', 'key', 'headers', 'url', 'fetchRequest']);
/** The client's own request helpers, with their HTTP method. */
const CLIENT_REQUESTS: Record<string, string> = { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE' };

/** An operation's HTTP method, by its name. */
const OPERATION_METHODS: Record<string, string> = { get: 'GET', update: 'PATCH', upsert: 'PUT', delete: 'DELETE', cancel: 'POST' };

export const unsendLibrary: LibraryModel = {
  kind: 'unsend',
  title: 'Unsend (`unsend`)',
  modules: [MODULE],
  typeNames: ['Unsend'],
  takesUrl: false,
  dependencyName: 'unsend',
  signal: 'none',
  retries: 'never',
  fromModule: (module, imported) => (module === MODULE && imported === 'Unsend' ? value('unsend', 'class', 'Unsend') : undefined),
  member(v, name) {
    if (NOT_OPERATIONS.has(name)) return undefined;
    if (v.role === 'client') return name in CLIENT_REQUESTS ? derive(v, 'request', name) : derive(v, 'resource', name);
    if (v.role === 'resource') return derive(v, 'operation', `${v.name}.${name}`);
    return undefined;
  },
  call(v) {
    if (v.role === 'request') return io(`unsend.${v.name}`, CLIENT_REQUESTS[v.name], -1, undefined);
    if (v.role !== 'operation') return undefined;
    return io(`unsend.${v.name}`, OPERATION_METHODS[v.name.split('.').at(-1)!] ?? 'POST', -1, undefined);
  },
  construct: (v, node) => (v.role === 'class' ? instanceFrom(v, 'client', node, []) : undefined),
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'client', options: [] } : undefined),
  timeout: takesNoBound('wrap it in a timeout (the SDK takes no timeout or signal, so only waiting for it can be bounded)', 'none (Node: 300 s for headers)'),
  fix: {},
};
