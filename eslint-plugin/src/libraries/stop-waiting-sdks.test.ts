import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';
import { waitedInPlace } from '../fixes/stop-waiting.cases.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// Two libraries whose calls take neither a timeout nor a signal (their own type definitions say so): Lemon Squeezy's
// module functions, sent over fetch after `lemonSqueezySetup`, and giget's `downloadTemplate`. Their fix can only stop
// waiting, with the runtime's `timeout(ms)`; a call already waited for that way is bounded.
const ruleTester = new RuleTester();
const stopWaiting = { messageId: 'missingTimeout' as const };

const billing = `import { lemonSqueezySetup, cancelSubscription, listOrders } from '@lemonsqueezy/lemonsqueezy.js';
lemonSqueezySetup({ apiKey: process.env.BILLING_KEY });
export async function leave(subscriptionId: string) {
  const { error } = await cancelSubscription(subscriptionId);
  if (error) throw error;
}
export const orders = (storeId: number) => listOrders({ filter: { storeId } });`;
const scaffolder = `import * as giget from 'giget';
export async function scaffold(template: string, dir: string) {
  await giget.downloadTemplate(template, { dir, force: true });
}`;

ruleTester.run('require-timeout (Lemon Squeezy, giget)', requireTimeout, {
  valid: [
    `import { lemonSqueezySetup, getSubscription } from '@lemonsqueezy/lemonsqueezy.js';
     import { timeout } from '@resilint/runtime';
     lemonSqueezySetup({ apiKey: process.env.BILLING_KEY });
     export const plan = (id: string) => timeout(5_000).execute(() => getSubscription(id));`,
    // the setup itself sends nothing
    `import { lemonSqueezySetup } from '@lemonsqueezy/lemonsqueezy.js';
     export const configure = (apiKey: string) => lemonSqueezySetup({ apiKey, onError: (error) => console.error(error) });`,
    `import { downloadTemplate } from 'giget';
     import { timeout } from '@resilint/runtime';
     export const scaffold = (name: string) => timeout(30_000).execute(() => downloadTemplate(\`gh:acme/starters/\${name}\`, { dir: name }));`,
    // a git source is cloned under git's own 60 s limit (giget 3)
    `import { downloadTemplate } from 'giget';
     export const fromGit = (dir: string) => downloadTemplate('git:git@git.acme.example:starters/api', { dir });`,
  ],
  invalid: [
    {
      code: billing,
      errors: [
        { ...stopWaiting, line: 4, data: { call: 'cancelSubscription', remedy: "stop waiting for it with the runtime's `timeout(ms)`: Lemon Squeezy's functions send over fetch with no timeout, and neither `lemonSqueezySetup` nor a call takes one or a signal" },
          suggestions: [{ messageId: 'fixStopWaiting', output: `import { lemonSqueezySetup, cancelSubscription, listOrders } from '@lemonsqueezy/lemonsqueezy.js';
import { timeout } from '@resilint/runtime';
lemonSqueezySetup({ apiKey: process.env.BILLING_KEY });
export async function leave(subscriptionId: string) {
  const { error } = await timeout(5_000).execute(() => cancelSubscription(subscriptionId));
  if (error) throw error;
}
export const orders = (storeId: number) => listOrders({ filter: { storeId } });` }, { messageId: 'fixStopWaitingInPlace', output: waitedInPlace(billing, 'cancelSubscription(subscriptionId)') }] },
        { ...stopWaiting, line: 7, suggestions: 2 },
      ],
    },
    {
      code: scaffolder,
      errors: [{ ...stopWaiting, line: 3, data: { call: 'giget.downloadTemplate', remedy: "stop waiting for it with the runtime's `timeout(ms)`: giget downloads over fetch and takes no timeout or signal" },
        suggestions: [{ messageId: 'fixStopWaiting', output: `import * as giget from 'giget';
import { timeout } from '@resilint/runtime';
export async function scaffold(template: string, dir: string) {
  await timeout(5_000).execute(() => giget.downloadTemplate(template, { dir, force: true }));
}` }, { messageId: 'fixStopWaitingInPlace', output: waitedInPlace(scaffolder, 'giget.downloadTemplate(template, { dir, force: true })') }] }],
    },
  ],
});

// Apple's App Store Server API client: each operation is one node-fetch request with no timeout, and the client takes
// no options at all. Reading a subscription's status while a purchase is verified waits as long as Apple takes.
const appStore = (body: string) => `import { AppStoreServerAPIClient, Environment } from '@apple/app-store-server-library';
const apple = new AppStoreServerAPIClient(process.env.APPLE_KEY ?? '', 'key-id', 'issuer-id', 'com.acme.notes', Environment.SANDBOX);
${body}`;

const statuses = 'export const statuses = (id: string) => apple.getAllSubscriptionStatuses(id);';

ruleTester.run('require-timeout (App Store Server API)', requireTimeout, {
  valid: [
    appStore(`import { timeout } from '@resilint/runtime';
export const statuses = (id: string) => timeout(5_000).execute(() => apple.getAllSubscriptionStatuses(id));`),
    // the client's plumbing is not a request of its own
    appStore('export const describe = () => apple.constructor.name;'),
    // an axios instance taken from a cache and said to be one: how it was made, and so its timeout, is not seen
    `import type { AxiosInstance } from 'axios';
const instances: Record<string, AxiosInstance | undefined> = {};
export const health = (region: string) => (instances[region] as AxiosInstance).get('/health');`,
  ],
  invalid: [
    {
      code: appStore(statuses),
      errors: [{ ...stopWaiting, line: 3, data: { call: 'AppStoreServerAPIClient.getAllSubscriptionStatuses', remedy: "stop waiting for it with the runtime's `timeout(ms)`: the App Store Server API client sends over node-fetch with no timeout, and neither its constructor nor its calls take one or a signal" },
        suggestions: [{ messageId: 'fixStopWaiting', output: `import { AppStoreServerAPIClient, Environment } from '@apple/app-store-server-library';
import { timeout } from '@resilint/runtime';
const apple = new AppStoreServerAPIClient(process.env.APPLE_KEY ?? '', 'key-id', 'issuer-id', 'com.acme.notes', Environment.SANDBOX);
export const statuses = (id: string) => timeout(5_000).execute(() => apple.getAllSubscriptionStatuses(id));` }, { messageId: 'fixStopWaitingInPlace', output: waitedInPlace(appStore(statuses), 'apple.getAllSubscriptionStatuses(id)') }] }],
    },
    {
      // a client typed by its class, made elsewhere: no option of its construction could bound it either
      code: `import type { AppStoreServerAPIClient } from '@apple/app-store-server-library';
export async function transaction(client: AppStoreServerAPIClient, id: string) {
  return client.getTransactionInfo(id);
}`,
      errors: [{ ...stopWaiting, line: 3, suggestions: 2 }],
    },
    {
      // one client per environment, kept in a cache and said to be a client when it is read back
      code: `import { AppStoreServerAPIClient, Environment } from '@apple/app-store-server-library';
const made: Partial<Record<Environment, AppStoreServerAPIClient>> = {};
function clientFor(environment: Environment) {
  made[environment] ??= new AppStoreServerAPIClient('key', 'key-id', 'issuer-id', 'com.acme.notes', environment);
  return made[environment] as AppStoreServerAPIClient;
}
export const history = (id: string) => clientFor(Environment.PRODUCTION).getTransactionHistory(id, null, {});`,
      errors: [{ ...stopWaiting, line: 7, suggestions: 2 }],
    },
  ],
});
