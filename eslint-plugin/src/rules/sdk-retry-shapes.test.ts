import { RuleTester } from '@typescript-eslint/rule-tester';
import unbounded from './no-unbounded-retry.js';

const ruleTester = new RuleTester();

/**
 * An SDK's request layer (met on datocms's clients, the thirty-fourth round) calling itself again on a 429 after the
 * wait the server names, and on an error the API marks transient after a growing wait, with its count kept in its
 * options (`attempt: attempt + 1`, read back as `opts.attempt || 1`). The count is never compared: an error the API
 * keeps calling transient is sent again for ever.
 */
const layer = (transientTest = '!res.ok && data.errors?.some((e) => e.transient)') => `const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Opts = { url: string; attempt?: number };
export async function call(opts: Opts): Promise<unknown> {
  const attempt = opts.attempt || 1;
  const res = await fetch(opts.url, { signal: AbortSignal.timeout(30_000) });
  if (res.status === 429) {
    await pause(Number(res.headers.get('retry-after')) * 1000);
    return call({ ...opts, attempt: attempt + 1 });
  }
  const data = (await res.json()) as { errors?: { transient?: boolean }[] };
  if (${transientTest}) {
    await pause(attempt * 1000);
    return call({ ...opts, attempt: attempt + 1 });
  }
  return data;
}
`;

/** A job poll whose "not there yet" is a 404 thrown by the request and caught inside the loop. */
const jobPoll = (before = '', inCatch = '') => `const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
class NotFound extends Error {}
async function jobResult(id: string): Promise<{ status: number }> {
  const res = await fetch(\`https://api.example.com/job-results/\${id}\`, { signal: AbortSignal.timeout(10_000) });
  if (res.status === 404) throw new NotFound(id);
  return (await res.json()) as { status: number };
}
export async function waitForJob(id: string) {
  let result: { status: number } | undefined;
  ${before}do {
    try {
      await pause(1_000);
      result = await jobResult(id);
    } catch (e) {
      ${inCatch}if (!(e instanceof NotFound)) throw e;
    }
  } while (!result);
  return result;
}
`;

/**
 * The same layer with its options handed on whole (`{ ...options, retryCount: retryCount + 1 }`), going round on a 429
 * or an answer that is no JSON (a proxy's error page), and, in its catch, on its own timeout at most 5 times: that
 * count bounds the catch's way round only.
 */
const wholeOptions = (firstTest = 'res.status === 429 || notJson') => `const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Options = { url: string; method: string; retryCount?: number; autoRetry?: boolean };
class TimedOut extends Error {}
export async function send(options: Options): Promise<unknown> {
  const retryCount = options.retryCount || 1;
  const autoRetry = 'autoRetry' in options ? options.autoRetry : true;
  try {
    const res = await fetch(options.url, { method: options.method, signal: AbortSignal.timeout(30_000) });
    const notJson = !res.headers.get('content-type')?.includes('application/json');
    if (${firstTest}) {
      await pause(retryCount * 1000);
      return send({ ...options, retryCount: retryCount + 1 });
    }
    return await res.json();
  } catch (error) {
    if (error instanceof TimedOut && autoRetry && retryCount < 5) {
      await pause(retryCount * 1000);
      return send({ ...options, retryCount: retryCount + 1 });
    }
    throw error;
  }
}
`;

ruleTester.run('no-unbounded-retry (an SDK request layer)', unbounded, {
  valid: [
    // the count compared: bounded
    layer('!res.ok && data.errors?.some((e) => e.transient) && attempt < 5'),
    { code: jobPoll('const deadline = Date.now() + 10 * 60_000;\n  ', 'if (Date.now() > deadline) throw e;\n      ') },
    wholeOptions('(res.status === 429 || notJson) && retryCount < 5'),
  ],
  invalid: [
    {
      // the 429 is paced by the server; the transient errors are not, and nothing caps them. The fix stops on the
      // count the options already carry (from 1: stop once 3 are made), not a count of its own.
      code: layer(),
      errors: [{ messageId: 'unbounded', line: 13, suggestions: [{ messageId: 'fixAddBound', output: layer('!(attempt >= 3) && (!res.ok && data.errors?.some((e) => e.transient))') }] }],
    },
    {
      code: wholeOptions(),
      errors: [{ messageId: 'unbounded', line: 12, suggestions: 1 }],
    },
    {
      code: jobPoll(),
      errors: [{ messageId: 'unboundedPoll', line: 10, suggestions: [{ messageId: 'fixAddDeadline', output: jobPoll('const deadline = Date.now() + 10 * 60_000;\n  ', 'if (Date.now() > deadline) throw e;\n      ') }] }],
    },
  ],
});
