import { SourceEdits } from '../fixes/source-edits.js';
import { derive, instanceFrom, io, isWholeModule, objectArgumentIndex, value, type LibraryModel } from './model.js';

/** gRPC: clients built from a loaded package definition; the deadline goes in the call options. */

const NON_CALLS = new Set(['close', 'getChannel', 'waitForReady', 'constructor']);

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
      // client.method(request, callback) -> client.method(request, { deadline }, callback)
      const [request, callback] = call.node.arguments;
      if (call.node.arguments.length !== 2 || !request || !callback || !/Function/.test(callback.type)) return undefined;
      const edits = new SourceEdits();
      edits.insert(request.range[1], ', { deadline: Date.now() + 5_000 }');
      return { edits, option: 'deadline: Date.now() + 5_000' };
    },
  },
};
