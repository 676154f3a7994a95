import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from './no-retry-non-idempotent.js';
import { retriedOnlyWhenRefused } from '../fixes/retry-when-refused.cases.js';

const ruleTester = new RuleTester();

const retryLoop = (request: string, before = '') => `
import axios from 'axios';
async function submit(order: { id: string }) {${before}
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await ${request};
    } catch (error) {
      if (attempt === 2) throw error;
      await sleep(2 ** attempt * 200);
    }
  }
}`;

ruleTester.run('no-retry-non-idempotent', rule, {
  valid: [
    // the POST after the retried read is sent once, as the loop ends: its failure leaves the loop
    `export async function publishWhenReady(base: string) {
       for (let attempt = 0; attempt < 5; attempt++) {
         try {
           await fetch(base + '/health', { signal: AbortSignal.timeout(5_000) });
         } catch {
           await new Promise((resolve) => setTimeout(resolve, 1_000 * 2 ** attempt));
           continue;
         }
         await fetch(base + '/releases', { method: 'POST', body: '{}', signal: AbortSignal.timeout(5_000) });
         return;
       }
     }`,
    // a poll asking a torrent client's JSON-RPC for a state, sent as a POST, asks again after a dropped connection,
    // and resumes the torrent once it is checked: nothing is applied twice (a regression met once Headers objects were
    // read: the cross-seed Deluge client)
    `const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
     export class Torrents {
       constructor(private readonly url: string) {}
       private async call(method: string, params: unknown[]) {
         const headers = new Headers({ 'Content-Type': 'application/json' });
         const res = await fetch(this.url, { method: 'POST', headers, body: JSON.stringify({ method, params }), signal: AbortSignal.timeout(10_000) });
         return (await res.json()).result;
       }
       private getState(hash: string) {
         return this.call('core.get_torrent_status', [hash]);
       }
       async resumeWhenChecked(hash: string) {
         const giveUpAt = Date.now() + 60_000;
         while (Date.now() < giveUpAt) {
           await wait(2_000);
           try {
             if ((await this.getState(hash)) === 'Checking') continue;
           } catch {
             continue;
           }
           await this.call('core.resume_torrent', [[hash]]);
           return;
         }
       }
     }`,
    // A recursive walk of a document tree that hands itself to \`map\` (each node's children visited by the same
    // function): its failure reaches the caller, who awaits the walk; following it must not go round for ever.
    `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
type DocNode = { type: string; attrs?: { id: string }; content?: DocNode[] };
export async function withNames(doc: DocNode): Promise<DocNode> {
  const visit = async (node: DocNode): Promise<DocNode> => {
    if (node.type === 'mention' && node.attrs) {
      const user = await prisma.user.findUnique({ where: { id: node.attrs.id } });
      return { ...node, attrs: { ...node.attrs, id: user?.name ?? node.attrs.id } };
    }
    if (node.content) node.content = await Promise.all(node.content.map(visit));
    return node;
  };
  return await visit(doc);
}`,
    // Sent again only after the server refused the token (401) and a refresh: the refused order was never written,
    // so the second send writes it once.
    `
import axios from 'axios';
export async function placeOrder(order: unknown, resent = 0): Promise<unknown> {
  try {
    return (await axios.post('/orders', order, { timeout: 5000 })).data;
  } catch (error) {
    if (axios.isAxiosError(error) && error.response?.status === 401 && resent < 3) {
      await axios.post('/oauth/token', { grant_type: 'refresh_token' }, { timeout: 1000 });
      return placeOrder(order, resent + 1);
    }
    throw error;
  }
}
`,
    // A browser client's interceptor: after a 401 saying the session expired, it renews the session and, once that
    // worked, sends the refused request again. Nothing was applied the first time.
    `
import axios from 'axios';
const http = axios.create({ baseURL: '/api', withCredentials: true });
http.interceptors.response.use(
  (answer) => answer,
  async (failure) => {
    if (failure.response?.status === 401 && failure.response.data?.reason === 'SESSION_EXPIRED') {
      const renewed = await axios.post('/api/session/renew', {}, { withCredentials: true });
      if (renewed.data?.renewed) return http.request(failure.config);
    }
    return Promise.reject(failure);
  },
);
`,
    // One re-send after logging in again on 401/403 (got). The login POST is made by the catch, not re-sent.
    `
import got from 'got';
let token = '';
async function login() {
  token = (await got.post('https://auth.example.com/login', { timeout: { request: 5000 } }).json<{ token: string }>()).token;
}
export async function listRepos(org: string, tried = 0): Promise<unknown> {
  try {
    return await got('https://api.example.com/orgs/' + org, { headers: { authorization: token }, timeout: { request: 5000 } }).json();
  } catch (error: any) {
    if ((error.response?.statusCode === 401 || error.response?.statusCode === 403) && tried < 1) {
      await login();
      return listRepos(org, tried + 1);
    }
    throw error;
  }
}
`,
    // Re-sending once after refreshing an expired token on 401 (botpress zoho client): the cause is fixed, waiting adds nothing.
    `
import axios from 'axios';
const MAX_AUTH_RETRIES = 1;
export class Client {
  private token = '';
  private async refreshAccessToken() {
    const res = await axios.post('https://accounts.example.com/oauth/token', { grant_type: 'refresh_token' }, { timeout: 5000 });
    this.token = res.data.access_token;
  }
  async makeRequest(endpoint: string, method: string, data?: unknown, retryCount = 0): Promise<unknown> {
    try {
      const res = await axios({ url: endpoint, method, data, timeout: 10_000, headers: { Authorization: this.token } });
      return res.data;
    } catch (error) {
      if (axios.isAxiosError(error) && error.response?.status === 401 && retryCount < MAX_AUTH_RETRIES) {
        await this.refreshAccessToken();
        return this.makeRequest(endpoint, method, data, retryCount + 1);
      }
      throw error;
    }
  }
}`,
    // GET, PUT and DELETE are idempotent.
    retryLoop(`fetch('/orders/' + order.id)`),
    retryLoop(`fetch('/orders/' + order.id, { method: 'PUT', body: JSON.stringify(order) })`),
    retryLoop(`axios.delete('/orders/' + order.id)`),
    retryLoop(`axios.put('/orders/' + order.id, order)`),
    // A POST outside any retry.
    `
import axios from 'axios';
async function submit(order: object) {
  try { return await axios.post('/orders', order); } catch (error) { console.error(error); }
}`,
    // A key created once, before the retries.
    retryLoop(
      `fetch('/orders', { method: 'POST', body: JSON.stringify(order), headers: { 'Idempotency-Key': key } })`,
      `\n  const key = crypto.randomUUID();`,
    ),
    retryLoop(`axios.post('/orders', order, { headers: { 'Idempotency-Key': idempotencyKey } })`, `\n  const idempotencyKey = uuidv4();`),
    // A key derived from the order itself is the same on every attempt.
    retryLoop(`axios.post('/orders', order, { headers: { 'idempotency-key': \`order-\${order.id}\` } })`),
    // Headers built elsewhere: not readable, not reported.
    retryLoop(`axios.post('/orders', order, { headers: buildHeaders(order) })`),
    // Options built once, before the retries, with the key in them.
    `
async function pay(amount: number) {
  const options = { method: 'POST', body: JSON.stringify({ amount }), headers: { 'Idempotency-Key': crypto.randomUUID() } };
  for (let attempt = 0; attempt < 3; attempt++) {
    try { return await fetch('/payments', options); } catch { await sleep(100 * 2 ** attempt); }
  }
}`,
    // A recursive retry that passes the key along.
    `
import axios from 'axios';
async function charge(amount: number, key = crypto.randomUUID(), retries = 2): Promise<unknown> {
  try {
    return await axios.post('/charges', { amount }, { headers: { 'Idempotency-Key': key } });
  } catch (error) {
    if (retries === 0) throw error;
    await sleep(500 * (3 - retries));
    return charge(amount, key, retries - 1);
  }
}`,
    // Libraries that retry only idempotent methods.
    `
import got from 'got';
await got.post(url, { json: body, retry: { limit: 2, methods: ['GET', 'PUT'] } });`,
    `
import axiosRetry from 'axios-retry';
axiosRetry(axios, { retries: 3, retryDelay: axiosRetry.exponentialDelay });`,
    `
import pRetry from 'p-retry';
await pRetry(() => fetch('/items/1'), { retries: 3 });`,
    // A one-shot re-send after a token refresh.
    `
import axios from 'axios';
const api = axios.create({ baseURL: 'https://api.example.com', timeout: 5000 });
api.interceptors.response.use(undefined, async (error) => {
  const original = error.config;
  if (error.response?.status === 401 && !original._retry) {
    original._retry = true;
    await refreshToken();
    return api(original);
  }
  return Promise.reject(error);
});`,
    // An interceptor retry limited to idempotent methods.
    `
import axios from 'axios';
const api = axios.create({ baseURL: 'https://api.example.com', timeout: 5000 });
api.interceptors.response.use(undefined, async (error) => {
  const config = error.config;
  config.retryCount = (config.retryCount ?? 0) + 1;
  if (config.retryCount > 3 || !['get', 'put', 'delete'].includes(config.method)) throw error;
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 100 * 2 ** config.retryCount));
  return api(config);
});`,
  ],
  invalid: [
    // `items.slice()` copies the same items: the self-call sends the failed batch again.
    {
      code: `
export async function saveAll(items: string[], attempt = 0): Promise<void> {
  try {
    await fetch('/batch', { method: 'POST', body: JSON.stringify(items), signal: AbortSignal.timeout(5000) });
  } catch (error) {
    if (attempt >= 3) throw error;
    return saveAll(items.slice(), attempt + 1);
  }
}
`,
      errors: [{ messageId: 'retriedRequest', line: 4, column: 11, suggestions: [{ messageId: 'fixIdempotencyKey', output: `
export async function saveAll(items: string[], attempt = 0, idempotencyKey = crypto.randomUUID()): Promise<void> {
  try {
    await fetch('/batch', { method: 'POST', body: JSON.stringify(items), signal: AbortSignal.timeout(5000), headers: { 'Idempotency-Key': idempotencyKey } });
  } catch (error) {
    if (attempt >= 3) throw error;
    return saveAll(items.slice(), attempt + 1, idempotencyKey);
  }
}
` }] }],
    },
    // Retrying from `.catch` through a hand-written `new Promise` + `setTimeout` wait.
    {
      code: `
const DELAYS = [100, 400, 1600];
export function load(url: string, attempt = 0): Promise<Response> {
  return fetch(url, { signal: AbortSignal.timeout(5000) }).catch((error) => {
    if (attempt >= DELAYS.length) throw error;
    return new Promise<Response>((resolve) => setTimeout(() => resolve(load(url, attempt + 1)), DELAYS[attempt]));
  });
}
export function send(order: string, attempt = 0): Promise<Response> {
  return fetch('/orders', { method: 'POST', body: order, signal: AbortSignal.timeout(5000) }).catch((error) => {
    if (attempt >= DELAYS.length) throw error;
    return new Promise<Response>((resolve) => setTimeout(() => resolve(send(order, attempt + 1)), DELAYS[attempt]));
  });
}
`,
      errors: [{ messageId: 'retriedRequest', line: 10, column: 10, suggestions: [{ messageId: 'fixIdempotencyKey', output: `
const DELAYS = [100, 400, 1600];
export function load(url: string, attempt = 0): Promise<Response> {
  return fetch(url, { signal: AbortSignal.timeout(5000) }).catch((error) => {
    if (attempt >= DELAYS.length) throw error;
    return new Promise<Response>((resolve) => setTimeout(() => resolve(load(url, attempt + 1)), DELAYS[attempt]));
  });
}
export function send(order: string, attempt = 0, idempotencyKey = crypto.randomUUID()): Promise<Response> {
  return fetch('/orders', { method: 'POST', body: order, signal: AbortSignal.timeout(5000), headers: { 'Idempotency-Key': idempotencyKey } }).catch((error) => {
    if (attempt >= DELAYS.length) throw error;
    return new Promise<Response>((resolve) => setTimeout(() => resolve(send(order, attempt + 1, idempotencyKey)), DELAYS[attempt]));
  });
}
` }] }],
    },
    // `DELAYS[attempt]` subscripts a wait table: `attempt + 1` is a retry's counter, not a cursor to the next item.
    {
      code: `
const DELAYS = [100, 400, 1600];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function send(order: string, attempt = 0): Promise<Response> {
  try {
    return await fetch('/orders', { method: 'POST', body: order, signal: AbortSignal.timeout(5000) });
  } catch (error) {
    if (attempt >= DELAYS.length) throw error;
    await sleep(DELAYS[attempt]);
    return send(order, attempt + 1);
  }
}
`,
      errors: [{ messageId: 'retriedRequest', line: 6, column: 18, suggestions: [{ messageId: 'fixIdempotencyKey', output: `
const DELAYS = [100, 400, 1600];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function send(order: string, attempt = 0, idempotencyKey = crypto.randomUUID()): Promise<Response> {
  try {
    return await fetch('/orders', { method: 'POST', body: order, signal: AbortSignal.timeout(5000), headers: { 'Idempotency-Key': idempotencyKey } });
  } catch (error) {
    if (attempt >= DELAYS.length) throw error;
    await sleep(DELAYS[attempt]);
    return send(order, attempt + 1, idempotencyKey);
  }
}
` }] }],
    },
    // Up to three re-sends after a 401 or a 5xx: a 5xx may come after the order was written, so the retried POST is
    // reported, not the token refresh made in the catch.
    {
      code: `
import axios from 'axios';
export async function createOrder(order: unknown, retryCount = 0): Promise<unknown> {
  try {
    return (await axios.post('/orders', order, { timeout: 5000 })).data;
  } catch (error) {
    if (axios.isAxiosError(error) && (error.response?.status === 401 || (error.response?.status ?? 0) >= 500) && retryCount < 3) {
      await axios.post('/oauth/token', { grant_type: 'refresh_token' }, { timeout: 1000 });
      return createOrder(order, retryCount + 1);
    }
    throw error;
  }
}
`,
      errors: [{ messageId: 'retriedRequest', line: 5, column: 19, suggestions: [{ messageId: 'fixIdempotencyKey', output: `
import axios from 'axios';
export async function createOrder(order: unknown, retryCount = 0, idempotencyKey = crypto.randomUUID()): Promise<unknown> {
  try {
    return (await axios.post('/orders', order, { timeout: 5000, headers: { 'Idempotency-Key': idempotencyKey } })).data;
  } catch (error) {
    if (axios.isAxiosError(error) && (error.response?.status === 401 || (error.response?.status ?? 0) >= 500) && retryCount < 3) {
      await axios.post('/oauth/token', { grant_type: 'refresh_token' }, { timeout: 1000 });
      return createOrder(order, retryCount + 1, idempotencyKey);
    }
    throw error;
  }
}
` }] }],
    },
    // An axios interceptor re-sending every failed request, whatever its method.
    {
      code: `
import axios from 'axios';
const api = axios.create({ baseURL: 'https://api.example.com', timeout: 5000 });
api.interceptors.response.use(
  (response) => response,
  (error) => api.request(error.config),
);`,
      errors: [{ messageId: 'libraryRetriesMethod', data: { retry: 'This axios interceptor (re-sending the failed request)', method: 'POST' }, line: 6, column: 14, suggestions: [{ messageId: 'fixStopRetryingMethod', output: `
import axios from 'axios';
const api = axios.create({ baseURL: 'https://api.example.com', timeout: 5000 });
api.interceptors.response.use(
  (response) => response,
  (error) => { if (!['get', 'head', 'options', 'put', 'delete'].includes(String(error.config?.method).toLowerCase())) return Promise.reject(error); return api.request(error.config); },
);` }] }],
    },
    // ...the re-send made in a new promise's executor (an SDK's fallback-URL retry on 5xx, met after a held-out round)
    {
      code: `
import axios from 'axios';
const api = axios.create({ baseURL: 'https://api.example.com', timeout: 5000 });
api.interceptors.response.use(null, (error) => {
  if (error.response?.status >= 500) return new Promise((resolve) => { resolve(api(error.config)); });
  return Promise.reject(error);
});`,
      errors: [{ messageId: 'libraryRetriesMethod', line: 5, suggestions: [{ messageId: 'fixStopRetryingMethod', output: `
import axios from 'axios';
const api = axios.create({ baseURL: 'https://api.example.com', timeout: 5000 });
api.interceptors.response.use(null, (error) => { if (!['get', 'head', 'options', 'put', 'delete'].includes(String(error.config?.method).toLowerCase())) return Promise.reject(error);
  if (error.response?.status >= 500) return new Promise((resolve) => { resolve(api(error.config)); });
  return Promise.reject(error);
});` }] }],
    },
    {
      code: retryLoop(`fetch('/orders', { method: 'POST', body: JSON.stringify(order) })`),
      errors: [
        {
          messageId: 'retriedRequest',
          data: { call: '`fetch`', method: 'POST', retry: 'this retry loop' },
          line: 6,
          column: 20,
          suggestions: [{ messageId: 'fixIdempotencyKey', output: `
import axios from 'axios';
async function submit(order: { id: string }) {
  const idempotencyKey = crypto.randomUUID();
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await fetch('/orders', { method: 'POST', body: JSON.stringify(order), headers: { 'Idempotency-Key': idempotencyKey } });
    } catch (error) {
      if (attempt === 2) throw error;
      await sleep(2 ** attempt * 200);
    }
  }
}` }],
        },
      ],
    },
    {
      code: retryLoop(`axios.patch('/orders/' + order.id, { status: 'paid' })`),
      errors: [{ messageId: 'retriedRequest', data: { call: '`axios.patch`', method: 'PATCH', retry: 'this retry loop' }, line: 6, column: 20, suggestions: [{
        messageId: 'fixRetryOnlyRefused', output: retriedOnlyWhenRefused(retryLoop(`axios.patch('/orders/' + order.id, { status: 'paid' })`)),
      }, { messageId: 'fixIdempotencyKey', output: `
import axios from 'axios';
async function submit(order: { id: string }) {
  const idempotencyKey = crypto.randomUUID();
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await axios.patch('/orders/' + order.id, { status: 'paid' }, { headers: { 'Idempotency-Key': idempotencyKey } });
    } catch (error) {
      if (attempt === 2) throw error;
      await sleep(2 ** attempt * 200);
    }
  }
}` }] }],
    },
    // A new key on every attempt.
    {
      code: retryLoop(`axios.post('/orders', order, { headers: { 'Idempotency-Key': crypto.randomUUID() } })`),
      errors: [{ messageId: 'keyPerAttempt', line: 6, column: 20, suggestions: [{ messageId: 'fixIdempotencyKey', output: `
import axios from 'axios';
async function submit(order: { id: string }) {
  const idempotencyKey = crypto.randomUUID();
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await axios.post('/orders', order, { headers: { 'Idempotency-Key': idempotencyKey } });
    } catch (error) {
      if (attempt === 2) throw error;
      await sleep(2 ** attempt * 200);
    }
  }
}` }, {
        messageId: 'fixRetryOnlyRefused', output: retriedOnlyWhenRefused(retryLoop(`axios.post('/orders', order, { headers: { 'Idempotency-Key': crypto.randomUUID() } })`)),
      }] }],
    },
    {
      code: `
async function pay(amount: number) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const key = randomUUID();
    try {
      return await fetch('/payments', { method: 'POST', body: String(amount), headers: { 'Idempotency-Key': key } });
    } catch {
      await sleep(100 * 2 ** attempt);
    }
  }
}`,
      errors: [{ messageId: 'keyPerAttempt', line: 6, column: 20, suggestions: [{ messageId: 'fixIdempotencyKey', output: `
async function pay(amount: number) {
  const idempotencyKey = randomUUID();
  for (let attempt = 0; attempt < 3; attempt++) {
    const key = idempotencyKey;
    try {
      return await fetch('/payments', { method: 'POST', body: String(amount), headers: { 'Idempotency-Key': key } });
    } catch {
      await sleep(100 * 2 ** attempt);
    }
  }
}` }] }],
    },
    // Recursion from the catch.
    {
      code: `
import axios from 'axios';
async function createUser(user: object, retries = 3): Promise<unknown> {
  try {
    return await axios.post('/users', user);
  } catch (error) {
    if (retries === 0) throw error;
    return createUser(user, retries - 1);
  }
}`,
      errors: [{ messageId: 'retriedRequest', data: { call: '`axios.post`', method: 'POST', retry: '`createUser` (retrying by calling itself)' }, line: 5, column: 18, suggestions: [{ messageId: 'fixIdempotencyKey', output: `
import axios from 'axios';
async function createUser(user: object, retries = 3, idempotencyKey = crypto.randomUUID()): Promise<unknown> {
  try {
    return await axios.post('/users', user, { headers: { 'Idempotency-Key': idempotencyKey } });
  } catch (error) {
    if (retries === 0) throw error;
    return createUser(user, retries - 1, idempotencyKey);
  }
}` }] }],
    },
    // Retry libraries wrapping a POST.
    {
      code: `
import pRetry from 'p-retry';
import ky from 'ky';
await pRetry(() => ky.post('/orders', { json: order }), { retries: 3 });`,
      errors: [{ messageId: 'retriedRequest', data: { call: '`ky.post`', method: 'POST', retry: '`p-retry`' }, line: 4, column: 20, suggestions: [{ messageId: 'fixIdempotencyKey', output: `
import pRetry from 'p-retry';
import ky from 'ky';
const idempotencyKey = crypto.randomUUID();
await pRetry(() => ky.post('/orders', { json: order, headers: { 'Idempotency-Key': idempotencyKey } }), { retries: 3 });` }] }],
    },
    {
      code: `
import { retry, handleAll, ExponentialBackoff } from 'cockatiel';
import axios from 'axios';
const policy = retry(handleAll, { maxAttempts: 3, backoff: new ExponentialBackoff() });
export const send = (message: object) => policy.execute(() => axios.post('/messages', message));`,
      errors: [{ messageId: 'retriedRequest', line: 5, column: 63, suggestions: [{ messageId: 'fixIdempotencyKey', output: `
import { retry, handleAll, ExponentialBackoff } from 'cockatiel';
import axios from 'axios';
const policy = retry(handleAll, { maxAttempts: 3, backoff: new ExponentialBackoff() });
export const send = (message: object) => { const idempotencyKey = crypto.randomUUID(); return policy.execute(() => axios.post('/messages', message, { headers: { 'Idempotency-Key': idempotencyKey } })); };` }] }],
    },
    // Libraries told to retry POST.
    {
      code: `
import got from 'got';
const client = got.extend({ retry: { limit: 2, methods: ['GET', 'POST'] } });`,
      errors: [{ messageId: 'libraryRetriesMethod', data: { retry: "Got's `retry` option", method: 'POST' }, line: 3, column: 48, suggestions: [{ messageId: 'fixStopRetryingMethod', output: `
import got from 'got';
const client = got.extend({ retry: { limit: 2, methods: ['GET'] } });` }] }],
    },
    {
      code: `
import ky from 'ky';
const api = ky.create({ retry: { limit: 2, methods: ['get', 'patch'] } });`,
      errors: [{ messageId: 'libraryRetriesMethod', data: { retry: "Ky's `retry` option", method: 'PATCH' }, line: 3, column: 44, suggestions: [{ messageId: 'fixStopRetryingMethod', output: `
import ky from 'ky';
const api = ky.create({ retry: { limit: 2, methods: ['get'] } });` }] }],
    },
    {
      code: `
import axiosRetry from 'axios-retry';
axiosRetry(axios, { retries: 3, retryDelay: axiosRetry.exponentialDelay, retryCondition: () => true });`,
      errors: [{ messageId: 'libraryRetriesMethod', data: { retry: '`axios-retry`', method: 'POST' }, line: 3, column: 74, suggestions: [{ messageId: 'fixStopRetryingMethod', output: `
import axiosRetry from 'axios-retry';
axiosRetry(axios, { retries: 3, retryDelay: axiosRetry.exponentialDelay, retryCondition: axiosRetry.isNetworkOrIdempotentRequestError });` }] }],
    },
  ],
});

