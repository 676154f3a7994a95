import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import backoff from './retry-requires-backoff.js';
import unbounded from './no-unbounded-retry.js';

const ruleTester = new RuleTester();

/**
 * RxJS subscribes to a failed observable again: `retry()`, `retry({ count, delay })`, `retryWhen(...)`, and a
 * `catchError` that answers with `caught`, the source that failed. From a content client whose live listener
 * reconnected every second, for ever and in lock-step, on 5xx and 429 answers.
 */

// a live feed that rejoins after a dropped link: once a second, however often it drops
const rejoin = (counter = '', check = '') => `import { catchError, concat, mergeMap, of, throwError, timer, type Observable, type OperatorFunction } from 'rxjs';
declare class LinkDroppedError extends Error { status?: number }
export function rejoinOnDrop<T>(): OperatorFunction<T, T | { kind: 'rejoined' }> {
  ${counter}
  return (feed: Observable<T>) => feed.pipe(
    catchError((failure, caught) => {
      ${check}
      if (failure instanceof LinkDroppedError && (failure.status === undefined || failure.status >= 500 || failure.status === 429)) {
        return concat(of({ kind: 'rejoined' as const }), timer(1_500).pipe(mergeMap(() => caught)));
      }
      return throwError(() => failure);
    }),
  );
}`;
const polled = (operator: string) => `import { ajax } from 'rxjs/ajax';
import { delay, retry, retryWhen, timer } from 'rxjs';
declare function backoffFor(attempt: number): number;
export const inventory$ = (sku: string) => ajax.getJSON<{ count: number }>(\`https://stock.example.net/items/\${sku}\`).pipe(${operator});`;

ruleTester.run('no-unbounded-retry: RxJS resubscription', unbounded, {
  valid: [
    polled('retry({ count: 5, delay: (error, attempt) => timer(backoffFor(attempt)) })'),
    polled('retry(4)'),
    // a count kept outside the selector
    rejoin('let rejoins = 0;', 'if (++rejoins > 5) return throwError(() => failure);'),
    // a fallback value, no resubscription
    `import { catchError, of } from 'rxjs';
import { ajax } from 'rxjs/ajax';
export const banner$ = ajax.getJSON<string>('https://cms.example.net/banner').pipe(catchError(() => of('')));`,
  ],
  invalid: [
    { code: rejoin(), errors: [{ messageId: 'unbounded', line: 6 }] },
    { code: polled('retry({ delay: 1_000 })'), errors: [{ messageId: 'unbounded', line: 4, suggestions: 1 }] },
    { code: polled('retry()'), errors: [{ messageId: 'unbounded', line: 4, suggestions: 1 }] },
    { code: polled('retryWhen((failures) => failures.pipe(delay(3_000)))'), errors: [{ messageId: 'unbounded', line: 4 }] },
  ],
});

ruleTester.run('retry-requires-backoff: RxJS resubscription', backoff, {
  valid: [
    polled('retry({ count: 5, delay: (error, attempt) => timer(backoffFor(attempt)) })'),
    polled('retry({ count: 5, delay: (error, attempt) => timer(Math.random() * 2 ** attempt * 100) })'),
  ],
  invalid: [
    // every listener rejoins 1.5 s after the drop: all of them together
    { code: rejoin('let rejoins = 0;', 'if (++rejoins > 5) return throwError(() => failure);'), errors: [{ messageId: 'constantDelay', line: 9 }] },
    { code: polled('retry({ count: 5, delay: 1_000 })'), errors: [{ messageId: 'constantDelay', suggestions: 1 }] },
    { code: polled('retry(3)'), errors: [{ messageId: 'noDelay', line: 4, suggestions: 1 }] },
  ],
});

describe('the fixes for RxJS retry', () => {
  it('add a count and a growing wait with jitter, compiling against rxjs\'s own types', { timeout: 60_000 }, () => {
    const apply = (source: string, rule: string): string => {
      const [finding] = lint(source, 'inventory.ts').findings.filter((found) => found.ruleId === rule);
      const [suggestion] = finding!.suggestions;
      return source.slice(0, suggestion!.range[0]) + suggestion!.text + source.slice(suggestion!.range[1]);
    };
    const bounded = apply(polled('retry({ delay: 1_000 })'), 'resilint/no-unbounded-retry');
    const backedOff = apply(polled('retry({ count: 5, delay: 1_000 })'), 'resilint/retry-requires-backoff');
    const counted = apply(polled('retry(3)'), 'resilint/retry-requires-backoff');
    expect(bounded).toContain('retry({ delay: 1_000, count: 3 })');
    expect(backedOff).toContain('retry({ count: 5, delay: (_error, attempt) => timer(Math.random() * Math.min(30_000, 100 * 2 ** attempt)) })');
    expect(counted).toContain('retry({ count: 3, delay: (_error, attempt) => timer(');
    expect(typeErrors([bounded, backedOff, counted])).toEqual([[], [], []]);
    // and the fixed retries are judged bounded and backing off
    expect(lint(backedOff, 'inventory.ts').findings.filter((found) => found.ruleId.startsWith('resilint/retry') || found.ruleId === 'resilint/no-unbounded-retry')).toEqual([]);
  });
});
