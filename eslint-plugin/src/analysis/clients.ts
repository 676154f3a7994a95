import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import type { ClientSetting } from './settings.js';

/** What the known client libraries look like from the call site: which values they export, and which calls do I/O. */

export type ClientKind = 'fetch' | 'axios' | 'got' | 'ky' | 'undici' | 'node-fetch' | 'superagent' | 'http'
  | 'pg' | 'mysql' | 'mongodb' | 'redis' | 'aws-sdk' | 'grpc' | 'custom';

/** Options a client instance was created with: an object literal, or null when they are not statically known. */
export type InstanceOptions = TSESTree.ObjectExpression | null;

/** An abstract value: something a client module exports, or an instance, method or result derived from it. */
export interface ClientValue {
  readonly kind: ClientKind;
  /** Where the value stands in its client's model: 'root', 'instance', 'method', 'pool', 'collection', ... */
  readonly role: string;
  /** Class, method or module name the role needs ('S3Client', 'get', ...). */
  readonly name: string;
  /** Creation options of the instance this value comes from, closest first. */
  readonly options: readonly InstanceOptions[];
  /** The expression that created the instance (identity for `x.defaults.timeout = ...`), if any. */
  readonly origin: TSESTree.Node | undefined;
  readonly flavor?: string;
  readonly custom?: ClientSetting;
}

export interface IoCall {
  label: string;
  httpMethod: string | undefined;
  /** Index of the argument holding this call's own options; -1 when the call takes none. */
  optionsIndex: number;
  signalOption: 'signal' | 'abortSignal' | undefined;
}

export interface CallOutcome {
  io?: IoCall;
  result?: ClientValue;
  /** The result is configured like the client passed as this argument (`DynamoDBDocumentClient.from(client)`). */
  optionsFromArgument?: number;
}

export const HTTP_METHODS = ['get', 'delete', 'head', 'options', 'post', 'put', 'patch'];
const BODY_METHODS = new Set(['post', 'put', 'patch', 'postForm', 'putForm', 'patchForm']);

function value(kind: ClientKind, role: string, name = '', options: readonly InstanceOptions[] = [], origin?: TSESTree.Node, flavor?: string): ClientValue {
  return { kind, role, name, options, origin, ...(flavor === undefined ? {} : { flavor }) };
}

function derive(from: ClientValue, role: string, name = from.name): ClientValue {
  return { ...from, role, name };
}

function instanceFrom(from: ClientValue, role: string, node: TSESTree.CallExpression | TSESTree.NewExpression, optionArgs: readonly (TSESTree.Node | undefined)[], name = from.name): ClientValue {
  const own: InstanceOptions[] = [];
  for (const arg of optionArgs) {
    if (arg === undefined) continue;
    own.push(asObject(arg) ?? null);
  }
  return { ...from, role, name, options: [...own, ...from.options], origin: node };
}

function asObject(node: TSESTree.Node): TSESTree.ObjectExpression | undefined {
  const inner = unwrapExpression(node);
  return inner.type === AST_NODE_TYPES.ObjectExpression ? inner : undefined;
}

/** Strips parentheses-free wrappers that do not change the value: `x as T`, `x!`, `<T>x`, `x satisfies T`. */
export function unwrapExpression(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === AST_NODE_TYPES.TSAsExpression || current.type === AST_NODE_TYPES.TSNonNullExpression
    || current.type === AST_NODE_TYPES.TSTypeAssertion || current.type === AST_NODE_TYPES.TSSatisfiesExpression
  ) {
    current = current.expression;
  }
  return current;
}

function isFunctionNode(node: TSESTree.Node | undefined): boolean {
  return node !== undefined && (node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression);
}

/** The upper-case HTTP method a request options object names, 'GET' when it names none, undefined when unknown. */
export function methodFromOptions(options: TSESTree.Node | undefined, fallback = 'GET'): string | undefined {
  if (options === undefined) return fallback;
  const object = asObject(options);
  if (!object) return undefined;
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) return undefined;
    if (propertyKey(property) === 'method') {
      const v = property.value;
      return v.type === AST_NODE_TYPES.Literal && typeof v.value === 'string' ? v.value.toUpperCase() : undefined;
    }
  }
  return fallback;
}