// A webhook subscription posted in a loop that reads the status through axios's type guard, going round on `goesRound`.
const subscribeLoop = (goesRound: string) => `
import axios from 'axios';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function subscribe(target: string) {
  for (let attempt = 0, wait = 1_000; attempt < 5; attempt++, wait *= 2) {
    try {
      return (await axios.post('https://events.example.org/subscriptions', { target }, { timeout: 10_000 })).data;
    } catch (error) {
      const status = axios.isAxiosError(error) ? error.response?.status : undefined;
      if (!(${goesRound})) throw error;
      await pause(wait * (0.5 + Math.random()));
    }
  }
  throw new Error('gave up');
}`;

// A support ticket created in a loop that goes round on 503 only.
const createTicket = `
import axios from 'axios';
import { setTimeout as sleep } from 'node:timers/promises';
export async function createTicket(title: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await axios.post('https://support.example.com/tickets', { title }, { timeout: 5000 });
    } catch (error: any) {
      if (error.response?.status !== 503) throw error;
      await sleep(Math.random() * 200 * 2 ** attempt);
    }
  }
  throw new Error('support desk unavailable');
}`;

// Shapes met in real code (the evaluation's report), in our own words.
ruleTester.run('no-retry-non-idempotent: rate limits and unavailable services', rule, {
  valid: [
    // A POST retried only on 429: the server refused it without acting on it.
    `
import axios from 'axios';
import { setTimeout as sleep } from 'node:timers/promises';
export async function postToChat(webhook: string, text: string, maxAttempts = 3) {
  let remaining = Math.min(maxAttempts, 10);
  while (remaining > 0) {
    try {
      await axios.post(webhook, { text }, { timeout: 10_000 });
      return;
    } catch (error: any) {
      if (error.response?.status !== 429) throw error;
      remaining--;
      if (!remaining) throw error;
      await sleep(60_000 + Math.random() * 120_000);
    }
  }
}`,
    // The status read through axios's type guard first: still only 429 goes round.
    subscribeLoop('status === 429'),
  ],
  invalid: [
    // A status read through axios's type guard, 500 going round beside 429: the subscription may have been stored
    // before the 500 (an SDK's webhook creation, the thirty-ninth round).
    {
      code: subscribeLoop('status === 429 || status === 500'),
      errors: [{ messageId: 'retriedRequest', line: 7, suggestions: 2 }],
    },
    // A POST retried on 503 may have been applied before the answer: still reported.
    {
      code: createTicket,
      errors: [{ messageId: 'retriedRequest', line: 7, column: 20, suggestions: [{ messageId: 'fixRetryOnlyRefused', output: retriedOnlyWhenRefused(createTicket) }, { messageId: 'fixIdempotencyKey', output: `
import axios from 'axios';
import { setTimeout as sleep } from 'node:timers/promises';
export async function createTicket(title: string) {
  const idempotencyKey = crypto.randomUUID();
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await axios.post('https://support.example.com/tickets', { title }, { timeout: 5000, headers: { 'Idempotency-Key': idempotencyKey } });
    } catch (error: any) {
      if (error.response?.status !== 503) throw error;
      await sleep(Math.random() * 200 * 2 ** attempt);
    }
  }
  throw new Error('support desk unavailable');
}` }] }],
    },
  ],
});

