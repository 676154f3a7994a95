import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';

// Real files (fixtures/workspaces/metrics-agent): a shared attempt helper waits the gap its caller configured, and the
// callers, in other modules, say whether that gap spaces retries of a failing service or the polls of a job.
const agentFile = (path: string): string => fileURLToPath(new URL(`../../../fixtures/workspaces/metrics-agent/src/${path}`, import.meta.url));

function backoffFindings(file: string, text = readFileSync(file, 'utf8')): string[] {
  const config = plugin.configs.recommended as unknown as Linter.Config[];
  return new Linter({ configType: 'flat', cwd: '/' }).verify(text, config, { filename: file })
    .filter((message) => message.ruleId === 'resilint/retry-requires-backoff' || message.fatal)
    .map((message) => `${message.line}:${message.messageId ?? message.message}`);
}

describe('retry-requires-backoff: a wait the callers chose', () => {
  it('reports the helper when a caller in another module retries a request through it with a fixed gap', () => {
    expect(backoffFindings(agentFile('attempts.ts'))).toEqual(['10:constantDelay']);
  });

  it('leaves a helper alone whose only caller polls a job until it is done', () => {
    expect(backoffFindings(agentFile('repeat-until.ts'))).toEqual([]);
  });

  it('leaves the helper alone where no caller can be seen', () => {
    const text = readFileSync(agentFile('attempts.ts'), 'utf8');
    expect(backoffFindings(agentFile('unused/attempts-copy.ts'), text)).toEqual([]);
  });
});
