import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { asObject, methodFromOptions } from '../analysis/syntax.js';
import { derive, HTTP_METHODS, instanceFrom, io, isWholeModule, value, type LibraryModel } from './model.js';

/**
 * request-promise (and -native, -any): `rp(options)`, `rp(uri, options)`, `rp.get(...)`, `rp.post(...)`, instances
 * from `rp.defaults(options)`. Built on `request`, which has no timeout unless `timeout` (ms) is given and takes no
 * abort signal. Its calls return promises; the callback and stream forms of `request` itself are not modelled here.
 */

const MODULES = ['request-promise', 'request-promise-native', 'request-promise-any'];
/** `request`'s method helpers: the HTTP methods, and `del` for DELETE. */
const METHODS = new Set([...HTTP_METHODS, 'del']);

/**
 * `rp({ uri, timeout })`, `rp(options)`: the options come first when the first argument is an object, or the only
 * argument is a variable (read as the options; a URL held in it sets no timeout either). `rp(uri, options)` otherwise.
 */
function optionsIndexOf(args: readonly TSESTree.CallExpressionArgument[]): number {
  const first = args[0];
  if (first === undefined) return 1;
  if (asObject(first)) return 0;
  return args.length === 1 && (first.type === AST_NODE_TYPES.Identifier || first.type === AST_NODE_TYPES.MemberExpression) ? 0 : 1;
}

export const requestPromiseLibrary: LibraryModel = {
  kind: 'request-promise',
  title: 'request-promise (request-promise-native, request-promise-any)',
  modules: MODULES,
  typeNames: [],
  takesUrl: true,
  dependencyName: 'http',
  signal: 'none (no abort signal; `timeout` in ms)',
  retries: 'never',
  fromModule: (module, imported) => (MODULES.includes(module) && isWholeModule(imported) ? value('request-promise', 'root', 'request') : undefined),
  member(v, name) {
    if (v.role !== 'root' && v.role !== 'instance') return undefined;
    if (METHODS.has(name)) return derive(v, 'method', name);
    return name === 'defaults' ? derive(v, 'factory', name) : undefined;
  },
  call(v, node) {
    const optionsIndex = optionsIndexOf(node.arguments);
    switch (v.role) {
      case 'root':
      case 'instance':
        return io('request', methodFromOptions(node.arguments[optionsIndex]), optionsIndex, undefined);
      case 'method':
        return io(`request.${v.name}`, v.name === 'del' ? 'DELETE' : v.name.toUpperCase(), optionsIndex, undefined);
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
    optionsIndex: (call) => optionsIndexOf(call.node.arguments),
    nativeTimeout: (_call, milliseconds) => ({ key: 'timeout', value: milliseconds }),
    instanceTimeout: () => [['timeout', '5_000']],
  },
};