ruleTester.run('no-retry-non-idempotent: work handed to retry helpers', rule, {
  valid: [
    // A presigned POST writes the object at the key fixed when the policy was signed: sent again, it overwrites that
    // same object, so the retry cannot duplicate anything.
    `
import pRetry from 'p-retry';
import FormData from 'form-data';
import { createReadStream } from 'node:fs';
export async function uploadArtifact(file: string, presignedPost: { url: string; fields: Record<string, string> }) {
  return pRetry(async () => {
    const form = new FormData();
    for (const [key, value] of Object.entries(presignedPost.fields)) form.append(key, value);
    form.append('file', createReadStream(file));
    return fetch(presignedPost.url, { method: 'POST', body: form as any, signal: AbortSignal.timeout(60_000) });
  }, { retries: 3 });
}`,
    // The same upload to the form action and fields an API hands out for it (a CLI's build upload).
    `
import retry from 'async-retry';
export async function uploadBuild(localFile: Blob, target: { formAction: string; formFields: Record<string, string> }) {
  const { formAction, formFields } = target;
  return retry(async () => {
    const formData = new FormData();
    for (const [key, value] of Object.entries(formFields)) formData.append(key, value);
    formData.append('file', localFile);
    return fetch(formAction, { method: 'POST', body: formData, signal: AbortSignal.timeout(60_000) });
  }, { retries: 3 });
}`,
    // The same upload through a function of this file that sends it.
    `
import pRetry from 'p-retry';
type PresignedPost = { url: string; fields: Record<string, string> };
async function postToStorage(body: Blob, presignedPost: PresignedPost) {
  const form = new FormData();
  for (const [key, value] of Object.entries(presignedPost.fields)) form.append(key, value);
  form.append('file', body);
  return fetch(presignedPost.url, { method: 'POST', body: form, signal: AbortSignal.timeout(60_000) });
}
export async function uploadReport(body: Blob, presignedPost: PresignedPost) {
  return pRetry(() => postToStorage(body, presignedPost), { retries: 3 });
}`,
    // A GET through an imported retry helper is idempotent.
    `
import axios from 'axios';
import { retryAsync } from './lib/retry';
export async function getOrder(id: string) {
  return retryAsync(() => axios.get('https://shop.example.com/orders/' + id, { timeout: 5000 }), { retries: 3 });
}`,
    // A POST through an imported retry helper with a key made once, before the retries.
    `
import axios from 'axios';
import { withRetry } from '@app/utils/retry';
export async function refund(chargeId: string) {
  const idempotencyKey = crypto.randomUUID();
  return withRetry(() =>
    axios.post('https://payments.example.com/refunds', { chargeId }, { timeout: 5000, headers: { 'Idempotency-Key': idempotencyKey } }),
  );
}`,
    // Regenerating after a conflict sends a new request, not the same one again.
    `
import { PrismaClient } from '@prisma/client';
import { nanoid } from 'nanoid';
const prisma = new PrismaClient();
export async function createShortLink(url: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await prisma.link.create({ data: { url, code: nanoid(7) } });
    } catch (error: any) {
      if (error.code === 'P2002') continue;
      throw error;
    }
  }
  throw new Error('no free short code');
}`,
  ],
  invalid: [
    // A POST handed to a same-file helper whose loop retries the function it is given.
    {
      code: `
import axios from 'axios';
async function withRetry<T>(operation: () => Promise<T>, attempts = 3): Promise<T> {
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return await operation();
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}
export function chargeCard(cardId: string, amount: number) {
  return withRetry(() => axios.post('https://payments.example.com/charges', { cardId, amount }, { timeout: 5000 }));
}`,
      errors: [{ messageId: 'retriedRequest', line: 15, column: 26, suggestions: [{ messageId: 'fixIdempotencyKey', output: `
import axios from 'axios';
async function withRetry<T>(operation: () => Promise<T>, attempts = 3): Promise<T> {
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return await operation();
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}
export function chargeCard(cardId: string, amount: number) {
  const idempotencyKey = crypto.randomUUID();
  return withRetry(() => axios.post('https://payments.example.com/charges', { cardId, amount }, { timeout: 5000, headers: { 'Idempotency-Key': idempotencyKey } }));
}` }] }],
    },
    // A POST handed to an imported helper named for retrying.
    {
      code: `
import axios from 'axios';
import { retryAsync } from './lib/retry';
export async function placeOrder(order: { sku: string; quantity: number }) {
  return retryAsync(() => axios.post('https://shop.example.com/orders', order, { timeout: 5000 }), { retries: 3 });
}`,
      errors: [{ messageId: 'retriedRequest', line: 5, column: 27, suggestions: [{ messageId: 'fixIdempotencyKey', output: `
import axios from 'axios';
import { retryAsync } from './lib/retry';
export async function placeOrder(order: { sku: string; quantity: number }) {
  const idempotencyKey = crypto.randomUUID();
  return retryAsync(() => axios.post('https://shop.example.com/orders', order, { timeout: 5000, headers: { 'Idempotency-Key': idempotencyKey } }), { retries: 3 });
}` }] }],
    },
    // p-retry with options this file does not show still retries the function it is given.
    {
      code: `
import pRetry, { type Options } from 'p-retry';
import axios from 'axios';
export async function submitReport(report: object, retryOptions: Options) {
  return pRetry(() => axios.post('https://reports.example.com/', report, { timeout: 5000 }), retryOptions);
}`,
      errors: [{ messageId: 'retriedRequest', line: 5, column: 23, suggestions: [{ messageId: 'fixIdempotencyKey', output: `
import pRetry, { type Options } from 'p-retry';
import axios from 'axios';
export async function submitReport(report: object, retryOptions: Options) {
  const idempotencyKey = crypto.randomUUID();
  return pRetry(() => axios.post('https://reports.example.com/', report, { timeout: 5000, headers: { 'Idempotency-Key': idempotencyKey } }), retryOptions);
}` }] }],
    },
  ],
});

