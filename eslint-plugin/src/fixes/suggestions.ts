import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { RuleContext } from '@typescript-eslint/utils/ts-eslint';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import type { ExternalCall } from '../analysis/external-calls.js';
import { getSettings } from '../analysis/settings.js';
import { rootOf } from '../analysis/syntax.js';
import { callTextWithOption, instanceTimeoutOptions, nativeTimeoutOption } from './call-options.js';
import { objectTextWith } from './object-literal.js';
import { clientSpecificTimeout } from './client-timeouts.js';
import { planBreaker } from './circuit-breaker.js';
import { dependencyName } from './dependency-name.js';
import type { RetryConstruct } from '../analysis/retries.js';
import { addBackoff, addBound, addDeadline, addFixedPause, addPollLimit, libraryPollLimit } from './retry-fixes.js';
import { catchEachCall, settleEachThenThrow } from './all-settled.js';
import { addStableIdempotencyKey, stopRetryingNonIdempotent } from './idempotency-key.js';
import { retryOnlyWhenNotApplied } from './retry-when-not-applied.js';
import { sendOnceThroughRetry } from './send-once.js';
import type { RetriedRequest } from '../analysis/idempotency.js';
import type { NonCancellingTimeout } from '../analysis/cancellation.js';
import { failsByEvent, getExternalCalls } from '../analysis/external-calls.js';
import { cooperativeTimeout, helperRaceToRuntimeTimeout, helperTakesSignal, passSignalToCalls, pTimeoutToRuntimeTimeout, raceToRuntimeTimeout } from './timeout-cancellation.js';
import { abortOnTimer } from './timer-aborts.js';
import { moveTryIntoLoop, rethrowFromCatch } from './move-try-into-loop.js';
import { awaitEveryPromise, droppedMapLabel, logEveryFailure, settleEveryPromiseThenThrow } from './dropped-map.js';
import { addCatchHandler, addErrorListener, awaitCall, executorReject, rejectInAsyncExecutor, rejectOnError, returnedFromListener, wrapBodyInTryCatch, wrapStatementInTryCatch } from './handle-failure.js';
import type { FunctionNode } from '../analysis/loops.js';
import { SourceEdits } from './source-edits.js';
import { letInitTypeTakeSignal } from './declared-init-types.js';
import { runtimeAvailable } from './runtime-import.js';
import { stopWaitingInPlace } from './stop-waiting.js';
import { spreadLongWait } from './long-waits.js';
import { retryOnlyWhenRefused } from './retry-when-refused.js';
import { boundResponseHeaders, readsResponseAsStream } from './streamed-responses.js';
import { boundIdleRequest, streamedRequest } from './streamed-requests.js';
import { boundUploadSilences, streamedFetchUpload } from './streamed-uploads.js';
import { onlyTheWaitCanBeBounded } from '../analysis/runtime-timeouts.js';
import { fullPipelineFor, timeoutMsFor, wrapCallInPolicies, type FixTarget } from './wrap-in-policies.js';

