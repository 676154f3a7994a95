import { RuleTester } from '@typescript-eslint/rule-tester';
import backoff from './retry-requires-backoff.js';
import unbounded from './no-unbounded-retry.js';

const ruleTester = new RuleTester();

/**
 * Loops and second tries a reviewer rejected as retries (twelfth held-out round): going round after another writer
 * got there first (a version mismatch, a duplicate key between two first writers), re-sending after the server
 * refused the credentials and they were renewed, and calling again with a one-time password that differs from the
 * refused one. No failing dependency is hit again, so there is nothing to back off from. Each has a control that
 * is a retry.
 */

/** A team's quota kept under a version number: read it, derive the change, write only if nobody wrote meanwhile. */
const quotaLoop = (readEachTime: boolean) => `
import mongoose from 'mongoose';
export class StaleQuotaError extends Error {}
const Quota = mongoose.model('Quota', new mongoose.Schema({ team: String, version: Number, seats: Number }));
export async function addSeat(team: string): Promise<void> {
  ${readEachTime ? '' : 'const found = await Quota.findOne({ team }).lean();'}
  for (let attempt = 0; attempt < 4; attempt++) {
    ${readEachTime ? 'const found = await Quota.findOne({ team }).lean();' : ''}
    if (!found) {
      try {
        await Quota.create({ team, version: 0, seats: 1 });
        return;
      } catch (error: any) {
        if (error?.code !== 11000) throw error;
        continue;
      }
    }
    try {
      const written = await Quota.updateOne({ team, version: found.version }, { $inc: { seats: 1, version: 1 } });
      if (written.modifiedCount === 0) throw new StaleQuotaError(team);
      return;
    } catch (error) {
      if (!(error instanceof StaleQuotaError)) throw error;
    }
  }
  throw new Error('the quota kept changing');
}`;

/** A document written back with `If-Match`: the server refuses with 412 when it changed since it was read. */
const conditionalPut = (readEachTime: boolean) => `
export class EditedMeanwhileError extends Error {}
export async function rename(url: string, title: string) {
  ${readEachTime ? '' : 'const seen = await fetch(url, { signal: AbortSignal.timeout(5_000) });'}
  for (let round = 0; round < 3; round++) {
    ${readEachTime ? 'const seen = await fetch(url, { signal: AbortSignal.timeout(5_000) });' : ''}
    try {
      const body = JSON.stringify({ ...(await seen.clone().json()), title });
      const headers = { 'If-Match': seen.headers.get('etag') ?? '*' };
      const saved = await fetch(url, { method: 'PUT', body, headers, signal: AbortSignal.timeout(5_000) });
      if (saved.status === 412) throw new EditedMeanwhileError(url);
      return;
    } catch (error) {
      if (!(error instanceof EditedMeanwhileError)) throw error;
    }
  }
}`;

/** Bumping a counter document by upsert; failures are logged, not thrown. */
const counterBump = (tries: number, call: string) => `
import { MongoClient } from 'mongodb';
const counters = new MongoClient(process.env.MONGO_URL!, { serverSelectionTimeoutMS: 5_000 }).db().collection('counters');
export async function bump(name: string): Promise<void> {
  for (let i = 0; i < ${tries}; i++) {
    try {
      await ${call};
      return;
    } catch (error) {
      if (i === ${tries - 1}) console.warn('counter not bumped', name, error);
    }
  }
}`;
const upsert = `counters.updateOne({ name }, { $inc: { value: 1 } }, { upsert: true })`;

ruleTester.run('retry-requires-backoff: another writer got there first', backoff, {
  valid: [
    // Each round reads the quota again and writes from what it read; only a lost race goes round.
    quotaLoop(true),
    // A write refused with 412 because the document changed since it was read: read again, write again.
    conditionalPut(true),
    // A second upsert for the race of two first writers on the unique index: by then the document exists.
    counterBump(2, upsert),
    // Prisma's upsert, the same race.
    `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function markSeen(userId: string, postId: string) {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      return await prisma.view.upsert({ where: { userId_postId: { userId, postId } }, create: { userId, postId }, update: { at: new Date() } });
    } catch (error) {
      if (attempt === 1) throw error;
    }
  }
}`,
  ],
  invalid: [
    // Read once before the loop: every round sends the same stale write again.
    { code: quotaLoop(false), errors: [{ messageId: 'noDelay', line: 7, suggestions: 1 }] },
    { code: conditionalPut(false), errors: [{ messageId: 'noDelay', line: 5, suggestions: 1 }] },
    // Five upserts in a row after any error is a retry, not the race's one second try.
    { code: counterBump(5, upsert), errors: [{ messageId: 'noDelay', line: 5, suggestions: 1 }] },
    // A plain insert tried twice after any error: a retry.
    { code: counterBump(2, `counters.insertOne({ name, value: 1 })`), errors: [{ messageId: 'noDelay', line: 5, suggestions: 1 }] },
    // The control: a request sent again after any failure.
    {
      code: `
export async function saveProfile(url: string, body: string): Promise<Response> {
  let last: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await fetch(url, { method: 'PUT', body, signal: AbortSignal.timeout(5_000) });
    } catch (error) {
      last = error;
    }
  }
  throw last;
}`,
      errors: [{ messageId: 'noDelay', line: 4, suggestions: 1 }],
    },
  ],
});