export function propertyKey(property: TSESTree.Property): string | undefined {
  if (property.computed) {
    return property.key.type === AST_NODE_TYPES.Literal && typeof property.key.value === 'string' ? property.key.value : undefined;
  }
  if (property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  if (property.key.type === AST_NODE_TYPES.Literal) return String(property.key.value);
  return undefined;
}

function io(label: string, httpMethod: string | undefined, optionsIndex: number, signalOption: IoCall['signalOption']): CallOutcome {
  return { io: { label, httpMethod, optionsIndex, signalOption } };
}

/** Index of the first object literal among the arguments from `from` on, or `fallback`. */
function objectArgumentIndex(call: TSESTree.CallExpression, from: number, fallback: number): number {
  for (let index = from; index < call.arguments.length; index++) {
    const arg = call.arguments[index];
    if (arg && asObject(arg)) return index;
  }
  return fallback;
}

interface ClientModel {
  fromModule(module: string, imported: string): ClientValue | undefined;
  member(v: ClientValue, name: string): ClientValue | undefined;
  call(v: ClientValue, node: TSESTree.CallExpression): CallOutcome | undefined;
  construct(v: ClientValue, node: TSESTree.NewExpression): ClientValue | undefined;
  /** The instance a type annotation `x: T` stands for, when T is one of the client's classes. */
  instanceOfType?(v: ClientValue): ClientValue | undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// fetch-like: global fetch, node-fetch, undici

function fetchCall(label: string, call: TSESTree.CallExpression): CallOutcome {
  const first = call.arguments[0];
  const method = first && first.type === AST_NODE_TYPES.NewExpression ? undefined : methodFromOptions(call.arguments[1]);
  return io(label, method, 1, 'signal');
}

export const GLOBAL_FETCH: ClientValue = value('fetch', 'fetch', 'fetch');

/** Polyfills whose default (or `fetch`) export is the standard fetch. */
const FETCH_POLYFILLS = new Set(['cross-fetch', 'isomorphic-fetch', 'isomorphic-unfetch', 'unfetch']);

const fetchModel: ClientModel = {
  fromModule: (module, imported) => (FETCH_POLYFILLS.has(module) && ['default', '*', 'fetch'].includes(imported) ? GLOBAL_FETCH : undefined),
  member: (v, name) => (name === 'default' || name === 'fetch' ? v : undefined),
  call: (v, node) => (v.role === 'fetch' ? fetchCall('fetch', node) : undefined),
  construct: () => undefined,
};

const nodeFetchModel: ClientModel = {
  fromModule: (module, imported) => (module === 'node-fetch' && ['default', '*'].includes(imported) ? value('node-fetch', 'fetch', 'fetch') : undefined),
  member: (v, name) => (name === 'default' ? v : undefined),
  call: (v, node) => (v.role === 'fetch' ? fetchCall('node-fetch', node) : undefined),
  construct: () => undefined,
};

const UNDICI_DISPATCHERS = new Set(['Pool', 'Client', 'Agent', 'BalancedPool', 'RetryAgent']);
const undiciModel: ClientModel = {
  fromModule(module, imported) {
    if (module !== 'undici') return undefined;
    if (imported === 'default' || imported === '*') return value('undici', 'root');
    return undiciModel.member(value('undici', 'root'), imported);
  },
  member(v, name) {
    if (v.role === 'root') {
      if (name === 'fetch' || name === 'request') return derive(v, name, name);
      if (UNDICI_DISPATCHERS.has(name)) return derive(v, 'dispatcher-class', name);
      return undefined;
    }
    if (v.role === 'dispatcher' && name === 'request') return derive(v, 'dispatcher-request', name);
    return undefined;
  },
  call(v, node) {
    if (v.role === 'fetch') return fetchCall('undici fetch', node);
    if (v.role === 'request') return io('undici.request', methodFromOptions(node.arguments[1]), 1, 'signal');
    if (v.role === 'dispatcher-request') return io(`undici ${v.name}.request`, methodFromOptions(node.arguments[0]), 0, 'signal');
    return undefined;
  },
  construct(v, node) {
    if (v.role !== 'dispatcher-class') return undefined;
    const optionsArg = v.name === 'Agent' ? node.arguments[0] : node.arguments[1];
    return instanceFrom(v, 'dispatcher', node, [optionsArg]);
  },
};

// ---------------------------------------------------------------------------------------------------------------
// axios, got, ky: callable roots with HTTP-method members and instances made by create/extend

function httpLibraryModel(kind: 'axios' | 'got' | 'ky', modules: string[], factories: string[]): ClientModel {
  const model: ClientModel = {
    fromModule(module, imported) {
      if (!modules.includes(module)) return undefined;
      if (imported === 'default' || imported === '*') return value(kind, 'root', kind);
      return model.member(value(kind, 'root', kind), imported);
    },
    member(v, name) {
      if (v.role !== 'root' && v.role !== 'instance') {
        return v.role === 'stream' && HTTP_METHODS.includes(name) ? derive(v, 'stream-method', name) : undefined;
      }
      if (name === 'default' && v.role === 'root') return v;
      if (HTTP_METHODS.includes(name) || (kind === 'axios' && (name === 'request' || BODY_METHODS.has(name)))) return derive(v, 'method', name);
      if (factories.includes(name)) return derive(v, 'factory', name);
      if (kind === 'axios' && name === 'defaults') return derive(v, 'defaults', name);
      if (kind === 'got' && name === 'stream') return derive(v, 'stream', name);
      return undefined;
    },
    call(v, node) {
      const first = node.arguments[0];
      switch (v.role) {
        case 'root':
        case 'instance': {
          // axios(config) or axios(url, config); got(url, options) or got(options); ky(input, options)
          const optionsIndex = first && asObject(first) && kind !== 'ky' ? 0 : 1;
          return io(kind, methodFromOptions(node.arguments[optionsIndex]), optionsIndex, 'signal');
        }
        case 'method': {
          const optionsIndex = v.name === 'request' ? 0 : kind === 'axios' && BODY_METHODS.has(v.name) ? 2 : 1;
          const method = v.name === 'request' ? methodFromOptions(node.arguments[0]) : v.name.replace(/Form$/, '').toUpperCase();
          return io(`${kind}.${v.name}`, method, optionsIndex, 'signal');
        }
        case 'stream':
          return io('got.stream', methodFromOptions(node.arguments[1]), 1, 'signal');
        case 'stream-method':
          return io(`got.stream.${v.name}`, v.name.toUpperCase(), 1, 'signal');
        case 'factory':
          return { result: instanceFrom(v, 'instance', node, node.arguments.length ? node.arguments : [], kind) };
        default:
          return undefined;
      }
    },
    construct: () => undefined,
    instanceOfType(v) {
      return kind === 'axios' && ['AxiosInstance', 'AxiosStatic'].includes(v.name) ? value(kind, 'instance', kind, [null]) : undefined;
    },
  };
  return model;
}

const axiosModel = httpLibraryModel('axios', ['axios'], ['create']);
const gotModel = httpLibraryModel('got', ['got'], ['extend']);
const kyModel = httpLibraryModel('ky', ['ky', 'ky-universal'], ['create', 'extend']);
// Named type imports resolve through member(): keep `AxiosInstance` recognisable for annotations.
const axiosFromModule = axiosModel.fromModule;
axiosModel.fromModule = (module, imported) => {
  if (module === 'axios' && (imported === 'AxiosInstance' || imported === 'AxiosStatic')) return value('axios', 'type', imported);
  return axiosFromModule(module, imported);
};

// ---------------------------------------------------------------------------------------------------------------
// superagent: the request is configured by chaining (`.timeout(ms)`), there is no options object

const SUPERAGENT_METHODS = new Set([...HTTP_METHODS, 'del']);
const superagentModel: ClientModel = {
  fromModule: (module, imported) => {
    if (module !== 'superagent') return undefined;
    const root = value('superagent', 'root', 'superagent');
    return imported === 'default' || imported === '*' ? root : superagentModel.member(root, imported);
  },
  member(v, name) {
    if (v.role !== 'root' && v.role !== 'agent') return undefined;
    if (name === 'default' && v.role === 'root') return v;
    if (SUPERAGENT_METHODS.has(name)) return derive(v, 'method', name);
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
};

// ---------------------------------------------------------------------------------------------------------------
// node:http / node:https

const HTTP_MODULES = new Set(['http', 'https', 'node:http', 'node:https']);
const httpModel: ClientModel = {
  fromModule(module, imported) {
    if (!HTTP_MODULES.has(module)) return undefined;
    const root = value('http', 'root', module.replace('node:', ''));
    return imported === 'default' || imported === '*' ? root : httpModel.member(root, imported);
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
};

// ---------------------------------------------------------------------------------------------------------------
// Databases

const pgModel: ClientModel = {
  fromModule(module, imported) {
    if (module === 'pg-pool' && (imported === 'default' || imported === '*')) return value('pg', 'class', 'Pool');
    if (module !== 'pg') return undefined;
    const root = value('pg', 'root', 'pg');
    return imported === 'default' || imported === '*' ? root : pgModel.member(root, imported);
  },
  member(v, name) {
    if (v.role === 'root') {
      if (name === 'default' || name === 'native') return v;
      if (name === 'Pool' || name === 'Client' || name === 'PoolClient') return derive(v, 'class', name);
      return undefined;
    }
    if ((v.role === 'pool' || v.role === 'client') && (name === 'query' || name === 'connect')) return derive(v, `${v.role}-${name}`, name);
    return undefined;
  },
  call(v, node) {
    if (v.role === 'pool-query' || v.role === 'client-query') return io('pg query', undefined, 0, undefined);
    if (v.role === 'pool-connect') return { io: io('pg connect', undefined, -1, undefined).io!, result: derive(v, 'client') };
    if (v.role === 'client-connect') return io('pg connect', undefined, -1, undefined);
    void node;
    return undefined;
  },
  construct(v, node) {
    if (v.role !== 'class') return undefined;
    return instanceFrom(v, v.name === 'Pool' ? 'pool' : 'client', node, node.arguments.length ? [node.arguments[0]] : []);
  },
  instanceOfType(v) {
    if (v.role !== 'class') return undefined;
    return { ...v, role: v.name === 'Pool' ? 'pool' : 'client', options: [null] };
  },
};

const MYSQL_MODULES = new Set(['mysql', 'mysql2', 'mysql2/promise']);
const mysqlModel: ClientModel = {
  fromModule(module, imported) {
    if (!MYSQL_MODULES.has(module)) return undefined;
    const root = value('mysql', 'root', 'mysql', [], undefined, module === 'mysql2/promise' ? 'promise' : 'callback');
    return imported === 'default' || imported === '*' ? root : mysqlModel.member(root, imported);
  },
  member(v, name) {
    if (v.role === 'root') {
      if (name === 'default') return v;
      if (name === 'promise') return { ...v, flavor: 'promise' };
      if (['createPool', 'createConnection', 'createPoolCluster'].includes(name)) return derive(v, 'factory', name);
      if (['Pool', 'Connection', 'PoolConnection'].includes(name)) return derive(v, 'class', name);
      return undefined;
    }
    if (v.role === 'connection') {
      if (name === 'query' || name === 'execute') return derive(v, 'query', name);
      if (name === 'getConnection') return derive(v, 'get-connection', name);
      if (name === 'promise') return derive(v, 'to-promise', name);
    }
    return undefined;
  },
  call(v, node) {
    switch (v.role) {
      case 'factory': {
        // createConnection(uri) or createConnection(options)
        return { result: instanceFrom(v, 'connection', node, node.arguments.length ? [node.arguments[0]] : []) };
      }
      case 'query':
        return io(`mysql ${v.name}`, undefined, 0, undefined);
      case 'get-connection':
        return { io: { label: 'mysql getConnection', httpMethod: undefined, optionsIndex: -1, signalOption: undefined }, result: derive(v, 'connection') };
      case 'to-promise':
        return { result: { ...derive(v, 'connection'), flavor: 'promise' } };
      default:
        return undefined;
    }
  },
  construct: () => undefined,
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'connection', options: [null], flavor: 'promise' } : undefined),
};

const MONGO_COLLECTION_OPTIONS: Record<string, number> = {
  find: 1, findOne: 1, insertOne: 1, insertMany: 1, updateOne: 2, updateMany: 2, replaceOne: 2, deleteOne: 1,
  deleteMany: 1, aggregate: 1, countDocuments: 1, estimatedDocumentCount: 0, distinct: 2, findOneAndUpdate: 2,
  findOneAndReplace: 2, findOneAndDelete: 1, bulkWrite: 1, createIndex: 1, createIndexes: 1, dropIndex: 1, drop: 0,
};
const MONGO_DB_OPTIONS: Record<string, number> = { command: 1, createCollection: 1, dropDatabase: 0, listCollections: 1, aggregate: 1, stats: 0 };
const mongoModel: ClientModel = {
  fromModule(module, imported) {
    if (module !== 'mongodb') return undefined;
    const root = value('mongodb', 'root', 'mongodb');
    return imported === 'default' || imported === '*' ? root : mongoModel.member(root, imported);
  },
  member(v, name) {
    switch (v.role) {
      case 'root':
        return ['MongoClient', 'Db', 'Collection'].includes(name) ? derive(v, 'class', name) : undefined;
      case 'class':
        return v.name === 'MongoClient' && name === 'connect' ? derive(v, 'static-connect', name) : undefined;
      case 'client':
        if (name === 'connect') return derive(v, 'client-connect', name);
        if (name === 'db') return derive(v, 'db-factory', name);
        return undefined;
      case 'db':
        if (name === 'collection') return derive(v, 'collection-factory', name);
        return name in MONGO_DB_OPTIONS ? derive(v, 'db-op', name) : undefined;
      case 'collection':
        return name in MONGO_COLLECTION_OPTIONS ? derive(v, 'collection-op', name) : undefined;
      default:
        return undefined;
    }
  },
  call(v, node) {
    switch (v.role) {
      case 'static-connect':
        return { io: { label: 'MongoClient.connect', httpMethod: undefined, optionsIndex: 1, signalOption: undefined }, result: instanceFrom(v, 'client', node, [node.arguments[1]]) };
      case 'client-connect':
        return io('mongodb connect', undefined, -1, undefined);
      case 'db-factory':
        return { result: instanceFrom(v, 'db', node, [node.arguments[1]]) };
      case 'collection-factory':
        return { result: instanceFrom(v, 'collection', node, [node.arguments[1]]) };
      case 'db-op':
        return io(`mongodb ${v.name}`, undefined, MONGO_DB_OPTIONS[v.name] ?? -1, undefined);
      case 'collection-op':
        return io(`mongodb ${v.name}`, undefined, MONGO_COLLECTION_OPTIONS[v.name] ?? -1, undefined);
      default:
        return undefined;
    }
  },
  construct(v, node) {
    return v.role === 'class' && v.name === 'MongoClient' ? instanceFrom(v, 'client', node, [node.arguments[1]]) : undefined;
  },
  instanceOfType(v) {
    if (v.role !== 'class') return undefined;
    const role = v.name === 'MongoClient' ? 'client' : v.name === 'Db' ? 'db' : 'collection';
    return { ...v, role, options: [null] };
  },
};

/** Methods of a Redis client that do no I/O of their own (events, set-up, pipelines, streams). */
const REDIS_NON_COMMANDS = new Set([
  'on', 'once', 'off', 'addListener', 'removeListener', 'removeAllListeners', 'prependListener', 'prependOnceListener',
  'emit', 'listeners', 'listenerCount', 'rawListeners', 'setMaxListeners', 'getMaxListeners', 'eventNames',
  'duplicate', 'defineCommand', 'createBuiltinCommand', 'disconnect', 'destroy', 'end', 'unref', 'ref', 'nodes',
  'scanStream', 'sscanStream', 'hscanStream', 'zscanStream', 'scanBufferStream', 'sscanBufferStream',
  'hscanBufferStream', 'zscanBufferStream', 'withTypeMapping', 'withCommandOptions', 'withAbortSignal', 'toString',
  'monitor', 'subscribe', 'psubscribe', 'ssubscribe', 'unsubscribe', 'punsubscribe', 'sunsubscribe',
  'SUBSCRIBE', 'PSUBSCRIBE', 'UNSUBSCRIBE', 'PUNSUBSCRIBE', 'then', 'catch', 'finally', 'constructor',
]);
const redisModel: ClientModel = {
  fromModule(module, imported) {
    if (module === 'ioredis') {
      const root = value('redis', 'root', 'Redis', [], undefined, 'ioredis');
      return imported === 'default' || imported === '*' ? derive(root, 'class', 'Redis') : redisModel.member(root, imported);
    }
    if (module === 'redis' || module === '@redis/client') {
      const root = value('redis', 'root', 'redis', [], undefined, 'node-redis');
      return imported === 'default' || imported === '*' ? root : redisModel.member(root, imported);
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
      if (REDIS_NON_COMMANDS.has(name)) return undefined;
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
        return io(`redis ${v.name}`, undefined, -1, undefined);
      case 'pipeline-factory':
      case 'queue':
        return { result: derive(v, 'pipeline') };
      case 'exec':
        return io(`redis ${v.name}`, undefined, -1, undefined);
      case 'duplicate':
        return { result: derive(v, 'instance') };
      default:
        return undefined;
    }
  },
  construct(v, node) {
    if (v.role !== 'class') return undefined;
    // new Redis(), new Redis(options), new Redis(port, host, options), new Redis(url, options), new Cluster(nodes, options)
    const objectIndex = v.name === 'Cluster' ? 1 : objectArgumentIndex(node as unknown as TSESTree.CallExpression, 0, -1);
    const last = node.arguments[node.arguments.length - 1];
    // `new Redis(config.redis)` may carry any option; only a port, host or URL literal is known to carry none
    const unknownOptions = objectIndex === -1 && last !== undefined && last.type !== AST_NODE_TYPES.Literal && last.type !== AST_NODE_TYPES.TemplateLiteral;
    const optionArgs = objectIndex >= 0 ? [node.arguments[objectIndex]] : unknownOptions ? [last] : [];
    return instanceFrom(v, 'instance', node, optionArgs);
  },
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'instance', options: [null] } : undefined),
};