/** Titles of the suggestions the shared fixes offer; each rule that offers them spreads these into its messages. */
export const fixMessages = {
  fixInstanceTimeout: 'Set `{{options}}` where the client is created, bounding every call it makes.',
  fixNativeTimeout: 'Pass `{{option}}` to {{call}} so the client itself gives up (after the time the option says).',
  fixClientTimeout: 'Give {{call}} a timeout the way its client takes one: `{{option}}`.',
  fixWrapInTimeout: 'Wrap in the runtime\'s `timeout({{ms}})`, passing its abort signal into {{call}}.',
  fixBoundResponseHeaders:
    'Abort {{call}} if its response headers take more than 10 s (a timer cleared when they arrive): the body it streams is not bounded, so a long transfer still runs to its end.',
  fixBoundIdleRequest:
    "Set `timeout: 30_000` on {{call}} and destroy it on its 'timeout' event: it fails after 30 s with nothing sent or received, so a long upload that keeps moving runs to its end.",
  fixBoundUploadSilences:
    'Abort {{call}} after 30 s with nothing sent or received (a timer started again at each chunk of the body it uploads, cleared when the response headers arrive): a long upload that keeps moving runs to its end.',
  fixWrapHeadersInTimeout:
    'Bound only the wait for the response headers of {{call}} with the runtime\'s `timeout(5_000)` (it stops counting when they arrive), passing its abort signal in: the body it streams runs to its end.',
  fixStopWaiting:
    'Stop waiting for {{call}} after 5 s with the runtime\'s `timeout(5_000)`: it takes no signal, so the request goes on and may still complete.',
  fixStopWaitingInPlace:
    'Stop waiting for {{call}} after `{{ms}}` ms with a race against a timer, written in this file (it needs no package): it takes no signal, so the request goes on and may still complete.',
  fixWrapInRetryAndTimeout:
    'Wrap in `retry` (3 attempts, exponential backoff with full jitter) around a cancelling `timeout({{ms}})`.',
  fixAddFallback: 'Add a fallback value for when {{call}} fails (fill in the placeholder).',
  fixWrapInBreakerAndFallback:
    'Wrap in a fallback around the module\'s `{{breaker}}` circuit breaker (fill in the fallback value).',
  fixWrapInPipeline: 'Wrap in the full pipeline: {{policies}} (fill in the fallback value).',
  fixAddCatch: 'Add `.catch` that logs the failure of {{call}}.',
  fixAwait: 'Await {{call}}, so its failure reaches the caller of this function.',
  fixWrapInTryCatch: 'Wrap the statement in try/catch that logs the failure of {{call}}.',
  fixCatchInCallback: 'Wrap the body of the {{callback}} callback in try/catch that logs its failure.',
  fixAddErrorListener: "Add an 'error' listener that logs the failure of {{call}}.",
  fixRejectOnError: "Reject the promise when {{call}} fails: add `.on('error', {{reject}})`.",
  fixRejectInExecutor: 'Reject the promise when {{call}} fails: wrap the body of its async executor in try/catch that calls `reject`.',
  fixAddBackoff: 'Wait between attempts with exponential backoff (100 ms doubling, at most 30 s) and full jitter.',
  fixSpreadLongWait:
    'Keep the {{seconds}} s wait between attempts on average and spread it at random (half to one and a half times): clients that failed together no longer retry together, and the retry keeps trying as long as before.',
  fixFixedPause: 'Pause 1 s before each retry of {{retry}} (`{{pause}}: 1_000`): it waits only a fixed time.',
  fixFixedPauseFewer: 'Pause 1 s before each retry of {{retry}} (`{{pause}}: 1_000`), and retry at most {{few}} times: it waits only a fixed time, and more tries a fixed time apart keep failed clients in lock-step.',
  fixNoClientRetry: 'Turn off the retries of {{retry}} (`{{count}}: 0`): it waits only a fixed time between them, so retry around it with a growing wait instead.',
  fixAddBound: 'Stop after 3 attempts.',
  fixAddDeadline: 'Give up after 10 minutes: check a deadline before polling again.',
  fixAddPollLimit: 'Give up after about 10 minutes: at most {{times}} attempts {{interval}} ms apart (`{{option}}: {{times}}`).',
  fixAddTimerDeadline: 'Give up after 10 minutes: clear the timer in its catch once a deadline has passed.',
  fixAddDefaultDeadline: 'Give up after 10 minutes when no deadline was given: check a default one before polling again.',
  fixAwaitEveryPromise: 'Await every promise of `{{map}}` with `await Promise.all(...)`, so a failure reaches {{where}}.',
  fixAwaitEveryPromiseAndForEach:
    'Await every promise of `{{map}}`, and of the `forEach` around it made a `map`, with `await Promise.all(...)`, so a failure reaches {{where}}.',
  fixSettleEveryPromise: 'Wait for every item with `Promise.allSettled`, then throw all the failures together.',
  fixLogEveryFailure: 'Log the failure of each item: `Promise.allSettled(...)`, then `console.error` for each rejected one.',
  fixMoveTryIntoLoop: 'Move the try/catch into the loop, so each iteration fails on its own.',
  fixRethrow: 'Rethrow the error at the end of the catch, so the caller learns the loop stopped.',
  fixCatchEachCall: 'Give each call its own fallback with `.catch` (fill in the values).',
  fixSettleEachThenThrow: 'Use `Promise.allSettled`: wait for every call, then throw all the failures together.',
  fixIdempotencyKey: 'Send an `Idempotency-Key` header created once, before the retries.',
  fixRetryOnlyRefused:
    'Retry a POST of {{call}} only when the server refused it (a 429, or a connection refused before anything was sent): any other failure may have been applied, so it is rethrown.',
  fixRetryOnlyNotApplied: 'Retry {{call}} only when its error says it was not applied: `{{condition}}`.',
  fixSendOnce: "Send {{call}} once: wrap the retried work in the runtime's `once`, so a later attempt gets the first outcome instead of sending it again.",
  fixStopRetryingMethod: 'Stop retrying {{method}} requests.',
  fixPassSignal: 'Pass `{{signal}}` to the calls it should bound.',
  fixRaceToTimeout: 'Use the runtime\'s `timeout(...)`, which clears its timer and aborts the request (when the request takes a signal).',
  fixDestroyIdleRequest: "Destroy `{{request}}` with the failure, which its 'error' listener reports: that ends {{ended}}.",
  fixAbortOnTimer: 'Abort {{call}} when the timer fires: give it the signal of a new AbortController, aborted beside `{{wrapper}}.{{cancel}}()`.',
  fixCooperativeTimeout: "Use `TimeoutStrategy.Cooperative` and pass the policy's `signal` to the calls it runs in this file.",
  fixHelperTakesSignal:
    'Take the work as a function of an AbortSignal and run it under the runtime\'s `timeout(...)`; calls in this file pass the signal on (update calls in other files).',
} as const;

