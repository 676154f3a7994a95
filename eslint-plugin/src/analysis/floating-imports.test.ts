import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';

// fixtures/workspaces/publish-worker: a job and a request handler start work that other modules of the project do
// (a Redis publish through a client made on first use, a usage report sent with fetch) and do not wait for it.
const worker = (path: string): string => fileURLToPath(new URL(`../../../fixtures/workspaces/publish-worker/src/${path}`, import.meta.url));

function escapes(file: string): string[] {
  const config = plugin.configs.recommended as unknown as Linter.Config[];
  return new Linter({ configType: 'flat', cwd: '/' }).verify(readFileSync(file, 'utf8'), config, { filename: file })
    .filter((message) => message.ruleId === 'resilint/no-unprotected-call' || message.fatal)
    .map((message) => `${message.line}:${message.messageId ?? message.message}`);
}

describe('a floating call of a function of another module', () => {
  it('escapes when the function reaches a client made on first use, or a fetch, and hands its failure on', () => {
    // awaited (line 10), given a handler (line 9) or handling its own failure (line 8): nothing escapes
    expect(escapes(worker('jobs/export-job.ts'))).toEqual(['7:floating', '11:floating']);
  });

  it('escapes from a request handler that answers before the work ends', () => {
    expect(escapes(worker('routes/usage.ts'))).toEqual(['7:floating']);
  });
});
