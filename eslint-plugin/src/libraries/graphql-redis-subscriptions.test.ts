import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import noUnprotectedCall from '../rules/no-unprotected-call.js';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A chat server telling subscribers about each new message through Redis: graphql-redis-subscriptions' `publish`
// rejects when ioredis gives the command up (after its reconnection tries, or on a server error), so a publish nobody
// awaits becomes an unhandled rejection. Its bound is the ioredis clients', not the call's: require-timeout leaves it.
const ruleTester = new RuleTester();

const chat = (publish: string) => `import { RedisPubSub } from 'graphql-redis-subscriptions';
import Redis from 'ioredis';
const pubsub = new RedisPubSub({ publisher: new Redis({ commandTimeout: 5_000 }), subscriber: new Redis() });
export async function postMessage(roomId: string, text: string) {
  ${publish};
  return { roomId, text };
}`;

ruleTester.run('no-unprotected-call (graphql-redis-subscriptions)', noUnprotectedCall, {
  valid: [
    chat("await pubsub.publish(`room:${roomId}`, { messageAdded: text })"),
    chat("pubsub.publish(`room:${roomId}`, { messageAdded: text }).catch((error) => console.warn('not published', error))"),
  ],
  invalid: [{
    code: chat("pubsub.publish(`room:${roomId}`, { messageAdded: text })"),
    errors: [{
      messageId: 'floating',
      line: 5,
      suggestions: 4,
    }],
  }],
});

ruleTester.run('require-timeout (graphql-redis-subscriptions)', requireTimeout, {
  valid: [chat("await pubsub.publish(`room:${roomId}`, { messageAdded: text })")],
  invalid: [],
});
