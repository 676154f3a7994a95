import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';

// A sender made once by an outer function, whose request options are a constant of that function (written with
// `Object.assign`) handed only to the request itself: they are read there, and when nothing in them bounds the
// request it is reported. A body written into the request (`req.write`) gets the idle timeout, on the variable.

function findings(code: string): { line: number; fix?: string }[] {
  const config = [...(plugin.configs.recommended as unknown as Linter.Config[])];
  return new Linter({ configType: 'flat' }).verify(code, config, { filename: 'src/node/send.ts' })
    .filter((message) => message.ruleId === 'resilint/require-timeout' || message.fatal)
    .map((message) => ({ line: message.line, ...(message.suggestions?.[0] ? { fix: message.suggestions[0].fix.text } : {}) }));
}

const sender = (extra: string): string => `import * as https from 'https';
export function makeSender(endpoint: string, headers?: Record<string, string>) {
  const options: https.RequestOptions = Object.assign({ method: 'POST', headers: { 'Content-Type': 'application/json', ...headers } }${extra});
  return function send(payload: string, done: (ok: boolean) => void) {
    const req = https.request(endpoint, options, (res) => { res.resume(); res.on('end', () => done(true)); });
    req.on('error', () => done(false));
    req.write(payload);
    req.end();
  };
}
`;

describe('request options kept in a constant of the outer function', () => {
  it('reports the request when nothing in them bounds it, with the idle timeout set on the variable', () => {
    const [finding] = findings(sender(''));
    expect(finding?.line).toBe(5);
    expect(finding?.fix).toMatch(/^\{ \.\.\.options, timeout: 30_000 \}, \(res\) => [^]*req\.on\('timeout', \(\) => req\.destroy\(/);
  });

  it('leaves it alone when they set a timeout, or take options it cannot read (control)', () => {
    expect(findings(sender(', { timeout: 10_000 }'))).toEqual([]);
    expect(findings(sender(', loadTransportSettings()'))).toEqual([]);
  });
});
