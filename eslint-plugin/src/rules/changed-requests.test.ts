import { RuleTester } from '@typescript-eslint/rule-tester';
import backoff from './retry-requires-backoff.js';
import unbounded from './no-unbounded-retry.js';

const ruleTester = new RuleTester();

/**
 * Repeats that send something else the second time, read as retries of a failing dependency on a tune set (the
 * eighteenth round: a model loader switching to a mirror, a pull-request update re-sent without the reviewers a 409
 * refused, a lock-file update re-run without the packages already up to date, a helper re-running an edit only after a
 * version conflict). Each control sends the same request again after any failure and stays reported.
 */

const mirrorFailover = `
const PRIMARY_CDN = 'https://cdn.example.org/models';
const BACKUP_CDN = 'https://backup.example.org/models';
export class ModelFetcher {
  static origin = PRIMARY_CDN;
  async download(file: string): Promise<ArrayBuffer> {
    try {
      const answer = await fetch(ModelFetcher.origin + '/' + file, { signal: AbortSignal.timeout(20_000) });
      return await answer.arrayBuffer();
    } catch (failure) {
      if (ModelFetcher.origin === BACKUP_CDN) throw failure;
      ModelFetcher.origin = BACKUP_CDN;
      return this.download(file);
    }
  }
}`;

// The same catch with a flag that only remembers the second try: the same host is asked again at once.
const secondTryFlag = `
export class ModelFetcher {
  static triedTwice = false;
  async download(file: string): Promise<ArrayBuffer> {
    try {
      const answer = await fetch('https://cdn.example.org/models/' + file, { signal: AbortSignal.timeout(20_000) });
      return await answer.arrayBuffer();
    } catch (failure) {
      if (ModelFetcher.triedTwice === true) throw failure;
      ModelFetcher.triedTwice = true;
      return this.download(file);
    }
  }
}`;

const anyFailureAgain = `
export class ModelFetcher {
  async download(file: string): Promise<ArrayBuffer> {
    try {
      const answer = await fetch('https://cdn.example.org/models/' + file, { signal: AbortSignal.timeout(20_000) });
      return await answer.arrayBuffer();
    } catch (failure) {
      return this.download(file);
    }
  }
}`;

const withoutRefusedLabels = `
import got from 'got';
interface Refusal extends Error { statusCode?: number; unknownLabels?: string[] }
export async function tagIssue({ id, labels, skip }: { id: number; labels: string[]; skip?: string[] }): Promise<void> {
  const kept = labels.filter((label) => !skip?.includes(label));
  try {
    await got.put('https://tracker.example.org/issues/' + id, { json: { labels: kept }, timeout: { request: 30_000 } });
  } catch (error) {
    const refusal = error as Refusal;
    if (refusal.statusCode === 409 && refusal.unknownLabels && !skip) {
      await tagIssue({ id, labels, skip: refusal.unknownLabels });
      return;
    }
    throw error;
  }
}`;

// Control: on a 503 the same labels are sent again, with the error only kept for the log.
const sameLabelsAfterOutage = `
import got from 'got';
interface Refusal extends Error { statusCode?: number }
export async function tagIssue({ id, labels, previous }: { id: number; labels: string[]; previous?: Error }): Promise<void> {
  if (previous) console.warn('tagging again after', previous.message);
  try {
    await got.put('https://tracker.example.org/issues/' + id, { json: { labels }, timeout: { request: 30_000 } });
  } catch (error) {
    const refusal = error as Refusal;
    if (refusal.statusCode === 503) {
      await tagIssue({ id, labels, previous: refusal });
      return;
    }
    throw error;
  }
}`;

const withoutSettledPackages = (shrinks: string) => `
import { readFile } from 'node:fs/promises';
export async function lockUpdate({ dir, packages }: { dir: string; packages: string[] }, depth = 5): Promise<string | null> {
  try {
    await fetch('https://registry.example.org/notify', { method: 'PUT', body: packages.join(','), signal: AbortSignal.timeout(10_000) });
    return await readFile(dir + '/lock', 'utf8');
  } catch (error) {
    const lock = await readFile(dir + '/lock', 'utf8');
    const remaining = ${shrinks};
    if (depth > 0 && remaining.length < packages.length) {
      return lockUpdate({ dir, packages: remaining }, depth - 1);
    }
    return null;
  }
}`;

const conflictHelper = (only: string) => `
import got from 'got';
const EDITED_MEANWHILE = 'edited-meanwhile';
const api = got.extend({ prefixUrl: 'https://wiki.example.org/api', timeout: { request: 30_000 } });
async function appendLine(page: string, line: string): Promise<void> {
  const current = await api.get('pages/' + page).json<{ revision: number; text: string }>();
  try {
    await api.put('pages/' + page, { json: { revision: current.revision, text: current.text + line } });
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 409) throw new Error(EDITED_MEANWHILE);
    throw error;
  }
}
async function repeatOn<A extends unknown[]>(work: (...args: A) => Promise<void>, args: A, tries: number, retryOn: string[]): Promise<void> {
  let last: Error | undefined;
  for (let round = 0; round < tries; round++) {
    try {
      return await work(...args);
    } catch (error) {
      last = error as Error;
      if (retryOn.length !== 0 && !retryOn.includes(last.message)) throw error;
    }
  }
  throw last;
}
export async function addNote(page: string, line: string): Promise<void> {
  await repeatOn(appendLine, [page, line], 3, ${only});
}`;

ruleTester.run('retry-requires-backoff: a second try that sends something else', backoff, {
  valid: [
    // Switching once to a backup host: the second request goes elsewhere, and a failure there is thrown.
    mirrorFailover,
    // Re-sent once without what the 409 named: a corrected request, not the same one to a failing server.
    withoutRefusedLabels,
    // Re-run with the packages the first run settled left out, only while the list shrinks.
    withoutSettledPackages(`packages.filter((name) => !lock.includes(name + '@'))`),
    // A helper re-running the edit only on the error its caller names, thrown after a version conflict: the edit
    // reads the page again each time (optimistic concurrency), so waiting gains nothing.
    conflictHelper(`[EDITED_MEANWHILE]`),
  ],
  invalid: [
    { code: secondTryFlag, errors: [{ messageId: 'noDelay', line: 11, suggestions: 1 }] },
    { code: anyFailureAgain, errors: [{ messageId: 'noDelay', line: 8, suggestions: 1 }] },
    { code: sameLabelsAfterOutage, errors: [{ messageId: 'noDelay', line: 11, suggestions: 1 }] },
    // The same list again: nothing shrinks, so each run is the same request.
    { code: withoutSettledPackages(`packages.slice()`), errors: [{ messageId: 'noDelay', line: 11, suggestions: 1 }] },
    // Called with no list, the helper re-runs the edit after any failure.
    { code: conflictHelper(`[]`), errors: [{ messageId: 'noDelay', line: 16, suggestions: 1 }] },
  ],
});

ruleTester.run('no-unbounded-retry: a second try that sends something else', unbounded, {
  valid: [mirrorFailover, withoutRefusedLabels],
  invalid: [
    { code: anyFailureAgain, errors: [{ messageId: 'unbounded', line: 8, suggestions: 1 }] },
    { code: sameLabelsAfterOutage, errors: [{ messageId: 'unbounded', line: 11, suggestions: 1 }] },
  ],
});
