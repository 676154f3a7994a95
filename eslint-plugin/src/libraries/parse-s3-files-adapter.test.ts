import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const atCreation = { messageId: 'missingClientTimeout' as const };

// Parse Server's S3 files adapter makes one S3 client from `s3overrides` and sends every file save, read and delete
// through it with no timeout (met on OpenSign's server, the twenty-fourth round): reported where the adapter is made.
ruleTester.run('require-timeout (Parse Server S3 files adapter)', requireTimeout, {
  valid: [
    `import S3Adapter from '@parse/s3-files-adapter';
export const files = new S3Adapter({ bucket: 'files', s3overrides: { requestHandler: { requestTimeout: 30_000 } } });`,
    // overrides read from elsewhere, and the old positional form, are not judged
    `import S3Adapter from '@parse/s3-files-adapter';
import { overrides } from './storage';
export const files = new S3Adapter({ bucket: 'files', s3overrides: overrides });`,
    `const S3Adapter = require('@parse/s3-files-adapter');
module.exports = new S3Adapter('key', 'secret', 'files', { directAccess: true });`,
  ],
  invalid: [
    {
      code: `import S3Adapter from '@parse/s3-files-adapter';
export const files = new S3Adapter({ bucket: 'files', region: 'eu-west-1', s3overrides: { endpoint: process.env.SPACES_URL } });`,
      errors: [{
        ...atCreation,
        suggestions: [{
          messageId: 'fixInstanceTimeout',
          output: `import S3Adapter from '@parse/s3-files-adapter';
export const files = new S3Adapter({ bucket: 'files', region: 'eu-west-1', s3overrides: { endpoint: process.env.SPACES_URL, requestHandler: { requestTimeout: 30_000, connectionTimeout: 5_000, throwOnRequestTimeout: true } } });`,
        }],
      }],
    },
    {
      code: `const S3Adapter = require('@parse/s3-files-adapter');
module.exports = new S3Adapter({ bucket: 'files' });`,
      errors: [{ ...atCreation, suggestions: 1 }],
    },
    {
      // the overrides as the second argument
      code: `import S3Adapter from '@parse/s3-files-adapter';
export const files = new S3Adapter({ bucket: 'files' }, { region: 'eu-west-1' });`,
      errors: [{ ...atCreation, suggestions: 1 }],
    },
  ],
});

describe('the S3 files adapter fix', () => {
  it('gives the S3 client the adapter makes a handler with both timeouts', { timeout: 60_000 }, async () => {
    const code = "import S3Adapter from '@parse/s3-files-adapter';\nexport const files = new S3Adapter({ bucket: 'files', region: 'eu-west-1', s3overrides: { endpoint: 'http://127.0.0.1:9', forcePathStyle: true, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } } });";
    const [finding] = new Linter({ configType: 'flat' }).verify(code, [{ plugins: { resilint: plugin }, rules: { 'resilint/require-timeout': 'error' } }], { filename: 'files.js' });
    const fix = finding?.suggestions?.[0]?.fix;
    expect(fix).toBeDefined();
    const fixed = `${code.slice(0, fix!.range[0])}${fix!.text}${code.slice(fix!.range[1])}`;
    const options = fixed.slice(fixed.indexOf('new S3Adapter(') + 'new S3Adapter('.length, fixed.lastIndexOf(')'));
    // the adapter, as installed, made with the fixed options: a request (refused here) resolves its handler's settings
    const S3Adapter = createRequire(import.meta.url)('@parse/s3-files-adapter') as new (options: unknown) => { _s3Client: { config: { requestHandler: { httpHandlerConfigs(): Record<string, unknown> } } }; getFileData(name: string): Promise<unknown> };
    const adapter = new S3Adapter(new Function(`return ${options};`)());
    await expect(adapter.getFileData('report.pdf')).rejects.toThrow();
    expect(adapter._s3Client.config.requestHandler.httpHandlerConfigs()).toMatchObject({ requestTimeout: 30_000, connectionTimeout: 5_000, throwOnRequestTimeout: true });
  });
});

describe('a project on version 2 of the adapter (the AWS SDK v2)', () => {
  it('is given the v2 SDK\'s http options instead', () => {
    const project = mkdtempSync(join(tmpdir(), 'resilint-parse-v2-'));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ dependencies: { '@parse/s3-files-adapter': '^2.2.0', 'parse-server': '^6' } }));
    const code = "import S3Adapter from '@parse/s3-files-adapter';\nexport const files = new S3Adapter({ bucket: 'files' });";
    const [finding] = new Linter({ configType: 'flat', cwd: '/' }).verify(code, [{ plugins: { resilint: plugin }, rules: { 'resilint/require-timeout': 'error' } }], { filename: join(project, 'files.js') });
    expect(finding?.suggestions?.[0]?.fix.text).toBe("{ bucket: 'files', s3overrides: { httpOptions: { timeout: 30_000, connectTimeout: 5_000 } } }");
  });
});