// ---------------------------------------------------------------------------------------------------------------
// AWS SDK v3: `new XClient(config).send(command, { abortSignal })`, or aggregated clients `new S3(config).getObject(...)`

function isAwsModule(module: string): boolean {
  return module.startsWith('@aws-sdk/client-') || module === '@aws-sdk/lib-dynamodb';
}
const AWS_NON_OPERATIONS = new Set(['send', 'destroy', 'middlewareStack', 'config', 'constructor', 'then']);
const awsModel: ClientModel = {
  fromModule(module, imported) {
    if (!isAwsModule(module)) return undefined;
    const root = value('aws-sdk', 'root', module);
    return imported === 'default' || imported === '*' ? root : awsModel.member(root, imported);
  },
  member(v, name) {
    if (v.role === 'root') {
      if (!/^[A-Z]/.test(name) || /(Command|Exception|Error|Input|Output)$/.test(name)) return undefined;
      return derive(v, 'class', name);
    }
    if (v.role === 'class' && name === 'from') return derive(v, 'from', v.name);
    if (v.role === 'client' && name === 'send') return derive(v, 'send', v.name);
    if (v.role === 'aggregated' && !AWS_NON_OPERATIONS.has(name)) return derive(v, 'operation', `${v.name}.${name}`);
    return undefined;
  },
  call(v, node) {
    if (v.role === 'send') return io(`${v.name}.send`, undefined, 1, 'abortSignal');
    if (v.role === 'operation') return io(v.name, undefined, 1, 'abortSignal');
    if (v.role === 'from') {
      // DynamoDBDocumentClient.from(client, translateConfig): same transport as the client it wraps
      return { result: { ...v, role: v.name.endsWith('Client') ? 'client' : 'aggregated', options: [null], origin: node }, optionsFromArgument: 0 };
    }
    return undefined;
  },
  construct(v, node) {
    if (v.role !== 'class') return undefined;
    return instanceFrom(v, v.name.endsWith('Client') ? 'client' : 'aggregated', node, node.arguments.length ? [node.arguments[0]] : []);
  },
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: v.name.endsWith('Client') ? 'client' : 'aggregated', options: [null] } : undefined),
};

