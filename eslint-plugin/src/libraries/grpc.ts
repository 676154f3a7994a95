import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { SourceEdits } from '../fixes/source-edits.js';
import { asObject } from '../analysis/syntax.js';
import { derive, instanceFrom, io, isFunctionNode, isWholeModule, objectArgumentIndex, value, type LibraryModel } from './model.js';

/** gRPC: clients built from a loaded package definition; the deadline goes in the call options. */

const NON_CALLS = new Set(['close', 'getChannel', 'waitForReady', 'constructor']);

/** A unary call's last argument is its callback: a function, or a variable named as one (`cb`, `callback`, `done`). */
function isCallback(node: TSESTree.Node | undefined): boolean {
  return isFunctionNode(node) || (node?.type === AST_NODE_TYPES.Identifier && /^(cb|callback|done)$/i.test(node.name));
}

export const grpcLibrary: LibraryModel = {
  kind: 'grpc',
  title: '@grpc/grpc-js',
  modules: ['@grpc/grpc-js', 'grpc'],
  typeNames: [],
  takesUrl: false,
  dependencyName: 'grpc',
  signal: 'none (`call.cancel()`)',
  retries: 'only with a service config `retryPolicy`',
  fromModule(module, imported) {
    if (module !== '@grpc/grpc-js' && module !== 'grpc') return undefined;
    const root = value('grpc', 'root', 'grpc');
    return isWholeModule(imported) ? root : grpcLibrary.member(root, imported);
  },
  member(v, name) {
    if (v.role === 'root') {
      if (name === 'loadPackageDefinition' || name === 'makeGenericClientConstructor') return derive(v, 'loader', name);
      if (name === 'Client') return derive(v, 'package', name);
      return undefined;
    }
    if (v.role === 'package') return derive(v, 'package', name);
    if (v.role === 'client' && !NON_CALLS.has(name)) return derive(v, 'rpc', name);
    return undefined;
  },
  call(v, node) {
    if (v.role === 'loader') return { result: derive(v, 'package') };
    if (v.role === 'rpc') return io(`gRPC ${v.name}`, undefined, objectArgumentIndex(node, 1, -1), undefined);
    return undefined;
  },
  construct(v, node) {
    return v.role === 'package' ? instanceFrom(v, 'client', node, node.arguments.length > 2 ? [node.arguments[2]] : []) : undefined;
  },
  timeout: {
    levels: ['call', 'client'],
    callOptions: ['deadline'],
    instanceOptions: ['interceptors', 'interceptor_providers'],
    chainMethods: [],
    remedy: 'pass a `deadline` in the call options',
    defaultBound: 'none',
  },
  fix: {
    clientTimeout(_target, call) {
      // Every unary signature ends `[metadata], [options], callback`: the options go just before the callback
      // (`client.getUser(request, cb)`, `client.makeUnaryRequest(path, serialize, deserialize, request, cb)`).
      const args = call.node.arguments;
      const request = call.label === 'gRPC makeUnaryRequest' ? 3 : 0;
      const callback = args.at(-1);
      if (args.length < request + 2 || !isCallback(callback) || args.slice(request + 1).some((arg) => asObject(arg))) return undefined;
      const edits = new SourceEdits();
      edits.insert(args[args.length - 2]!.range[1], ', { deadline: Date.now() + 5_000 }');
      return { edits, option: 'deadline: Date.now() + 5_000' };
    },
  },
};
