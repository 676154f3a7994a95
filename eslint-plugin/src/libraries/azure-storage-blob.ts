import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { unwrapExpression } from '../analysis/syntax.js';
import { derive, instanceFrom, io, packageExports, type CallOutcome, type ClientValue, type LibraryModel } from './model.js';

/**
 * Azure Blob Storage (`@azure/storage-blob`): `new BlobServiceClient(url, credential?, options?)`,
 * `BlobServiceClient.fromConnectionString(connection, options?)`, `service.getContainerClient(name)`,
 * `container.getBlockBlobClient(name)` (and `getBlobClient`, `getAppendBlobClient`, `getPageBlobClient`,
 * `getBlobLeaseClient`), or a `ContainerClient`, `BlobClient`, `BlockBlobClient`... made directly; then
 * `blob.uploadData(body)`, `blob.downloadToBuffer()`, `container.createIfNotExists()`, `blob.deleteIfExists()`.
 *
 * Read in 12.32.0 (`dist/commonjs/Pipeline.js`, `Clients.js`, `ContainerClient.js`, `BlobServiceClient.js`) with
 * @azure/storage-common 12.4.1 (`policies/StorageRetryPolicyV2.js`) and @azure/core-rest-pipeline 1.24 (its HTTP client
 * in @typespec/ts-http-runtime, `nodeHttpClient.js`), and in 12.13.0 (`dist/index.js`, `StorageRetryPolicy`, on
 * @azure/core-http 3). `retryOptions.tryTimeoutInMs` (unset by default) is only sent to the service as the `timeout`
 * query parameter, how long the server may work; the HTTP client sets no timeout of its own (`request.timeout` 0), and
 * no pipeline option (`retryOptions`, `keepAliveOptions`, `proxyOptions`...) sets one: a connection that stops
 * answering holds the call, whatever the client is made with. So the creation bounds nothing, and is not judged.
 * What bounds a call is the `abortSignal` of its options, which every operation hands to its requests: through the
 * retry policy's tries (4 by default, `retryOptions.maxTries`, retrying network errors and 500/503 after waits of 0,
 * 4 and 12 s) and the waits between them, and on until a streamed body is read (the HTTP client keeps listening to it
 * until the response stream ends). So each call that sends a request is judged, and its fix gives it
 * `abortSignal: AbortSignal.timeout(ms)`; it adds no retry of its own, the SDK's already retries.
 *
 * How long: 30 s for a call that sends or reads a small document (a property, a container, a lease), long enough
 * for a retry. Transfers take 10 minutes (as the runtime's poll deadline and a googleapis media upload do): one signal
 * covers the whole of `uploadData`/`uploadFile`/`uploadStream` (every block staged, in parallel, and the commit), of
 * `downloadToBuffer`/`downloadToFile` and of `download`'s body, and a blob of a few hundred MB on an ordinary link takes
 * minutes; 30 s would fail healthy transfers of big blobs. Copies from a URL the service makes while the request waits
 * (`syncCopyFromURL`, `syncUploadFromURL`, `stageBlockFromURL`) and queries are given as long. A listing
 * (`listBlobsFlat`, `listContainers`, ...) is an async iterator: its options' signal goes to every page's request, so
 * one signal bounds the whole iteration, the loop's own work between pages included; it is judged (a page that never
 * comes holds the loop), given the same 10 minutes, and, there being no promise to wrap, no policy fix and no check
 * that its failure is handled (`streamsResult`).
 *
 * Local work sends nothing and is no call: `getBlobClient`, `withSnapshot`, `url`, `generateSasUrl` (a promise, but
 * signed here), `getBlobBatchClient`. Not modelled: the batch client's calls (`deleteBlobs`, `setBlobsAccessTier`,
 * overloads told apart by their credential) and the poller `beginCopyFromURL` resolves with (its `pollUntilDone`
 * takes a signal of its own; `beginCopyFromURL`'s bounds the copy's start).
 */

const MODULE = '@azure/storage-blob';
const CLASSES = ['BlobServiceClient', 'ContainerClient', 'BlobClient', 'BlockBlobClient', 'AppendBlobClient', 'PageBlobClient', 'BlobLeaseClient'];
const EXPORTS = packageExports('azure-storage-blob', [MODULE], Object.fromEntries(CLASSES.map((name) => [name, 'class'])));

