import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { isSet, readOptions, unwrapExpression } from '../analysis/syntax.js';
import { objectTextWith } from '../fixes/object-literal.js';
import { SourceEdits } from '../fixes/source-edits.js';
import { creationLabel, creationOptions, optionsBound, setCreationOption } from './creation-options.js';
import { handedToQueueElsewhere, QUEUE_CONNECTION_KEYS } from '../analysis/queue-connections.js';
import { derive, instanceFrom, io, isWholeModule, objectArgumentIndex, value, type CreationFile, type CreationFinding, type LibraryModel } from './model.js';

/**
 * ioredis (`commandTimeout` where the client is created) and node-redis (no per-command timeout before 5.8). A Redis
 * client is bounded where it is created, so that is where a missing bound is reported, once, with its fix; the
 * commands of a client whose creation is known (in this file or exported from another module) are not reported again.
 * Only a client whose commands wait for as long as Redis is down (`maxRetriesPerRequest: null`) is reported, and not one
 * handed to a queue library (here, or in a module importing it: queue-connections.ts), whose blocking reads a
 * `commandTimeout` would break.
 */

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
  dataStore: true,
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
    const at = optionsIndex(node, v.name === 'Cluster');
    return instanceFrom(v, 'instance', node, at < node.arguments.length ? [node.arguments[at]] : []);
  },
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'instance', options: [null] } : undefined),
  timeout: {
    levels: ['client'],
    callOptions: [],
    instanceOptions: ['commandTimeout'],
    chainMethods: [],
    remedy: 'set `commandTimeout` where the client is created',
    defaultBound: 'none',
    // ioredis: judged where the client is created (below); a client whose creation is not seen (an injected or typed
    // one) is not judged at its commands either. node-redis has no per-command timeout to set before 5.8.
    isChecked: () => false,
  },
  creation: {
    sites: [
      { module: 'ioredis', path: ['Redis'], how: 'new' },
      { module: 'ioredis', path: ['default'], how: 'new' },
      { module: 'ioredis', path: ['Cluster'], how: 'new' },
      { module: 'ioredis', path: ['Redis', 'Cluster'], how: 'new' },
      { module: 'ioredis', path: ['default', 'Cluster'], how: 'new' },
    ],
    check: checkIoredisCreation,
  },
  fix: {},
};

/**
 * Where ioredis takes its options: last, after a port, host or URL (`new Redis(6379, 'cache', options)`,
 * `new Redis(url, options)`), second for a Cluster. `arguments.length` when none is given.
 */
function optionsIndex(node: TSESTree.NewExpression, cluster: boolean): number {
  if (cluster) return 1;
  const objectIndex = objectArgumentIndex(node, 0, -1);
  if (objectIndex >= 0) return objectIndex;
  const lastIndex = node.arguments.length - 1;
  const last = node.arguments[lastIndex];
  // `new Redis(config.redis)` may carry any option; a port, host or URL carries none
  return last === undefined || isAddress(last) ? node.arguments.length : lastIndex;
}

/** A port, host or URL: a literal, or an environment variable (always a string) or a value named like one. */
function isAddress(node: TSESTree.Node): boolean {
  const target = unwrapExpression(node);
  if (target.type === AST_NODE_TYPES.Literal || target.type === AST_NODE_TYPES.TemplateLiteral) return true;
  if (target.type === AST_NODE_TYPES.MemberExpression) {
    const object = unwrapExpression(target.object);
    if (object.type === AST_NODE_TYPES.MemberExpression && object.object.type === AST_NODE_TYPES.Identifier && object.object.name === 'process'
      && !object.computed && object.property.type === AST_NODE_TYPES.Identifier && object.property.name === 'env') return true;
  }
  const name = target.type === AST_NODE_TYPES.Identifier ? target.name
    : target.type === AST_NODE_TYPES.MemberExpression && !target.computed && target.property.type === AST_NODE_TYPES.Identifier ? target.property.name : undefined;
  return name !== undefined && /(?:url|uri|host|port|dsn)$/i.test(name);
}

