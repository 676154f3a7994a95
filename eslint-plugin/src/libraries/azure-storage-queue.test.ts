import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A worker draining an Azure storage queue: the SDK's per-try timeout only reaches the service, and its HTTP client
// sets none, so only a call's `abortSignal` bounds the wait; each call is judged, and given one by the fix.
const ruleTester = new RuleTester();
const remedy = 'give the call an `abortSignal` in its options (`AbortSignal.timeout(ms)`): the Azure storage SDK sets no client-side timeout, its `tryTimeoutInMs` (30 s by default) only tells the service how long it may work';

const drain = (receive: string, remove: string) => `import { QueueClient } from '@azure/storage-queue';
import { DefaultAzureCredential } from '@azure/identity';
export async function drain(queueUrl: string) {
  const queue = new QueueClient(queueUrl, new DefaultAzureCredential());
  const batch = await queue.receiveMessages(${receive});
  for (const m of batch.receivedMessageItems) await queue.deleteMessage(${remove});
  return batch.receivedMessageItems.length;
}`;
const signal = 'abortSignal: AbortSignal.timeout(30_000)';
const wrapped = (receive: string, remove: string) => `import { QueueClient } from '@azure/storage-queue';
import { DefaultAzureCredential } from '@azure/identity';
import { timeout } from '@resilint/runtime';
export async function drain(queueUrl: string) {
  const queue = new QueueClient(queueUrl, new DefaultAzureCredential());
  ${receive}
  ${remove}
  return batch.receivedMessageItems.length;
}`;
const piped = (receive: string, remove: string) => `import { QueueClient } from '@azure/storage-queue';
import { DefaultAzureCredential } from '@azure/identity';
import { pipeline, fallback, circuitBreaker, timeout } from '@resilint/runtime';
const queueBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });
export async function drain(queueUrl: string) {
  const queue = new QueueClient(queueUrl, new DefaultAzureCredential());
  ${receive}
  ${remove}
  return batch.receivedMessageItems.length;
}`;

ruleTester.run('require-timeout (Azure Queue Storage)', requireTimeout, {
  valid: [
    drain(`{ numberOfMessages: 32, ${signal} }`, `m.messageId, m.popReceipt, { ${signal} }`),
    // options read elsewhere may carry a signal
    `import { QueueClient } from '@azure/storage-queue';
export const send = (queue: QueueClient, text: string, options: object) => queue.sendMessage(text, options);`,
    // building a SAS URL sends nothing
    `import { QueueClient } from '@azure/storage-queue';
export const sasUrl = (queue: QueueClient, expiresOn: Date) => queue.generateSasUrl({ expiresOn });`,
  ],
  invalid: [
    {
      code: drain('{ numberOfMessages: 32 }', `m.messageId, m.popReceipt, { ${signal} }`),
      errors: [{
        messageId: 'missingTimeout',
        line: 5,
        data: { call: 'QueueClient.receiveMessages', remedy },
        suggestions: [
          { messageId: 'fixNativeTimeout', output: drain(`{ numberOfMessages: 32, ${signal} }`, `m.messageId, m.popReceipt, { ${signal} }`) },
          { messageId: 'fixWrapInTimeout', output: wrapped('const batch = await timeout(30_000).execute(({ signal }) => queue.receiveMessages({ numberOfMessages: 32, abortSignal: signal }));', `for (const m of batch.receivedMessageItems) await queue.deleteMessage(m.messageId, m.popReceipt, { ${signal} });`) },
          { messageId: 'fixWrapInPipeline', output: piped(`const batch = await pipeline(
    fallback(() => { throw new Error('TODO: choose the value to use when QueueClient.receiveMessages fails'); }),
    queueBreaker,
    timeout(30_000),
  ).execute(({ signal }) => queue.receiveMessages({ numberOfMessages: 32, abortSignal: signal }));`, `for (const m of batch.receivedMessageItems) await queue.deleteMessage(m.messageId, m.popReceipt, { ${signal} });`) },
        ],
      }],
    },
    {
      // the options go after the message's id and pop receipt
      code: drain(`{ numberOfMessages: 32, ${signal} }`, 'm.messageId, m.popReceipt'),
      errors: [{
        messageId: 'missingTimeout',
        line: 6,
        data: { call: 'QueueClient.deleteMessage', remedy },
        suggestions: [
          { messageId: 'fixNativeTimeout', output: drain(`{ numberOfMessages: 32, ${signal} }`, `m.messageId, m.popReceipt, { ${signal} }`) },
          { messageId: 'fixWrapInTimeout', output: wrapped(`const batch = await queue.receiveMessages({ numberOfMessages: 32, ${signal} });`, 'for (const m of batch.receivedMessageItems) await timeout(30_000).execute(({ signal }) => queue.deleteMessage(m.messageId, m.popReceipt, { abortSignal: signal }));') },
          { messageId: 'fixWrapInPipeline', output: piped(`const batch = await queue.receiveMessages({ numberOfMessages: 32, ${signal} });`, `for (const m of batch.receivedMessageItems) await pipeline(
    fallback(undefined),
    queueBreaker,
    timeout(30_000),
  ).execute(({ signal }) => queue.deleteMessage(m.messageId, m.popReceipt, { abortSignal: signal }));`) },
        ],
      }],
    },
    {
      // a queue reached from the service client made from a connection string, its pipeline options set
      code: `import { QueueServiceClient } from '@azure/storage-queue';
const service = QueueServiceClient.fromConnectionString(process.env.AZURE_STORAGE!, { retryOptions: { maxTries: 2, tryTimeoutInMs: 10_000 } });
export const publish = (body: string) => service.getQueueClient('results').sendMessage(body);`,
      errors: [{
        messageId: 'missingTimeout',
        line: 3,
        data: { call: 'QueueClient.sendMessage', remedy },
        suggestions: [
          { messageId: 'fixNativeTimeout', output: `import { QueueServiceClient } from '@azure/storage-queue';
const service = QueueServiceClient.fromConnectionString(process.env.AZURE_STORAGE!, { retryOptions: { maxTries: 2, tryTimeoutInMs: 10_000 } });
export const publish = (body: string) => service.getQueueClient('results').sendMessage(body, { ${signal} });` },
          { messageId: 'fixWrapInTimeout', output: `import { QueueServiceClient } from '@azure/storage-queue';
import { timeout } from '@resilint/runtime';
const service = QueueServiceClient.fromConnectionString(process.env.AZURE_STORAGE!, { retryOptions: { maxTries: 2, tryTimeoutInMs: 10_000 } });
export const publish = (body: string) => timeout(30_000).execute(({ signal }) => service.getQueueClient('results').sendMessage(body, { abortSignal: signal }));` },
          { messageId: 'fixWrapInPipeline', output: `import { QueueServiceClient } from '@azure/storage-queue';
import { pipeline, fallback, circuitBreaker, timeout } from '@resilint/runtime';
const azureQueueBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });
const service = QueueServiceClient.fromConnectionString(process.env.AZURE_STORAGE!, { retryOptions: { maxTries: 2, tryTimeoutInMs: 10_000 } });
export const publish = (body: string) => pipeline(
  fallback(() => { throw new Error('TODO: choose the value to use when QueueClient.sendMessage fails'); }),
  azureQueueBreaker,
  timeout(30_000),
).execute(({ signal }) => service.getQueueClient('results').sendMessage(body, { abortSignal: signal }));` },
        ],
      }],
    },
  ],
});
