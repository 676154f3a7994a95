import { AST_NODE_TYPES } from '../ast-node-types.js';
import { SourceEdits } from '../fixes/source-edits.js';
import { derive, HTTP_METHODS, instanceFrom, io, isWholeModule, value, type LibraryModel } from './model.js';

/** superagent: the request is configured by chaining (`.timeout(ms)`), there is no options object. */

const METHODS = new Set([...HTTP_METHODS, 'del']);

export const superagentLibrary: LibraryModel = {
  kind: 'superagent',
  title: 'superagent',
  modules: ['superagent'],
  typeNames: [],
  takesUrl: true,
  dependencyName: 'http',
  signal: 'none (`.abort()` on the request)',
  retries: 'only when `.retry(n)` is chained',
  fromModule: (module, imported) => {
    if (module !== 'superagent') return undefined;
    const root = value('superagent', 'root', 'superagent');
    return isWholeModule(imported) ? root : superagentLibrary.member(root, imported);
  },
  member(v, name) {
    if (v.role !== 'root' && v.role !== 'agent') return undefined;
    if (name === 'default' && v.role === 'root') return v;
    if (METHODS.has(name)) return derive(v, 'method', name);
    if (name === 'agent' && v.role === 'root') return derive(v, 'agent-factory', name);
    return undefined;
  },
  call(v, node) {
    if (v.role === 'method') return io(`superagent.${v.name}`, v.name === 'del' ? 'DELETE' : v.name.toUpperCase(), -1, undefined);
    if (v.role === 'root' || v.role === 'agent') {
      const method = node.arguments[0];
      const known = method && method.type === AST_NODE_TYPES.Literal && typeof method.value === 'string' && node.arguments.length > 1;
      return io('superagent', known ? String(method.value).toUpperCase() : undefined, -1, undefined);
    }
    if (v.role === 'agent-factory') return { result: instanceFrom(v, 'agent', node, []) };
    return undefined;
  },
  construct: () => undefined,
  timeout: {
    levels: ['call'],
    callOptions: [],
    instanceOptions: [],
    chainMethods: ['timeout'],
    remedy: 'chain `.timeout(ms)`',
    defaultBound: 'none',
  },
  fix: {
    clientTimeout(_target, call) {
      const edits = new SourceEdits();
      edits.insert(call.node.range[1], '.timeout(5_000)');
      return { edits, option: '.timeout(5_000)' };
    },
  },
};