/** The name a `new X(...)` is written with (`Cluster` in `new Redis.Cluster(...)`). */
function calleeName(node: TSESTree.NewExpression): string | undefined {
  const callee = unwrapExpression(node.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  return callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : undefined;
}

function checkIoredisCreation(node: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: Readonly<TSESLint.SourceCode>, file: CreationFile): CreationFinding | undefined {
  if (node.type !== AST_NODE_TYPES.NewExpression || handedToQueue(node, sourceCode)) return undefined;
  const cluster = calleeName(node) === 'Cluster';
  const at = optionsIndex(node, cluster);
  const options = creationOptions(sourceCode, node, at);
  if (options === 'unknown') return undefined;
  if (options !== 'absent' && optionsBound(options, [cluster ? 'redisOptions.commandTimeout' : 'commandTimeout']) !== 'unbounded') return undefined;
  // With ioredis's default `maxRetriesPerRequest` (20) a command fails once Redis has stayed unreachable through 20
  // reconnections; only `maxRetriesPerRequest: null` makes it wait for as long as Redis is down. What is left without
  // `commandTimeout`, a wait on a Redis that answers slowly, reviewers of the project's own cache or queue judged a
  // matter of taste on every code base read: only the wait for ever is reported.
  if (options === 'absent' || !disablesRetryLimit(cluster ? nestedObject(options, 'redisOptions') : options)) return undefined;
  // `maxRetriesPerRequest: null` is what BullMQ requires of its connection, but a cache that should wait out a restart
  // is made with it too: only a hand-off seen in a module importing this one says the client is the queue's.
  if (handedToQueueElsewhere(node, sourceCode, file.filename)) return undefined;
  return {
    label: creationLabel(sourceCode, node),
    remedy: 'set `commandTimeout` where the client is created (with `maxRetriesPerRequest: null` a command waits for as long as Redis is unreachable)',
    fix: (target) => (cluster ? setClusterCommandTimeout(target.sourceCode, node, options) : setCreationOption(target, node, at, 'commandTimeout', '5_000')),
  };
}

function disablesRetryLimit(options: TSESTree.ObjectExpression | undefined): boolean {
  const facts = options ? readOptions(options) : 'unknown';
  const limit = facts === 'unknown' ? undefined : facts.get('maxRetriesPerRequest');
  return limit !== undefined && !isSet(limit) && unwrapExpression(limit).type === AST_NODE_TYPES.Literal;
}

/** `{ redisOptions: { ... } }`: the object written under `key`, if it is one. */
function nestedObject(options: TSESTree.ObjectExpression, key: string): TSESTree.ObjectExpression | undefined {
  const facts = readOptions(options);
  const inner = facts === 'unknown' ? undefined : facts.get(key);
  const object = inner && unwrapExpression(inner);
  return object?.type === AST_NODE_TYPES.ObjectExpression ? object : undefined;
}

/** `new Cluster(nodes, { redisOptions: { commandTimeout } })`: the option each node's client is created with. */
function setClusterCommandTimeout(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.NewExpression, options: TSESTree.ObjectExpression | 'absent'): { edits: SourceEdits; option: string } | undefined {
  const option = 'redisOptions: { commandTimeout: 5_000 }';
  const edits = new SourceEdits();
  if (options === 'absent') {
    const nodes = node.arguments[0];
    if (!nodes || node.arguments.length !== 1) return undefined;
    edits.insert(nodes.range[1], `, { ${option} }`);
    return { edits, option };
  }
  const facts = readOptions(options);
  const inner = facts === 'unknown' ? undefined : facts.get('redisOptions');
  const innerObject = inner && unwrapExpression(inner);
  if (innerObject?.type === AST_NODE_TYPES.ObjectExpression) {
    edits.replace(innerObject.range, objectTextWith(sourceCode, innerObject, { set: [['commandTimeout', '5_000']] }));
  } else if (inner) {
    return undefined;
  } else {
    edits.replace(options.range, objectTextWith(sourceCode, options, { set: [['redisOptions', '{ commandTimeout: 5_000 }']] }));
  }
  return { edits, option };
}

/** `new Worker(name, fn, { connection: new Redis(...) })`, or a client created here and handed over so. */
function handedToQueue(node: TSESTree.NewExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const underQueueKey = (expression: TSESTree.Node): boolean => {
    let current: TSESTree.Node = expression;
    // `connection: cond ? new Redis(a) : other`, `createClient: () => new Redis(url)`
    while (current.parent && (current.parent.type === AST_NODE_TYPES.TSAsExpression || current.parent.type === AST_NODE_TYPES.ConditionalExpression
      || current.parent.type === AST_NODE_TYPES.ArrowFunctionExpression)) current = current.parent;
    const property = current.parent;
    return property?.type === AST_NODE_TYPES.Property && property.value === current && !property.computed
      && property.key.type === AST_NODE_TYPES.Identifier && QUEUE_CONNECTION_KEYS.has(property.key.name);
  };
  if (underQueueKey(node)) return true;
  const holder = node.parent;
  if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier) {
    const variable = sourceCode.getDeclaredVariables(holder)[0];
    return (variable?.references ?? []).some((reference) => !reference.init && underQueueKey(reference.identifier));
  }
  // `this.connection = new Redis(...)` (or a class field), then `{ connection: this.connection }`
  const field = holder?.type === AST_NODE_TYPES.AssignmentExpression && holder.left.type === AST_NODE_TYPES.MemberExpression
    && holder.left.object.type === AST_NODE_TYPES.ThisExpression ? holder.left.property
    : holder?.type === AST_NODE_TYPES.PropertyDefinition ? holder.key : undefined;
  if (field?.type !== AST_NODE_TYPES.Identifier) return false;
  const keys = [...QUEUE_CONNECTION_KEYS].join('|');
  return new RegExp(`\\b(?:${keys})\\s*:\\s*this\\.${field.name}\\b`).test(sourceCode.text);
}
