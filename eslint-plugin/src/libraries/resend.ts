import { derive, instanceFrom, io, isWholeModule, value, type LibraryModel } from './model.js';

/**
 * Resend: `new Resend(key)`, then `resend.emails.send(payload, requestOptions)`. It sends with the global fetch and no
 * timeout, and its client takes none; from 6.34 on each call's request options take a `signal`. Before that nothing
 * bounds a call: the fix can only stop waiting for it. Its calls resolve with `{ data, error }` rather than reject.
 */

/** Operations whose request options come third, after an id and a payload (Resend 6.38); the rest take them second. */
const OPTIONS_THIRD = new Set([
  'apiKeys.update', 'automations.update', 'broadcasts.send', 'broadcasts.clickedLinks', 'broadcasts.update', 'emails.receiving.get',
  'emails.share', 'events.update', 'inboxes.update', 'segments.update', 'audiences.update', 'templates.update', 'webhooks.update',
]);

/** Where an operation (`emails.send`) takes its request options. */
function requestOptionsIndex(operation: string): number {
  return OPTIONS_THIRD.has(operation) ? 2 : 1;
}
const NON_CALLS = new Set(['constructor', 'key', 'baseUrl', 'userAgent', 'headers']);
/** The HTTP method of an operation, by its name (sending and creating are POSTs). */
const HTTP_METHODS: Record<string, string> = { get: 'GET', list: 'GET', update: 'PATCH', remove: 'DELETE' };

export const resendLibrary: LibraryModel = {
  kind: 'resend',
  title: 'Resend',
  modules: ['resend'],
  typeNames: ['Resend'],
  takesUrl: false,
  dependencyName: 'resend',
  signal: '`signal` in the request options (6.34 and later)',
  retries: 'never',
  signalSince: { major: 6, minor: 34 },
  // from 3.4 on a network failure is caught too, and returned like an error answer
  resolvesWithErrorSince: { major: 3, minor: 4 },
  fromModule(module, imported) {
    if (module !== 'resend') return undefined;
    return isWholeModule(imported) || imported === 'Resend' ? value('resend', 'class', 'Resend') : undefined;
  },
  member(v, name) {
    if (NON_CALLS.has(name)) return undefined;
    if (v.role === 'client') return derive(v, 'resource', name);
    // `resend.emails.receiving.get(...)`, `resend.emails.send(...)`
    if (v.role === 'resource' || v.role === 'operation') return derive(v, 'operation', `${v.name}.${name}`);
    return undefined;
  },
  call(v) {
    if (v.role !== 'operation') return undefined;
    return io(`resend.${v.name}`, HTTP_METHODS[v.name.split('.').at(-1)!] ?? 'POST', requestOptionsIndex(v.name), 'signal');
  },
  construct: (v, node) => (v.role === 'class' ? instanceFrom(v, 'client', node, []) : undefined),
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'client', options: [] } : undefined),
  timeout: {
    levels: ['call'],
    callOptions: [],
    instanceOptions: [],
    chainMethods: [],
    remedy: 'pass `signal: AbortSignal.timeout(ms)` in its request options (Resend 6.34 and later; earlier versions take none, so only waiting for it can be bounded)',
    defaultBound: 'none (Node: 300 s for headers)',
  },
  fix: {
    optionsIndex: (call) => requestOptionsIndex(call.label.slice('resend.'.length)),
    nativeTimeout: (call, milliseconds) => (call.signalOption ? { key: 'signal', value: `AbortSignal.timeout(${milliseconds})` } : undefined),
  },
};
