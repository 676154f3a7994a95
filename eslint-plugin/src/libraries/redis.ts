import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { addCreationOptions } from './creation-options.js';
import { derive, instanceFrom, io, isWholeModule, objectArgumentIndex, value, type LibraryModel } from './model.js';

/** ioredis (`commandTimeout` where the client is created) and node-redis (no per-command timeout to set). */

/** Methods of a Redis client that do no I/O of their own (events, set-up, pipelines, streams). */
const NON_COMMANDS = new Set([
  'on', 'once', 'off', 'addListener', 'removeListener', 'removeAllListeners', 'prependListener', 'prependOnceListener',
  'emit', 'listeners', 'listenerCount', 'rawListeners', 'setMaxListeners', 'getMaxListeners', 'eventNames',
  'duplicate', 'defineCommand', 'createBuiltinCommand', 'disconnect', 'destroy', 'end', 'unref', 'ref', 'nodes',
  'scanStream', 'sscanStream', 'hscanStream', 'zscanStream', 'scanBufferStream', 'sscanBufferStream',
  'hscanBufferStream', 'zscanBufferStream', 'withTypeMapping', 'withCommandOptions', 'withAbortSignal', 'toString',
  'monitor', 'subscribe', 'psubscribe', 'ssubscribe', 'unsubscribe', 'punsubscribe', 'sunsubscribe',
  'SUBSCRIBE', 'PSUBSCRIBE', 'UNSUBSCRIBE', 'PUNSUBSCRIBE', 'then', 'catch', 'finally', 'constructor',
]);

export const redisLibrary: LibraryModel = {
  kind: 'redis',
  title: 'ioredis / redis',
  modules: ['ioredis', 'redis', '@redis/client'],
  typeNames: ['Redis', 'Cluster', 'RedisClientType'],
  takesUrl: false,
  dependencyName: 'redis',
  signal: 'none (node-redis: `withAbortSignal`)',
  retries: 'reconnects and replays queued commands (`maxRetriesPerRequest`, 20 by default in ioredis)',
  fromModule(module, imported) {
    if (module === 'ioredis') {
      const root = value('redis', 'root', 'Redis', [], undefined, 'ioredis');
      return isWholeModule(imported) ? derive(root, 'class', 'Redis') : redisLibrary.member(root, imported);
    }
    if (module === 'redis' || module === '@redis/client') {
      const root = value('redis', 'root', 'redis', [], undefined, 'node-redis');
      return isWholeModule(imported) ? root : redisLibrary.member(root, imported);
    }
    return undefined;
  },
  member(v, name) {
    if (v.role === 'root') {
      if (v.flavor === 'ioredis' && (name === 'Redis' || name === 'Cluster' || name === 'default')) return derive(v, 'class', name === 'default' ? 'Redis' : name);
      if (v.flavor === 'node-redis' && (name === 'createClient' || name === 'createCluster')) return derive(v, 'factory', name);
      if (v.flavor === 'node-redis' && name === 'RedisClientType') return derive(v, 'class', name);
      return undefined;
    }
    if (v.role === 'class' && (name === 'Cluster' || name === 'default')) return derive(v, 'class', name === 'default' ? v.name : name);
    if (v.role === 'instance') {
      if (name === 'multi' || name === 'pipeline' || name === 'MULTI') return derive(v, 'pipeline-factory', name);
      if (name === 'duplicate') return derive(v, 'duplicate', name);
      if (NON_COMMANDS.has(name)) return undefined;
      return derive(v, 'command', name);
    }
    if (v.role === 'pipeline') return derive(v, name === 'exec' || name === 'EXEC' || name === 'execAsPipeline' ? 'exec' : 'queue', name);
    return undefined;
  },
  call(v, node) {
    switch (v.role) {
      case 'factory':
        return { result: instanceFrom(v, 'instance', node, node.arguments.length ? [node.arguments[0]] : []) };
      case 'command':
      case 'exec':
        return io(`redis ${v.name}`, undefined, -1, undefined);
      case 'pipeline-factory':
      case 'queue':
        return { result: derive(v, 'pipeline') };
      case 'duplicate':
        return { result: derive(v, 'instance') };
      default:
        return undefined;
    }
  },
  construct(v, node) {
    if (v.role !== 'class') return undefined;
    // new Redis(), new Redis(options), new Redis(port, host, options), new Redis(url, options), new Cluster(nodes, options)
    const objectIndex = v.name === 'Cluster' ? 1 : objectArgumentIndex(node, 0, -1);
    const last: TSESTree.CallExpressionArgument | undefined = node.arguments[node.arguments.length - 1];
    // `new Redis(config.redis)` may carry any option; only a port, host or URL literal is known to carry none
    const unknownOptions = objectIndex === -1 && last !== undefined && last.type !== AST_NODE_TYPES.Literal && last.type !== AST_NODE_TYPES.TemplateLiteral;
    const optionArgs = objectIndex >= 0 ? [node.arguments[objectIndex]] : unknownOptions ? [last] : [];
    return instanceFrom(v, 'instance', node, optionArgs);
  },
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'instance', options: [null] } : undefined),
  timeout: {
    levels: ['client'],
    callOptions: [],
    instanceOptions: ['commandTimeout'],
    chainMethods: [],
    remedy: 'set `commandTimeout` where the client is created',
    defaultBound: 'none',
    // node-redis has no per-command timeout to set
    isChecked: (call) => call.flavor === 'ioredis',
  },
  fix: {
    instanceTimeout: (call) => (call.flavor === 'ioredis' ? [['commandTimeout', '5_000']] : undefined),
    // ioredis takes its options last, after a port/host or URL
    clientTimeout: (target, call) => (call.flavor === 'ioredis' ? addCreationOptions(target, call, '{ commandTimeout: 5_000 }', true) : undefined),
  },
};
