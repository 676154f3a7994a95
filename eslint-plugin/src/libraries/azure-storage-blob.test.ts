import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, expect, it } from 'vitest';
import { applyFix, lint } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// The Azure Blob SDK's `tryTimeoutInMs` only tells the service how long it may work, and its HTTP client sets no
// timeout: however the client is made, only a call's `abortSignal` bounds the wait. So each call is judged, not the
// creation, and the fix gives it a signal: 30 s for a small request, 10 minutes for a transfer or a listing.
const ruleTester = new RuleTester();
const remedy = 'give the call an `abortSignal` in its options (`AbortSignal.timeout(ms)`): the Azure storage SDK sets no client-side timeout, its `tryTimeoutInMs` only tells the service how long it may work';

const uploads = (call: string, runtime = '') => `import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
${runtime}export class Uploads {
  private readonly credential = new StorageSharedKeyCredential(process.env.ACCOUNT!, process.env.KEY!);
  private readonly blobs = new BlobServiceClient(\`https://\${process.env.ACCOUNT}.blob.core.windows.net\`, this.credential);
  upload(container: string, key: string, body: Buffer) {
    return ${call};
  }
}`;
const upload = (options: string) => `this.blobs.getContainerClient(container).getBlockBlobClient(key).uploadData(body${options})`;

