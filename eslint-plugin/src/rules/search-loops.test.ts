import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from './no-try-outside-loop.js';

const ruleTester = new RuleTester();

/**
 * A loop that searches (asks until an answer passes a test, then leaves) has no items to go on with: if one lookup
 * fails, the search has failed. Met on a tune set (the eighteenth round): a route's one try/catch around a loop that
 * looks for a free folder name ("Reports (2)"). The controls are loops over independent items, each of which could
 * fail alone, and stay reported.
 */

const freeNameWhile = `
import { PrismaClient } from '@prisma/client';
const db = new PrismaClient();
export async function createAlbum(owner: string, title: string): Promise<string | undefined> {
  try {
    let candidate = title;
    let suffix = 1;
    while (suffix <= 30) {
      const clash = await db.album.findFirst({ where: { owner, title: candidate } });
      if (!clash) break;
      candidate = title + ' ' + suffix;
      suffix++;
    }
    const album = await db.album.create({ data: { owner, title: candidate } });
    return album.id;
  } catch (error) {
    console.error('album not created', error);
    return undefined;
  }
}`;

const freeNameDoWhile = `
import { PrismaClient } from '@prisma/client';
const db = new PrismaClient();
export async function pickSlug(base: string): Promise<string> {
  let slug = base;
  try {
    let clash;
    let round = 0;
    do {
      clash = await db.page.findUnique({ where: { slug } });
      if (clash) slug = base + '-' + ++round;
    } while (clash && round < 20);
  } catch (error) {
    console.error('slug lookup failed', error);
  }
  return slug;
}`;

// Control: each viewer's notification is its own; one failure silently ends the others'.
const notifyEach = `
export async function notifyAll(viewers: string[]): Promise<void> {
  try {
    for (const viewer of viewers) {
      await fetch('https://hooks.example.org/notify', { method: 'POST', body: viewer, signal: AbortSignal.timeout(5_000) });
    }
  } catch (error) {
    console.error('notify failed', error);
  }
}`;

// Control: a worker leaves when the queue is empty, but processes each job it takes, and a job can fail alone.
const drainQueue = `
import { PrismaClient } from '@prisma/client';
const db = new PrismaClient();
export async function drain(): Promise<void> {
  try {
    while (true) {
      const job = await db.job.findFirst({ where: { done: false } });
      if (!job) break;
      await fetch('https://render.example.org/jobs/' + job.id, { method: 'PUT', signal: AbortSignal.timeout(5_000) });
      await db.job.update({ where: { id: job.id }, data: { done: true } });
    }
  } catch (error) {
    console.error('drain stopped', error);
  }
}`;

// Control: trying mirrors in turn until one answers: each mirror can fail alone, and the next one should be tried.
const firstMirror = `
export async function firstAnswering(mirrors: string[]): Promise<string | undefined> {
  let found: string | undefined;
  try {
    for (const mirror of mirrors) {
      const answer = await fetch(mirror + '/health', { signal: AbortSignal.timeout(3_000) });
      if (answer.ok) {
        found = mirror;
        break;
      }
    }
  } catch (error) {
    console.error('no mirror', error);
  }
  return found;
}`;

ruleTester.run('no-try-outside-loop: searches', rule, {
  valid: [freeNameWhile, freeNameDoWhile],
  invalid: [
    { code: notifyEach, errors: [{ messageId: 'tryOutsideLoop', line: 3, suggestions: 2 }] },
    { code: drainQueue, errors: [{ messageId: 'tryOutsideLoop', line: 5, suggestions: 1 }] },
    { code: firstMirror, errors: [{ messageId: 'tryOutsideLoop', line: 4, suggestions: 2 }] },
  ],
});
