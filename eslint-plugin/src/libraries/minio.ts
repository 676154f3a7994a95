import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { readOptions, unwrapExpression } from '../analysis/syntax.js';
import { isTypeScript } from '../fixes/code-style.js';
import { importNames } from '../fixes/runtime-import.js';
import { SourceEdits } from '../fixes/source-edits.js';
import type { FixTarget } from '../fixes/wrap-in-policies.js';
import { creationLabel, creationOptions, optionsBound, setCreationOption } from './creation-options.js';
import { derive, instanceFrom, io, packageExports, streamIo, type CreationModel, type LibraryModel } from './model.js';

/**
 * minio-js (`minio`'s `Client`): object storage over node:http(s), with no timeout of any kind. None of its options
 * bounds a request: `transportAgent: new https.Agent({ timeout })` only makes the socket emit 'timeout', and minio
 * listens to no such event, so the request waits on (checked against minio 7 and 8: a server that never answers is
 * waited on for good either way). What bounds it is a `transport` of one's own, whose `request` ends a request whose
 * socket falls silent; minio hands every request its options with the agent of its protocol, so either node:http's or
 * node:https's `request` serves both. Its calls take no signal, so the client is judged where it is created.
 */

const MODULE = 'minio';
const EXPORTS = packageExports('minio', [MODULE], { Client: 'class' });
/** Methods that set the client up, or trace, without a request. */
const NON_CALLS = new Set(['setAppInfo', 'setRequestOptions', 'setS3TransferAccelerate', 'traceOn', 'traceOff', 'extensions', 'constructor']);
/** Methods that return a stream of results, whose failure is an `'error'` event. */
const STREAMS = new Set(['listObjects', 'listObjectsV2', 'listIncompleteUploads', 'listenBucketNotification', 'extensions']);
const SECONDS = 30;

/** The `transport` the fix gives: node's own `request`, ending a request whose socket has been silent for 30 s. */
function boundedTransport(target: FixTarget, request: string): string {
  const body = `{ const sent = ${request}(options, callback); return sent.setTimeout(${SECONDS}_000, () => sent.destroy(new Error('MinIO request timed out'))); }`;
  if (!isTypeScript(target.filename)) return `{ request: (options, callback) => ${body} }`;
  const parameters = `(options: Parameters<typeof ${request}>[1], callback?: Parameters<typeof ${request}>[2])`;
  return `{ request: (${parameters} => ${body}) as typeof ${request} }`;
}

/** `useSSL: false` written as such: node:http; otherwise node:https (either serves both, see above). */
function transportModule(options: TSESTree.ObjectExpression | 'absent'): string {
  const facts = options === 'absent' ? undefined : readOptions(options);
  const useSsl = facts && facts !== 'unknown' ? facts.get('useSSL') : undefined;
  const literal = useSsl && unwrapExpression(useSsl);
  return literal?.type === AST_NODE_TYPES.Literal && literal.value === false ? 'node:http' : 'node:https';
}

const creation: CreationModel = {
  sites: [
    { module: MODULE, path: ['Client'], how: 'new' },
    { module: MODULE, path: ['default', 'Client'], how: 'new' },
  ],
  check(node, sourceCode) {
    const options = creationOptions(sourceCode, node, 0);
    if (options === 'unknown') return undefined;
    // a transport of the user's own may end its requests: not read
    if (options !== 'absent' && optionsBound(options, ['transport']) !== 'unbounded') return undefined;
    return {
      label: creationLabel(sourceCode, node),
      remedy: 'give it a `transport` whose requests time out: minio-js sets no timeout of its own and its calls take no signal, and a `transportAgent` with a `timeout` only makes the socket emit an event minio does not listen to',
      fix(target) {
        const edits = new SourceEdits();
        const { request } = importNames(target.sourceCode, transportModule(options), ['request'], edits);
        const made = setCreationOption(target, node, 0, 'transport', boundedTransport(target, request), edits);
        return made && { edits: made.edits, option: 'transport' };
      },
    };
  },
};

export const minioLibrary: LibraryModel = {
  kind: 'minio',
  title: 'MinIO (`minio`)',
  modules: [MODULE],
  typeNames: ['Client'],
  takesUrl: false,
  dependencyName: 'minio',
  signal: 'none',
  retries: 'once, on 408/429/5xx answers, with backoff (`retryOptions`, minio 8); never on a request that hangs',
  fromModule: EXPORTS.fromModule,
  member(v, name) {
    if (v.role === 'module') return EXPORTS.member(v, name);
    if (v.role === 'client' && !NON_CALLS.has(name)) return derive(v, 'method', name);
    return undefined;
  },
  call(v) {
    if (v.role !== 'method') return undefined;
    return STREAMS.has(v.name) ? streamIo(`MinIO ${v.name}`, undefined, -1, undefined) : io(`MinIO ${v.name}`, undefined, -1, undefined);
  },
  construct: (v, node) => (v.role === 'class' ? instanceFrom(v, 'client', node, [node.arguments[0]]) : undefined),
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'client', options: [null] } : undefined),
  timeout: {
    levels: ['client'],
    callOptions: [],
    instanceOptions: ['transport'],
    chainMethods: [],
    remedy: 'give the client a `transport` whose requests time out where it is created',
    defaultBound: 'none',
    // judged where the client is created: its calls take no timeout of their own
    isChecked: () => false,
  },
  creation,
  fix: {},
};
