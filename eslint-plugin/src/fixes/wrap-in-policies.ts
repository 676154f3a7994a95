import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { failsByEvent, type ExternalCall } from '../analysis/external-calls.js';
import { sendsFile } from '../analysis/file-uploads.js';
import { takesNodeCallback } from '../analysis/node-callbacks.js';
import { walkSameFunction } from '../analysis/loops.js';
import { propertyKey, unwrapExpression } from '../analysis/syntax.js';
import { callTextWithOption } from './call-options.js';
import { chainValueIsDiscarded } from './handle-failure.js';
import { indentOf, indentUnit, isTypeScript, quoted, throwingPlaceholder } from './code-style.js';
import { declareBreaker, planBreaker } from './circuit-breaker.js';
import { dependencyName } from './dependency-name.js';
import { libraryOf } from '../libraries/index.js';
import { importRuntime, type RuntimeExport } from './runtime-import.js';
import { SourceEdits } from './source-edits.js';
import { ownTimeoutBudget } from './own-budgets.js';

/** What a fix needs to know about the file it edits. */
export interface FixTarget {
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  readonly filename: string;
  /** where the generated code imports policies from (`settings.resilint.runtimeModule`) */
  readonly runtimeModule: string;
}

/** The policies, outermost first: the order `pipeline(...)` composes them in. */
export type Policy = 'fallback' | 'circuitBreaker' | 'retry' | 'timeout';
const POLICY_ORDER: readonly Policy[] = ['fallback', 'circuitBreaker', 'retry', 'timeout'];

export const DEFAULT_TIMEOUT_MS = '5_000';

/**
 * The timeout a fix gives this call: its library's usual length where it has one, a transfer's for a file sent as
 * its body, the code's own timeout for such work where it names one, else an ordinary request's.
 */
export function timeoutMsFor(call: ExternalCall): string {
  return libraryOf(call.client)?.fix.timeoutMs?.(call) ?? (sendsFile(call) ? TRANSFER_TIMEOUT_MS : ownTimeoutBudget(call) ?? DEFAULT_TIMEOUT_MS);
}
const TRANSFER_TIMEOUT_MS = '10 * 60_000';
const NON_IDEMPOTENT_METHODS = new Set(['POST', 'PATCH']);

/**
 * Replaces `call` with `<policy>.execute(({ signal }) => call-with-signal)`, or with one `pipeline(...)` of
 * several policies, adding the imports and the module-level breaker it uses. Undefined when the wrap would not
 * do what it says: a timeout whose signal cannot reach this client's call (unless only the waiting is to be
 * bounded), or a call inside a generator.
 */
