import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { lintWithPreset } from '../scratch-project.cases.js';
import rule from './require-timeout.js';

const ruleTester = new RuleTester();

// A CLI's upload (vip-cli's `import sql`, in our own words): it asks its API for a presigned request and sends the body
// with the options the answer holds. A parsed JSON answer is data: it cannot hold an abort signal, and no API sends
// back a timeout for its client, so the upload waits as long as the storage server takes. The bound belongs at the
// call, beside the options it is handed.
const upload = (send: string) => `
interface Presigned { url: string; options: { method: string; headers: Record<string, string> } }

async function presign(action: string): Promise<Presigned> {
  const answer = await fetch('https://api.example.test/uploads/presign', { method: 'POST', body: JSON.stringify({ action }), signal: AbortSignal.timeout(10_000) });
  if (!answer.ok) throw new Error('presign answered ' + answer.status);
  return answer.json() as Promise<Presigned>;
}

export async function uploadDump(dump: Uint8Array) {
  const request = await presign('PutObject');
  ${send}
  if (!sent.ok) throw new Error('upload answered ' + sent.status);
}
`;

/** The answer's options copied and given a header before the upload. */
const copied = (send: string) => `const options = request.options;
  options.headers = { ...options.headers, 'Content-Length': String(dump.length) };
  ${send}`;

ruleTester.run('require-timeout: options read from an API’s JSON answer', rule, {
  valid: [
    // the caller adds its own bound to the answer's options
    upload('const sent = await fetch(request.url, { ...request.options, body: dump, signal: AbortSignal.timeout(60_000) });'),
    // options read from a configuration file may set a timeout: they are not an answer
    `import { readFileSync } from 'node:fs';
     const settings = JSON.parse(readFileSync('upload-settings.json', 'utf8'));
     export const upload = (url: string, body: Uint8Array) => fetch(url, { ...settings.request, body });`,
    // options from a caller the file cannot see may carry one
    `export async function send(request: { url: string; options: RequestInit }) {
       return fetch(request.url, request.options);
     }`,
  ],
  invalid: [],
});

/** The upload's finding, and the file once its first suggestion is applied. */
function firstFix(code: string): { line: number | undefined; fixed: string | undefined } {
  const [finding] = lintWithPreset('/virtual/upload-cli/src/upload.ts', 'all', code).filter((message) => message.ruleId === 'resilint/require-timeout');
  const fix = finding?.suggestions?.[0]?.fix;
  return { line: finding?.line, fixed: fix && code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]) };
}

describe('require-timeout: an upload sent with the options of a presigned answer', () => {
  it('reports the upload spreading them, and bounds it beside them', () => {
    expect(firstFix(upload('const sent = await fetch(request.url, { ...request.options, body: dump });'))).toEqual({
      line: 12,
      fixed: upload('const sent = await fetch(request.url, { ...request.options, body: dump, signal: AbortSignal.timeout(5_000) });'),
    });
  });

  it('reports the upload sending a copy of them given a header', () => {
    expect(firstFix(upload(copied('const sent = await fetch(request.url, options);')))).toEqual({
      line: 14,
      fixed: upload(copied('const sent = await fetch(request.url, { ...options, signal: AbortSignal.timeout(5_000) });')),
    });
  });
});
