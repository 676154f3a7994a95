import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';

// A back end whose third-party calls all go through one static helper (fixtures/workspaces/http-helper-service): its
// verbs name the method by an enum member (`HTTPMethod.POST`), its `send` sets axios's timeout only
// `if (options?.timeout)`, and retries any method as often as the caller asks. The chat service asks three retries of
// a POST that posts a message, with headers that carry no idempotency key.
const file = (workspace: string, path: string): string => fileURLToPath(new URL(`../../../fixtures/workspaces/${workspace}/${path}`, import.meta.url));

function findings(path: string): string[] {
  const config = plugin.configs.all as unknown as Linter.Config[];
  return new Linter({ configType: 'flat', cwd: '/' }).verify(readFileSync(path, 'utf8'), config, { filename: path })
    .filter((message) => message.ruleId?.startsWith('resilint/') || message.fatal)
    .map((message) => `${message.line}:${message.ruleId ?? message.message}:${message.messageId ?? ''}`);
}

describe('a shared HTTP helper', () => {
  it('is reported in the helper: a timeout only when the caller gives one, and the POSTs its callers name retried without a key', () => {
    expect(findings(file('http-helper-service', 'src/Utils/HTTP.ts'))).toEqual([
      '34:resilint/no-retry-non-idempotent:retriedRequest',
      '34:resilint/require-timeout:optionalTimeout',
    ]);
  });

  it('names the POST among the writes its verbs send (a PATCH verb written first)', () => {
    const path = file('http-helper-service', 'src/Utils/HTTP.ts');
    const config = plugin.configs.all as unknown as Linter.Config[];
    const [retried] = new Linter({ configType: 'flat', cwd: '/' }).verify(readFileSync(path, 'utf8'), config, { filename: path })
      .filter((message) => message.ruleId === 'resilint/no-retry-non-idempotent');
    expect(retried?.message).toContain('sends a POST request');
  });

  it('is not blamed for a key when a module calling it sends one', () => {
    expect(findings(file('http-helper-keyed', 'src/Utils/HTTP.ts'))).toEqual(['30:resilint/require-timeout:optionalTimeout']);
  });

  it('is not blamed for a POST its caller writes to read (an export query job), and is for one that books an entry', () => {
    expect(findings(file('http-helper-service', 'src/Utils/Warehouse.ts'))).toEqual([]);
    expect(findings(file('http-helper-service', 'src/Utils/Ledger.ts'))).toEqual(['10:resilint/no-retry-non-idempotent:retriedRequest']);
  });

  it('leaves its callers alone: one fix in the helper serves them all', () => {
    expect(findings(file('http-helper-service', 'src/Services/Chat.ts'))).toEqual([]);
  });
});
