import { describe, expect, it } from 'vitest';
import { lint } from '../../../test/fix-correctness.js';

// A fetch whose answer is handled in the callback of `.then` (met on appcenter-cli, the thirty-fourth round): a
// download piping its body is a long transfer, bounded only until the headers arrive; an upload that hands its answer's
// body to `reject` reads no stream, and is bounded whole.
const firstFixOf = (code: string): string | undefined =>
  lint(code, 'src/transfers.ts').findings.find((finding) => finding.ruleId === 'resilint/require-timeout')?.suggestions[0]?.title;

describe('a fetch handled in the callback of .then', () => {
  it('bounds only the headers of a body piped to a file', () => {
    expect(firstFixOf(`import { createWriteStream } from 'node:fs';
export const download = (url: string, path: string) =>
  fetch(url).then((response) => new Promise<void>((resolve, reject) => {
    const out = createWriteStream(path);
    response.body?.pipeTo(new WritableStream({ write: (chunk) => { out.write(chunk); } })).then(() => resolve(), reject);
  }));
`)).toMatch(/response headers/);
  });

  it('bounds the whole call when the body is only handed on as a value', () => {
    expect(firstFixOf(`export const release = (url: string, form: FormData) =>
  new Promise<void>((resolve, reject) => {
    fetch(url, { method: 'POST', body: form }).then((response) => (response.status === 201 ? resolve() : reject(response.body)));
  });
`)).toMatch(/^Pass `signal: AbortSignal.timeout\(5_000\)` to fetch/);
  });
});
