import { derive, instanceFrom, io, isWholeModule, value, type LibraryModel } from './model.js';

/**
 * Job queues and brokers whose sends do I/O but whose transport bounds itself or cannot be bounded per call, so
 * require-timeout leaves them alone; the other rules (failure handling, retries) see their calls:
 * - bull / BullMQ: `new Queue(name, { connection })`, `queue.add(name, data, { attempts, backoff })` over ioredis;
 * - kafkajs: `new Kafka({ brokers, connectionTimeout: 1 s, requestTimeout: 30 s })`, `producer.send(...)`;
 * - amqplib: `amqp.connect(url)`, `channel.assertQueue(...)`; a dead broker is found by heartbeats (60 s);
 * - nodemailer: `createTransport(...)`, `transporter.sendMail(...)` (bounded by default: 2 min to connect, 10 min idle);
 * - graphql-redis-subscriptions: `new RedisPubSub({ publisher, subscriber })`, `pubsub.publish(trigger, payload)`, which
 *   awaits ioredis' publish (2.7.0 `dist/redis-pubsub.js`) and rejects once ioredis gives the command up (its
 *   `maxRetriesPerRequest`, 20 by default) or on a server error: bounded by the ioredis clients it is given.
 */

const QUEUE_OPERATIONS = new Set(['add', 'addBulk', 'getJob', 'getJobs', 'getJobCounts', 'pause', 'resume', 'obliterate', 'drain', 'clean', 'close', 'count', 'empty', 'removeJobs']);

export const bullLibrary: LibraryModel = {
  kind: 'bull',
  title: 'bull / BullMQ',
  modules: ['bull', 'bullmq'],
  typeNames: ['Queue'],
  takesUrl: false,
  dependencyName: 'queue',
  signal: 'none',
  retries: 'jobs: `attempts` (default 1) with `backoff` (default none)',
  fromModule(module, imported) {
    if (module === 'bullmq' && (imported === 'Queue' || imported === 'FlowProducer')) return value('bull', 'class', imported);
    if (module === 'bull' && (isWholeModule(imported) || imported === 'Queue')) return value('bull', 'class', 'Queue');
    return undefined;
  },
  member: (v, name) => (v.role === 'queue' && QUEUE_OPERATIONS.has(name) ? derive(v, 'operation', name) : undefined),
  call(v, node) {
    if (v.role === 'operation') return io(`queue.${v.name}`, undefined, -1, undefined);
    // bull's `Queue(name, url)` without new
    return v.role === 'class' ? { result: instanceFrom(v, 'queue', node, []) } : undefined;
  },
  construct: (v, node) => (v.role === 'class' ? instanceFrom(v, 'queue', node, []) : undefined),
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'queue', options: [null] } : undefined),
  timeout: undefined,
  fix: {},
};

export const kafkajsLibrary: LibraryModel = {
  kind: 'kafkajs',
  title: 'kafkajs',
  modules: ['kafkajs'],
  typeNames: ['Producer', 'Consumer', 'Admin'],
  takesUrl: false,
  dependencyName: 'kafka',
  signal: 'none',
  retries: '5 retries with exponential backoff by default (`retry`)',
  fromModule: (module, imported) => (module === 'kafkajs' && imported === 'Kafka' ? value('kafkajs', 'class', 'Kafka') : undefined),
  member(v, name) {
    if (v.role === 'client' && (name === 'producer' || name === 'consumer' || name === 'admin')) return derive(v, 'factory', name);
    if (v.role === 'producer' && (name === 'send' || name === 'sendBatch' || name === 'connect')) return derive(v, 'operation', `producer.${name}`);
    if (v.role === 'admin' && name !== 'disconnect' && name !== 'on' && name !== 'logger') return derive(v, 'operation', `admin.${name}`);
    if (v.role === 'consumer' && (name === 'connect' || name === 'subscribe' || name === 'commitOffsets')) return derive(v, 'operation', `consumer.${name}`);
    return undefined;
  },
  call(v) {
    if (v.role === 'factory') return { result: derive(v, v.name) };
    return v.role === 'operation' ? io(`kafka ${v.name}`, undefined, -1, undefined) : undefined;
  },
  construct: (v, node) => (v.role === 'class' ? instanceFrom(v, 'client', node, [node.arguments[0]]) : undefined),
  timeout: undefined,
  fix: {},
};

