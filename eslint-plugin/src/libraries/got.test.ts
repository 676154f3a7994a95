import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';

// got's default instance, imported by name (`import { got } from 'got'`, got 12 and later) as by default: the same
// client, judged the same.

function findings(code: string): string[] {
  const config = [...(plugin.configs.recommended as unknown as Linter.Config[])];
  return new Linter({ configType: 'flat' }).verify(code, config, { filename: 'src/sms.ts' })
    .filter((message) => message.ruleId === 'resilint/require-timeout' || message.fatal)
    .map((message) => `${message.line} ${message.messageId ?? message.message}`);
}

describe('got imported by name', () => {
  it('reports a request of the named default instance with no timeout, as the default import is', () => {
    const request = "export const send = (gateway: string, to: string) => got.post(gateway, { json: { to } });";
    expect(findings(`import { got } from 'got';\n${request}`)).toEqual(['2 missingTimeout']);
    expect(findings(`import got from 'got';\n${request}`)).toEqual(['2 missingTimeout']);
  });

  it('reports a call of it renamed, with the options first', () => {
    expect(findings("import { got as http } from 'got';\nexport const lookup = (url: string) => http({ url, method: 'GET' });")).toEqual(['2 missingTimeout']);
  });

  it('leaves alone a request that sets its timeout', () => {
    expect(findings("import { got } from 'got';\nexport const send = (gateway: string) => got.post(gateway, { json: {}, timeout: { request: 10_000 } });")).toEqual([]);
  });

  it('leaves alone what else got exports by name', () => {
    expect(findings("import { HTTPError } from 'got';\nexport const refused = (error: unknown) => error instanceof HTTPError;")).toEqual([]);
  });
});
