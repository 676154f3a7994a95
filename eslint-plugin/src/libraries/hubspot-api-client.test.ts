import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { lint } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();

// A CRM sync job pushing deals to HubSpot: @hubspot/api-client sends through node-fetch with no timeout and no call
// takes one; only the client's Bottleneck limiter, given `limiterJobOptions.expiration`, fails a request still running.
// The client is judged where it is made, once.
const sync = (made: string, head = "import { Client } from '@hubspot/api-client';") => `${head}
export async function pushDeal(token: string, name: string, amount: number) {
  const crm = ${made};
  const deal = await crm.crm.deals.basicApi.create({ properties: { dealname: name, amount: String(amount) } });
  await crm.crm.deals.basicApi.getById(deal.id);
  return deal.id;
}
`;
const fixTitle = (options: string) => ({ messageId: 'fixInstanceTimeout' as const, data: { options } });

ruleTester.run('require-timeout (hubspot api-client)', requireTimeout, {
  valid: [
    sync('new Client({ accessToken: token, limiterOptions: {}, limiterJobOptions: { expiration: 20_000 } })'),
    sync(
      'new Client({ accessToken: token, limiterOptions: DEFAULT_LIMITER_OPTIONS, limiterJobOptions: { expiration: 20_000, priority: 4 } })',
      "import { Client, DEFAULT_LIMITER_OPTIONS } from '@hubspot/api-client';",
    ),
    // options or job options kept elsewhere may carry the expiration
    sync('new Client(hubspotConfig)', "import { Client } from '@hubspot/api-client';\ndeclare const hubspotConfig: { accessToken: string };"),
    sync('new Client({ accessToken: token, limiterOptions: {}, limiterJobOptions: jobDefaults })', "import { Client } from '@hubspot/api-client';\ndeclare const jobDefaults: object;"),
  ],
  invalid: [
    {
      code: sync('new Client({ accessToken: token })'),
      errors: [{
        messageId: 'missingClientTimeout',
        line: 3,
        data: {
          client: '`new Client(...)`',
          remedy: 'set `limiterJobOptions: { expiration }` (milliseconds, after which the limiter fails each request; the request itself goes on) with `limiterOptions` (`{}` limits nothing) where the HubSpot client is created: @hubspot/api-client sends through node-fetch with no timeout, and its calls take none',
        },
        suggestions: [{
          ...fixTitle('limiterOptions: {}, limiterJobOptions: { expiration: 30_000 }'),
          output: sync('new Client({ accessToken: token, limiterOptions: {}, limiterJobOptions: { expiration: 30_000 } })'),
        }],
      }],
    },
    {
      // retries repeat only 5xx and 429 answers: they bound nothing
      code: sync('new Client()'),
      errors: [{ messageId: 'missingClientTimeout', suggestions: [{ ...fixTitle('limiterOptions: {}, limiterJobOptions: { expiration: 30_000 }'), output: sync('new Client({ limiterOptions: {}, limiterJobOptions: { expiration: 30_000 } })') }] }],
    },
    {
      // a limiter that only limits the rate: its jobs get the expiration
      code: sync('new Client({ accessToken: token, limiterOptions: { maxConcurrent: 4, minTime: 120 } })'),
      errors: [{
        messageId: 'missingClientTimeout',
        suggestions: [{ ...fixTitle('limiterJobOptions: { expiration: 30_000 }'), output: sync('new Client({ accessToken: token, limiterOptions: { maxConcurrent: 4, minTime: 120 }, limiterJobOptions: { expiration: 30_000 } })') }],
      }],
    },
    {
      // an expiration without `limiterOptions` is never read: the client makes no limiter
      code: sync('new Client({ accessToken: token, limiterJobOptions: { expiration: 20_000 } })'),
      errors: [{
        messageId: 'missingClientTimeout',
        suggestions: [{ ...fixTitle('limiterOptions: {}'), output: sync('new Client({ accessToken: token, limiterJobOptions: { expiration: 20_000 }, limiterOptions: {} })') }],
      }],
    },
    {
      // job options written without an expiration keep what they set
      code: sync('new Client({ accessToken: token, limiterOptions: DEFAULT_LIMITER_OPTIONS, limiterJobOptions: { priority: 2 } })', "import { Client, DEFAULT_LIMITER_OPTIONS } from '@hubspot/api-client';"),
      errors: [{
        messageId: 'missingClientTimeout',
        suggestions: [{
          ...fixTitle('limiterJobOptions.expiration: 30_000'),
          output: sync('new Client({ accessToken: token, limiterOptions: DEFAULT_LIMITER_OPTIONS, limiterJobOptions: { priority: 2, expiration: 30_000 } })', "import { Client, DEFAULT_LIMITER_OPTIONS } from '@hubspot/api-client';"),
        }],
      }],
    },
    {
      // the namespace's class and CommonJS alike
      code: sync('new hubspot.Client({ accessToken: token })', "import * as hubspot from '@hubspot/api-client';"),
      errors: [{ messageId: 'missingClientTimeout', line: 3, suggestions: 1 }],
    },
    {
      code: `const hubspot = require('@hubspot/api-client');
const client = new hubspot.Client({ developerApiKey: process.env.HUBSPOT_DEV_KEY });
exports.hooks = (appId) => client.webhooks.subscriptionsApi.getAll(appId);`,
      filename: 'hooks.js',
      errors: [{ messageId: 'missingClientTimeout', line: 2, suggestions: 1 }],
    },
  ],
});

describe('require-timeout (@hubspot/api-client before 9)', () => {
  it('leaves a client alone when the version it is written against has no limiter to bound it, and judges it from 9 on', () => {
    const project = mkdtempSync(join(tmpdir(), 'resilint-hubspot-'));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ dependencies: { '@hubspot/api-client': '^8.4.0' } }));
    const code = sync('new Client({ accessToken: token })');
    expect(lint(code, join(project, 'deals.ts')).findings.filter((found) => found.ruleId === 'resilint/require-timeout')).toEqual([]);
    const other = mkdtempSync(join(tmpdir(), 'resilint-hubspot-'));
    writeFileSync(join(other, 'package.json'), JSON.stringify({ dependencies: { '@hubspot/api-client': '^11.1.0' } }));
    expect(lint(code, join(other, 'deals.ts')).findings.filter((found) => found.ruleId === 'resilint/require-timeout')).toHaveLength(1);
  });
});