// ---------------------------------------------------------------------------------------------------------------
// gRPC: clients built from a loaded package definition; the deadline goes in the call options

const GRPC_NON_CALLS = new Set(['close', 'getChannel', 'waitForReady', 'constructor']);
const grpcModel: ClientModel = {
  fromModule(module, imported) {
    if (module !== '@grpc/grpc-js' && module !== 'grpc') return undefined;
    const root = value('grpc', 'root', 'grpc');
    return imported === 'default' || imported === '*' ? root : grpcModel.member(root, imported);
  },
  member(v, name) {
    if (v.role === 'root') {
      if (name === 'loadPackageDefinition' || name === 'makeGenericClientConstructor') return derive(v, 'loader', name);
      if (name === 'Client') return derive(v, 'package', name);
      return undefined;
    }
    if (v.role === 'package') return derive(v, 'package', name);
    if (v.role === 'client' && !GRPC_NON_CALLS.has(name)) return derive(v, 'rpc', name);
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
};

// ---------------------------------------------------------------------------------------------------------------
// The user's own clients from settings

export function customClientValue(setting: ClientSetting, name: string): ClientValue {
  return { kind: 'custom', role: 'root', name, options: [], origin: undefined, custom: setting };
}

const customModel: ClientModel = {
  fromModule: () => undefined,
  member: (v, name) => (v.role === 'root' || v.role === 'instance' ? { ...v, name: `${v.name}.${name}` } : undefined),
  call(v, node) {
    let optionsIndex = -1;
    for (let index = node.arguments.length - 1; index >= 0; index--) {
      const arg = node.arguments[index];
      if (arg && asObject(arg)) {
        optionsIndex = index;
        break;
      }
    }
    return io(v.name, undefined, optionsIndex, v.custom?.signalOption ?? 'signal');
  },
  construct: (v, node) => instanceFrom(v, 'instance', node, node.arguments.length ? [node.arguments[node.arguments.length - 1]] : []),
};

const MODELS: Record<ClientKind, ClientModel> = {
  fetch: fetchModel,
  'node-fetch': nodeFetchModel,
  undici: undiciModel,
  axios: axiosModel,
  got: gotModel,
  ky: kyModel,
  superagent: superagentModel,
  http: httpModel,
  pg: pgModel,
  mysql: mysqlModel,
  mongodb: mongoModel,
  redis: redisModel,
  'aws-sdk': awsModel,
  grpc: grpcModel,
  custom: customModel,
};

const MODULE_MODELS: ClientModel[] = [fetchModel, nodeFetchModel, undiciModel, axiosModel, gotModel, kyModel, superagentModel, httpModel, pgModel, mysqlModel, mongoModel, redisModel, awsModel, grpcModel];

const CLIENT_MODULES = new Set([
  ...FETCH_POLYFILLS, 'node-fetch', 'undici', 'axios', 'got', 'ky', 'ky-universal', 'superagent', ...HTTP_MODULES, 'pg', 'pg-pool',
  ...MYSQL_MODULES, 'mongodb', 'ioredis', 'redis', '@redis/client', '@grpc/grpc-js', 'grpc',
]);

/** Whether importing `module` may bring a known client into the file. */
export function isClientModule(module: string): boolean {
  return CLIENT_MODULES.has(module) || isAwsModule(module);
}

/** The value an import of `imported` ('default', '*' or an export name) from `module` stands for. */
export function valueFromModule(module: string, imported: string, settings: readonly ClientSetting[]): ClientValue | undefined {
  for (const setting of settings) {
    if (setting.module !== module) continue;
    if (setting.export === undefined ? imported === 'default' || imported === '*' : setting.export === imported) {
      return customClientValue(setting, imported === 'default' || imported === '*' ? module : imported);
    }
  }
  for (const model of MODULE_MODELS) {
    const found = model.fromModule(module, imported);
    if (found) return found;
  }
  return undefined;
}

export function memberOf(v: ClientValue, name: string): ClientValue | undefined {
  return MODELS[v.kind].member(v, name);
}

export function callOf(v: ClientValue, node: TSESTree.CallExpression): CallOutcome | undefined {
  return MODELS[v.kind].call(v, node);
}

export function constructOf(v: ClientValue, node: TSESTree.NewExpression): ClientValue | undefined {
  return MODELS[v.kind].construct(v, node);
}

export function instanceOfType(v: ClientValue): ClientValue | undefined {
  return MODELS[v.kind].instanceOfType?.(v);
}
