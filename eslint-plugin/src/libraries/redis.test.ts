import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A Redis client is bounded where it is created (`commandTimeout`): the gap is reported there, once, with its fix,
// and the commands of a client whose creation is known, here or in another module, are not reported again. The gap
// is one when the client's commands wait for as long as Redis is down (`maxRetriesPerRequest: null`).
const sessionsService = fileURLToPath(new URL('../../../fixtures/workspaces/nest-service/src/cache/sessions.service.ts', import.meta.url));
const atCreation = { messageId: 'missingClientTimeout' as const };

const ruleTester = new RuleTester();

ruleTester.run('require-timeout (ioredis, judged where the client is created)', requireTimeout, {
  valid: [
    // created with a command timeout, or with options read elsewhere
    `import Redis from 'ioredis'; const cache = new Redis({ commandTimeout: 800 }); export const read = (key: string) => cache.get(key);`,
    `import Redis from 'ioredis'; const settings = { port: 6380, commandTimeout: 800 }; const cache = new Redis(settings); export const read = (key: string) => cache.get(key);`,
    `import Redis from 'ioredis'; import { redisConfig } from './config'; export const cache = new Redis(redisConfig);`,
    `import { Cluster } from 'ioredis'; export const shards = new Cluster([{ host: 'a' }], { redisOptions: { commandTimeout: 800 } });`,
    // a connection handed to a queue library, whose blocking commands a command timeout would cut short
    `import Redis from 'ioredis'; import { Worker } from 'bullmq'; export const worker = new Worker('mail', handle, { connection: new Redis(process.env.QUEUE_URL, { maxRetriesPerRequest: null }) });`,
    `import Redis from 'ioredis'; import { Queue } from 'bullmq'; const connection = new Redis(process.env.QUEUE_URL, { maxRetriesPerRequest: null }); export const queue = new Queue('mail', { connection });`,
    `import Redis from 'ioredis'; import { Queue, Worker } from 'bullmq';
export class Jobs {
  private readonly redis: Redis;
  constructor(url: string) {
    this.redis = new Redis(url, { maxRetriesPerRequest: null });
    new Worker('jobs', async () => undefined, { connection: this.redis });
  }
}`,
    // with ioredis's default retry limit a command fails once Redis stays unreachable: what is left, a slow Redis, is
    // not reported (the project's own cache or queue; reviewers judged it a matter of taste)
    `import Redis from 'ioredis';
const cache = new Redis(process.env.CACHE_URL);
export const read = (key: string) => cache.get(key);`,
    `import Redis from 'ioredis'; export const local = new Redis(6379, 'cache');`,
    `import Redis from 'ioredis'; export const shards = new Redis.Cluster([{ host: 'a' }], { scaleReads: 'slave' });`,
    `import Redis from 'ioredis'; export const store = new Redis(url, { maxRetriesPerRequest: 3 });`,
    // an injected client: its creation is not seen, so neither it nor its commands are judged
    `import type { Redis } from 'ioredis'; export class Tokens { constructor(private readonly redis: Redis) {} find(id: string) { return this.redis.get('token:' + id); } }`,
    // commands of a client created in another module: reported there, not at each command
    { filename: sessionsService, code: `import { sessionStore } from './sessions-store'; export const touch = async (id: string) => { await sessionStore.set('s:' + id, '1', 'EX', 60); return sessionStore.get('s:' + id); };` },
    { filename: sessionsService, code: `import { rateLimits, makeCounter } from './rate-limits'; export const hit = async (key: string) => [await rateLimits.incr(key), await makeCounter('ip:').incr(key)];` },
  ],
  invalid: [
    {
      // with retries turned off the message says why it matters most
      code: `import { Redis } from 'ioredis'; export const store = new Redis(url, { maxRetriesPerRequest: null, connectTimeout: 10_000 });`,
      errors: [{
        ...atCreation,
        data: { client: '`new Redis(...)`', remedy: 'set `commandTimeout` where the client is created (with `maxRetriesPerRequest: null` a command waits for as long as Redis is unreachable)' },
        suggestions: [{ messageId: 'fixInstanceTimeout', output: `import { Redis } from 'ioredis'; export const store = new Redis(url, { maxRetriesPerRequest: null, connectTimeout: 10_000, commandTimeout: 5_000 });` }],
      }],
    },
    {
      // a cluster whose nodes retry for ever
      code: `import Redis from 'ioredis'; export const shards = new Redis.Cluster([{ host: 'a' }], { scaleReads: 'slave', redisOptions: { maxRetriesPerRequest: null } });`,
      errors: [{ ...atCreation, suggestions: [{ messageId: 'fixInstanceTimeout', output: `import Redis from 'ioredis'; export const shards = new Redis.Cluster([{ host: 'a' }], { scaleReads: 'slave', redisOptions: { maxRetriesPerRequest: null, commandTimeout: 5_000 } });` }] }],
    },
    {
      // the module that creates and exports the client is where its callers' gap is fixed
      filename: fileURLToPath(new URL('../../../fixtures/workspaces/nest-service/src/cache/sessions-store.ts', import.meta.url)),
      code: `import Redis from 'ioredis';
export const sessionStore = process.env.SESSIONS_REDIS_URL ? new Redis(process.env.SESSIONS_REDIS_URL, { maxRetriesPerRequest: null }) : undefined;`,
      errors: [{ ...atCreation, suggestions: [{ messageId: 'fixInstanceTimeout', output: `import Redis from 'ioredis';
export const sessionStore = process.env.SESSIONS_REDIS_URL ? new Redis(process.env.SESSIONS_REDIS_URL, { maxRetriesPerRequest: null, commandTimeout: 5_000 }) : undefined;` }] }],
    },
  ],
});