export type FixMessageId = keyof typeof fixMessages;
export type FixSuggestion<Id extends FixMessageId = FixMessageId> = TSESLint.SuggestionReportDescriptor<Id>;

const POLICY_TITLES = { fallback: 'fallback', circuitBreaker: 'circuit breaker', retry: 'retry', timeout: 'timeout' };

export function fixTargetOf(context: Readonly<RuleContext<string, readonly unknown[]>>): FixTarget {
  return {
    sourceCode: context.sourceCode,
    filename: context.filename,
    runtimeModule: getSettings(context).runtimeModule,
  };
}

/**
 * A suggestion whose edits are built only when its fix is asked for, so a caller that drops suggestions (the
 * editor while typing) does not pay for them. When the edits cannot be made the fix is null, which ESLint takes
 * as no suggestion at all.
 */
function suggestion<Id extends FixMessageId>(
  messageId: Id,
  data: Record<string, string>,
  buildEdits: () => SourceEdits | undefined,
): FixSuggestion<Id>[] {
  return [{ messageId, data, fix: (fixer) => buildEdits()?.toFixes(fixer) ?? null }];
}

/**
 * Fixes for a call with no timeout (`require-timeout`): the client's own timeout option where it has one,
 * the runtime's cancelling `timeout`, the same inside a backed-off `retry`, and the full pipeline.
 */
export function timeoutSuggestions(
  context: Readonly<RuleContext<string, readonly unknown[]>>,
  call: ExternalCall,
  /** The response may be read as a stream where it goes (a layer handing it to its callers). */
  streamedElsewhere = false,
): FixSuggestion<
  | 'fixInstanceTimeout' | 'fixNativeTimeout' | 'fixClientTimeout' | 'fixWrapInTimeout' | 'fixStopWaiting' | 'fixStopWaitingInPlace' | 'fixWrapInRetryAndTimeout' | 'fixWrapInPipeline'
  | 'fixBoundResponseHeaders' | 'fixWrapHeadersInTimeout' | 'fixBoundIdleRequest' | 'fixBoundUploadSilences'