// A telephony server answering one RPC endpoint: every call is a POST naming its action in the body. An action named
// for reading reads however it is sent; one named otherwise may change something, and stays reported.
const rpc = (action: string) => `const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));
const rpcCall = async (host: string, body: unknown) => {
  const response = await fetch(\`https://\${host}/rpc\`, { method: 'POST', body: JSON.stringify(body), signal: AbortSignal.timeout(8_000) });
  return response.json();
};
export async function withRetries(host: string, left = 3): Promise<unknown> {
  try {
    return await rpcCall(host, { request: { action: '${action}', page: 1 } });
  } catch (error) {
    if (left <= 1) throw error;
    await pause(2_000);
    return withRetries(host, left - 1);
  }
}`;

ruleTester.run('no-retry-non-idempotent: an RPC action named for reading', rule, {
  valid: [rpc('listExtensions'), rpc('get_call_records'), rpc('QueryQueues')],
  invalid: [
    { code: rpc('originateCall'), errors: [{ messageId: 'retriedRequest', line: 8, suggestions: 1 }] },
    // `listen` is not `list`
    { code: rpc('listenToCall'), errors: [{ messageId: 'retriedRequest', line: 8, suggestions: 1 }] },
  ],
});

// A client of the product's own relay (the forty-seventh round's rocketadmin agent): the relay answers "client not
// connected" before it forwards a command, the client turns that answer (a 523) into an error of that message, and a
// helper retries only that error. Nothing was applied, so sending the insert again is safe. The helper guards the
// error's type with `instanceof Error`, which narrows it and says nothing of why it failed.
const relayClient = (retriedWhen: string) => `
import axios from 'axios';
const ERRORS = { CLIENT_NOT_CONNECTED: 'Client is not connected', UPSTREAM_TIMEOUT: 'Relay timed out' };
export class RelayClient {
  constructor(private readonly relayUrl: string) {}
  insertRow(table: string, row: object) {
    return this.retrying(async () => {
      try {
        return (await axios.post(this.relayUrl, { op: 'insert', table, row }, { timeout: 30_000 })).data;
      } catch (e) {
        if (axios.isAxiosError(e) && e.response?.status === 523) throw new Error(ERRORS.CLIENT_NOT_CONNECTED);
        throw e;
      }
    });
  }
  private async retrying<T>(work: () => Promise<T>, maxRetries = 1): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await work();
      } catch (e) {
        if (e instanceof Error && e.message === ${retriedWhen} && attempt < maxRetries) {
          await new Promise((resolve) => setTimeout(resolve, 500));
          continue;
        }
        throw e;
      }
    }
  }
}`;

ruleTester.run('no-retry-non-idempotent: a relay that refuses before it forwards', rule, {
  valid: [relayClient('ERRORS.CLIENT_NOT_CONNECTED')],
  invalid: [
    // the relay gave up waiting: the agent may have run the insert
    { code: relayClient('ERRORS.UPSTREAM_TIMEOUT'), errors: [{ messageId: 'retriedRequest', line: 9, suggestions: 1 }] },
  ],
});
