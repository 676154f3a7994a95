import type { TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../create-rule.js';
import { environmentAt } from '../analysis/code-environment.js';
import { getSettings } from '../analysis/settings.js';
import { withFileNodes } from '../analysis/loops.js';
import { getRetries, type RetryConstruct } from '../analysis/retries.js';
import { backoffSuggestions, fixMessages } from '../fixes/suggestions.js';

export type Options = [{ requireJitter?: boolean; allowFixedDelayUpTo?: number; checkPages?: boolean }];
/**
 * No fixed wait between attempts was ever judged worth acting on in real code when the retry stopped after a few
 * (four 500 ms waits flushing a buffer were judged debatable); the resilience libraries' own defaults are a fixed
 * wait over three or four attempts (Polly, resilience4j). `recommended` leaves those alone, `strict` reports them.
 */
const DEFAULT_FIXED_DELAY_ATTEMPTS = 4;
/**
 * A page or a desktop app trying a request once or twice more, at once (an Angular interceptor's `retry(1)`): its one
 * user's retries are spread over time by their clicks, and the load they add in an outage is bounded to a few times
 * what the clients sent anyway. Reviewers judged it no problem; more attempts, or no bound, are still reported.
 */
const CLIENT_IMMEDIATE_ATTEMPTS = 2;

export type MessageIds = 'noDelay' | 'pollWithoutWait' | 'constantDelay' | 'noJitter' | 'fixAddBackoff' | 'fixSpreadLongWait' | 'fixFixedPause' | 'fixFixedPauseFewer' | 'fixNoClientRetry';

export default createRule<Options, MessageIds>({
  name: 'retry-requires-backoff',
  meta: {
    type: 'problem',
    hasSuggestions: true,
    docs: {
      description: 'Require retries to wait a growing (and optionally randomised) delay between attempts',
      recommended: true,
    },
    schema: [
      {
        type: 'object',
        properties: {
          requireJitter: {
            type: 'boolean',
            description: 'Also require the delay to be randomised (jitter).',
          },
          allowFixedDelayUpTo: {
            type: 'integer',
            minimum: 0,
            description:
              'Leave alone a fixed wait in a retry whose attempts are counted against a number no greater than this (`attempt < 3`): it stops before clients could pile up in lock-step. 0 reports every fixed wait.',
          },
          checkPages: {
            type: 'boolean',
            description: 'Also report retries in code that runs in a page: there the tab\'s life bounds them and the person at it sees them wait.',
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      noDelay:
        '{{retry}} tries again at once after a failure: every attempt hits a dependency that has just failed. Wait between attempts and grow the wait each time (exponential backoff).',
      pollWithoutWait:
        '{{retry}} asks again at once while the answer says "not ready": it sends requests as fast as the service can answer them. Wait between polls (for polling a fixed interval is fine).',
      constantDelay:
        '{{retry}} waits the same time before every attempt, so clients that failed together keep retrying in lock-step against a struggling dependency. Grow the delay with each attempt (exponential backoff).',
      noJitter:
        '{{retry}} backs off without randomness, so clients that failed together retry together. Randomise the delay (jitter).',
      fixAddBackoff: fixMessages.fixAddBackoff,
      fixSpreadLongWait: fixMessages.fixSpreadLongWait,
      fixFixedPause: fixMessages.fixFixedPause,
      fixFixedPauseFewer: fixMessages.fixFixedPauseFewer,
      fixNoClientRetry: fixMessages.fixNoClientRetry,
    },
  },
  defaultOptions: [{ requireJitter: false, allowFixedDelayUpTo: DEFAULT_FIXED_DELAY_ATTEMPTS, checkPages: false }],
  create(context, [{ requireJitter = false, allowFixedDelayUpTo = DEFAULT_FIXED_DELAY_ATTEMPTS, checkPages = false }]) {
    return withFileNodes(context.sourceCode, {
      'Program:exit'() {
        for (const retry of getRetries(context)) {
          const messageId = problemOf(retry, requireJitter, allowFixedDelayUpTo);
          if (!messageId) continue;
          const inPage = environmentAt(retry.node, context.sourceCode, context.physicalFilename, getSettings(context)) === 'browser';
          if (inPage && (!checkPages || fewAttemptsFromClient(retry))) continue;
          context.report({
            loc: where(retry),
            messageId,
            data: { retry: capitalise(retry.name) },
            suggest: backoffSuggestions(context, retry, allowFixedDelayUpTo),
          });
        }
      },
    });
  },
});

/**
 * Trying again after another writer got there first, or after renewing refused credentials, retries nothing that
 * failed, so there is nothing to back off from; polling waits for work to finish, for which a fixed interval is
 * right, but not no wait at all. Work that stays with the program on this machine (see local-work.ts) loads no
 * dependency that others share: trying it again at once is no stampede.
 */
function problemOf(retry: RetryConstruct, requireJitter: boolean, allowFixedDelayUpTo: number): MessageIds | undefined {
  if (retry.cause === 'conflict' || retry.cause === 'reauthenticated') return undefined;
  if (retry.cause === 'not-ready') return retry.delay === 'none' ? 'pollWithoutWait' : undefined;
  // A Node script of its own in a child process, files: a local flake, and no shared dependency to spare; without a
  // bound, though, trying again at once spins on a crash, and the wait is part of the remedy.
  if (retry.ownCodeOnly && retry.bound !== 'none' && (retry.delay === 'none' || retry.delay === 'constant')) return undefined;
  // The client waits between its own attempts (growing waits), inside each of this retry's.
  if (retry.clientBacksOff && (retry.delay === 'none' || retry.delay === 'constant')) return undefined;
  if (retry.delay === 'none') return 'noDelay';
  // A fixed wait plus a random span written out (`60_000 + Math.random() * 120_000`): clients no longer retry in
  // lock-step. A library's randomisation may be clamped away (async-retry's `minTimeout === maxTimeout`).
  if (retry.delay === 'constant') {
    if (retry.jitter === true && retry.kind !== 'library') return undefined;
    // A few attempts a second apart end before a crowd of clients could keep a struggling service down.
    const few = retry.bound === 'attempts' && retry.attemptLimit !== undefined && retry.attemptLimit <= allowFixedDelayUpTo;
    return few ? undefined : 'constantDelay';
  }
  if (retry.delay === 'growing' && requireJitter && retry.jitter === false) return 'noJitter';
  return undefined;
}

/** A retry that stops after `CLIENT_IMMEDIATE_ATTEMPTS` more attempts at most, with no wait or a fixed one. */
function fewAttemptsFromClient(retry: RetryConstruct): boolean {
  return retry.bound === 'attempts' && retry.attemptLimit !== undefined && retry.attemptLimit <= CLIENT_IMMEDIATE_ATTEMPTS
    && (retry.delay === 'none' || retry.delay === 'constant');
}

function where(retry: RetryConstruct): TSESTree.SourceLocation {
  return retry.kind === 'library' && retry.delayNode ? retry.delayNode.loc : retry.loc;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
