import { dependencyVersion, olderThan } from '../project/dependency-versions.js';
import { requireCreationOption } from './creation-options.js';
import { instanceFrom, io, packageExports, type LibraryModel } from './model.js';

/**
 * svix: `new Svix(token, { serverUrl })`, then `svix.message.create(appId, { eventType, payload })`,
 * `svix.application.getOrCreate(...)`, `svix.endpoint.list(appId)`. Read in 0.84.1 (`dist/index.js`,
 * `dist/openapi/http/isomorphic-fetch.js`): each call is the global fetch (svix-fetch's polyfill where there is none)
 * with method, body and headers only, tried up to 3 times (again on a network error or a 5xx answer, 50 ms then
 * 100 ms later); the client takes only `debug` and `serverUrl`, and a call's options only an idempotency key and list
 * filters: nothing bounds a call, so only waiting for it can be, call by call. In 1.57.0 (and 1.59.0, 1.86.0;
 * `dist/request.js`; 1.45.1 has none) the client takes `requestTimeout`, each request getting `signal:
 * AbortSignal.timeout(requestTimeout)` (one for its tries), and a `fetch` of its own; still no call takes a bound.
 * From 1.57 on the client is judged where it is made, and before it each call is.
 */

const MODULE = 'svix';
const CLASS = 'Svix';
const EXPORTS = packageExports('svix', [MODULE], { [CLASS]: 'class' });
/** The first version whose client takes `requestTimeout`. */
const REQUEST_TIMEOUT_SINCE = { major: 1, minor: 57 };
const REMEDY = 'set `requestTimeout` (milliseconds, for each request) where the Svix client is created: svix sets none';
const OLD_REMEDY = "stop waiting for it with the runtime's `timeout(ms)`: svix before 1.57 sends with fetch and no timeout, and neither its client nor its calls take one or a signal (from 1.57 on, set `requestTimeout` where the client is created)";
/** The verb each operation sends, by its name; POST otherwise (`create`, `getOrCreate`, `resend`, `rotateSecret`, ...). */
const VERBS: readonly (readonly [RegExp, string])[] = [
  [/^(get|list)(?!OrCreate)/, 'GET'],
  [/^update/, 'PUT'],
  [/^patch/, 'PATCH'],
  [/^(delete|expunge)/, 'DELETE'],
];

function beforeRequestTimeout(filename: string | undefined): boolean {
  return filename !== undefined && olderThan(dependencyVersion(filename, MODULE), REQUEST_TIMEOUT_SINCE);
}

const checkCreation = requireCreationOption(1, ['requestTimeout', 'fetch'], 'requestTimeout', '10_000', REMEDY);

export const svixLibrary: LibraryModel = {
  kind: 'svix',
  title: 'Svix (`svix`)',
  modules: [MODULE],
  typeNames: [CLASS],
  takesUrl: false,
  dependencyName: 'svix',
  signal: 'none',
  retries: 'every call, 2 more times on a network error or a 5xx answer, 50 ms then 100 ms later (from 1.x, `numRetries` or `retryScheduleInMs`)',
  retriesByDefault: true,
  takesNoBound: (_call, filename) => beforeRequestTimeout(filename),
  fromModule: EXPORTS.fromModule,
  member(v, name) {
    if (v.role === 'module') return EXPORTS.member(v, name);
    // `svix.message`, then `.create`; nested resources (`svix.ingest.source`) read one level further
    if (v.role === 'client') return /^[a-z]/.test(name) ? { ...v, role: 'resource', name } : undefined;
    if (v.role === 'resource' || (v.role === 'operation' && !v.name.includes('.', v.name.indexOf('.') + 1))) {
      return /^[a-z]/.test(name) ? { ...v, role: 'operation', name: `${v.name}.${name}` } : undefined;
    }
    return undefined;
  },
  call(v) {
    if (v.role !== 'operation') return undefined;
    const method = v.name.slice(v.name.lastIndexOf('.') + 1);
    return io(`${CLASS}.${v.name}`, VERBS.find(([verb]) => verb.test(method))?.[1] ?? 'POST', -1, undefined);
  },
  construct: (v, node) => (v.role === 'class' ? instanceFrom(v, 'client', node, [node.arguments[1]]) : undefined),
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'client', options: [] } : undefined),
  timeout: {
    levels: ['client'],
    callOptions: [],
    instanceOptions: ['requestTimeout', 'fetch'],
    chainMethods: [],
    remedy: REMEDY,
    remedyFor: ({ filename }) => (beforeRequestTimeout(filename) ? OLD_REMEDY : undefined),
    defaultBound: 'none',
    // from 1.57 on, a client is judged where it is made (a creation elsewhere is reported there)
    instanceBound: (_call, filename) => (beforeRequestTimeout(filename) ? 'unbounded' : 'bounded'),
    // before 1.57 nothing its client is made with bounds a call
    readInstanceOptions: (_facts, context) => (beforeRequestTimeout(context?.filename) ? 'unbounded' : undefined),
  },
  creation: {
    sites: [{ module: MODULE, path: [CLASS], how: 'new' }],
    check: (node, sourceCode, file) => (beforeRequestTimeout(file.filename) ? undefined : checkCreation(node, sourceCode, file)),
  },
  fix: {},
};