type Call = TSESTree.CallExpression;
/** Where a call takes its options: an index, or one read off the arguments for an overloaded method. */
type OptionsAt = number | ((node: Call) => number);
/**
 * An operation that sends a request: its verb, where its options go, and whether it moves a body (`transfer`) or
 * iterates pages (`listing`), which the fix gives longer.
 */
type Operation = readonly [verb: string, options: OptionsAt, kind?: 'transfer' | 'listing'];
type Operations = Readonly<Record<string, Operation>>;

/** `downloadToBuffer(offset?, count?, options?)` or `downloadToBuffer(buffer, offset?, count?, options?)`. */
function downloadToBufferOptions(node: Call): number {
  const [first] = node.arguments;
  if (node.arguments.length >= 4) return 3;
  if (!first) return 2;
  const given = unwrapExpression(first);
  if (given.type === AST_NODE_TYPES.Literal || given.type === AST_NODE_TYPES.UnaryExpression || (given.type === AST_NODE_TYPES.Identifier && given.name === 'undefined')) return 2;
  // `Buffer.alloc(size)`, `new Uint8Array(...)`, a `buffer` named so
  if (given.type === AST_NODE_TYPES.NewExpression) return 3;
  if (given.type === AST_NODE_TYPES.CallExpression && given.callee.type === AST_NODE_TYPES.MemberExpression && given.callee.object.type === AST_NODE_TYPES.Identifier && given.callee.object.name === 'Buffer') return 3;
  const name = given.type === AST_NODE_TYPES.Identifier ? given.name
    : given.type === AST_NODE_TYPES.MemberExpression && given.property.type === AST_NODE_TYPES.Identifier ? given.property.name : '';
  return /buf/i.test(name) ? 3 : 2;
}

/** `getUserDelegationKey(startsOn, expiresOn, options?)` or `getUserDelegationKey(parameters, options?)`. */
function userDelegationKeyOptions(node: Call): number {
  const [first] = node.arguments;
  if (!first || node.arguments.length >= 3) return 2;
  const given = unwrapExpression(first);
  if (given.type === AST_NODE_TYPES.ObjectExpression) return 1;
  if (given.type === AST_NODE_TYPES.NewExpression) return 2;
  const name = given.type === AST_NODE_TYPES.Identifier ? given.name
    : given.type === AST_NODE_TYPES.MemberExpression && given.property.type === AST_NODE_TYPES.Identifier ? given.property.name : '';
  return /date|time|start|from|now|on$/i.test(name) ? 2 : 1;
}

