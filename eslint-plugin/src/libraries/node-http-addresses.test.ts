import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';

// node:http(s) take the address or the options first: an argument named for an address (`link`, `callbackUrl`,
// `job.url`) is the address, so the call has no options of its own and nothing bounds it. A mailer's attachment
// download by `https.get(link, ...)` or `https.get(file.url, ...)` was taken for a call given options that may bound it.
function findings(code: string): string[] {
  const config = [{ files: ['**/*.js'], plugins: { resilint: plugin }, rules: { 'resilint/require-timeout': 'error' } }] as unknown as Linter.Config[];
  return new Linter({ configType: 'flat', cwd: '/' }).verify(code, config, { filename: '/mailer/cloud/attachments.js' })
    .map((message) => `${message.line}:${message.messageId ?? message.message}`);
}

describe('an https.get given an address by name', () => {
  it('is reported for a name or a member named for an address, and its fix passes options before the callback', () => {
    const code = `import https from 'node:https';
export const fetchAttachment = (link, onData) => https.get(link, (res) => res.on('data', onData));
export const fetchFile = (file, onData) => https.get(file.downloadUrl, (res) => res.on('data', onData));
`;
    expect(findings(code)).toEqual(['2:missingTimeout', '3:missingTimeout']);
  });

  it('is not, when the first argument is options that may carry a timeout (control)', () => {
    expect(findings(`import https from 'node:https';
export const fetchFile = (requestOptions, onData) => https.get(requestOptions, (res) => res.on('data', onData));
`)).toEqual([]);
  });
});