>[] {
  const target = fixTargetOf(context);
  const data = { call: call.label };
  // An event stream or a body read as a stream: a total deadline would end a healthy long transfer, so only the
  // wait for the response headers is bounded (fetch settles when they arrive).
  if (streamedElsewhere || readsResponseAsStream(target.sourceCode, call)) {
    return [
      ...suggestion('fixBoundResponseHeaders', data, () => boundResponseHeaders(target.sourceCode, call)),
      ...suggestion('fixWrapHeadersInTimeout', data, () => wrapCallInPolicies(target, call, ['timeout'])),
    ];
  }
  // A node:http(s) upload whose body is streamed into the request: bounded by its silences, not its length.
  if (streamedRequest(target.sourceCode, call)) return suggestion('fixBoundIdleRequest', data, () => boundIdleRequest(target.sourceCode, call));
  // The same for a fetch uploading a streamed body (`duplex: 'half'`)
  if (streamedFetchUpload(call)) return suggestion('fixBoundUploadSilences', data, () => boundUploadSilences(target.sourceCode, call));
  const native = nativeTimeoutOption(call, timeoutMsFor(call));
  const pipeline = fullPipelineFor(call);
  // Its title names the option it sets, which only building it tells.
  const clientTimeout = clientSpecificTimeout(target, call);
  const creationFix = creationTimeoutFix(target, call);
  // A call that takes a signal only in later versions of its library (Resend before 6.34) and has no timeout of its own
  // to set: only the wait can be bounded.
  // So is a call of a library that takes no bound at all (hcaptcha's `verify`).
  // So is one whose client takes no bound in the version the file is written against (google-auth-library before 9.2).
  if (onlyTheWaitCanBeBounded(call, target.filename) && !native && !clientTimeout && !call.wrapped) {
    const ms = timeoutMsFor(call);
    const runtime = suggestion('fixStopWaiting', data, () => wrapCallInPolicies(target, call, ['timeout'], true));
    const inPlace = suggestion('fixStopWaitingInPlace', { ...data, ms }, () => stopWaitingInPlace(target, call, ms));
    return runtimeAvailable(target.filename, target.runtimeModule) ? [...runtime, ...inPlace] : [...inPlace, ...runtime];
  }
  // Where it is plain already that a suggestion has no edit, it is left out rather than given a null fix.
  return [
    ...(creationFix ? suggestion('fixInstanceTimeout', { options: creationFix.options }, creationFix.edits) : []),
    ...(native
      ? suggestion('fixNativeTimeout', { ...data, option: `${native.key}: ${native.value}` }, () => {
          const nativeText = callTextWithOption(target.sourceCode, call, native.key, native.value);
          if (nativeText === undefined) return undefined;
          const edits = new SourceEdits();
          edits.replace(call.node.range, nativeText);
          // a fetch-like injected with a type of this file naming no signal: the type takes one too, or it would not compile
          if (native.key === 'signal' && call.client === 'fetch' && call.node.type === AST_NODE_TYPES.CallExpression) letInitTypeTakeSignal(target.sourceCode, call.node, 1, edits);
          return edits;
        })
      : []),
    ...(clientTimeout ? suggestion('fixClientTimeout', { ...data, option: clientTimeout.option }, () => clientTimeout.edits) : []),
    ...suggestion('fixWrapInTimeout', { ...data, ms: timeoutMsFor(call) }, () => wrapCallInPolicies(target, call, ['timeout'])),
    ...(pipeline.includes('retry')
      ? suggestion('fixWrapInRetryAndTimeout', { ...data, ms: timeoutMsFor(call) }, () => wrapCallInPolicies(target, call, ['retry', 'timeout']))
      : []),
    ...(pipeline.includes('timeout') ? pipelineSuggestion(target, call, pipeline) : []),
  ];
}

/**
 * Setting a timeout in the options the call's client is created with, in this file: the fix of every call of that
 * client at once. Undefined when the client is created in another module (fixed there, not from here), in several
 * places, with options not written out, or when the call goes through a wrapper.
 */
export function creationTimeoutFix(target: FixTarget, call: ExternalCall): { options: string; edits: () => SourceEdits } | undefined {
  const created = call.instanceOptions[0];
  const instanceOptions = instanceTimeoutOptions(call, target);
  if (!created || rootOf(created) !== target.sourceCode.ast || call.madeInSeveralPlaces || !instanceOptions || call.wrapped) return undefined;
  const options = instanceOptions.map(([key, value]) => `${key}: ${value}`).join(', ');
  return {
    options,
    edits: () => {
      const edits = new SourceEdits();
      const chosen = conditionChoosing(created);
      // `cond ? { headers } : undefined`: the bound must hold on either branch
      if (chosen) edits.replace(chosen.range, `{ ...(${target.sourceCode.getText(chosen)}), ${options} }`);
      else edits.replace(created.range, objectTextWith(target.sourceCode, created, { set: instanceOptions }));
      return edits;
    },
  };
}

