import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();

/**
 * An S3 client made only to sign URLs (met on a tune set, the eighteenth round: a bulk download signing one URL per
 * file): presigning computes a signature from the credentials and sends nothing, so the client has no request to
 * bound. A client that also sends, or one handed to anything else, keeps its finding.
 */
const signer = (use: string) => `
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl as sign } from '@aws-sdk/s3-request-presigner';
export async function downloadLink(bucket: string, key: string): Promise<string> {
  const storage = new S3Client({ region: 'us-east-2' });
  ${use}
}`;

const signingService = (visibility: string, use: string) => `
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl as sign } from '@aws-sdk/s3-request-presigner';
export class UploadLinks {
  ${visibility} storage: S3Client;
  constructor(region: string) {
    this.storage = new S3Client({ region });
  }
  async link(bucket: string, key: string): Promise<unknown> {
    return ${use};
  }
}`;

ruleTester.run('require-timeout: an S3 client only used to presign', requireTimeout, {
  valid: [
    signer(`return sign(storage, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: 300 });`),
    // kept in a private field of a service that only ever signs with it (met on a NestJS code base, the twenty-second
    // session): nothing outside the class can send through it
    signingService('private', 'sign(this.storage, new PutObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: 600 })'),
    // a presigned POST policy is signed locally too
    `
import { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
export async function uploadForm(bucket: string, key: string) {
  const storage = new S3Client({ region: 'us-east-2' });
  return createPresignedPost(storage, { Bucket: bucket, Key: key, Expires: 300 });
}`,
  ],
  invalid: [
    // the field is public: other code may send through it
    {
      code: signingService('public', 'sign(this.storage, new PutObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: 600 })'),
      errors: [{ messageId: 'missingClientTimeout', line: 7, suggestions: 1 }],
    },
    // the service also sends with it
    {
      code: signingService('private', 'this.storage.send(new PutObjectCommand({ Bucket: bucket, Key: key }))'),
      errors: [{ messageId: 'missingClientTimeout', line: 7, suggestions: 1 }],
    },
    {
      // it also sends: the head request has no bound
      code: signer(`await storage.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return sign(storage, new GetObjectCommand({ Bucket: bucket, Key: key }));`),
      errors: [{ messageId: 'missingClientTimeout', line: 5, suggestions: 1 }],
    },
    {
      // handed to a helper of another module, which may send with it
      code: signer(`return archive(storage, bucket, key);`).replace('export async', 'declare function archive(client: unknown, bucket: string, key: string): Promise<string>;\nexport async'),
      errors: [{ messageId: 'missingClientTimeout', line: 6, suggestions: 1 }],
    },
  ],
});
