import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const missingClient = { messageId: 'missingClientTimeout' as const };

// minio-js sets no timeout and its calls take no signal; an agent's `timeout` only makes the socket emit an event
// minio ignores. Only a transport of one's own bounds its requests, so the client is judged where it is created.
ruleTester.run('require-timeout (minio)', requireTimeout, {
  valid: [
    // a transport of the project's own: not read here
    `import { Client } from 'minio';
import { timedTransport } from './transport';
export const archive = new Client({ endPoint: 'archive.internal', accessKey: 'k', secretKey: 's', transport: timedTransport });
export const keep = (name: string, body: Buffer) => archive.putObject('backups', name, body);`,
    // options from elsewhere
    `import * as Minio from 'minio';
export const open = (options: Minio.ClientOptions) => new Minio.Client(options);`,
    // a call on a client typed by its class: judged where that client was made
    `import type { Client } from 'minio';
export const exists = (client: Client, bucket: string) => client.bucketExists(bucket);`,
  ],
  invalid: [
    {
      code: `import * as Minio from 'minio';
export class Attachments {
  private readonly store = new Minio.Client({ endPoint: process.env.S3_HOST!, useSSL: true, accessKey: process.env.S3_KEY!, secretKey: process.env.S3_SECRET! });
  upload(name: string, body: Buffer) {
    return this.store.putObject('attachments', name, body);
  }
}`,
      errors: [{ ...missingClient, line: 3, suggestions: 1 }],
    },
    {
      // an agent with a timeout is no bound: minio never listens to its socket's 'timeout'
      code: `const https = require('node:https');
const Minio = require('minio');
const store = new Minio.Client({ endPoint: 'files.example', accessKey: 'k', secretKey: 's', transportAgent: new https.Agent({ timeout: 10_000, keepAlive: true }) });
module.exports = (name) => store.statObject('media', name);`,
      errors: [{ ...missingClient, line: 3, suggestions: 1 }],
    },
  ],
});

describe('the minio fix', () => {
  it('gives the client a transport whose requests time out, compiling against minio\'s own types', { timeout: 60_000 }, () => {
    const sources = [
      `import * as Minio from 'minio';\nexport const store = new Minio.Client({ endPoint: 'files.internal', port: 9000, useSSL: false, accessKey: 'k', secretKey: 's' });\n`,
      `import { Client } from 'minio';\nimport { request } from './unrelated';\nexport const store = (ssl: boolean) => new Client({ endPoint: 'files.example', useSSL: ssl, accessKey: 'k', secretKey: 's' });\nexport const use = request;\n`,
    ];
    const fixed = sources.map((source, index) => {
      const [finding] = lint(source, `minio-${index}.ts`).findings.filter((found) => found.ruleId === 'resilint/require-timeout');
      const suggestion = finding?.suggestions[0];
      expect(suggestion?.text).toContain('setTimeout(30_000');
      return source.slice(0, suggestion!.range[0]) + suggestion!.text + source.slice(suggestion!.range[1]);
    });
    expect(fixed[0]).toContain(`import { request } from 'node:http';`);
    expect(fixed[1]).toContain(`from 'node:https';`);
    expect(typeErrors(fixed.map((code, index) => (index === 1 ? code.replace(`import { request } from './unrelated';\n`, '').replace('export const use = request;\n', 'export const use = 1;\n') : code)))).toEqual([[], []]);
  });
});
