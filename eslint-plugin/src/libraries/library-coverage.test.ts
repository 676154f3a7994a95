import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import noUnprotectedCall from '../rules/no-unprotected-call.js';
import requireTimeout from '../rules/require-timeout.js';
import { isClientModule, LIBRARIES } from './index.js';

// The libraries real back ends reach for (issue 12, cause 5), each known by a model, and each model's reading of its
// calls held by a case it must report and one it must leave alone (here or in libraries.test.ts).
const SERVER_LIBRARIES = [
  'knex', '@prisma/client', 'sequelize', 'typeorm', 'mongoose', 'drizzle-orm/node-postgres', '@octokit/rest', 'octokit',
  '@slack/web-api', 'stripe', 'openai', '@nestjs/axios', 'ws', 'graphql-request', 'bull', 'bullmq', 'kafkajs',
  'amqplib', 'nodemailer', 'fetch-retry', '@aws-sdk/client-s3', '@netlify/api', 'ldapjs', 'ldapauth-fork', 'passport-ldapauth', 'pg',
  '@urql/core', '@trpc/client', 'meilisearch', 'googleapis', '@googleapis/youtube', '@apollo/client',
  'openid-client', 'posthog-node', 'apify-client',
];

describe('library coverage', () => {
  it('has a model for every library of the list', () => {
    expect(SERVER_LIBRARIES.filter((module) => !isClientModule(module))).toEqual([]);
  });
  it('documents where each model is bounded', () => {
    for (const library of LIBRARIES) expect(library.title.length > 0 && (library.timeout === undefined || library.timeout.defaultBound.length > 0)).toBe(true);
  });
});

const ruleTester = new RuleTester();

// Calls whose failure nothing handles: a floating send loses its rejection (an unhandled rejection ends a Node process).
ruleTester.run('no-unprotected-call (queues, brokers, mail and ORMs)', noUnprotectedCall, {
  valid: [
    `import { drizzle } from 'drizzle-orm/node-postgres';
     const db = drizzle(pool);
     export async function record(entry: object) { try { await db.insert(audit).values(entry); } catch (error) { log(error); } }`,
    // a builder handed to another query is part of that query
    `import { drizzle } from 'drizzle-orm/node-postgres';
     const db = drizzle(pool);
     export const recent = () => db.select().from(posts).where(inArray(posts.author, db.select({ id: authors.id }).from(authors)));`,
    `import { Kafka } from 'kafkajs';
     const producer = new Kafka({ brokers }).producer();
     export async function publish(value: string) { try { await producer.send({ topic: 'events', messages: [{ value }] }); } catch (error) { log(error); } }`,
    `import amqp from 'amqplib';
     export async function open(url: string) { try { return await amqp.connect(url); } catch (error) { log(error); return undefined; } }`,
    `import nodemailer from 'nodemailer';
     const transport = nodemailer.createTransport({ host });
     export function mail(message: object) { transport.sendMail(message).catch((error) => log(error)); }`,
    `import Queue from 'bull';
     const jobs = new Queue('thumbnails', redisUrl);
     export function enqueue(data: object) { return jobs.add(data); }`,
  ],
  invalid: [
    {
      code: `import { drizzle } from 'drizzle-orm/node-postgres';
const db = drizzle(pool);
export function record(entry: object) { db.insert(audit).values(entry); }`,
      errors: 1,
    },
    {
      code: `import { Kafka } from 'kafkajs';
const producer = new Kafka({ brokers }).producer();
export function publish(value: string) { producer.send({ topic: 'events', messages: [{ value }] }); }`,
      errors: 1,
    },
    {
      code: `import amqp from 'amqplib';
export async function declare(url: string) {
  const connection = await amqp.connect(url);
  const channel = await connection.createChannel();
  channel.assertQueue('mail', { durable: true });
}`,
      errors: 1,
    },
    {
      code: `import nodemailer from 'nodemailer';
const transport = nodemailer.createTransport({ host });
export function mail(message: object) { transport.sendMail(message); }`,
      errors: 1,
    },
    {
      code: `import Queue from 'bull';
const jobs = new Queue('thumbnails', redisUrl);
export function enqueue(data: object) { jobs.add(data); }`,
      errors: 1,
    },
    {
      // a Netlify API call received through a typed parameter, left floating
      code: `import type { NetlifyAPI } from '@netlify/api';
export function rename(api: NetlifyAPI, siteId: string, name: string) { api.updateSite({ siteId, body: { name } }); }`,
      errors: 1,
    },
  ],
});

// @netlify/api takes a bound only per call (`signal` in the second argument; nothing where the client is made): its
// calls are left to the other rules, as a signal at each of a CLI's ~80 call sites is not what a reviewer asks for.
ruleTester.run('require-timeout (the Netlify API client is not reported per call)', requireTimeout, {
  valid: [
    `import { NetlifyAPI } from '@netlify/api';
     const api = new NetlifyAPI(token, { userAgent: 'deploy-bot' });
     export const site = (siteId: string) => api.getSite({ siteId });`,
    `import type { NetlifyAPI } from '@netlify/api';
     export const deploys = (api: NetlifyAPI, siteId: string) => api.listSiteDeploys({ siteId });`,
  ],
  invalid: [],
});

// @octokit/plugin-retry retries server errors; it bounds no call's time, so each try can still wait forever.
ruleTester.run('require-timeout (Octokit with plugin-retry)', requireTimeout, {
  valid: [
    `import { Octokit } from '@octokit/core';
     import { retry } from '@octokit/plugin-retry';
     const RetryingOctokit = Octokit.plugin(retry);
     const octokit = new RetryingOctokit({ auth });
     export const issues = () => octokit.request('GET /repos/{owner}/{repo}/issues', { owner, repo, request: { signal: AbortSignal.timeout(10_000) } });`,
  ],
  invalid: [
    {
      code: `import { Octokit } from '@octokit/core';
import { retry } from '@octokit/plugin-retry';
const RetryingOctokit = Octokit.plugin(retry);
const octokit = new RetryingOctokit({ auth });
export const issues = () => octokit.request('GET /repos/{owner}/{repo}/issues', { owner, repo });`,
      // a fetch of its own where the client is made, a signal on the call
      errors: [{ messageId: 'missingTimeout', suggestions: 2 }],
    },
  ],
});