export function wrapCallInPolicies(
  target: FixTarget,
  call: ExternalCall,
  policies: readonly Policy[],
  /** A timeout may stop the waiting only: the call takes no signal, and nothing else can bound it. */
  waitingOnly = false,
): SourceEdits | undefined {
  const { sourceCode } = target;
  const ordered = POLICY_ORDER.filter((policy) => policies.includes(policy));
  // node:http(s) requests, streams, a streamed answer and calls given a node-style callback report through events and
  // callbacks: there is no promise for a policy to wrap
  if (ordered.length === 0 || failsByEvent(call) || call.streamsResult) return undefined;
  if (takesNodeCallback(call.node)) {
    // ...except the promise whose executor makes the call, when only waiting is bounded: that promise is what waits
    if (!waitingOnly || ordered.length !== 1 || ordered[0] !== 'timeout') return undefined;
    const promise = executorPromise(call.node);
    return promise ? stopWaitingFor(target, call, promise) : stopWaitingForCallback(target, call);
  }
  const { wrapped, needsAsync, yields, signalName, threaded } = callToWrap(sourceCode, call);
  if (yields || readsNarrowedMember(sourceCode, wrapped)) return undefined;
  if (ordered.includes('timeout') && threaded === undefined && !waitingOnly) return undefined;

  const edits = new SourceEdits();
  const breaker = ordered.includes('circuitBreaker') ? planBreaker(sourceCode, dependencyName(call)) : undefined;
  const needed: RuntimeExport[] = [];
  if (ordered.length > 1) needed.push('pipeline');
  if (ordered.includes('fallback')) needed.push('fallback');
  if (breaker?.declare) needed.push('circuitBreaker');
  if (ordered.includes('retry')) needed.push('retry', 'exponentialBackoff');
  if (ordered.includes('timeout')) needed.push('timeout');
  const names = importRuntime(sourceCode, target.runtimeModule, needed, edits);
  if (breaker) declareBreaker(sourceCode, breaker, names.circuitBreaker ?? 'circuitBreaker', edits);

  const expressions = ordered.map((policy) => {
    switch (policy) {
      case 'fallback':
        return `${names.fallback}(${fallbackPlaceholder(target, call)})`;
      case 'circuitBreaker':
        return breaker?.name ?? '';
      case 'retry':
        return retryExpression(target, names.retry ?? 'retry', names.exponentialBackoff ?? 'exponentialBackoff');
      case 'timeout':
        return `${names.timeout}(${timeoutMsFor(call)})`;
    }
  });
  const parameter = threaded === undefined ? '()' : signalName === 'signal' ? '({ signal })' : `({ signal: ${signalName} })`;
  const wrappedText =
    threaded === undefined
      ? sourceCode.getText(wrapped)
      : sourceCode.text.slice(wrapped.range[0], call.node.range[0]) + threaded + sourceCode.text.slice(call.node.range[1], wrapped.range[1]);
  const work = `${needsAsync ? 'async ' : ''}${parameter} => ${wrappedText}`;

  let policyText: string;
  if (expressions.length === 1) {
    policyText = expressions[0] ?? '';
  } else {
    const base = indentOf(sourceCode, call.node);
    const inner = base + indentUnit(sourceCode);
    policyText = `${names.pipeline}(\n${expressions.map((text) => `${inner}${text},\n`).join('')}${base})`;
  }
  edits.replace(wrapped.range, `${policyText}.execute(${work})`);
  return edits;
}

/**
 * The `new Promise((resolve, reject) => ...)` whose executor, directly or through callbacks within it, makes a
 * callback call (`new Promise((resolve, reject) => router.getList(params, (error, data) => ...))`).
 */
