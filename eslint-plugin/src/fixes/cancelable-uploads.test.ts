import { describe, expect, it } from 'vitest';
import { lint } from '../../../test/fix-correctness.js';

// An SDK's file upload streamed with fetch whose signal is a controller aborted only when the caller cancels (met on
// datocms' clients, the thirty-fourth round): bounded by its silences, the cancel signal kept beside the bound.
const upload = (signal: string) => `import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
export function uploadFile(url: string, path: string, onCancel: (cancel: () => void) => void) {
  const controller = new AbortController();
  onCancel(() => controller.abort());
  return (async () => {
    const body = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
    const response = await fetch(url, { method: 'PUT', body, duplex: 'half', ${signal} } as RequestInit);
    if (!response.ok) throw new Error('upload failed: ' + response.status);
  })();
}
`;

const firstFix = (code: string) => {
  const finding = lint(code, 'src/upload.ts').findings.find((found) => found.ruleId === 'resilint/require-timeout');
  return finding?.suggestions[0];
};

describe('a streamed upload whose signal only the caller\'s cancel aborts', () => {
  it('is bounded by its silences, keeping the cancel signal', () => {
    const fix = firstFix(upload('signal: controller.signal'));
    expect(fix?.title).toMatch(/^Abort fetch after 30 s with nothing sent or received/);
    expect(fix?.text).toContain('signal: AbortSignal.any([controller.signal, uploadSilence.signal])');
  });

  it('keeps the total bound for a signal that may be undefined, which AbortSignal.any would not take', () => {
    const fix = firstFix(upload('signal: undefined as AbortSignal | undefined'));
    expect(fix?.title).not.toMatch(/nothing sent or received/);
  });
});
