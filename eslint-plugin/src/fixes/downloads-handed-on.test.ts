import { describe, expect, it } from 'vitest';
import { lint } from '../../../test/fix-correctness.js';

// A function named for a download that hands its response on unread (appcenter-cli's build download, the thirty-fourth
// round): its caller reads an archive of any size, so the first fix bounds the wait for the headers, not the transfer.
const firstFixOf = (code: string): string | undefined =>
  lint(code, 'src/builds.ts').findings.find((finding) => finding.ruleId === 'resilint/require-timeout')?.suggestions[0]?.title;

describe('a response handed on by a download function', () => {
  it('bounds only the headers when the response is returned', () => {
    expect(firstFixOf(`export async function downloadArchive(url: string) {
  const response = await fetch(url, { headers: { accept: 'application/zip' } });
  return response;
}
`)).toMatch(/response headers/);
    expect(firstFixOf(`export const downloadLogs = (url: string) => fetch(url);\n`)).toMatch(/response headers/);
  });

  it('bounds the whole call when the function reads the answer itself, or is not a download', () => {
    expect(firstFixOf(`export async function downloadManifest(url: string) {
  const response = await fetch(url);
  return response.json();
}
`)).toMatch(/^Pass `signal: AbortSignal.timeout\(5_000\)` to fetch/);
    expect(firstFixOf(`export async function createRelease(url: string) {
  const response = await fetch(url, { method: 'POST' });
  return response;
}
`)).toMatch(/^Pass `signal: AbortSignal.timeout\(5_000\)` to fetch/);
  });
});