const AMQP_CHANNEL_OPERATIONS = new Set(['assertQueue', 'assertExchange', 'bindQueue', 'checkQueue', 'deleteQueue', 'purgeQueue', 'consume', 'get', 'prefetch', 'waitForConfirms']);

export const amqplibLibrary: LibraryModel = {
  kind: 'amqplib',
  title: 'amqplib',
  modules: ['amqplib'],
  typeNames: [],
  takesUrl: false,
  dependencyName: 'rabbitmq',
  signal: 'none',
  retries: 'never',
  fromModule(module, imported) {
    if (module !== 'amqplib') return undefined;
    const root = value('amqplib', 'root', 'amqp');
    return isWholeModule(imported) ? root : amqplibLibrary.member(root, imported);
  },
  member(v, name) {
    if (v.role === 'root' && name === 'connect') return derive(v, 'connect', name);
    if (v.role === 'connection' && (name === 'createChannel' || name === 'createConfirmChannel')) return derive(v, 'channel-factory', name);
    if (v.role === 'channel' && AMQP_CHANNEL_OPERATIONS.has(name)) return derive(v, 'operation', name);
    return undefined;
  },
  call(v) {
    switch (v.role) {
      case 'connect':
        return { io: { label: 'amqp.connect', httpMethod: undefined, optionsIndex: 1, signalOption: undefined }, result: derive(v, 'connection') };
      case 'channel-factory':
        return { io: { label: `amqp ${v.name}`, httpMethod: undefined, optionsIndex: -1, signalOption: undefined }, result: derive(v, 'channel') };
      case 'operation':
        return io(`amqp ${v.name}`, undefined, -1, undefined);
      default:
        return undefined;
    }
  },
  construct: () => undefined,
  timeout: undefined,
  fix: {},
};

export const nodemailerLibrary: LibraryModel = {
  kind: 'nodemailer',
  title: 'nodemailer',
  modules: ['nodemailer'],
  typeNames: ['Transporter'],
  takesUrl: false,
  dependencyName: 'mail',
  signal: 'none',
  retries: 'never',
  fromModule(module, imported) {
    if (module !== 'nodemailer') return undefined;
    const root = value('nodemailer', 'root', 'nodemailer');
    return isWholeModule(imported) ? root : nodemailerLibrary.member(root, imported);
  },
  member(v, name) {
    if (v.role === 'root' && name === 'createTransport') return derive(v, 'factory', name);
    if (v.role === 'transport' && (name === 'sendMail' || name === 'verify')) return derive(v, 'operation', name);
    return undefined;
  },
  call(v, node) {
    if (v.role === 'factory') return { result: instanceFrom(v, 'transport', node, [node.arguments[0]]) };
    return v.role === 'operation' ? io(`nodemailer ${v.name}`, undefined, -1, undefined) : undefined;
  },
  construct: () => undefined,
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'transport', options: [null] } : undefined),
  timeout: undefined,
  fix: {},
};

export const graphqlRedisSubscriptionsLibrary: LibraryModel = {
  kind: 'graphql-redis-subscriptions',
  title: 'graphql-redis-subscriptions',
  modules: ['graphql-redis-subscriptions'],
  typeNames: ['RedisPubSub'],
  takesUrl: false,
  dependencyName: 'redis',
  signal: 'none',
  retries: "ioredis' own (`maxRetriesPerRequest`)",
  fromModule: (module, imported) => (module === 'graphql-redis-subscriptions' && imported === 'RedisPubSub' ? value('graphql-redis-subscriptions', 'class', 'RedisPubSub') : undefined),
  member: (v, name) => (v.role === 'pubsub' && name === 'publish' ? derive(v, 'operation', name) : undefined),
  call: (v) => (v.role === 'operation' ? io(`pubsub.${v.name}`, undefined, -1, undefined) : undefined),
  construct: (v, node) => (v.role === 'class' ? instanceFrom(v, 'pubsub', node, []) : undefined),
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'pubsub', options: [null] } : undefined),
  timeout: undefined,
  fix: {},
};
