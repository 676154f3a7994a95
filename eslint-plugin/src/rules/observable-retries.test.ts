import { RuleTester } from '@typescript-eslint/rule-tester';
import { createRequire } from 'node:module';
import { Observable } from 'rxjs';
import ts from 'typescript';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import backoff from './retry-requires-backoff.js';
import unbounded from './no-unbounded-retry.js';
import nonIdempotent from './no-retry-non-idempotent.js';

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
    { code: rejoin(), errors: [{ messageId: 'unbounded', line: 6, suggestions: 1 }] },
    // a count that only grows the wait ends nothing
    { code: rejoin('let rejoins = 0;', 'rejoins++;'), errors: [{ messageId: 'unbounded', line: 6, suggestions: 1 }] },
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
    { code: rejoin('let rejoins = 0;', 'if (++rejoins > 5) return throwError(() => failure);'), errors: [{ messageId: 'constantDelay', line: 9, suggestions: 1 }] },
    { code: rejoin(), errors: [{ messageId: 'constantDelay', line: 9, suggestions: 1 }] },
    { code: polled('retry({ count: 5, delay: 1_000 })'), errors: [{ messageId: 'constantDelay', suggestions: 1 }] },
    { code: polled('retry(3)'), errors: [{ messageId: 'noDelay', line: 4, suggestions: 1 }] },
  ],
});

// A sign-in service posting a login to its identity server: RxJS sends the POST again on each failure its retry goes
// round for. A delay that rethrows everything but a conflict (a 409 its own handler raises once it has linked the
// account) sends it again only after the server answered and refused: nothing was applied twice.
const signIn = (delay: string, method = '') => `import { HttpService } from '@nestjs/axios';
import { Injectable } from '@nestjs/common';
import { retry, timer } from 'rxjs';
@Injectable()
export class SignInService {
  constructor(private readonly http: HttpService) {}
  ${method}
  login(form: string) {
    return this.http.post('https://id.example.org/realms/main/token', form, { timeout: 8_000 }).pipe(retry({ count: 2, delay: ${delay} }));
  }
}`;

