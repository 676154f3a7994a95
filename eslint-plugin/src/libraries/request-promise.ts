import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { argumentsBeforeCallback, takesNodeCallback } from '../analysis/node-callbacks.js';
import { asObject, mergedParts, methodFromOptions, unwrapExpression } from '../analysis/syntax.js';
import { derive, HTTP_METHODS, instanceFrom, io, isWholeModule, streamIo, value, type CallOutcome, type LibraryModel } from './model.js';

/**
 * `request` (and its fork `@cypress/request`) and its promise wrappers request-promise (and -native, -any): `rp(options)`, `rp(uri, options)`,
 * `rp.get(...)`, `rp.post(...)`, instances from `rp.defaults(options)`; `request(options, callback)`,
 * `request.post(uri, options, callback)` the same way. `request` has no timeout unless `timeout` (ms) is given and
 * takes no abort signal. The wrappers' calls return promises; `request`'s own report to their callback, or, given
 * none, return a stream that fails by its `'error'` event.
 */

const PROMISE_MODULES = ['request-promise', 'request-promise-native', 'request-promise-any'];
/** `request`, and `@cypress/request`, its maintained fork with the same API and the same lack of a default timeout. */
const MODULES = [...PROMISE_MODULES, 'request', '@cypress/request'];
/** `request`'s method helpers: the HTTP methods, and `del` for DELETE. */
const METHODS = new Set([...HTTP_METHODS, 'del']);

/**
 * `rp({ uri, timeout })`, `rp(options)`: the options come first when the first argument is an object (also one merged
 * from others: `Object.assign({}, DEFAULTS, options)`), or the only argument is a variable (read as the options; a URL
 * held in it sets no timeout either) unless its name says it is a URL (`rp(req.body.SubscribeURL)`). `rp(uri, options)`
 * otherwise.
 */
export function optionsIndexOf(call: TSESTree.CallExpression): number {
  // the callback, last, is not the options: `request(options, callback)`, `request(uri, callback)`
  const args = argumentsBeforeCallback(call);
  const first = args[0];
  if (first === undefined) return 1;
  if (asObject(first) || mergedParts(unwrapExpression(first))) return 0;
  return args.length === 1 && (first.type === AST_NODE_TYPES.Identifier || first.type === AST_NODE_TYPES.MemberExpression) && !namedForUrl(first) ? 0 : 1;
}

/** A name a URL goes by (`req.body.SubscribeURL`, `feedUri`, `link`): the value is the URL, not the options. */
const URL_NAME = /(?:url|uri|href|link|endpoint)$/i;

function namedForUrl(node: TSESTree.Identifier | TSESTree.MemberExpression): boolean {
  const name = node.type === AST_NODE_TYPES.Identifier ? node.name
    : !node.computed && node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : undefined;
  return name !== undefined && URL_NAME.test(name);
}

export const requestPromiseLibrary: LibraryModel = {
  kind: 'request-promise',
  title: 'request (and @cypress/request) and request-promise (request-promise-native, request-promise-any)',
  modules: MODULES,
  typeNames: [],
  takesUrl: true,
  dependencyName: 'http',
  signal: 'none (no abort signal; `timeout` in ms)',
  retries: 'never',
  fromModule(module, imported) {
    if (!MODULES.includes(module) || !isWholeModule(imported)) return undefined;
    return value('request-promise', 'root', 'request', [], undefined, PROMISE_MODULES.includes(module) ? undefined : 'callbacks');
  },
  member(v, name) {
    if (v.role !== 'root' && v.role !== 'instance') return undefined;
    if (METHODS.has(name)) return derive(v, 'method', name);
    return name === 'defaults' ? derive(v, 'factory', name) : undefined;
  },
  call(v, node) {
    const optionsIndex = optionsIndexOf(node);
    // `request` given no callback returns its stream
    const request = (label: string, method: string | undefined): CallOutcome => (v.flavor === 'callbacks' && !takesNodeCallback(node)
      ? streamIo(label, method, optionsIndex, undefined) : io(label, method, optionsIndex, undefined));
    switch (v.role) {
      case 'root':
      case 'instance':
        return request('request', methodFromOptions(node.arguments[optionsIndex]));
      case 'method':
        return request(`request.${v.name}`, v.name === 'del' ? 'DELETE' : v.name.toUpperCase());
      case 'factory':
        return { result: instanceFrom(v, 'instance', node, node.arguments.slice(0, 1)) };
      default:
        return undefined;
    }
  },
  construct: () => undefined,
  timeout: {
    levels: ['call', 'client'],
    callOptions: ['timeout'],
    instanceOptions: ['timeout'],
    chainMethods: [],
    remedy: 'set `timeout` (ms) in its options or in `request.defaults(...)`',
    defaultBound: 'none',
  },
  fix: {
    optionsIndex: (call) => optionsIndexOf(call.node),
    nativeTimeout: (_call, milliseconds) => ({ key: 'timeout', value: milliseconds }),
    instanceTimeout: () => [['timeout', '5_000']],
  },
};