ruleTester.run('require-timeout (Azure Blob Storage)', requireTimeout, {
  valid: [
    uploads(upload(', { abortSignal: AbortSignal.timeout(10 * 60_000) }')),
    // the caller's signal handed on, to a download and a listing
    `import { ContainerClient } from '@azure/storage-blob';
export async function names(container: ContainerClient, signal: AbortSignal) {
  const found: string[] = [];
  for await (const blob of container.listBlobsFlat({ prefix: 'reports/', abortSignal: signal })) found.push(blob.name);
  const first = await container.getBlobClient(found[0]!).download(0, undefined, { abortSignal: signal });
  return [found, first.contentLength] as const;
}`,
    // options read elsewhere may carry a signal
    `import { BlockBlobClient } from '@azure/storage-blob';
export const put = (blob: BlockBlobClient, data: Buffer, options: object) => blob.uploadData(data, options);`,
    // made with retry options or not, a creation sends nothing: its calls are judged
    `import { BlobServiceClient, newPipeline, AnonymousCredential } from '@azure/storage-blob';
export const fromConnection = BlobServiceClient.fromConnectionString(process.env.AZURE_CONNECTION!);
const pipeline = newPipeline(new AnonymousCredential(), { retryOptions: { maxTries: 2, tryTimeoutInMs: 10_000 } });
export const blobs = new BlobServiceClient(process.env.BLOB_URL!, pipeline);`,
    // signing a URL and handing out clients send nothing
    `import { ContainerClient, BlobClient } from '@azure/storage-blob';
export const link = (container: ContainerClient, name: string, expiresOn: Date) => container.getBlobClient(name).generateSasUrl({ expiresOn });
export const pinned = (blob: BlobClient, snapshot: string) => blob.withSnapshot(snapshot).url;`,
  ],
  invalid: [
    {
      // an upload, the blob reached from the service client a class keeps: a transfer gets ten minutes
      code: uploads(upload('')),
      errors: [{
        messageId: 'missingTimeout',
        line: 6,
        data: { call: 'BlockBlobClient.uploadData', remedy },
        suggestions: [
          { messageId: 'fixNativeTimeout', output: uploads(upload(', { abortSignal: AbortSignal.timeout(10 * 60_000) }')) },
          { messageId: 'fixWrapInTimeout', output: uploads('timeout(10 * 60_000).execute(({ signal }) => this.blobs.getContainerClient(container).getBlockBlobClient(key).uploadData(body, { abortSignal: signal }))', `import { timeout } from '@resilint/runtime';\n`) },
          { messageId: 'fixWrapInPipeline', output: uploads(`pipeline(
      fallback(() => { throw new Error('TODO: choose the value to use when BlockBlobClient.uploadData fails'); }),
      azureBlobBreaker,
      timeout(10 * 60_000),
    ).execute(({ signal }) => this.blobs.getContainerClient(container).getBlockBlobClient(key).uploadData(body, { abortSignal: signal }))`, `import { pipeline, fallback, circuitBreaker, timeout } from '@resilint/runtime';
const azureBlobBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });\n`) },
        ],
      }],
    },
    {
      // retry options at the creation, `tryTimeoutInMs` among them: the call still has no bound of its own
      code: `import { BlobServiceClient } from '@azure/storage-blob';
const service = BlobServiceClient.fromConnectionString(process.env.AZURE_CONNECTION!, { retryOptions: { maxTries: 3, tryTimeoutInMs: 30_000 } });
export const ensure = (name: string) => service.getContainerClient(name).createIfNotExists({ access: 'blob' });`,
      errors: [{
        messageId: 'missingTimeout',
        line: 3,
        data: { call: 'ContainerClient.createIfNotExists', remedy },
        suggestions: [
          { messageId: 'fixNativeTimeout', output: `import { BlobServiceClient } from '@azure/storage-blob';
const service = BlobServiceClient.fromConnectionString(process.env.AZURE_CONNECTION!, { retryOptions: { maxTries: 3, tryTimeoutInMs: 30_000 } });
export const ensure = (name: string) => service.getContainerClient(name).createIfNotExists({ access: 'blob', abortSignal: AbortSignal.timeout(30_000) });` },
          { messageId: 'fixWrapInTimeout', output: `import { BlobServiceClient } from '@azure/storage-blob';
import { timeout } from '@resilint/runtime';
const service = BlobServiceClient.fromConnectionString(process.env.AZURE_CONNECTION!, { retryOptions: { maxTries: 3, tryTimeoutInMs: 30_000 } });
export const ensure = (name: string) => timeout(30_000).execute(({ signal }) => service.getContainerClient(name).createIfNotExists({ access: 'blob', abortSignal: signal }));` },
          { messageId: 'fixWrapInPipeline', output: `import { BlobServiceClient } from '@azure/storage-blob';
import { pipeline, fallback, circuitBreaker, timeout } from '@resilint/runtime';
const azureBlobBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });
const service = BlobServiceClient.fromConnectionString(process.env.AZURE_CONNECTION!, { retryOptions: { maxTries: 3, tryTimeoutInMs: 30_000 } });
export const ensure = (name: string) => pipeline(
  fallback(() => { throw new Error('TODO: choose the value to use when ContainerClient.createIfNotExists fails'); }),
  azureBlobBreaker,
  timeout(30_000),
).execute(({ signal }) => service.getContainerClient(name).createIfNotExists({ access: 'blob', abortSignal: signal }));` },
        ],
      }],
    },
    {
      // a listing returns an iterator at once: its signal is the only fix (no promise for a policy to wrap)
      code: `import { ContainerClient } from '@azure/storage-blob';
export async function names(container: ContainerClient) {
  const found: string[] = [];
  for await (const blob of container.listBlobsFlat({ prefix: 'reports/' })) found.push(blob.name);
  return found;
}`,
      errors: [{
        messageId: 'missingTimeout',
        line: 4,
        data: { call: 'ContainerClient.listBlobsFlat', remedy },
        suggestions: [{ messageId: 'fixNativeTimeout', output: `import { ContainerClient } from '@azure/storage-blob';
export async function names(container: ContainerClient) {
  const found: string[] = [];
  for await (const blob of container.listBlobsFlat({ prefix: 'reports/', abortSignal: AbortSignal.timeout(10 * 60_000) })) found.push(blob.name);
  return found;
}` }],
      }],
    },
    {
      // a blob client made directly from a connection string
      code: `import { BlockBlobClient } from '@azure/storage-blob';
export const remove = (name: string) => new BlockBlobClient(process.env.AZURE_CONNECTION!, 'exports', name).deleteIfExists();`,
      errors: [{ messageId: 'missingTimeout', line: 2, data: { call: 'BlockBlobClient.deleteIfExists', remedy }, suggestions: 3 }],
    },
  ],
});