const SERVICE: Operations = {
  createContainer: ['PUT', 1], deleteContainer: ['DELETE', 1], undeleteContainer: ['PUT', 2], getProperties: ['GET', 0], setProperties: ['PUT', 1],
  getStatistics: ['GET', 0], getAccountInfo: ['GET', 0], getUserDelegationKey: ['POST', userDelegationKeyOptions],
  listContainers: ['GET', 0, 'listing'], findBlobsByTags: ['GET', 1, 'listing'],
};
const CONTAINER: Operations = {
  create: ['PUT', 0], createIfNotExists: ['PUT', 0], exists: ['GET', 0], getProperties: ['GET', 0], delete: ['DELETE', 0], deleteIfExists: ['DELETE', 0],
  setMetadata: ['PUT', 1], getAccessPolicy: ['GET', 0], setAccessPolicy: ['PUT', 2], deleteBlob: ['DELETE', 1], getAccountInfo: ['GET', 0],
  uploadBlockBlob: ['PUT', 3, 'transfer'],
  listBlobsFlat: ['GET', 0, 'listing'], listBlobsByHierarchy: ['GET', 1, 'listing'], findBlobsByTags: ['GET', 1, 'listing'],
};
/** What every blob client does (`BlobClient`, and the block, append and page blob clients that extend it). */
const BLOB: Operations = {
  exists: ['HEAD', 0], getProperties: ['HEAD', 0], delete: ['DELETE', 0], deleteIfExists: ['DELETE', 0], undelete: ['PUT', 0],
  setHTTPHeaders: ['PUT', 1], setMetadata: ['PUT', 1], setTags: ['PUT', 1], getTags: ['GET', 0], createSnapshot: ['PUT', 0],
  beginCopyFromURL: ['PUT', 1], abortCopyFromURL: ['PUT', 1], setAccessTier: ['PUT', 1], deleteImmutabilityPolicy: ['DELETE', 0],
  setImmutabilityPolicy: ['PUT', 1], setLegalHold: ['PUT', 1], getAccountInfo: ['GET', 0],
  download: ['GET', 2, 'transfer'], downloadToBuffer: ['GET', downloadToBufferOptions, 'transfer'], downloadToFile: ['GET', 3, 'transfer'],
  syncCopyFromURL: ['PUT', 1, 'transfer'],
};
const BLOCK_BLOB: Operations = {
  ...BLOB,
  commitBlockList: ['PUT', 1], getBlockList: ['GET', 1],
  upload: ['PUT', 2, 'transfer'], uploadData: ['PUT', 1, 'transfer'], uploadBrowserData: ['PUT', 1, 'transfer'], uploadFile: ['PUT', 1, 'transfer'],
  uploadStream: ['PUT', 3, 'transfer'], stageBlock: ['PUT', 3, 'transfer'], stageBlockFromURL: ['PUT', 4, 'transfer'],
  syncUploadFromURL: ['PUT', 1, 'transfer'], query: ['POST', 1, 'transfer'],
};
const APPEND_BLOB: Operations = {
  ...BLOB,
  create: ['PUT', 0], createIfNotExists: ['PUT', 0], seal: ['PUT', 0],
  appendBlock: ['PUT', 2, 'transfer'], appendBlockFromURL: ['PUT', 3, 'transfer'],
};
const PAGE_BLOB: Operations = {
  ...BLOB,
  create: ['PUT', 1], createIfNotExists: ['PUT', 1], clearPages: ['PUT', 2], getPageRanges: ['GET', 2], getPageRangesDiff: ['GET', 3],
  getPageRangesDiffForManagedDisks: ['GET', 3], resize: ['PUT', 1], updateSequenceNumber: ['PUT', 2], startCopyIncremental: ['PUT', 1],
  uploadPages: ['PUT', 3, 'transfer'], uploadPagesFromURL: ['PUT', 4, 'transfer'],
  listPageRanges: ['GET', 2, 'listing'], listPageRangesDiff: ['GET', 3, 'listing'],
};
const LEASE: Operations = {
  acquireLease: ['PUT', 1], changeLease: ['PUT', 1], releaseLease: ['PUT', 0], renewLease: ['PUT', 0], breakLease: ['PUT', 1],
};
const OPERATIONS: Readonly<Record<string, Operations>> = {
  BlobServiceClient: SERVICE, ContainerClient: CONTAINER, BlobClient: BLOB, BlockBlobClient: BLOCK_BLOB, AppendBlobClient: APPEND_BLOB,
  PageBlobClient: PAGE_BLOB, BlobLeaseClient: LEASE,
};

/** The clients a client hands out, sending nothing: method name to the class it returns. */
const BLOB_CLIENTS = { getBlockBlobClient: 'BlockBlobClient', getAppendBlobClient: 'AppendBlobClient', getPageBlobClient: 'PageBlobClient', getBlobLeaseClient: 'BlobLeaseClient', withVersion: 'BlobClient' };
const DERIVED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  BlobServiceClient: { getContainerClient: 'ContainerClient' },
  ContainerClient: { getBlobClient: 'BlobClient', getBlockBlobClient: 'BlockBlobClient', getAppendBlobClient: 'AppendBlobClient', getPageBlobClient: 'PageBlobClient', getBlobLeaseClient: 'BlobLeaseClient' },
  BlobClient: { ...BLOB_CLIENTS, withSnapshot: 'BlobClient' },
  BlockBlobClient: { ...BLOB_CLIENTS, withSnapshot: 'BlockBlobClient' },
  AppendBlobClient: { ...BLOB_CLIENTS, withSnapshot: 'AppendBlobClient' },
  PageBlobClient: { ...BLOB_CLIENTS, withSnapshot: 'PageBlobClient' },
};