/** The condition that gives an options literal or none (`cond ? { headers } : undefined`, `cond && { headers }`), if one does. */
function conditionChoosing(object: TSESTree.Node): TSESTree.Node | undefined {
  let chosen: TSESTree.Node | undefined;
  for (let current = object, parent = object.parent; parent; current = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== current) chosen = parent;
    else if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.right === current) chosen = parent;
    else if (parent.type !== AST_NODE_TYPES.TSAsExpression && parent.type !== AST_NODE_TYPES.TSNonNullExpression && parent.type !== AST_NODE_TYPES.TSSatisfiesExpression) break;
  }
  return chosen;
}

/**
 * Fixes for a call whose failure escapes (`no-unprotected-call`): a fallback value, the breaker with a
 * fallback, the full pipeline, a `.catch` that logs, or a try/catch that logs.
 */
type FailureFix = 'fixAwait' | 'fixAddFallback' | 'fixWrapInBreakerAndFallback' | 'fixWrapInPipeline' | 'fixAddCatch' | 'fixWrapInTryCatch' | 'fixAddErrorListener' | 'fixRejectOnError';

export function failureHandlingSuggestions(
  context: Readonly<RuleContext<string, readonly unknown[]>>,
  call: ExternalCall,
  awaitHandsOn = false,
  droppedByCallback = false,
): FixSuggestion<FailureFix>[] {
  const target = fixTargetOf(context);
  const data = { call: call.label };
  // node:http and streams report failure as an 'error' event, not as a rejected promise
  if (failsByEvent(call)) {
    const reject = executorReject(target.sourceCode, call.node);
    if (reject) return suggestion('fixRejectOnError', { ...data, reject }, () => rejectOnError(target, call.node, reject));
    return suggestion('fixAddErrorListener', data, () => addErrorListener(target, call.node, call.label));
  }
  const breaker = planBreaker(target.sourceCode, dependencyName(call)).name;
  const awaited = awaitHandsOn && awaitCall(target, call.node) ? suggestion('fixAwait', data, () => awaitCall(target, call.node)) : [];
  // returned from a callback whose result nobody reads (`client.on('invite', (id) => { return client.join(id) })`),
  // where no one would see a fallback value: logging comes first
  const returnedUnread = droppedByCallback && returnedFromListener(call.node);
  const logged = returnedUnread ? suggestion('fixAddCatch', data, () => addCatchHandler(target, call.node, call.label, true)) : [];
  const policies = [
    ...suggestion('fixAddFallback', data, () => wrapCallInPolicies(target, call, ['fallback'])),
    ...suggestion('fixWrapInBreakerAndFallback', { ...data, breaker }, () =>
      wrapCallInPolicies(target, call, ['fallback', 'circuitBreaker']),
    ),
    ...pipelineSuggestion(target, call, fullPipelineFor(call)),
  ];
  const handled = [
    ...(logged.length > 0 ? [] : suggestion('fixAddCatch', data, () => addCatchHandler(target, call.node, call.label))),
    ...suggestion('fixWrapInTryCatch', data, () => wrapStatementInTryCatch(target, call.node, call.label)),
  ];
  // first: a floating call in a function whose caller handles what it throws only lacks its await
  const leading = [...logged, ...awaited];
  return runtimeAvailable(target.filename, target.runtimeModule) ? [...leading, ...policies, ...handled] : [...leading, ...handled, ...policies];
}

/**
 * Fixes for a call whose failure rejects an async `new Promise` executor's own promise: handing it to the promise
 * made comes first (its caller then sees it), then the usual ways of handling it where it is.
 */
export function asyncExecutorSuggestions(
  context: Readonly<RuleContext<string, readonly unknown[]>>,
  call: ExternalCall,
  executor: FunctionNode,
): FixSuggestion<'fixRejectInExecutor' | FailureFix>[] {
  const target = fixTargetOf(context);
  return [
    ...suggestion('fixRejectInExecutor', { call: call.label }, () => rejectInAsyncExecutor(target, executor)),
    ...failureHandlingSuggestions(context, call, false, true),
  ];
}