/** The label a call of a client so declared is reported under, and the call as the fix giving it a signal writes it. */
function nativeFix(declaration: string, call: string): { label: string | undefined; fixed: string | undefined } {
  const source = `import { BlobServiceClient, ContainerClient, BlobClient, BlockBlobClient, AppendBlobClient, PageBlobClient } from '@azure/storage-blob';
export async function work(${declaration}) {
  return ${call};
}
`;
  const [finding, ...others] = lint(source, 'azure-blob-options.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
  expect(others).toEqual([]);
  const suggestion = finding?.suggestions[0];
  const fixed = suggestion && applyFix(source, suggestion);
  return { label: /^(\S+) has no timeout/.exec(finding?.message ?? '')?.[1], fixed: fixed?.split('\n')[2]?.replace(/^ {2}return /, '').replace(/;$/, '') };
}

describe('the Azure Blob fix', () => {
  // (each fixed call below compiles against @azure/storage-blob 12.32.0's and 12.13.0's own types, tsc --strict: the
  // package is not installed here, so that was checked outside the suite)
  it.each([
    ['container: ContainerClient', 'container.setMetadata({ team: "a" })', 'ContainerClient.setMetadata', 'container.setMetadata({ team: "a" }, { abortSignal: AbortSignal.timeout(30_000) })'],
    ['container: ContainerClient', 'container.setAccessPolicy("blob")', 'ContainerClient.setAccessPolicy', 'container.setAccessPolicy("blob", undefined, { abortSignal: AbortSignal.timeout(30_000) })'],
    ['container: ContainerClient', 'container.deleteBlob("a.txt")', 'ContainerClient.deleteBlob', 'container.deleteBlob("a.txt", { abortSignal: AbortSignal.timeout(30_000) })'],
    ['service: BlobServiceClient', 'service.getContainerClient("c").exists()', 'ContainerClient.exists', 'service.getContainerClient("c").exists({ abortSignal: AbortSignal.timeout(30_000) })'],
    ['service: BlobServiceClient', 'service.getUserDelegationKey(new Date(), expiresOn)', 'BlobServiceClient.getUserDelegationKey', 'service.getUserDelegationKey(new Date(), expiresOn, { abortSignal: AbortSignal.timeout(30_000) })'],
    ['blob: BlobClient', 'blob.download()', 'BlobClient.download', 'blob.download(undefined, undefined, { abortSignal: AbortSignal.timeout(10 * 60_000) })'],
    ['blob: BlobClient', 'blob.downloadToBuffer()', 'BlobClient.downloadToBuffer', 'blob.downloadToBuffer(undefined, undefined, { abortSignal: AbortSignal.timeout(10 * 60_000) })'],
    ['blob: BlobClient, buffer: Buffer', 'blob.downloadToBuffer(buffer)', 'BlobClient.downloadToBuffer', 'blob.downloadToBuffer(buffer, undefined, undefined, { abortSignal: AbortSignal.timeout(10 * 60_000) })'],
    ['blob: BlobClient', 'blob.downloadToFile("/tmp/report.csv")', 'BlobClient.downloadToFile', 'blob.downloadToFile("/tmp/report.csv", undefined, undefined, { abortSignal: AbortSignal.timeout(10 * 60_000) })'],
    ['blob: BlobClient', 'blob.beginCopyFromURL(source)', 'BlobClient.beginCopyFromURL', 'blob.beginCopyFromURL(source, { abortSignal: AbortSignal.timeout(30_000) })'],
    ['blob: BlobClient', 'blob.getBlobLeaseClient().acquireLease(60)', 'BlobLeaseClient.acquireLease', 'blob.getBlobLeaseClient().acquireLease(60, { abortSignal: AbortSignal.timeout(30_000) })'],
    ['blob: BlockBlobClient, body: Buffer', 'blob.upload(body, body.length)', 'BlockBlobClient.upload', 'blob.upload(body, body.length, { abortSignal: AbortSignal.timeout(10 * 60_000) })'],
    ['blob: BlockBlobClient', 'blob.uploadFile("/tmp/report.csv", { concurrency: 4 })', 'BlockBlobClient.uploadFile', 'blob.uploadFile("/tmp/report.csv", { concurrency: 4, abortSignal: AbortSignal.timeout(10 * 60_000) })'],
    ['blob: BlockBlobClient, body: NodeJS.ReadableStream', 'blob.uploadStream(body as never, 4 << 20, 5)', 'BlockBlobClient.uploadStream', 'blob.uploadStream(body as never, 4 << 20, 5, { abortSignal: AbortSignal.timeout(10 * 60_000) })'],
    ['blob: BlockBlobClient', 'blob.commitBlockList(["a", "b"])', 'BlockBlobClient.commitBlockList', 'blob.commitBlockList(["a", "b"], { abortSignal: AbortSignal.timeout(30_000) })'],
    ['log: AppendBlobClient, line: string', 'log.appendBlock(line, line.length)', 'AppendBlobClient.appendBlock', 'log.appendBlock(line, line.length, { abortSignal: AbortSignal.timeout(10 * 60_000) })'],
    ['log: AppendBlobClient', 'log.createIfNotExists()', 'AppendBlobClient.createIfNotExists', 'log.createIfNotExists({ abortSignal: AbortSignal.timeout(30_000) })'],
    ['disk: PageBlobClient', 'disk.createIfNotExists(512)', 'PageBlobClient.createIfNotExists', 'disk.createIfNotExists(512, { abortSignal: AbortSignal.timeout(30_000) })'],
  ])('puts the signal where %s\'s %s takes its options', (declaration, call, label, fixed) => {
    expect(nativeFix(declaration, call)).toEqual({ label, fixed });
  });
});
