import { fetchCall } from './fetch.js';
import { derive, instanceFrom, value, type LibraryModel } from './model.js';

/**
 * aws4fetch: `new AwsClient({ accessKeyId, secretAccessKey, retries })`, then `aws.fetch(url, init)`, which signs the
 * request and sends it with the global fetch. The `signal` in `init` is carried into the signed request; nothing else
 * bounds it (the client takes no timeout). It retries 5xx and 429 answers by itself, 10 times by default, with
 * growing random waits. `aws.sign(...)` only signs.
 */

export const aws4fetchLibrary: LibraryModel = {
  kind: 'aws4fetch',
  title: 'aws4fetch',
  modules: ['aws4fetch'],
  typeNames: ['AwsClient'],
  takesUrl: true,
  dependencyName: 'aws',
  signal: '`signal` in the init object',
  retries: '10 retries of 5xx and 429 answers with growing random waits (`retries`, `initRetryMs`)',
  retriesByDefault: true,
  fromModule: (module, imported) => (module === 'aws4fetch' && imported === 'AwsClient' ? value('aws4fetch', 'class', 'AwsClient') : undefined),
  member: (v, name) => (v.role === 'client' && name === 'fetch' ? derive(v, 'fetch', 'AwsClient.fetch') : undefined),
  call: (v, node) => (v.role === 'fetch' ? fetchCall('AwsClient.fetch', node) : undefined),
  construct: (v, node) => (v.role === 'class' ? instanceFrom(v, 'client', node, []) : undefined),
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'client', options: [] } : undefined),
  timeout: {
    levels: ['call'],
    callOptions: [],
    instanceOptions: [],
    chainMethods: [],
    remedy: 'pass `signal: AbortSignal.timeout(ms)` in its init (aws4fetch sets no timeout, and retries each failed answer up to 10 times)',
    defaultBound: 'none',
    requestInput: true,
  },
  fix: {
    optionsIndex: () => 1,
    nativeTimeout: (_call, milliseconds) => ({ key: 'signal', value: `AbortSignal.timeout(${milliseconds})` }),
  },
};
