import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// The Azure Blob SDK bounds each try of a request only by retryOptions.tryTimeoutInMs, unset by default; its calls are
// made on container and blob clients derived from the service client, so the bound belongs where that is made.
const ruleTester = new RuleTester();

const service = (options: string) => `import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
export class Uploads {
  private readonly credential = new StorageSharedKeyCredential(process.env.ACCOUNT!, process.env.KEY!);
  private readonly blobs = new BlobServiceClient(\`https://\${process.env.ACCOUNT}.blob.core.windows.net\`, this.credential${options});
  upload(container: string, key: string, body: Buffer) {
    return this.blobs.getContainerClient(container).getBlockBlobClient(key).uploadData(body);
  }
}`;

ruleTester.run('require-timeout (Azure Blob Storage)', requireTimeout, {
  valid: [
    service(', { retryOptions: { tryTimeoutInMs: 30_000 } }'),
    // made from a pipeline: the pipeline's options are judged where it is made
    `import { BlobServiceClient, newPipeline, AnonymousCredential } from '@azure/storage-blob';
const pipeline = newPipeline(new AnonymousCredential(), { retryOptions: { maxTries: 2, tryTimeoutInMs: 10_000 } });
export const blobs = new BlobServiceClient(process.env.BLOB_URL!, pipeline);`,
    // options not readable here
    `import { BlobServiceClient } from '@azure/storage-blob';
export const connect = (connection: string, options: object) => BlobServiceClient.fromConnectionString(connection, options);`,
  ],
  invalid: [
    {
      code: service(''),
      errors: [{
        messageId: 'missingClientTimeout',
        line: 4,
        suggestions: [{ messageId: 'fixInstanceTimeout', output: service(', { retryOptions: { tryTimeoutInMs: 30_000 } }') }],
      }],
    },
    {
      // retries set, but no try is bounded: the bound joins them
      code: `import { BlobServiceClient } from '@azure/storage-blob';
export const blobs = BlobServiceClient.fromConnectionString(process.env.AZURE_CONNECTION!, { retryOptions: { maxTries: 3 } });`,
      errors: [{
        messageId: 'missingClientTimeout',
        line: 2,
        suggestions: [{ messageId: 'fixInstanceTimeout', output: `import { BlobServiceClient } from '@azure/storage-blob';
export const blobs = BlobServiceClient.fromConnectionString(process.env.AZURE_CONNECTION!, { retryOptions: { maxTries: 3, tryTimeoutInMs: 30_000 } });` }],
      }],
    },
    {
      code: `import { newPipeline, StorageSharedKeyCredential } from '@azure/storage-blob';
export const pipeline = newPipeline(new StorageSharedKeyCredential('a', 'b'));`,
      errors: [{ messageId: 'missingClientTimeout', line: 2, suggestions: 1 }],
    },
  ],
});