function executorPromise(call: TSESTree.CallExpression): TSESTree.NewExpression | undefined {
  for (let node: TSESTree.Node | undefined = call.parent; node; node = node.parent) {
    const creation: TSESTree.Node | undefined = node.parent;
    if (
      (node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression') && creation?.type === 'NewExpression' &&
      creation.arguments[0] === node && creation.callee.type === 'Identifier' && creation.callee.name === 'Promise'
    ) return creation;
  }
  return undefined;
}

/** `timeout(ms).execute(() => new Promise(...))`: stops waiting for a promise that settles from a callback call. */
function stopWaitingFor(target: FixTarget, call: ExternalCall, promise: TSESTree.NewExpression): SourceEdits {
  const edits = new SourceEdits();
  const names = importRuntime(target.sourceCode, target.runtimeModule, ['timeout'], edits);
  edits.replace(promise.range, `${names.timeout}(${timeoutMsFor(call)}).execute(() => ${target.sourceCode.getText(promise)})`);
  return edits;
}

/** Names the promisified call's code introduces, which the call's own arguments must not be using. */
const PROMISIFY_NAMES = ['resolve', 'reject', 'error', 'results', 'outcome'];

/**
 * `verify(req, (error, data) => ...)`, a statement: the call is made in a promise the runtime's timeout stops waiting
 * for, and its callback is called with what that promise gives (every result, as an array), the timeout's error
 * included. Only a callback written in place; and only in JavaScript, since the callback moved out of the call loses
 * the parameter types the call gave it.
 */
function stopWaitingForCallback(target: FixTarget, call: ExternalCall): SourceEdits | undefined {
  const { sourceCode } = target;
  const node = call.node;
  const callback = node.arguments.at(-1);
  if (isTypeScript(target.filename) || node.parent.type !== AST_NODE_TYPES.ExpressionStatement || node.optional) return undefined;
  if (callback?.type !== AST_NODE_TYPES.FunctionExpression && callback?.type !== AST_NODE_TYPES.ArrowFunctionExpression) return undefined;
  if (PROMISIFY_NAMES.some((name) => node.arguments.slice(0, -1).some((argument) => referencesName(sourceCode, argument, name)))) return undefined;
  const edits = new SourceEdits();
  const names = importRuntime(sourceCode, target.runtimeModule, ['timeout'], edits);
  const before = node.arguments.slice(0, -1).map((argument) => `${sourceCode.getText(argument)}, `).join('');
  // every result the library hands over (`getAccessToken`'s token, secret and answer), not only the first
  const settle = '(error, ...results) => (error ? reject(error) : resolve(results))';
  const made = `new Promise((resolve, reject) => ${sourceCode.getText(node.callee)}(${before}${settle}))`;
  // the callback stays written once, called with what the promise settled with
  const outcome = '.then((results) => [null, ...results], (error) => [error])';
  edits.replace(node.range, `${names.timeout}(${timeoutMsFor(call)}).execute(() => ${made})${outcome}.then((outcome) => (${sourceCode.getText(callback)})(...outcome))`);
  return edits;
}

/** What every wrap of a call needs to know about it, whichever policies it adds. */
interface CallToWrap {
  readonly wrapped: TSESTree.Expression;
  /** the wrapped code awaits, so the function the policy runs must be async */
  readonly needsAsync: boolean;
  /** the wrapped code yields, which it cannot do from inside the policy's function */
  readonly yields: boolean;
  readonly signalName: 'signal' | 'policySignal';
  /** the call's text with the policy's signal passed in; undefined when it cannot take one */
  readonly threaded: string | undefined;
}

// Two rules offer several wraps of each call they report, each of which would otherwise walk the call again.
const callsToWrap = new WeakMap<ExternalCall, CallToWrap>();

function callToWrap(sourceCode: Readonly<TSESLint.SourceCode>, call: ExternalCall): CallToWrap {
  const known = callsToWrap.get(call);
  if (known) return known;
  const wrapped = expressionToWrap(call.node);
  let needsAsync = false;
  let yields = false;
  walkSameFunction(wrapped, sourceCode.visitorKeys, (node) => {
    if (node.type === 'AwaitExpression') needsAsync = true;
    if (node.type === 'YieldExpression') yields = true;
  });
  const signalName = referencesName(sourceCode, call.node, 'signal') ? 'policySignal' : 'signal';
  const threaded =
    call.signalOption === undefined ? undefined : callTextWithOption(sourceCode, call, call.signalOption, signalName);
  const facts = { wrapped, needsAsync, yields, signalName, threaded } as const;
  callsToWrap.set(call, facts);
  return facts;
}

const PROMISE_METHODS = new Set(['then', 'catch', 'finally']);

/**
 * Whether the code to wrap reads a property that a condition around it narrows (`if (typeof reply.output ===
 * 'string') fetch(reply.output)`): TypeScript does not carry a property's narrowing into the policy's callback, so
 * the wrapped call would no longer compile (`string | string[] | undefined` where fetch wants a string).
 */
function readsNarrowedMember(sourceCode: Readonly<TSESLint.SourceCode>, wrapped: TSESTree.Node): boolean {
  const members = new Set<string>();
  const reassigned = new Set<string>();
  walkSameFunction(wrapped, sourceCode.visitorKeys, (node) => {
    if (node.type === 'MemberExpression' && node.object.type !== 'ThisExpression' && readAsNarrowable(node)) members.add(sourceCode.getText(node));
    if (node.type === 'Identifier' && isReassigned(sourceCode, node)) reassigned.add(node.name);
  });
  if (members.size === 0 && reassigned.size === 0) return false;
  for (let current: TSESTree.Node = wrapped, parent = wrapped.parent; parent; current = parent, parent = parent.parent) {
    if (parent.type.startsWith('Function') || parent.type === 'ArrowFunctionExpression') {
      // `let located = ...; if (!located) throw ...`, then reassigned in a loop: the callback sees it unnarrowed
      const body = sourceCode.getText(parent);
      return [...reassigned].some((name) => new RegExp(`if \\(!?${name}\\b`).test(body));
    }
    const test = (parent.type === 'IfStatement' || parent.type === 'ConditionalExpression') && parent.test !== current ? parent.test
      : parent.type === 'LogicalExpression' && parent.right === current ? parent.left : undefined;
    if (test && [...members].some((member) => narrowsRead(sourceCode.getText(test), member))) return true;
  }
  return false;
}

/** A property read whose type the code does not state itself (`process.env.KEY as string`, `reply.output!`). */
function readAsNarrowable(member: TSESTree.MemberExpression): boolean {
  const parent = member.parent;
  return parent.type !== 'TSAsExpression' && parent.type !== 'TSNonNullExpression' && parent.type !== 'TSTypeAssertion';
}

/**
 * Whether the condition narrows the property read itself: `typeof reply.output === 'string'` narrows `reply.output`;
 * `process.env.KEY` in a condition does not narrow `process.env`.
 */
function narrowsRead(condition: string, member: string): boolean {
  return new RegExp(`${member.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w$]|\\s*\\??\\.[\\w$#]|\\s*\\[)`).test(condition);
}

/** A `let` or `var` written after its declaration. */
function isReassigned(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): boolean {
  const variable = sourceCode.getScope(identifier).references.find((reference) => reference.identifier === identifier)?.resolved;
  const definition = variable?.defs[0];
  if (definition?.type !== 'Variable' || definition.parent.kind === 'const') return false;
  return variable!.references.filter((reference) => reference.isWrite()).length > 1;
}

/**
 * The call with the methods its client chains on the returned promise (got's and ky's `.json()`), which only
 * exist before the policy turns the result into a plain promise, so they go inside the wrap.
 */
function expressionToWrap(call: TSESTree.CallExpression): TSESTree.Expression {
  let current: TSESTree.Expression = call;
  for (;;) {
    const member: TSESTree.Node | undefined = current.parent;
    if (
      member?.type !== 'MemberExpression' ||
      member.object !== current ||
      member.computed ||
      member.property.type !== 'Identifier' ||
      PROMISE_METHODS.has(member.property.name)
    ) {
      return current;
    }
    const outer: TSESTree.Node = member.parent;
    if (outer.type !== 'CallExpression' || outer.callee !== member) return current;
    current = outer;
  }
}

/**
 * The policies of the full pipeline for this call: fallback → breaker → retry → timeout, leaving out retry
 * for a non-idempotent request (re-sending it could repeat its effect) or a body streamed once (a second attempt
 * would find the stream read), and the timeout when its signal cannot reach the call (it would stop the waiting,
 * not the work).
 */
export function fullPipelineFor(call: ExternalCall): Policy[] {
  const policies: Policy[] = ['fallback', 'circuitBreaker'];
  // a library that retries by itself (gaxios) would multiply the attempts of a retry around it
  if (!isNonIdempotent(call) && !streamsItsBody(call) && !libraryOf(call.client)?.retriesByDefault) policies.push('retry');
  if (call.signalOption !== undefined) policies.push('timeout');
  return policies;
}

/** `fetch(url, { body: stream, duplex: 'half' })`: fetch wants `duplex` only for a body sent as a stream. */
function streamsItsBody(call: ExternalCall): boolean {
  return call.node.arguments.some((argument) => {
    const options = unwrapExpression(argument);
    return options.type === 'ObjectExpression' && options.properties.some((property) => property.type === 'Property' && propertyKey(property) === 'duplex');
  });
}

export function isNonIdempotent(call: ExternalCall): boolean {
  return call.httpMethod !== undefined && NON_IDEMPOTENT_METHODS.has(call.httpMethod) && !call.readsOnly;
}

export function retryExpression(target: FixTarget, retryName: string, backoffName: string): string {
  const jitter = quoted(target.sourceCode, 'full');
  return `${retryName}({ maxAttempts: 3, backoff: ${backoffName}({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: ${jitter} }) })`;
}

/**
 * What the fallback returns. When the call's result is thrown away, `undefined` is a complete fallback; otherwise
 * only the user can choose the value, and the placeholder throws until they do.
 */
export function fallbackPlaceholder(target: FixTarget, call: ExternalCall): string {
  if (chainValueIsDiscarded(expressionToWrap(call.node))) return 'undefined';
  return throwingPlaceholder(target.sourceCode, call.label);
}

function referencesName(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, name: string): boolean {
  return sourceCode.getTokens(node).some((token) => token.type === 'Identifier' && token.value === name);
}
