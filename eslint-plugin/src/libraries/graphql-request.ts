import { AST_NODE_TYPES } from '../ast-node-types.js';
import { SourceEdits } from '../fixes/source-edits.js';
import { derive, instanceFrom, io, value, type LibraryModel } from './model.js';

/**
 * graphql-request: `request(url, document, variables)` and `new GraphQLClient(url, options).request(document)`. It
 * sends with fetch and no timeout; a request is bounded by a `signal` (per request in the object form
 * `request({ document, signal })`, or on the client), or a `fetch` of one's own.
 */

/** `request({ url, document, signal })` / `client.request({ document, signal })`: the object form carries the signal. */
function objectForm(first: unknown): boolean {
  return (first as { type?: string } | undefined)?.type === AST_NODE_TYPES.ObjectExpression;
}

export const graphqlRequestLibrary: LibraryModel = {
  kind: 'graphql-request',
  title: 'graphql-request',
  modules: ['graphql-request'],
  typeNames: ['GraphQLClient'],
  takesUrl: true,
  dependencyName: 'graphql',
  signal: '`signal` in the object form of `request`, or in the client options',
  retries: 'never',
  fromModule(module, imported) {
    if (module !== 'graphql-request') return undefined;
    if (imported === 'request' || imported === 'rawRequest' || imported === 'default') return value('graphql-request', 'request', imported === 'default' ? 'request' : imported);
    if (imported === 'GraphQLClient') return value('graphql-request', 'class', imported);
    return undefined;
  },
  member(v, name) {
    if (v.role === 'client' && (name === 'request' || name === 'rawRequest' || name === 'batchRequests')) return derive(v, 'client-request', name);
    return undefined;
  },
  call(v, node) {
    const first = node.arguments[0];
    if (v.role === 'request') return io(`graphql-request ${v.name}`, 'POST', objectForm(first) ? 0 : -1, objectForm(first) ? 'signal' : undefined);
    if (v.role === 'client-request') return io(`GraphQLClient.${v.name}`, 'POST', objectForm(first) ? 0 : -1, objectForm(first) ? 'signal' : undefined);
    return undefined;
  },
  construct: (v, node) => (v.role === 'class' ? instanceFrom(v, 'client', node, [node.arguments[1]]) : undefined),
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'client', options: [null] } : undefined),
  timeout: {
    levels: ['call', 'client'],
    callOptions: [],
    instanceOptions: ['signal', 'fetch', 'timeout'],
    chainMethods: [],
    remedy: 'pass `signal: AbortSignal.timeout(ms)` in the object form of the request',
    defaultBound: 'none',
  },
  fix: {
    // request(url, document, variables?, headers?) -> request({ url, document, variables, requestHeaders, signal })
    clientTimeout({ sourceCode }, call) {
      const args = call.node.arguments;
      if (args.length === 0 || objectForm(args[0]) || args.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return undefined;
      const names = call.label.startsWith('GraphQLClient') ? ['document', 'variables', 'requestHeaders'] : ['url', 'document', 'variables', 'requestHeaders'];
      if (args.length > names.length) return undefined;
      const properties = args.map((arg, index) => {
        const text = sourceCode.getText(arg);
        return text === names[index] ? text : `${names[index]}: ${text}`;
      });
      const option = 'signal: AbortSignal.timeout(5_000)';
      const edits = new SourceEdits();
      edits.replace([args[0]!.range[0], args.at(-1)!.range[1]], `{ ${[...properties, option].join(', ')} }`);
      return { edits, option };
    },
  },
};
