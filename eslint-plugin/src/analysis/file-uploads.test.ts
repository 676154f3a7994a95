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