/**
 * Fixes for `items.map(async ...)` whose promises nobody keeps (`no-unprotected-call`, reported at the map): awaiting
 * them all where that hands the failure to a caller or a catch (`awaitReaches` says which; with `forEach`, the
 * `forEach(async ...)` the map runs in must be awaited too), else logging each failure.
 */
export function droppedMapSuggestions(
  context: Readonly<RuleContext<string, readonly unknown[]>>,
  map: TSESTree.CallExpression,
  awaitReaches: 'caller' | 'catch' | undefined,
  forEach?: TSESTree.CallExpression,
): FixSuggestion<'fixAwaitEveryPromise' | 'fixAwaitEveryPromiseAndForEach' | 'fixSettleEveryPromise' | 'fixLogEveryFailure'>[] {
  const target = fixTargetOf(context);
  const data = { map: droppedMapLabel(target.sourceCode, map), where: awaitReaches === 'catch' ? 'the catch around it' : 'the caller of this function' };
  const awaited = !awaitReaches || !awaitEveryPromise(target, map, forEach) ? []
    : forEach ? suggestion('fixAwaitEveryPromiseAndForEach', data, () => awaitEveryPromise(target, map, forEach))
    : [
        ...suggestion('fixAwaitEveryPromise', data, () => awaitEveryPromise(target, map)),
        ...suggestion('fixSettleEveryPromise', {}, () => settleEveryPromiseThenThrow(target, map)),
      ];
  return [...awaited, ...suggestion('fixLogEveryFailure', {}, () => logEveryFailure(target, map))];
}

/**
 * Fix for an async function called at once whose promise nobody keeps (`no-unprotected-call`, reported at that call):
 * a `.catch` on its promise that logs the failure of whatever it awaits.
 */
export function droppedAsyncCallSuggestions(
  context: Readonly<RuleContext<string, readonly unknown[]>>,
  dropped: TSESTree.CallExpression,
  label: string,
): FixSuggestion<'fixAddCatch'>[] {
  const target = fixTargetOf(context);
  return suggestion('fixAddCatch', { call: label }, () => addCatchHandler(target, dropped, label));
}

/**
 * The fix for an async callback several calls of which fail into the promise nobody awaits (an event listener joining
 * rooms one after another): one try/catch around its whole body, logging what failed.
 */
export function callbackFailureSuggestions(
  context: Readonly<RuleContext<string, readonly unknown[]>>,
  fn: FunctionNode,
  callback: string,
): FixSuggestion<'fixCatchInCallback'>[] {
  const target = fixTargetOf(context);
  return suggestion('fixCatchInCallback', { callback }, () => wrapBodyInTryCatch(target, fn, `the ${callback.replaceAll("'", '')}`));
}

function pipelineSuggestion(
  target: FixTarget,
  call: ExternalCall,
  policies: ReturnType<typeof fullPipelineFor>,
): FixSuggestion<'fixWrapInPipeline'>[] {
  return suggestion(
    'fixWrapInPipeline',
    { call: call.label, policies: policies.map((policy) => POLICY_TITLES[policy]).join(' → ') },
    () => wrapCallInPolicies(target, call, policies),
  );
}

