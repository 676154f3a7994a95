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

ruleTester.run('require-timeout: an S3 client only used to presign', requireTimeout, {
  valid: [
    signer(`return sign(storage, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: 300 });`),
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
