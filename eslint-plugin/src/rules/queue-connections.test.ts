import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from './require-timeout.js';

// require-timeout: a Redis client made with `maxRetriesPerRequest: null` in one module and handed to BullMQ as its
// connection in another. The workers' blocking reads go through it, and the suggested `commandTimeout` would cut
// them short: it is not reported. A client with the same option that no queue is given stays reported.
const ruleTester = new RuleTester();

const project = mkdtempSync(join(tmpdir(), 'resilint-queue-connection-'));
const write = (path: string, code: string): string => {
  const file = join(project, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, code);
  return file;
};
write('package.json', JSON.stringify({ dependencies: { ioredis: '^5', bullmq: '^5', '@nestjs/bullmq': '^11', '@nestjs/common': '^11' } }));

// A Nest service owning the connection; the app module hands it to BullMQ through an injected, typed parameter.
const providerCode = `
import { Injectable } from '@nestjs/common';
import Redis from 'ioredis';
@Injectable()
export class StoreConnection {
  private readonly link: Redis;
  constructor() {
    this.link = new Redis(process.env.STORE_URL!, { maxRetriesPerRequest: null });
  }
  handle(): Redis {
    return this.link;
  }
}`;
const provider = write('src/infra/store-connection.ts', providerCode);
write('src/app.module.ts', `
import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { StoreConnection } from './infra/store-connection';
@Module({
  imports: [BullModule.forRootAsync({ inject: [StoreConnection], useFactory: (store: StoreConnection) => ({ connection: store.handle() }) })],
  providers: [StoreConnection],
})
export class AppModule {}
`);

// A module-level client given to a queue by the module importing it.
const jobsClientCode = `
import Redis from 'ioredis';
export const jobsRedis = new Redis({ host: process.env.JOBS_HOST, maxRetriesPerRequest: null });`;
const jobsClient = write('src/infra/jobs-redis.ts', jobsClientCode);
write('src/jobs/invoices.ts', `
import { Queue } from 'bullmq';
import { jobsRedis } from '../infra/jobs-redis';
export const invoiceQueue = new Queue('invoices', { connection: jobsRedis });
`);

// A getter making the client on first use; the queues' module asks it for their connection.
const lazyClientCode = `
import IORedis from 'ioredis';
let shared: IORedis | undefined;
export function queueRedis(): IORedis {
  if (!shared) {
    shared = new IORedis(process.env.QUEUE_URL!, { maxRetriesPerRequest: null });
  }
  return shared;
}`;
const lazyClient = write('src/infra/queue-redis.ts', lazyClientCode);
write('src/jobs/checks.ts', `
import { Queue } from 'bullmq';
import { queueRedis } from '../infra/queue-redis';
export const checks = new Queue('checks', { connection: queueRedis() });
`);

// The same getter that only a cache reader asks.
const lazyCacheCode = lazyClientCode.replace('queueRedis', 'cacheRedis');
const lazyCache = write('src/infra/cache-redis.ts', lazyCacheCode);
write('src/lookups.ts', `
import { Queue } from 'bullmq';
import { cacheRedis } from './infra/cache-redis';
export const audits = new Queue('audits', { connection: { host: process.env.JOBS_HOST } });
export const cached = (key: string) => cacheRedis().get(key);
`);

// A cache client with the same option: its importer uses BullMQ, but with another connection, and only reads the cache.
const cacheCode = `
import Redis from 'ioredis';
export const priceCache = new Redis({ host: process.env.CACHE_HOST, maxRetriesPerRequest: null });`;
const cache = write('src/infra/price-cache.ts', cacheCode);
write('src/prices.ts', `
import { Queue } from 'bullmq';
import { priceCache } from './infra/price-cache';
export const repricing = new Queue('repricing', { connection: { host: process.env.JOBS_HOST } });
export const cachedPrice = (sku: string) => priceCache.get(\`price:\${sku}\`);
`);

// A service injected where a queue is made, but the queue is given a connection of its own.
const sessionCode = `
import Redis from 'ioredis';
export class SessionStore {
  readonly redis = new Redis({ host: process.env.SESSION_HOST, maxRetriesPerRequest: null });
}`;
const sessions = write('src/infra/session-store.ts', sessionCode);
write('src/mailer.ts', `
import { Queue } from 'bullmq';
import { SessionStore } from './infra/session-store';
export class Mailer {
  readonly queue = new Queue('mail', { connection: { host: process.env.JOBS_HOST } });
  constructor(private readonly sessions: SessionStore) {}
  owner(id: string) {
    return this.sessions.redis.get(\`session:\${id}\`);
  }
}
`);

ruleTester.run('require-timeout: Redis clients handed to a queue in another module', rule, {
  valid: [
    { code: providerCode, filename: provider },
    { code: jobsClientCode, filename: jobsClient },
    { code: lazyClientCode, filename: lazyClient },
  ],
  invalid: [
    { code: cacheCode, filename: cache, errors: [{ messageId: 'missingClientTimeout', line: 3, suggestions: 1 }] },
    { code: sessionCode, filename: sessions, errors: [{ messageId: 'missingClientTimeout', line: 4, suggestions: 1 }] },
    { code: lazyCacheCode, filename: lazyCache, errors: [{ messageId: 'missingClientTimeout', line: 6, suggestions: 1 }] },
  ],
});
