import { derive, instanceFrom, io, packageExports, type LibraryModel } from './model.js';
import { STORAGE_CALLS } from './azure-storage-blob.js';

/**
 * Azure Queue Storage (`@azure/storage-queue`): `new QueueClient(url, credential?, options?)` (or `(connectionString,
 * queueName, options?)`), `new QueueServiceClient(url, credential?, options?)`,
 * `QueueServiceClient.fromConnectionString(connection, options?)` and `service.getQueueClient(name)`, then
 * `queue.receiveMessages({ numberOfMessages })`, `queue.sendMessage(text)`, `queue.deleteMessage(id, popReceipt)`.
 * Read in 12.31.0 (`dist/commonjs/StorageClient.js`, `Pipeline.js`, `QueueClient.js`) with @azure/storage-common
 * 12.4.1 (`policies/StorageRetryPolicyV2.js`, `StorageRetryPolicy.js`) and @azure/core-rest-pipeline 1.22.2: the
 * client fills in `retryOptions.tryTimeoutInMs` (30 s) when it is left out, but the retry policy only sends it to the
 * service as the `timeout` query parameter (how long the server may work), and the HTTP client sets no timeout of its
 * own (`request.timeout` 0): a connection that stops answering holds the call, whatever the client is made with. The
 * pipeline options take no policy of the project's either. What bounds a call is the `abortSignal` of its options,
 * which every operation hands to its request, through its tries and the waits between them (4 tries, growing waits
 * from 4 s). So each call is judged, and its fix gives it an `abortSignal` long enough for a retry.
 */

const MODULE = '@azure/storage-queue';
const EXPORTS = packageExports('azure-storage-queue', [MODULE], { QueueClient: 'class', QueueServiceClient: 'class' });
/** Each operation that sends a request: its verb and the index of its options. */
const QUEUE_CALLS: Readonly<Record<string, readonly [string, number]>> = {
  create: ['PUT', 0], createIfNotExists: ['PUT', 0], delete: ['DELETE', 0], deleteIfExists: ['DELETE', 0], exists: ['GET', 0],
  getProperties: ['GET', 0], setMetadata: ['PUT', 1], getAccessPolicy: ['GET', 0], setAccessPolicy: ['PUT', 1], clearMessages: ['DELETE', 0],
  sendMessage: ['POST', 1], receiveMessages: ['GET', 0], peekMessages: ['GET', 0], deleteMessage: ['DELETE', 2], updateMessage: ['PUT', 4],
};
const SERVICE_CALLS: Readonly<Record<string, readonly [string, number]>> = {
  getProperties: ['GET', 0], setProperties: ['PUT', 1], getStatistics: ['GET', 0], createQueue: ['PUT', 1], deleteQueue: ['DELETE', 1],
  getUserDelegationKey: ['POST', 2],
};
/** The whole call, its retries and their waits included, is bounded by one signal: long enough for a retry. */
const CALL_TIMEOUT = '30_000';

export const azureStorageQueueLibrary: LibraryModel = {
  kind: 'azure-storage-queue',
  title: 'Azure Queue Storage (`@azure/storage-queue`)',
  modules: [MODULE],
  typeNames: ['QueueClient', 'QueueServiceClient'],
  takesUrl: false,
  dependencyName: 'azureQueue',
  ...STORAGE_CALLS,
  fromModule: EXPORTS.fromModule,
  member(v, name) {
    if (v.role === 'module') return EXPORTS.member(v, name);
    if (v.role === 'class' && v.name === 'QueueServiceClient' && name === 'fromConnectionString') return derive(v, 'factory', name);
    if (v.role === 'service' && name === 'getQueueClient') return derive(v, 'queue-factory', name);
    const calls = v.role === 'queue' ? QUEUE_CALLS : v.role === 'service' ? SERVICE_CALLS : undefined;
    return calls && Object.hasOwn(calls, name) ? { ...v, role: 'operation', name: `${v.name}.${name}` } : undefined;
  },
  call(v, node) {
    if (v.role === 'factory') return { result: instanceFrom(v, 'service', node, [], 'QueueServiceClient') };
    if (v.role === 'queue-factory') return { result: { ...v, role: 'queue', name: 'QueueClient', origin: node } };
    if (v.role !== 'operation') return undefined;
    const [client, method] = v.name.split('.') as [string, string];
    const [verb, index] = (client === 'QueueClient' ? QUEUE_CALLS : SERVICE_CALLS)[method]!;
    return io(v.name, verb, index, 'abortSignal');
  },
  construct: (v, node) => (v.role === 'class' ? instanceFrom(v, v.name === 'QueueClient' ? 'queue' : 'service', node, []) : undefined),
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: v.name === 'QueueClient' ? 'queue' : 'service', options: [] } : undefined),
  timeout: {
    levels: ['call'],
    callOptions: [],
    instanceOptions: [],
    chainMethods: [],
    remedy: 'give the call an `abortSignal` in its options (`AbortSignal.timeout(ms)`): the Azure storage SDK sets no client-side timeout, its `tryTimeoutInMs` (30 s by default) only tells the service how long it may work',
    defaultBound: 'none on the client (`tryTimeoutInMs` 30 s is sent to the service only)',
  },
  fix: {
    optionsIndex: (_call, method) => (method === undefined ? undefined : (Object.hasOwn(QUEUE_CALLS, method) ? QUEUE_CALLS : Object.hasOwn(SERVICE_CALLS, method) ? SERVICE_CALLS : undefined)?.[method]?.[1]),
    timeoutMs: () => CALL_TIMEOUT,
    nativeTimeout: (_call, milliseconds) => ({ key: 'abortSignal', value: `AbortSignal.timeout(${milliseconds})` }),
  },
};
