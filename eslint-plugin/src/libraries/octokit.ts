import { AST_NODE_TYPES } from '../ast-node-types.js';
import { isSet, readOptions, unwrapExpression } from '../analysis/syntax.js';
import { derive, instanceFrom, io, value, type LibraryModel, type OptionFacts } from './model.js';

/**
 * Octokit (`@octokit/rest`, `@octokit/core`, `octokit`): `octokit.rest.repos.get({ ..., request: { signal } })`,
 * `octokit.request('GET /repos/{owner}/{repo}', { request: { signal } })`. Requests go through fetch with no timeout;
 * a call is bounded by `request.signal`, a client by a `request.fetch` of its own where it is created. `request.timeout`
 * and `request.agent` only worked with the node-fetch transport (before @octokit/request 8, @octokit/rest 20): the
 * fetch-based Octokit ignores them, so they bound nothing. `Octokit.plugin(retry)` (`@octokit/plugin-retry`, built
 * into `octokit`) retries server errors 3 times.
 */

const MODULES = ['@octokit/rest', '@octokit/core', 'octokit'];
const NON_CALLS = new Set(['hook', 'auth', 'log', 'constructor']);
const ROUTE = /^\s*(GET|HEAD|POST|PUT|PATCH|DELETE)\s/;

/** The `request` option: bounded by a signal, a timeout or a fetch of one's own; not readable here counts as bounded. */
function requestOption(facts: OptionFacts, names: readonly string[]): 'bounded' | undefined {
  const request = facts.get('request');
  if (!request) return undefined;
  const target = unwrapExpression(request);
  if (target.type !== AST_NODE_TYPES.ObjectExpression) return 'bounded';
  const inner = readOptions(target);
  if (inner === 'unknown') return 'bounded';
  return names.some((name) => isSet(inner.get(name))) ? 'bounded' : undefined;
}

export const octokitLibrary: LibraryModel = {
  kind: 'octokit',
  title: 'Octokit (`@octokit/rest`, `@octokit/core`, `octokit`)',
  modules: MODULES,
  typeNames: ['Octokit'],
  takesUrl: false,
  dependencyName: 'github',
  signal: '`request: { signal }` in the call\'s parameters',
  retries: 'with `@octokit/plugin-retry` (built into `octokit`): 3 retries of server errors',
  fromModule: (module, imported) => (MODULES.includes(module) && imported === 'Octokit' ? value('octokit', 'class', 'Octokit') : undefined),
  member(v, name) {
    if (v.role === 'class' && (name === 'plugin' || name === 'defaults')) return derive(v, 'class-factory', name);
    if (v.role === 'client') {
      if (name === 'request' || name === 'graphql' || name === 'paginate') return derive(v, 'request', name);
      if (NON_CALLS.has(name)) return undefined;
      // `octokit.rest.users.get()`, and the older spelling `octokit.users.get()` that @octokit/rest still offers.
      return derive(v, name === 'rest' ? 'namespace' : 'group', name);
    }
    if (v.role === 'namespace') return derive(v, 'group', name);
    if (v.role === 'group') return derive(v, 'endpoint', `${v.name}.${name}`);
    if (v.role === 'request' && name === 'iterator') return derive(v, 'request', 'paginate.iterator');
    return undefined;
  },
  call(v, node) {
    if (v.role === 'class-factory') return { result: derive(v, 'class') };
    if (v.role === 'endpoint') return io(`octokit ${v.name}`, undefined, 0, undefined);
    if (v.role === 'request') {
      const route = node.arguments[0];
      const method = route?.type === AST_NODE_TYPES.Literal && typeof route.value === 'string' ? ROUTE.exec(route.value)?.[1] : undefined;
      return io(`octokit.${v.name}`, method, 1, undefined);
    }
    return undefined;
  },
  construct: (v, node) => (v.role === 'class' ? instanceFrom(v, 'client', node, [node.arguments[0]]) : undefined),
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'client', options: [null] } : undefined),
  timeout: {
    levels: ['call', 'client'],
    callOptions: [],
    instanceOptions: [],
    chainMethods: [],
    remedy: 'pass `request: { signal: AbortSignal.timeout(ms) }` (the fetch-based Octokit ignores `request.timeout`), or give the client a `request.fetch` with a timeout',
    defaultBound: 'none',
    readCallOptions: (facts) => requestOption(facts, ['signal']),
    readInstanceOptions: (facts) => requestOption(facts, ['fetch']),
  },
  fix: {
    optionsIndex: (call) => (call.label.startsWith('octokit.') ? 1 : 0),
    nativeTimeout: (_call, milliseconds) => ({ key: 'request', value: `{ signal: AbortSignal.timeout(${milliseconds}) }` }),
  },
};
