import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, FIXTURES } from './cli-run.js';

// `resilint . | head`: the reader goes away before the report is written. The run ends as it would have, with its
// own exit code and no stack trace on stderr.
describe('resilint writing to a pipe its reader has closed', () => {
  it('ends with its exit code and says nothing of the broken pipe', async () => {
    const child = spawn(process.execPath, [BIN, '--format', 'json', '.'], { cwd: join(FIXTURES, 'sample-project'), stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(1);
  });
});
