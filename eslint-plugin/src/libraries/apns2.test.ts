import { generateKeyPairSync } from 'node:crypto';
import { createRequire } from 'node:module';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import { silentHost, type SilentHost } from '../../../test/silent-server.js';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const atCreation = { messageId: 'missingClientTimeout' as const };

// A server's push sender: two APNs clients (production, sandbox) made from one set of options that turns the
// request timeout off (met on saltcorn, tuned on). A push to a session that stopped answering then waits for ever.
const pusher = (base: string, extra = '') => `import { ApnsClient, Host } from 'apns2';
export class Pusher {
  readonly production: ApnsClient;
  constructor(signingKey: string) {
    const base = { team: 'TEAM', keyId: 'KEY', signingKey, defaultTopic: 'com.example.app'${base} };
    this.production = new ApnsClient({ ...base, host: Host.production${extra} });
  }
}
`;

ruleTester.run('require-timeout (apns2)', requireTimeout, {
  valid: [
    pusher(', requestTimeout: 10_000'),
    pusher(', requestTimeout: 0', ', requestTimeout: 5_000'),
    // options the file cannot read are the user's to know
    `import { ApnsClient } from 'apns2';
import { apnsOptions } from './settings';
export const apns = new ApnsClient({ ...apnsOptions, defaultTopic: 'com.example.app' });`,
  ],
  invalid: [
    {
      code: pusher(', requestTimeout: 0, keepAlive: true'),
      errors: [{ ...atCreation, line: 6, suggestions: [{ messageId: 'fixInstanceTimeout', output: pusher(', requestTimeout: 0, keepAlive: true', ', requestTimeout: 10_000') }] }],
    },
    {
      code: `import { ApnsClient } from 'apns2';
export const apns = new ApnsClient({ team: 'TEAM', keyId: 'KEY', signingKey: process.env.APNS_KEY! });`,
      errors: [{ ...atCreation, suggestions: 1 }],
    },
  ],
});

describe('the apns2 fix', () => {
  let silent: SilentHost;
  beforeAll(async () => {
    silent = await silentHost();
  });
  afterAll(() => silent.close());

  it('compiles against apns2\'s types and makes a push to a silent service fail', { timeout: 60_000 }, async () => {
    const source = pusher(', requestTimeout: 0');
    const [finding] = lint(source, 'push.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const fixed = applyFix(source, finding!.suggestions[0]!);
    expect(typeErrors([fixed, fixed.replace('requestTimeout: 10_000', 'requestTimeOut: 10_000')]).map((errors) => errors.length > 0)).toEqual([false, true]);

    const { ApnsClient, Notification } = createRequire(import.meta.url)('apns2') as {
      ApnsClient: new (options: object) => { send(notification: unknown): Promise<unknown> };
      Notification: new (token: string, options: object) => unknown;
    };
    const signingKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' });
    // the options as fixed: the base's 0 overridden (the ten seconds scaled down for the test)
    const given = /requestTimeout: 0 \};[\s\S]*new ApnsClient\(\{ \.\.\.base, host: Host\.production, requestTimeout: (10_000) \}\)/.exec(fixed);
    expect(given?.[1]).toBe('10_000');
    const base = { team: 'TEAM', keyId: 'KEY', signingKey, requestTimeout: 0 };
    const client = new ApnsClient({ ...base, host: `127.0.0.1:${silent.port}`, requestTimeout: 300 });
    await expect(client.send(new Notification('device', { alert: 'hello' }))).rejects.toThrow(/timed out/);
  });
});