/** A 10-minute bound for a transfer or a listing, 30 s for any other call. */
const CALL_TIMEOUT = '30_000';
const TRANSFER_TIMEOUT = '10 * 60_000';

function own<T>(record: Readonly<Record<string, T>> | undefined, key: string | undefined): T | undefined {
  return record && key !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The operation a call's label (`BlockBlobClient.uploadData`) names. */
function operationOf(label: string): Operation | undefined {
  const dot = label.indexOf('.');
  return dot < 0 ? undefined : own(OPERATIONS[label.slice(0, dot)], label.slice(dot + 1));
}

function optionsIndex(operation: Operation, node: Call): number {
  const at = operation[1];
  return typeof at === 'number' ? at : at(node);
}

function client(v: ClientValue, name: string): ClientValue {
  return { ...v, role: 'client', name, options: [] };
}

/**
 * What every Azure Storage client (blob, queue) does with a call, through @azure/storage-common's retry policy: it
 * tries 4 times with growing waits, and only the call's `abortSignal` bounds it.
 */
export const STORAGE_CALLS = {
  signal: '`abortSignal` in each operation\'s options',
  retries: '4 tries with growing waits (`retryOptions.maxTries`)',
  retriesByDefault: true,
} as const;

export const azureStorageBlobLibrary: LibraryModel = {
  kind: 'azure-storage-blob',
  title: 'Azure Blob Storage (`@azure/storage-blob`)',
  modules: [MODULE],
  typeNames: CLASSES,
  takesUrl: false,
  dependencyName: 'azureBlob',
  ...STORAGE_CALLS,
  fromModule: EXPORTS.fromModule,
  member(v, name) {
    if (v.role === 'module') return EXPORTS.member(v, name);
    if (v.role === 'class' && v.name === 'BlobServiceClient' && name === 'fromConnectionString') return derive(v, 'factory', name);
    if (v.role !== 'client') return undefined;
    const made = own(DERIVED[v.name], name);
    if (made !== undefined) return { ...v, role: 'client-factory', name: made };
    return own(OPERATIONS[v.name], name) ? { ...v, role: 'operation', name: `${v.name}.${name}` } : undefined;
  },
  call(v, node): CallOutcome | undefined {
    if (v.role === 'factory') return { result: instanceFrom(v, 'client', node, [], 'BlobServiceClient') };
    if (v.role === 'client-factory') return { result: { ...v, role: 'client', origin: node } };
    if (v.role !== 'operation') return undefined;
    const operation = operationOf(v.name);
    if (!operation) return undefined;
    const outcome = io(v.name, operation[0], optionsIndex(operation, node), 'abortSignal');
    // a listing returns an async iterator at once: no promise for a policy to wrap, its failure met in the loop
    return operation[2] === 'listing' ? { io: { ...outcome.io!, streamsResult: true } } : outcome;
  },
  construct: (v, node) => (v.role === 'class' ? instanceFrom(v, 'client', node, []) : undefined),
  instanceOfType: (v) => (v.role === 'class' ? client(v, v.name) : undefined),
  timeout: {
    levels: ['call'],
    callOptions: [],
    instanceOptions: [],
    chainMethods: [],
    remedy: 'give the call an `abortSignal` in its options (`AbortSignal.timeout(ms)`): the Azure storage SDK sets no client-side timeout, its `tryTimeoutInMs` only tells the service how long it may work',
    defaultBound: 'none on the client (`tryTimeoutInMs`, unset by default, is sent to the service only)',
  },
  fix: {
    optionsIndex: (call) => {
      const operation = operationOf(call.label);
      return operation && optionsIndex(operation, call.node);
    },
    timeoutMs: (call) => (operationOf(call.label)?.[2] === undefined ? CALL_TIMEOUT : TRANSFER_TIMEOUT),
    nativeTimeout: (_call, milliseconds) => ({ key: 'abortSignal', value: `AbortSignal.timeout(${milliseconds})` }),
  },
};
