import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { methodFromOptions, unwrapExpression } from '../analysis/syntax.js';
import { DISPATCHER, fetchFix, GLOBAL_FETCH } from './fetch.js';
import { derive, instanceFrom, io, isWholeModule, value, type LibraryModel } from './model.js';

/** undici: `request`, and dispatchers (`Pool`, `Client`, `Agent`) whose `request` takes the options first; its `fetch` is fetch's. */

/**
 * Dispatcher classes, by the argument that holds their options (`new Pool(origin, options)`, `new Agent(options)`);
 * -1 for those that wrap another dispatcher (`new RetryAgent(agent)`, `new Dispatcher1Wrapper(agent)`), whose
 * timeouts are the wrapped one's: the evaluator follows their arguments to it.
 */
const DISPATCHERS = new Map([
  ['Agent', 0], ['ProxyAgent', 0], ['EnvHttpProxyAgent', 0], ['Pool', 1], ['Client', 1], ['BalancedPool', 1], ['RetryAgent', -1],
  ['Dispatcher1Wrapper', -1],
]);

export const undiciLibrary: LibraryModel = {
  kind: 'undici',
  title: 'undici',
  modules: ['undici'],
  typeNames: [...DISPATCHERS.keys()],
  takesUrl: true,
  dependencyName: 'http',
  signal: '`signal` in the options',
  retries: 'only through `RetryAgent`',
  fromModule(module, imported) {
    if (module !== 'undici') return undefined;
    if (isWholeModule(imported)) return value('undici', 'root');
    return undiciLibrary.member(value('undici', 'root'), imported);
  },
  member(v, name) {
    if (v.role === 'root') {
      // undici's fetch takes a standard init: bounded by its signal or its dispatcher, not by per-call timeouts
      if (name === 'fetch') return GLOBAL_FETCH;
      if (name === 'request') return derive(v, name, name);
      if (DISPATCHERS.has(name)) return derive(v, 'dispatcher-class', name);
      return undefined;
    }
    if (v.role === 'dispatcher' && name === 'request') return derive(v, 'dispatcher-request', name);
    return undefined;
  },
  call(v, node) {
    if (v.role === 'request') return io('undici.request', methodFromOptions(node.arguments[1]), 1, 'signal');
    if (v.role === 'dispatcher-request') return io(`undici ${v.name}.request`, methodFromOptions(node.arguments[0]), 0, 'signal');
    return undefined;
  },
  construct(v, node) {
    if (v.role !== 'dispatcher-class') return undefined;
    const index = DISPATCHERS.get(v.name) ?? -1;
    // a wrapper's options are not its own: unknown here, the wrapped dispatcher's where a fetch names it
    if (index < 0) return { ...instanceFrom(v, 'dispatcher', node, []), options: [null] };
    const optionsArg = node.arguments[index];
    // `new ProxyAgent(proxyUrl)`: a URL, no options
    const url = optionsArg !== undefined && optionsArg.type !== AST_NODE_TYPES.SpreadElement && isUrlText(optionsArg);
    return instanceFrom(v, 'dispatcher', node, url ? [] : [optionsArg]);
  },
  // a field typed `Agent`, or a class of the project that extends one (`class PinnedAgent extends Agent`)
  instanceOfType: (v) => (v.role === 'dispatcher-class' ? { ...v, role: 'dispatcher', options: [null] } : undefined),
  timeout: {
    levels: ['call', 'client'],
    // `bodyTimeout` alone bounds a stalled body, not the wait for an answer that never starts
    callOptions: ['headersTimeout'],
    instanceOptions: ['headersTimeout'],
    chainMethods: [],
    remedy: 'pass `signal` or set `headersTimeout` and `bodyTimeout`',
    defaultBound: '300 s for headers and for the body',
    dispatcher: DISPATCHER,
  },
  fix: fetchFix,
};

const URL_NAME = /(?:url|uri|href|proxy)$/i;

/**
 * A URL where a dispatcher takes a URL or its options: a string, `proxyUrl`, `proxy`, `config.outgoingProxy`, `this.proxyUri`, `getProxyUrl()`,
 * `process.env.HTTPS_PROXY`, `new URL(...)`: a proxy given no timeouts.
 */
function isUrlText(argument: TSESTree.Node): boolean {
  const node = unwrapExpression(argument);
  if (node.type === AST_NODE_TYPES.Literal || node.type === AST_NODE_TYPES.TemplateLiteral) return true;
  if (node.type === AST_NODE_TYPES.Identifier) return URL_NAME.test(node.name);
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const object = unwrapExpression(node.object);
    const fromEnv = object.type === AST_NODE_TYPES.MemberExpression && object.object.type === AST_NODE_TYPES.Identifier && object.object.name === 'process'
      && object.property.type === AST_NODE_TYPES.Identifier && object.property.name === 'env';
    return fromEnv || (!node.computed && node.property.type === AST_NODE_TYPES.Identifier && URL_NAME.test(node.property.name));
  }
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrapExpression(node.callee);
    const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name
      : callee.type === AST_NODE_TYPES.MemberExpression && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : undefined;
    return name !== undefined && URL_NAME.test(name);
  }
  return node.type === AST_NODE_TYPES.NewExpression && node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'URL';
}
