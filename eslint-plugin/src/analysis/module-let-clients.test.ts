import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A module variable that starts as null and is given a client only when the deployment asks for one (keys kept in a
// secrets store): where it is null nothing is called, so its calls are those of the client it is given.
const ruleTester = new RuleTester();

const store = (made: string): string => `import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
let vault: SecretsManagerClient | null = null;
if (process.env.SECRETS_BACKEND === 'aws') {
  vault = ${made};
}
export async function secret(name: string): Promise<string | undefined> {
  if (!vault) return process.env[name];
  const answer = await vault.send(new GetSecretValueCommand({ SecretId: name }));
  return answer.SecretString;
}
`;

ruleTester.run('require-timeout: a client held in a module variable that starts as null', requireTimeout, {
  valid: [
    // the client it is given has a request timeout
    store(`new SecretsManagerClient({ region: process.env.AWS_REGION, requestHandler: { requestTimeout: 5_000, connectionTimeout: 2_000, throwOnRequestTimeout: true } })`),
    // given by a helper of another module: it may have one
    store(`openVault(process.env.AWS_REGION)`),
  ],
  invalid: [
    {
      code: store(`new SecretsManagerClient({ region: process.env.AWS_REGION })`),
      // one fix: a runtime wrap would read `vault` in a callback, where TypeScript no longer knows it is set
      errors: [{ messageId: 'missingTimeout', line: 8, suggestions: 1 }],
    },
  ],
});

// A client per customer host, kept in a Map and made where the Map has none (met first as a pool per customer
// warehouse on an analytics back end): the variable starts as the Map's entry, so it holds the clients made for it.
const cached = (made: string, lookup = 'clients.get(url)'): string => `import axios, { type AxiosInstance } from 'axios';
const clients = new Map<string, AxiosInstance>();
function clientFor(url: string): AxiosInstance {
  let client = ${lookup};
  if (!client) {
    client = ${made};
    clients.set(url, client);
  }
  return client;
}
export const fetchReport = (url: string, path: string) => clientFor(url).get(path);
`;

ruleTester.run('require-timeout: a client made where a cache has none', requireTimeout, {
  valid: [
    cached('axios.create({ baseURL: url, timeout: 30_000 })'),
    // a variable starting as something other than the cache it fills may hold anything
    cached('axios.create({ baseURL: url })', 'defaultClient()'),
  ],
  invalid: [
    {
      code: cached('axios.create({ baseURL: url })'),
      errors: [{
        messageId: 'missingTimeout',
        line: 11,
        suggestions: 5,
      }],
    },
  ],
});
