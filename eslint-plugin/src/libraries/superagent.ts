import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { walk } from '../analysis/loops.js';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { SourceEdits } from '../fixes/source-edits.js';
import { derive, HTTP_METHODS, instanceFrom, io, isWholeModule, value, type LibraryModel } from './model.js';

/** superagent: the request is configured by chaining (`.timeout(ms)`), there is no options object. */

const METHODS = new Set([...HTTP_METHODS, 'del']);
/** An agent's settings for the requests it makes that bound none of them: each returns the agent. */
const AGENT_SETTINGS = new Set(['set', 'auth', 'accept', 'type', 'query', 'ok', 'redirects', 'buffer', 'withCredentials', 'ca', 'key', 'cert', 'pfx', 'on', 'once']);

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
    if (v.role === 'agent' && AGENT_SETTINGS.has(name)) return derive(v, 'agent-setting', name);
    if (v.role === 'agent' && name === 'use') return derive(v, 'agent-plugin', name);
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
    if (v.role === 'agent-setting') return { result: derive(v, 'agent') };
    // `agent.use((request) => request.agent(keepAlive))`: a plugin written here that sets no timeout leaves the agent
    // as it was; one from elsewhere may set one on every request
    if (v.role === 'agent-plugin') {
      const plugin = node.arguments[0];
      const inline = plugin && (plugin.type === AST_NODE_TYPES.ArrowFunctionExpression || plugin.type === AST_NODE_TYPES.FunctionExpression);
      return inline && !pluginSetsTimeout(plugin) ? { result: derive(v, 'agent') } : undefined;
    }
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

/** A plugin function whose body names `timeout` (`(request) => request.timeout(5_000)`). */
function pluginSetsTimeout(plugin: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression): boolean {
  let found = false;
  walk(plugin.body, visitorKeys as TSESLint.SourceCode.VisitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.Identifier && /timeout/i.test(node.name)) found = true;
    return !found;
  });
  return found;
}
