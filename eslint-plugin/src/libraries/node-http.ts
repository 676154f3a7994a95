import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { methodFromOptions } from '../analysis/syntax.js';
import { SourceEdits } from '../fixes/source-edits.js';
import { derive, io, isFunctionNode, isWholeModule, objectArgumentIndex, value, type LibraryModel } from './model.js';

/** node:http and node:https `request`/`get`: failures arrive as an 'error' event, a timeout as a 'timeout' event. */

const MODULES = ['http', 'https', 'node:http', 'node:https'];
/** follow-redirects: `http` and `https` with the same `request`/`get`, following redirects (axios sends through it). */
const FOLLOW_REDIRECTS = 'follow-redirects';

export const nodeHttpLibrary: LibraryModel = {
  kind: 'http',
  title: 'node:http / node:https',
  modules: [...MODULES, FOLLOW_REDIRECTS],
  typeNames: [],
  takesUrl: true,
  dependencyName: 'http',
  signal: '`signal` in the options',
  retries: 'never',
  fromModule(module, imported) {
    if (module === FOLLOW_REDIRECTS) {
      const modules = value('http', 'redirecting-modules', FOLLOW_REDIRECTS);
      return isWholeModule(imported) ? modules : nodeHttpLibrary.member(modules, imported);
    }
    if (!MODULES.includes(module)) return undefined;
    const root = value('http', 'root', module.replace('node:', ''));
    return isWholeModule(imported) ? root : nodeHttpLibrary.member(root, imported);
  },
  member(v, name) {
    if (v.role === 'redirecting-modules') return name === 'http' || name === 'https' ? value('http', 'root', name) : undefined;
    return v.role === 'root' && (name === 'request' || name === 'get') ? derive(v, name, `${v.name}.${name}`) : undefined;
  },
  call(v, node) {
    if (v.role !== 'request' && v.role !== 'get') return undefined;
    // (url, options?, callback?) or (options, callback?): a first argument named as options is them, whatever follows
    // (`https.get(options, collect(resolve, reject))`, a callback made by a call)
    const [first, second] = node.arguments;
    const optionsIndex = objectArgumentIndex(node, 0, second && !isFunctionNode(second) && !(first && namesOptions(first)) ? 1 : 0);
    const method = v.role === 'get' ? 'GET' : methodFromOptions(node.arguments[optionsIndex]);
    return io(v.name, method, optionsIndex, 'signal');
  },
  construct: () => undefined,
  timeout: {
    levels: ['call'],
    callOptions: ['timeout'],
    agent: { option: 'agent', socketTimeoutCounts: true },
    instanceOptions: [],
    chainMethods: ['setTimeout'],
    cancelMethods: ['destroy', 'abort'],
    remedy: 'set `timeout` (and handle the \'timeout\' event) or pass `signal`',
    defaultBound: 'none',
    urlMayTakeOptionsPlace: true,
  },
  fix: {
    // the options literal the request is written with (`https.request(url, { method: 'POST' }, callback)`)
    optionsIndex: (call) => {
      const index = call.optionsArgument ? call.node.arguments.indexOf(call.optionsArgument) : -1;
      return index >= 0 ? index : undefined;
    },
    // `timeout` alone only emits an event; a signal aborts the request
    nativeTimeout: (call, milliseconds) => (call.optionsArgument ? { key: 'signal', value: `AbortSignal.timeout(${milliseconds})` } : undefined),
    clientTimeout(target, call, milliseconds) {
      const signal = `signal: AbortSignal.timeout(${milliseconds})`;
      const [url, callback, third] = call.node.arguments;
      const edits = new SourceEdits();
      // http.get(url, options, callback) -> http.get(url, { ...options, signal }, callback), the callback written in place or named
      if (call.node.arguments.length === 3 && callback?.type === AST_NODE_TYPES.Identifier && third && (/Function/.test(third.type) || third.type === AST_NODE_TYPES.Identifier)) {
        edits.replace(callback.range, `{ ...${callback.name}, ${signal} }`);
        return { edits, option: signal };
      }
      // http.request(options) -> http.request({ ...options, signal }): options this code holds (not a parameter, which
      // its callers may fill with a URL)
      if (call.node.arguments.length === 1 && url && (url.type === AST_NODE_TYPES.Identifier || url.type === AST_NODE_TYPES.MemberExpression)
        && namesOptions(url) && !isParameter(target.sourceCode, url)) {
        edits.replace(url.range, `{ ...${target.sourceCode.getText(url)}, ${signal} }`);
        return { edits, option: signal };
      }
      if (call.node.arguments.length !== 2 || !url || !callback || url.type === 'ObjectExpression') return undefined;
      if (namesOptions(url)) {
        // options of this function's own (`const options = { host, path }`): a copy of them with a signal
        if (url.type === AST_NODE_TYPES.Identifier && !isParameter(target.sourceCode, url)) {
          edits.replace(url.range, `{ ...${url.name}, ${signal} }`);
          return { edits, option: signal };
        }
        // (`request(this.options, callback)` takes options first: another object after them would stand for the callback)
        if (!isParameter(target.sourceCode, url)) return undefined;
        // a layer's parameter its callers may fill with options or with a URL: the request is ended after a silence
        const request = /\.[cm]?tsx?$/.test(target.filename) ? 'this: import(\'node:http\').ClientRequest' : '';
        edits.insert(call.node.range[1], `.setTimeout(${milliseconds}, function (${request}) { this.destroy(new Error('Request timed out')); })`);
        return { edits, option: `setTimeout(${milliseconds})` };
      }
      // http.get(url, callback) -> http.get(url, { signal }, callback)
      if (!/Function/.test(callback.type)) return undefined;
      edits.insert(url.range[1], `, { ${signal} }`);
      return { edits, option: signal };
    },
  },
};

/** A parameter of the function the call is in, or of one around it. */
function isParameter(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  return findVariable(sourceCode.getScope(node) as never, node)?.defs[0]?.type === 'Parameter';
}

/** `options`, `this.options`, `config.requestOptions`: a request's options, not its URL. */
function namesOptions(node: { type: string; name?: string; property?: { type: string; name?: string } }): boolean {
  const name = node.type === 'Identifier' ? node.name : node.type === 'MemberExpression' && node.property?.type === 'Identifier' ? node.property.name : undefined;
  return /options$|^opts$/i.test(name ?? '');
}