/** Fix for a retry that does not back off (`retry-requires-backoff`). */
export function backoffSuggestions(
  context: Readonly<RuleContext<string, readonly unknown[]>>,
  retry: RetryConstruct,
  /** The most tries a fixed wait is left alone for (`retry-requires-backoff`'s `allowFixedDelayUpTo`). */
  fewAttempts: number,
): FixSuggestion<'fixAddBackoff' | 'fixSpreadLongWait' | 'fixFixedPause' | 'fixFixedPauseFewer' | 'fixNoClientRetry'>[] {
  const target = fixTargetOf(context);
  const spread = spreadLongWait(target, retry);
  if (spread) return suggestion('fixSpreadLongWait', { seconds: spread.seconds }, () => spread.edits);
  if (retry.pauseOption) {
    const fewer = retry.attemptLimit === undefined || retry.attemptLimit > fewAttempts;
    const { pause, count } = retry.pauseOption;
    const data = { retry: retry.name.replace(/^`[^`]*` of /, ''), pause, count: count.key.type === 'Identifier' ? count.key.name : pause, few: String(fewAttempts) };
    const title = fewAttempts === 0 ? 'fixNoClientRetry' : fewer ? 'fixFixedPauseFewer' : 'fixFixedPause';
    return suggestion(title, data, () => addFixedPause(target, retry, fewAttempts));
  }
  return suggestion('fixAddBackoff', {}, () => addBackoff(target, retry));
}

/** Fix for a retry with no bound (`no-unbounded-retry`): an attempt limit, or a deadline for polling. */
export function boundSuggestions(
  context: Readonly<RuleContext<string, readonly unknown[]>>,
  retry: RetryConstruct,
): FixSuggestion<'fixAddBound' | 'fixAddDeadline' | 'fixAddDefaultDeadline' | 'fixAddTimerDeadline' | 'fixAddPollLimit'>[] {
  const target = fixTargetOf(context);
  // a poll on a timer waits for a person or slow work: its deadline is ten minutes (retry-fixes.ts)
  if (retry.kind === 'interval') return suggestion('fixAddTimerDeadline', {}, () => addDeadline(target, retry));
  // a library's poll at a fixed interval: an attempt limit that ends it after about as long
  const limit = retry.cause === 'not-ready' && retry.kind === 'library' ? libraryPollLimit(target.sourceCode, retry) : undefined;
  if (limit) return suggestion('fixAddPollLimit', { option: limit.option, times: String(limit.times), interval: String(limit.interval) }, () => addPollLimit(target, retry));
  if (retry.cause === 'not-ready') return suggestion(retry.optionalDeadline ? 'fixAddDefaultDeadline' : 'fixAddDeadline', {}, () => addDeadline(target, retry));
  return suggestion('fixAddBound', {}, () => addBound(target, retry));
}

/** Fix for a try/catch around a loop of external calls (`no-try-outside-loop`). */
export function moveTrySuggestions(
  context: Readonly<RuleContext<string, readonly unknown[]>>,
  statement: TSESTree.TryStatement,
  call: ExternalCall,
): FixSuggestion<'fixMoveTryIntoLoop' | 'fixRethrow'>[] {
  const target = fixTargetOf(context);
  return [
    ...suggestion('fixMoveTryIntoLoop', {}, () => moveTryIntoLoop(target, statement, call.node)),
    ...suggestion('fixRethrow', {}, () => rethrowFromCatch(target, statement)),
  ];
}

/** Fixes for `await Promise.all` over independent side effects (`prefer-all-settled`). */
export function allSettledSuggestions(
  context: Readonly<RuleContext<string, readonly unknown[]>>,
  promiseAll: TSESTree.CallExpression,
): FixSuggestion<'fixSettleEachThenThrow' | 'fixCatchEachCall'>[] {
  const target = fixTargetOf(context);
  return [
    ...suggestion('fixSettleEachThenThrow', {}, () => settleEachThenThrow(target, promiseAll)),
    ...suggestion('fixCatchEachCall', {}, () => catchEachCall(target, promiseAll)),
  ];
}

/**
 * Fixes for a POST/PATCH sent again by a retry without a stable key (`no-retry-non-idempotent`): a key made once
 * before the retries, and, for an axios request in a loop, retrying only what the server refused. The key comes first
 * only where the module names an API known to honour one: most APIs ignore it, and then it protects nothing.
 */
export function idempotencyKeySuggestions(
  context: Readonly<RuleContext<string, readonly unknown[]>>,
  request: RetriedRequest,
): FixSuggestion<'fixIdempotencyKey' | 'fixRetryOnlyRefused'>[] {
  const target = fixTargetOf(context);
  const key = suggestion('fixIdempotencyKey', {}, () => addStableIdempotencyKey(target, request));
  const refused = retryOnlyWhenRefused(target, request);
  if (!refused) return key;
  const onlyRefused = suggestion('fixRetryOnlyRefused', { call: `\`${request.call.label}\`` }, () => refused);
  // a module already sending keys (made anew on each attempt, say) calls an API it believes honours them
  const keyFirst = request.key === 'per-attempt' || KEY_HONOURING_API.test(target.sourceCode.text);
  return keyFirst ? [...key, ...onlyRefused] : [...onlyRefused, ...key];
}

