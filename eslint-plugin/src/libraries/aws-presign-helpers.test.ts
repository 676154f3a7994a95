import { describe, expect, it } from 'vitest';
import { lintWithPreset, scratchProject } from '../scratch-project.cases.js';

// A NestJS helper that makes an S3 client for a customer's bucket and signs upload and download links with it (the
// forty-seventh round's rocketadmin): signing is local, and neither the helper nor the use cases importing it send a
// command, so the client it returns has no request to bound. One importer that sends makes it a client like any other.
const { write } = scratchProject('aws-presign-helper');

const helper = `import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

export class S3Links {
  createClient(region: string, accessKeyId: string, secretAccessKey: string): S3Client {
    return new S3Client({ region, credentials: { accessKeyId, secretAccessKey } });
  }
  upload(client: S3Client, bucket: string, key: string) {
    return getSignedUrl(client, new PutObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: 3600 });
  }
  download(client: S3Client, bucket: string, key: string) {
    return getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: 3600 });
  }
}
`;
const useCase = (body: string) => `import { S3Links } from './s3-links';
const links = new S3Links();
export async function uploadUrl(bucket: string, key: string) {
  const client = links.createClient('eu-west-1', 'id', 'secret');
  ${body}
}
`;
const project = (name: string, body: string): string => {
  write(`${name}/package.json`, JSON.stringify({ name, private: true, dependencies: { '@aws-sdk/client-s3': '3.1050.0', '@aws-sdk/s3-request-presigner': '3.1050.0' } }));
  write(`${name}/src/upload-url.ts`, useCase(body));
  return write(`${name}/src/s3-links.ts`, helper);
};

const timeoutFindings = (file: string) => lintWithPreset(file).filter((message) => message.ruleId === 'resilint/require-timeout').map((message) => message.line);

describe('an S3 client returned to code that only signs URLs', () => {
  it('is not reported where it is made', () => {
    expect(timeoutFindings(project('signs-only', 'return links.upload(client, bucket, key);'))).toEqual([]);
  });

  it('is reported when a module importing the helper sends a command', () => {
    const body = "await client.send(new (await import('@aws-sdk/client-s3')).HeadBucketCommand({ Bucket: bucket }));\n  return links.upload(client, bucket, key);";
    expect(timeoutFindings(project('also-sends', body))).toEqual([6]);
  });
});
