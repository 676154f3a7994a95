import { methodFromOptions } from '../analysis/syntax.js';
import { SourceEdits } from '../fixes/source-edits.js';
import { derive, io, isFunctionNode, isWholeModule, objectArgumentIndex, value, type LibraryModel } from './model.js';

/** node:http and node:https `request`/`get`: failures arrive as an 'error' event, a timeout as a 'timeout' event. */

const MODULES = ['http', 'https', 'node:http', 'node:https'];

export const nodeHttpLibrary: LibraryModel = {
  kind: 'http',
  title: 'node:http / node:https',
  modules: MODULES,
  typeNames: [],
  takesUrl: true,
  dependencyName: 'http',
  signal: '`signal` in the options',
  retries: 'never',
  fromModule(module, imported) {
    if (!MODULES.includes(module)) return undefined;
    const root = value('http', 'root', module.replace('node:', ''));
    return isWholeModule(imported) ? root : nodeHttpLibrary.member(root, imported);
  },
  member(v, name) {
    return v.role === 'root' && (name === 'request' || name === 'get') ? derive(v, name, `${v.name}.${name}`) : undefined;
  },
  call(v, node) {
    if (v.role !== 'request' && v.role !== 'get') return undefined;
    // (url, options?, callback?) or (options, callback?)
    const optionsIndex = objectArgumentIndex(node, 0, node.arguments.length > 1 && !isFunctionNode(node.arguments[1]) ? 1 : 0);
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
    // `timeout` alone only emits an event; a signal aborts the request
    nativeTimeout: (call, milliseconds) => (call.optionsArgument ? { key: 'signal', value: `AbortSignal.timeout(${milliseconds})` } : undefined),
    clientTimeout(_target, call) {
      // http.get(url, callback) -> http.get(url, { signal }, callback)
      const [url, callback] = call.node.arguments;
      // (`request(this.options, callback)` takes options first: another object after them would stand for the callback)
      if (call.node.arguments.length !== 2 || !url || !callback || !/Function/.test(callback.type) || url.type === 'ObjectExpression' || namesOptions(url)) {
        return undefined;
      }
      const edits = new SourceEdits();
      edits.insert(url.range[1], ', { signal: AbortSignal.timeout(5_000) }');
      return { edits, option: 'signal: AbortSignal.timeout(5_000)' };
    },
  },
};

/** `this.options`, `config.requestOptions`: a request's options, not its URL. */
function namesOptions(node: { type: string; property?: { type: string; name?: string } }): boolean {
  return node.type === 'MemberExpression' && node.property?.type === 'Identifier' && /options$/i.test(node.property.name ?? '');
}
