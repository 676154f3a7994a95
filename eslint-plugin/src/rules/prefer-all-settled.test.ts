import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from './prefer-all-settled.js';

const ruleTester = new RuleTester();

ruleTester.run('prefer-all-settled', rule, {
  valid: [
    // A NestJS start-up hook registering a notification endpoint and a webhook (met on heyform, the thirty-fourth round,
    // there as Bull registrations): a failure should stop the start, so failing fast is right.
    `
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
@Injectable()
export class Registrations implements OnApplicationBootstrap {
  async onApplicationBootstrap(): Promise<void> {
    await Promise.all([
      fetch('https://hooks.example.com/register', { method: 'POST', body: '{}' }),
      fetch('https://notify.example.org/subscribe', { method: 'POST', body: '{}' }),
    ]);
  }
}`,
    // Reads destructured and used together: the answer needs every one, so failing fast is right.
    `
export async function dashboard(userId: string) {
  const [profile, orders, recommendations] = await Promise.all([
    fetch('/profile/' + userId).then((r) => r.json()),
    fetch('/orders/' + userId).then((r) => r.json()),
    fetch('/recommendations/' + userId).then((r) => r.json()),
  ]);
  return { profile, orders, recommendations };
}`,
    // A NestJS service gathering counts and settings for one response (the shape of a portfolio back end).
    `
import { PrismaClient } from '@prisma/client';
import axios from 'axios';
export class AdminService {
  constructor(private readonly prisma: PrismaClient) {}
  async overview() {
    const [accounts, activities, rates] = await Promise.all([
      this.prisma.account.count(),
      this.prisma.order.count(),
      axios.get('https://rates.example.com/latest', { timeout: 5000 }),
    ]);
    return { accounts, activities, rates: rates.data };
  }
}`,
    // Returned to the caller, who uses the results.
    `
import axios from 'axios';
import { Pool } from 'pg';
const pool = new Pool();
export function summary(id: string) {
  return Promise.all([axios.get('/accounts/' + id), pool.query('SELECT * FROM invoices WHERE account = $1', [id])]);
}`,
    `
export async function dashboard(userId: string) {
  const [profile, orders] = await Promise.allSettled([fetch('/profile/' + userId), fetch('/orders/' + userId)]);
  return { profile, orders };
}`,
    // Side effects, each with its own fallback.
    `
export async function notify(message: string) {
  await Promise.all([
    fetch('https://chat.example.com/hooks/1', { method: 'POST', body: message }).catch((error) => console.error(error)),
    fetch('https://pager.example.com/events', { method: 'POST', body: message }).catch((error) => console.error(error)),
  ]);
}`,
    // Side effects through a policy.
    `
export async function notify(message: string) {
  await Promise.all([
    policy.execute(() => fetch('https://chat.example.com/hooks/1', { method: 'POST', body: message })),
    policy.execute(() => fetch('https://pager.example.com/events', { method: 'POST', body: message })),
  ]);
}`,
    // Writes to one API or one database are one dependency (a transaction's business, not this rule's).
    `
import axios from 'axios';
export async function save(a: object, b: object) {
  await Promise.all([axios.put('/a', a), axios.put('/b', b)]);
}`,
    `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function archive(id: string) {
  await Promise.all([prisma.order.update({ where: { id }, data: { archived: true } }), prisma.auditLog.create({ data: { id } })]);
}`,
    // Connections opened (or closed) together: failing fast at start-up is right.
    `
import { Client } from 'pg';
import { createClient } from 'redis';
const db = new Client();
const cache = createClient();
export async function boot() {
  await Promise.all([db.connect(), cache.connect()]);
}`,
    // Not a literal list.
    `
export const loadAll = (urls: string[]) => Promise.all(urls.map((url) => fetch(url)));`,
    // The same request fanned out over ids is one dependency.
    `
export async function touch(baseURL: string) {
  await Promise.all([
    fetch(\`\${baseURL}/sessions/user-1\`, { method: 'POST' }),
    fetch(\`\${baseURL}/sessions/user-2\`, { method: 'POST' }),
  ]);
}`,
    // Only one external call.
    `
export async function finish(id: string) {
  await Promise.all([fetch('https://jobs.example.com/' + id, { method: 'DELETE' }), clearLocalCache(id)]);
}`,
  ],
  invalid: [
    {
      // the same calls in a method run per request: the caller cannot tell which took effect
      code: `
export class Registrations {
  async register(): Promise<void> {
    await Promise.all([
      fetch('https://hooks.example.com/register', { method: 'POST', body: '{}' }),
      fetch('https://notify.example.org/subscribe', { method: 'POST', body: '{}' }),
    ]);
  }
}`,
      errors: [{ messageId: 'preferAllSettled', suggestions: 2 }],
    },
    {
      // Independent notifications awaited for their effects: one failure leaves the others unobserved.
      code: `
export async function onOrderPlaced(id: string) {
  await Promise.all([
    fetch('https://warehouse.example.com/reservations', { method: 'POST', body: id }),
    fetch('https://mail.example.com/send', { method: 'POST', body: id }),
  ]);
}`,
      errors: [
        {
          messageId: 'preferAllSettled',
          data: { count: '2', calls: '`fetch`, `fetch`' },
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 20,
          suggestions: [{ messageId: 'fixSettleEachThenThrow', output: `
export async function onOrderPlaced(id: string) {
  const results = await Promise.allSettled([
    fetch('https://warehouse.example.com/reservations', { method: 'POST', body: id }),
    fetch('https://mail.example.com/send', { method: 'POST', body: id }),
  ]);
  const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
  if (failures.length > 0) throw new AggregateError(failures, \`\${failures.length} of \${results.length} calls failed\`);
}` }, { messageId: 'fixCatchEachCall', output: `
export async function onOrderPlaced(id: string) {
  await Promise.all([
    fetch('https://warehouse.example.com/reservations', { method: 'POST', body: id }).catch(() => { throw new Error('TODO: choose the value to use when item 1 fails'); }),
    fetch('https://mail.example.com/send', { method: 'POST', body: id }).catch(() => { throw new Error('TODO: choose the value to use when item 2 fails'); }),
  ]);
}` }],
        },
      ],
    },
    {
      // Services of the project, each sending to its own dependency; names already taken get fresh ones.
      code: `
import axios from 'axios';
import { Pool } from 'pg';
const pool = new Pool();
const results = [];
export async function closeAccount(id: string) {
  await Promise.all([
    axios.delete('https://billing.example.com/subscriptions/' + id, { timeout: 5000 }),
    pool.query('UPDATE accounts SET closed = true WHERE id = $1', [id]),
  ])
}`,
      errors: [{ messageId: 'preferAllSettled', data: { count: '2', calls: '`axios.delete`, `pg query`' }, line: 7, suggestions: [{ messageId: 'fixSettleEachThenThrow', output: `
import axios from 'axios';
import { Pool } from 'pg';
const pool = new Pool();
const results = [];
export async function closeAccount(id: string) {
  const resilintResults = await Promise.allSettled([
    axios.delete('https://billing.example.com/subscriptions/' + id, { timeout: 5000 }),
    pool.query('UPDATE accounts SET closed = true WHERE id = $1', [id]),
  ])
  const failures = resilintResults.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
  if (failures.length > 0) throw new AggregateError(failures, \`\${failures.length} of \${resilintResults.length} calls failed\`);
}` }, { messageId: 'fixCatchEachCall', output: `
import axios from 'axios';
import { Pool } from 'pg';
const pool = new Pool();
const results = [];
export async function closeAccount(id: string) {
  await Promise.all([
    axios.delete('https://billing.example.com/subscriptions/' + id, { timeout: 5000 }).catch(() => { throw new Error('TODO: choose the value to use when item 1 fails'); }),
    pool.query('UPDATE accounts SET closed = true WHERE id = $1', [id]).catch(() => { throw new Error('TODO: choose the value to use when item 2 fails'); }),
  ])
}` }] }],
    },
  ],
});