/** APIs that document an `Idempotency-Key` header and act on each key once. */
const KEY_HONOURING_API = /\b(?:stripe|adyen|paypal|squareup|gocardless|checkout\.com|mollie|braintree)\b/i;

/**
 * Fixes for a retried request of a library that takes no idempotency key (`no-retry-non-idempotent`): retry it only on
 * the errors that say it was not applied, or send it once.
 */
export function notAppliedRetrySuggestions(
  context: Readonly<RuleContext<string, readonly unknown[]>>,
  request: RetriedRequest,
): FixSuggestion<'fixRetryOnlyNotApplied' | 'fixSendOnce'>[] {
  const target = fixTargetOf(context);
  const fix = retryOnlyWhenNotApplied(target, request);
  const call = `\`${request.call.label}\``;
  return [
    ...(fix ? suggestion('fixRetryOnlyNotApplied', { call, condition: fix.condition }, () => fix.edits) : []),
    ...suggestion('fixSendOnce', { call }, () => sendOnceThroughRetry(target, request)),
  ];
}

/** Fix for a retry library told to retry POST/PATCH (`no-retry-non-idempotent`). */
export function retriedMethodSuggestions(
  context: Readonly<RuleContext<string, readonly unknown[]>>,
  retry: RetryConstruct,
): FixSuggestion<'fixStopRetryingMethod'>[] {
  const target = fixTargetOf(context);
  return suggestion('fixStopRetryingMethod', { method: retry.retriesNonIdempotent?.method ?? 'POST' }, () =>
    stopRetryingNonIdempotent(target, retry),
  );
}

/** Fixes for a timeout that does not cancel its work (`timeout-requires-cancellation`). */
export function cancellationSuggestions(
  context: Readonly<RuleContext<string, readonly unknown[]>>,
  finding: NonCancellingTimeout,
): FixSuggestion<'fixPassSignal' | 'fixRaceToTimeout' | 'fixHelperTakesSignal' | 'fixCooperativeTimeout' | 'fixDestroyIdleRequest' | 'fixAbortOnTimer'>[] {
  const target = fixTargetOf(context);
  if (finding.cancelled) {
    const { cancelled } = finding;
    const cancel = cancelled.cancel.callee.type === 'MemberExpression' && cancelled.cancel.callee.property.type === 'Identifier' ? cancelled.cancel.callee.property.name : 'cancel';
    return suggestion('fixAbortOnTimer', { call: cancelled.request.label, wrapper: cancelled.wrapper, cancel }, () => abortOnTimer(target, cancelled));
  }
  if (finding.idle) {
    const { report, failure, request } = finding.idle;
    // the 'error' listener hands the failure on, once
    return suggestion('fixDestroyIdleRequest', { request: request.name, ended: finding.idle.socket ? 'the connection' : 'the request and its socket' }, () => {
      const edits = new SourceEdits();
      edits.replace(report.range, `${request.name}.destroy(${context.sourceCode.getText(failure)})`);
      return edits;
    });
  }
  const calls = getExternalCalls(context);
  if (finding.kind === 'race') {
    return [
      ...suggestion('fixRaceToTimeout', {}, () => raceToRuntimeTimeout(target, finding, calls)),
      ...suggestion('fixHelperTakesSignal', {}, () => helperTakesSignal(target, finding, calls)),
    ];
  }
  if (finding.kind === 'pTimeout') return suggestion('fixRaceToTimeout', {}, () => pTimeoutToRuntimeTimeout(target, finding, calls));
  if (finding.kind === 'helperRace') return suggestion('fixRaceToTimeout', {}, () => helperRaceToRuntimeTimeout(target, finding, calls));
  if (finding.kind === 'aggressive') return suggestion('fixCooperativeTimeout', {}, () => cooperativeTimeout(target, finding, calls));
  const declarator = finding.node.parent;
  const name = declarator?.type === 'VariableDeclarator' && declarator.id.type === 'Identifier' ? declarator.id.name : '';
  return suggestion('fixPassSignal', { signal: finding.kind === 'unusedController' ? `${name}.signal` : name }, () =>
    passSignalToCalls(target, finding, calls),
  );
}