ruleTester.run('no-retry-non-idempotent: RxJS retry', nonIdempotent, {
  valid: [
    signIn('this.afterConflict', 'private afterConflict(error: { status?: number }) { if (error.status === 409) return timer(1_000); throw error; }'),
    signIn('(error: { status?: number }) => { if (error.status !== 429) throw error; return timer(2_000); }'),
  ],
  invalid: [
    { code: signIn('1_000'), errors: [{ messageId: 'retriedRequest', line: 9, suggestions: 1 }] },
    // server errors go round: the login may have been applied before the 500
    {
      code: signIn('this.afterServerError', 'private afterServerError(error: { status?: number }) { if ((error.status ?? 0) >= 500) return timer(1_000); throw error; }'),
      errors: [{ messageId: 'retriedRequest', line: 9, suggestions: 1 }],
    },
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

describe('the fixes for a `catchError` that subscribes to `caught` again', () => {
  const RETRY_RULES = ['resilint/no-unbounded-retry', 'resilint/retry-requires-backoff'];
  const applyFirst = (source: string, rule: string): string => {
    const [finding] = lint(source, 'rejoin.ts').findings.filter((found) => found.ruleId === rule);
    const [suggestion] = finding!.suggestions;
    return source.slice(0, suggestion!.range[0]) + suggestion!.text + source.slice(suggestion!.range[1]);
  };
  const bothFixes = (source: string, first: string, second: string): string => applyFirst(applyFirst(source, first), second);
  const retryFindings = (source: string) => lint(source, 'rejoin.ts').findings.filter((found) => RETRY_RULES.includes(found.ruleId));

  it('keep the selector and its `rejoined` event, and compile against rxjs\'s own types in either order', { timeout: 60_000 }, () => {
    const boundFirst = bothFixes(rejoin(), ...RETRY_RULES as [string, string]);
    const backoffFirst = bothFixes(rejoin(), RETRY_RULES[1]!, RETRY_RULES[0]!);
    for (const fixed of [boundFirst, backoffFirst]) {
      expect(fixed).toContain("concat(of({ kind: 'rejoined' as const }), timer(Math.random() * Math.min(30_000, 1_500 * 2 ** resubscriptions");
      expect(fixed).toContain('tap(() => { resubscriptions = 0; }),');
      expect(retryFindings(fixed)).toEqual([]);
    }
    expect(boundFirst).toContain('if (++resubscriptions > 3) return throwError(() => failure);');
    expect(backoffFirst).toContain('if (resubscriptions >= 3) return throwError(() => failure);');
    // a selector with no wait: `caught` waits behind a timer
    const bare = "import { catchError, type Observable } from 'rxjs';\nexport const rejoining = <T>(feed: Observable<T>) => feed.pipe(catchError((_failure, caught) => caught));\n";
    const spaced = bothFixes(bare, ...RETRY_RULES as [string, string]);
    expect(spaced).toContain('timer(Math.random() * Math.min(30_000, 100 * 2 ** resubscriptions)).pipe(switchMap(() => caught))');
    expect(retryFindings(spaced)).toEqual([]);
    expect(typeErrors([boundFirst, backoffFirst, spaced])).toEqual([[], [], []]);
  });

  afterEach(() => vi.restoreAllMocks());

  /** The fixed module, compiled as TypeScript would and run here, with rxjs itself. */
  const load = (source: string) => {
    const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
    const module = { exports: {} as Record<string, unknown> };
    new Function('require', 'module', 'exports', outputText)(createRequire(import.meta.url), module, module.exports);
    return module.exports as { rejoinOnDrop: () => (feed: Observable<string>) => Observable<unknown>; LinkDroppedError: new (message: string) => Error };
  };
  const runnable = (source: string) => source.replace('declare class LinkDroppedError', 'export class LinkDroppedError').replace('timer(1_500)', 'timer(100)');

  it('at run time, waits longer before each resubscription and stops after 3 failures in a row', { timeout: 30_000 }, async () => {
    const { rejoinOnDrop, LinkDroppedError } = load(bothFixes(runnable(rejoin()), ...RETRY_RULES as [string, string]));
    // the top of each random wait, to measure it
    vi.spyOn(Math, 'random').mockReturnValue(1);
    const connectedAt: number[] = [];
    const feed = new Observable<string>((subscriber) => {
      connectedAt.push(Date.now());
      // the third connection delivers an update before it drops: the failures in a row are counted again
      if (connectedAt.length === 3) subscriber.next('update');
      subscriber.error(new LinkDroppedError('link dropped'));
    });
    const seen: unknown[] = [];
    const ended = await new Promise((resolve) => {
      feed.pipe(rejoinOnDrop()).subscribe({ next: (value) => seen.push(value), error: resolve, complete: () => resolve('completed') });
    });
    expect(ended).toBeInstanceOf(LinkDroppedError);
    expect(connectedAt).toHaveLength(6);
    expect(seen.filter((value) => value === 'update')).toHaveLength(1);
    expect(seen.filter((value) => typeof value === 'object')).toHaveLength(5);
    const waits = connectedAt.slice(1).map((at, index) => at - connectedAt[index]!);
    // 100 ms doubling from the second failure in a row: 200, 400; counted again after the update: 200, 400, 800
    [200, 400, 200, 400, 800].forEach((least, index) => expect(waits[index]).toBeGreaterThanOrEqual(least - 2));
  });

  it('at run time, the unfixed selector rejoins every 100 ms for as long as the feed fails', { timeout: 10_000 }, async () => {
    const { rejoinOnDrop, LinkDroppedError } = load(runnable(rejoin()));
    let connections = 0;
    const feed = new Observable<string>((subscriber) => {
      connections++;
      subscriber.error(new LinkDroppedError('link dropped'));
    });
    let ended = false;
    const subscription = feed.pipe(rejoinOnDrop()).subscribe({ error: () => (ended = true) });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    subscription.unsubscribe();
    expect(ended).toBe(false);
    expect(connections).toBeGreaterThanOrEqual(8);
  });
});
