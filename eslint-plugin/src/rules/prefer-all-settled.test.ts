import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from './prefer-all-settled.js';

const ruleTester = new RuleTester();

ruleTester.run('prefer-all-settled', rule, {
  valid: [
    `
export async function dashboard(userId: string) {
  const [profile, orders] = await Promise.allSettled([fetch('/profile/' + userId), fetch('/orders/' + userId)]);
  return { profile, orders };
}`,
    // A fallback on each call.
    `
export async function dashboard(userId: string) {
  const [profile, orders] = await Promise.all([
    fetch('/profile/' + userId).then((r) => r.json()).catch(() => null),
    fetch('/orders/' + userId).then((r) => r.json(), () => []),
  ]);
  return { profile, orders };
}`,
    // Only one external call.
    `
export async function page(userId: string) {
  const [profile, settings] = await Promise.all([fetch('/profile/' + userId), readLocalSettings()]);
  return { profile, settings };
}`,
    // Calls wrapped in a policy.
    `
export async function page(userId: string) {
  const [profile, orders] = await Promise.all([
    policy.execute(() => fetch('/profile/' + userId)),
    policy.execute(() => fetch('/orders/' + userId)),
  ]);
  return { profile, orders };
}`,
    // Writes awaited together, no results to lose.
    `
import axios from 'axios';
export async function save(a: object, b: object) {
  await Promise.all([axios.put('/a', a), axios.put('/b', b)]);
}`,
    // Not a literal list.
    `
export const loadAll = (urls: string[]) => Promise.all(urls.map((url) => fetch(url)));`,
    // The same request fanned out over ids is one dependency (sentry-javascript's concurrency tests).
    `
export async function isolation(baseURL: string) {
  const [first, second, third] = await Promise.all([
    fetch(\`\${baseURL}/test-isolation/user-1\`),
    fetch(\`\${baseURL}/test-isolation/user-2\`),
    fetch(\`\${baseURL}/test-isolation/user-3\`),
  ]);
  return [first, second, third];
}`,
    `
const loadUser = async (id: number) => (await fetch('/users/' + id)).json();
export async function pair() {
  const [a, b] = await Promise.all([loadUser(1), loadUser(2)]);
  return { a, b };
}`,
  ],
  invalid: [
    {
      code: `
export async function dashboard(userId: string) {
  const [profile, orders, recommendations] = await Promise.all([
    fetch('/profile/' + userId).then((r) => r.json()),
    fetch('/orders/' + userId).then((r) => r.json()),
    fetch('/recommendations/' + userId).then((r) => r.json()),
  ]);
  return { profile, orders, recommendations };
}`,
      errors: [
        {
          messageId: 'preferAllSettled',
          data: { count: '3', calls: '`fetch`, `fetch`, `fetch`' },
          line: 3,
          column: 52,
          endLine: 3,
          endColumn: 63,
          suggestions: [{ messageId: 'fixAllSettled', output: `
export async function dashboard(userId: string) {
  const [profileResult, ordersResult, recommendationsResult] = await Promise.allSettled([
    fetch('/profile/' + userId).then((r) => r.json()),
    fetch('/orders/' + userId).then((r) => r.json()),
    fetch('/recommendations/' + userId).then((r) => r.json()),
  ]);
  const profile = profileResult.status === 'fulfilled' ? profileResult.value : /* TODO: the value to use when profile fails */ undefined as never;
  const orders = ordersResult.status === 'fulfilled' ? ordersResult.value : /* TODO: the value to use when orders fails */ undefined as never;
  const recommendations = recommendationsResult.status === 'fulfilled' ? recommendationsResult.value : /* TODO: the value to use when recommendations fails */ undefined as never;
  return { profile, orders, recommendations };
}` }, { messageId: 'fixCatchEachCall', output: `
export async function dashboard(userId: string) {
  const [profile, orders, recommendations] = await Promise.all([
    fetch('/profile/' + userId).then((r) => r.json()).catch(() => /* TODO: the value to use when item 1 fails */ undefined as never),
    fetch('/orders/' + userId).then((r) => r.json()).catch(() => /* TODO: the value to use when item 2 fails */ undefined as never),
    fetch('/recommendations/' + userId).then((r) => r.json()).catch(() => /* TODO: the value to use when item 3 fails */ undefined as never),
  ]);
  return { profile, orders, recommendations };
}` }],
        },
      ],
    },
    {
      code: `
import axios from 'axios';
import { Pool } from 'pg';
const pool = new Pool();
export function summary(id: string) {
  return Promise.all([axios.get('/accounts/' + id), pool.query('SELECT * FROM invoices WHERE account = $1', [id])]);
}`,
      errors: [{ messageId: 'preferAllSettled', data: { count: '2', calls: '`axios.get`, `pg query`' }, line: 6, column: 10, suggestions: [{ messageId: 'fixCatchEachCall', output: `
import axios from 'axios';
import { Pool } from 'pg';
const pool = new Pool();
export function summary(id: string) {
  return Promise.all([axios.get('/accounts/' + id).catch(() => /* TODO: the value to use when item 1 fails */ undefined as never), pool.query('SELECT * FROM invoices WHERE account = $1', [id]).catch(() => /* TODO: the value to use when item 2 fails */ undefined as never)]);
}` }] }],
    },
  ],
});
