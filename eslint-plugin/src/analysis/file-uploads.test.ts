import { describe, expect, it } from 'vitest';
import { lint } from '../../../test/fix-correctness.js';

// A media service posting a video to a hosting API as a multipart form whose file part is read from disk as a
// stream: the request lasts as long as the file takes to send, so the bound a fix gives it is a transfer's ten
// minutes, not an ordinary request's five seconds, which would fail every upload of any size.
const upload = (part: string) => `import fs from 'node:fs';
import FormData from 'form-data';
import fetch from 'node-fetch';
export async function publishVideo(url: string, token: string, path: string) {
  const form = new FormData();
  form.append('file', ${part});
  form.append('title', 'launch');
  const response = await fetch(url, { method: 'POST', headers: { authorization: token }, body: form });
  return response.json();
}`;

const fixes = (code: string) => lint(code, 'src/publish.ts').findings.find((found) => found.ruleId === 'resilint/require-timeout')?.suggestions ?? [];

describe('the fix of a request sending a file', () => {
  it('gives a file streamed into the form a transfer\'s ten minutes', () => {
    const [native, wrap] = fixes(upload('fs.createReadStream(path)'));
    expect(native?.text).toContain('signal: AbortSignal.timeout(10 * 60_000)');
    expect(wrap?.title).toMatch(/timeout\(10 \* 60_000\)/);
  });

  it('gives a file read as a blob the same', () => {
    expect(fixes(upload('await fs.openAsBlob(path)'))[0]?.text).toContain('AbortSignal.timeout(10 * 60_000)');
  });

  it('gives a form of text fields only an ordinary request\'s five seconds', () => {
    expect(fixes(upload("'a short caption'"))[0]?.text).toContain('signal: AbortSignal.timeout(5_000)');
  });
});

// The forty-seventh round: a CLI putting its built archive to a signed URL (read whole first, or handed in as a
// buffer or a stream), and a WhatsApp server storing a received video in S3. Each sends a file's bytes in one request.
describe('the fix of a request sending a file read whole, or handed in', () => {
  const put = (prelude: string, body: string) => `import fs from 'node:fs';
export async function uploadArchive(signedUrl: string, archivePath: string, streamOrBuffer: Buffer) {
  ${prelude}
  const res = await fetch(signedUrl, { method: 'PUT', body: ${body}, headers: { 'Content-Type': 'application/zip' } });
  if (!res.ok) throw new Error(String(res.status));
}`;

  it('gives an archive read into a const, or a parameter named for its bytes, ten minutes', () => {
    expect(fixes(put('const archive = fs.readFileSync(archivePath);', 'archive'))[0]?.text).toContain('signal: AbortSignal.timeout(10 * 60_000)');
    expect(fixes(put('', 'streamOrBuffer'))[0]?.text).toContain('signal: AbortSignal.timeout(10 * 60_000)');
  });

  it('gives a short body named for nothing of the kind five seconds', () => {
    expect(fixes(put('const manifest = JSON.stringify({ archivePath });', 'manifest'))[0]?.text).toContain('signal: AbortSignal.timeout(5_000)');
  });

  const store = (command: string) => `import { HeadBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
export async function storeMedia(region: string, bucket: string, key: string, file: Buffer, mimetype: string) {
  const s3 = new S3Client({ region });
  await s3.send(${command});
}`;

  it("gives an S3 object put with a body ten minutes, and the SDK's other commands five seconds", () => {
    expect(fixes(store('new PutObjectCommand({ Bucket: bucket, Key: key, Body: file, ContentType: mimetype })'))[0]?.text).toContain('abortSignal: AbortSignal.timeout(10 * 60_000)');
    expect(fixes(store("new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'ok' })"))[0]?.text).toContain('abortSignal: AbortSignal.timeout(5_000)');
    expect(fixes(store('new HeadBucketCommand({ Bucket: bucket })'))[0]?.text).toContain('abortSignal: AbortSignal.timeout(5_000)');
  });
});