/** A browser client's interceptor; `condition` says when it renews the session and sends the request again. */
const sessionClient = (condition: string) => `
import axios from 'axios';
const http = axios.create({ baseURL: '/api', withCredentials: true });
http.interceptors.response.use(
  (answer) => answer,
  async (failure) => {
    if (${condition}) {
      const renewed = await axios.post('/api/session/renew', {}, { withCredentials: true, timeout: 5_000 });
      if (renewed.data?.renewed) return http.request(failure.config);
    }
    return Promise.reject(failure);
  },
);`;

/** Runs a registry call; asked for a one-time password, calls itself with the one another caller has just entered. */
const withPasscode = (test: string, options: string) => `
export interface PasscodeStore { code: string | null }
export function withPasscode<T extends Record<string, unknown>>(call: (options: T) => Promise<unknown>, options: T, store: PasscodeStore): Promise<unknown> {
  return call(options).catch((error: any) => {
    if (error.code !== 'EOTP') throw error;
    if (${test}) return withPasscode(call, ${options}, store);
    throw error;
  });
}`;

ruleTester.run('retry-requires-backoff: a second try with renewed credentials', backoff, {
  valid: [
    // Re-sent only after the server refused the session (401) and a renewal worked.
    sessionClient(`failure.response?.status === 401 && failure.response.data?.reason === 'SESSION_EXPIRED'`),
    // Called again only when the stored passcode differs from the refused one, with the new one in its place.
    withPasscode(`store.code !== null && store.code !== options['otp']`, `{ ...options, otp: store.code }`),
  ],
  invalid: [
    // Re-sending after a 401 or any 5xx: the 5xx is a failing server, hit again at once.
    // (the fix makes the handler wait, longer each time, before it decides)
    { code: sessionClient(`failure.response?.status === 401 || failure.response?.status >= 500`), errors: [{ messageId: 'noDelay', line: 9, suggestions: 1 }] },
    // The refused passcode handed back unchanged: the same request again, at once.
    { code: withPasscode(`store.code !== null`, `options`), errors: [{ messageId: 'noDelay', line: 6, suggestions: 1 }] },
    // The control: an interceptor sending any failed request again.
    {
      code: `
import axios from 'axios';
const http = axios.create({ baseURL: '/api' });
http.interceptors.response.use((answer) => answer, async (failure) => http.request(failure.config));`,
      errors: [{ messageId: 'noDelay', line: 4, suggestions: [{ messageId: 'fixAddBackoff', output: `
import axios from 'axios';
const http = axios.create({ baseURL: '/api' });
http.interceptors.response.use((answer) => answer, async (failure) => { if (failure.config) { failure.config.backoffAttempt = (failure.config.backoffAttempt ?? 0) + 1; await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, 100 * 2 ** failure.config.backoffAttempt))); } return http.request(failure.config); });` }] }],
    },
  ],
});

ruleTester.run('no-unbounded-retry: re-sending after every renewal', unbounded, {
  valid: [
    // Marked once, re-sent once.
    `
import axios from 'axios';
const http = axios.create({ baseURL: '/api', withCredentials: true });
http.interceptors.response.use(
  (answer) => answer,
  async (failure) => {
    if (failure.response?.status === 401 && !failure.config._resent) {
      failure.config._resent = true;
      await axios.post('/api/session/renew', {}, { withCredentials: true, timeout: 5_000 });
      return http.request(failure.config);
    }
    return Promise.reject(failure);
  },
);`,
  ],
  invalid: [
    // Nothing stops it if the server keeps refusing the renewed session.
    {
      code: sessionClient(`failure.response?.status === 401`),
      errors: [{ messageId: 'unboundedReauth', line: 9, suggestions: 1 }],
    },
  ],
});

// Twenty-ninth round, F2 (a CI tool's test trigger): a batch POST refused for some of its items by id is sent again
// without them, only when the failure named some: each call sends fewer items and none the server refused, a descent
// over a shrinking list rather than a retry of the same request.
const startJobs = (again: string) => `type Job = { id: string };
declare function postJobs(jobs: Job[]): Promise<{ batch: string }>;
export async function startJobs(jobs: Job[]): Promise<{ batch: string; skipped: string[] }> {
  try {
    return { ...(await postJobs(jobs)), skipped: [] };
  } catch (error) {
    const refused = new Set<string>((error as { refused?: string[] }).refused ?? []);
    if (refused.size === 0) throw error;
    ${again}
  }
}`;

ruleTester.run('no-unbounded-retry: calling itself with its own list less what was refused', unbounded, {
  valid: [
    startJobs('const rest = jobs.filter((job) => !refused.has(job.id));\n    const next = await startJobs(rest);\n    return { ...next, skipped: [...refused, ...next.skipped] };'),
    startJobs('return startJobs(jobs.filter((job) => !refused.has(job.id)));'),
  ],
  invalid: [
    // the same list again: a retry with no limit
    { code: startJobs('return startJobs(jobs);'), errors: [{ messageId: 'unbounded', suggestions: 1 }] },
  ],
});
