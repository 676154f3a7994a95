import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import noUnprotectedCall from '../rules/no-unprotected-call.js';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// An SDK turning a provider's base64 answer into a Blob with fetch: a `data:` URL carries its own bytes, so nothing
// remote is read, nothing can hang and nothing fails but the decoding.
const decodeImage = `export async function toBlob(b64: string): Promise<Blob> {
  const reply = await fetch(\`data:image/png;base64,\${b64}\`);
  return reply.blob();
}`;
const decodeThroughConst = `export async function toBytes(b64: string) {
  const url = \`data:application/octet-stream;base64,\${b64}\`;
  return new Uint8Array(await (await fetch(url)).arrayBuffer());
}`;
const decodeConcatenated = `export async function toWebp(b64: string) {
  return (await fetch('data:image/webp;base64,' + b64)).blob();
}`;
const objectUrl = `export function preview(file: Blob) {
  const url = URL.createObjectURL(file);
  return fetch(\`blob:\${url}\`).then((r) => r.text());
}`;
// The same decoding fetch next to a download of the image from the provider: only the download is a wait.
const decodeOrDownload = `export async function image(answer: { b64?: string; url: string }) {
  if (answer.b64) return (await fetch(\`data:image/png;base64,\${answer.b64}\`)).blob();
  return (await fetch(answer.url)).blob();
}`;

new RuleTester().run('require-timeout (data: and blob: URLs)', requireTimeout, {
  valid: [decodeImage, decodeThroughConst, decodeConcatenated, objectUrl].map((code) => ({ code, filename: 'src/providers/images.ts' })),
  invalid: [{ code: decodeOrDownload, filename: 'src/providers/images.ts', errors: [{ messageId: 'missingTimeout', line: 3, suggestions: 4 }] }],
});

new RuleTester().run('no-unprotected-call (data: URLs)', noUnprotectedCall, {
  valid: [{ code: `export function warm(b64: string) { fetch(\`data:image/png;base64,\${b64}\`); }`, filename: 'src/providers/warm.ts' }],
  invalid: [{ code: `export function warm(url: string) { fetch(url, { signal: AbortSignal.timeout(5_000) }); }`, filename: 'src/providers/warm.ts', errors: [{ messageId: 'floating', suggestions: 4 }] }],
});
