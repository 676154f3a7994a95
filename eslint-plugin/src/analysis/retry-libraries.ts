import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { calleeName } from './delays.js';
import { CALL, CONSTRUCT, findModuleReferences, moduleTrace, type TraceMap, type TraceMapElement } from './module-references.js';
import type { RetryBound, RetryConstruct, RetryDelay } from './retries.js';
import { throwsNotReady } from './retry-causes.js';
import { getSettings } from './settings.js';
import { asyncRetry } from './async-retries.js';
import { ioredisReconnection, socketIoReconnection } from './reconnection-retries.js';
import { construct, delayFunction, executedWork, functionValue, objectLiteral, option, parameterNames, retriedFunction, returnedExpressions, staticValue, type OptionLookup } from './retry-library-options.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * Retries configured through a library: axios-retry, p-retry, async-retry, the `retry` package's operation, async's
 * `retry` and `retryable` (async-retries.ts), cockatiel, got, ky, @resilint/runtime, and socket.io-client's and
 * ioredis's reconnection (reconnection-retries.ts). How their options are read: retry-library-options.ts.
 */

const HTTP_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

function httpClientTrace(library: string): TraceMapElement {
  const entry: TraceMapElement = { [CALL]: `${library}` };
  for (const verb of HTTP_VERBS) entry[verb] = { [CALL]: `${library}.${verb}` };
  for (const factory of ['extend', 'create', 'stream', 'paginate']) entry[factory] = { [CALL]: `${library}.${factory}` };
  return moduleTrace(entry);
}

/** async's retries, on its default export and as named exports. */
const ASYNC_RETRIES: Record<string, TraceMapElement> = { retry: { [CALL]: 'async.retry' }, retryable: { [CALL]: 'async.retryable' } };

const tracesBySettings = new WeakMap<object, TraceMap>();

function libraryTrace(context: Context): TraceMap {
  const settings = getSettings(context);
  const cached = tracesBySettings.get(settings);
  if (cached) return cached;
  const runtime = moduleTrace(undefined, { retry: { [CALL]: 'runtime' } });
  const trace: TraceMap = {
    'axios-retry': moduleTrace({ [CALL]: 'axios-retry' }),
    'p-retry': moduleTrace({ [CALL]: 'p-retry' }),
    'async-retry': moduleTrace({ [CALL]: 'async-retry' }),
    retry: moduleTrace({ operation: { [CALL]: 'retry.operation' } }, { operation: { [CALL]: 'retry.operation' } }),
    ...Object.fromEntries(['async', 'async-es'].map((module) => [module, moduleTrace(ASYNC_RETRIES, ASYNC_RETRIES)])),
    'async/retry': moduleTrace({ [CALL]: 'async.retry' }),
    'async/retryable': moduleTrace({ [CALL]: 'async.retryable' }),
    cockatiel: moduleTrace(undefined, { retry: { [CALL]: 'cockatiel' } }),
    got: httpClientTrace('got'),
    ky: httpClientTrace('ky'),
    '@resilint/runtime': runtime,
    [settings.runtimeModule]: runtime,
    ioredis: moduleTrace({ [CONSTRUCT]: 'ioredis' }, { Redis: { [CONSTRUCT]: 'ioredis' } }),
    'socket.io-client': moduleTrace({ [CALL]: 'socket-io' }, { io: { [CALL]: 'socket-io' }, connect: { [CALL]: 'socket-io' } }),
  };
  tracesBySettings.set(settings, trace);
  return trace;
}

export function findLibraryRetries(context: Context): RetryConstruct[] {
  const found: RetryConstruct[] = [];
  for (const reference of findModuleReferences(context.sourceCode, libraryTrace(context))) {
    if (reference.node.type === AST_NODE_TYPES.NewExpression && reference.info === 'ioredis') {
      const reconnection = ioredisReconnection(context, reference.node);
      if (reconnection) found.push(reconnection);
      continue;
    }
    if (reference.node.type !== AST_NODE_TYPES.CallExpression) continue;
    const call = reference.node;
    const [library, verb] = reference.info.split('.');
    const construct =
      library === 'axios-retry'
        ? axiosRetry(context, call)
        : library === 'p-retry' || library === 'async-retry'
          ? promiseRetry(context, call, library)
          : library === 'retry'
            ? retryOperation(context, call)
          : library === 'async'
            ? asyncRetry(context, call, `\`async.${verb}\``)
          : library === 'cockatiel'
            ? cockatielRetry(context, call)
            : library === 'runtime'
              ? runtimeRetry(context, call)
              : library === 'socket-io'
                ? socketIoReconnection(context, call)
                : httpClientRetry(context, call, library!, verb);
    if (construct) found.push(construct);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// The libraries

/** axios-retry: `retries` (default 3), `retryDelay` (default no delay), `retryCondition`. */
function axiosRetry(context: Context, call: TSESTree.CallExpression): RetryConstruct | undefined {
  if (call.arguments[1] && !objectLiteral(context, call.arguments[1])) return undefined;
  const options = objectLiteral(context, call.arguments[1]);
  const retries = options && option(options, 'retries');
  const retryDelay = options && option(options, 'retryDelay');
  const condition = options && option(options, 'retryCondition');
  let bound: RetryBound = 'attempts';
  if (retries?.maySpread) bound = 'unknown';
  else if (staticValue(context, retries?.property?.value)?.value === Infinity) bound = 'none';
  let delay: RetryDelay = 'none';
  let jitter: boolean | undefined = false;
  if (retryDelay?.maySpread) {
    delay = 'unknown';
    jitter = undefined;
  } else if (retryDelay?.property) {
    const value = retryDelay.property.value;
    const helper = value.type === AST_NODE_TYPES.CallExpression ? calleeName(value.callee) : calleeName(value);
    if (helper === 'exponentialDelay') {
      delay = 'growing';
      jitter = true; // axios-retry adds up to 20% at random
    } else if (helper === 'linearDelay') {
      delay = 'growing';
    } else {
      const described = delayFunction(context, value);
      delay = described?.growth ?? 'unknown';
      jitter = described ? described.jitter : undefined;
    }
  }
  const acceptsAll = condition?.property && acceptsEveryRequest(context, condition.property.value);
  return construct(call, '`axios-retry`', {
    retried: [],
    bound,
    boundNode: bound === 'none' ? retries?.property : undefined,
    delay,
    delayNode: retryDelay?.property,
    jitter,
    retriesNonIdempotent: acceptsAll ? { node: condition!.property!, method: 'POST' } : undefined,
  });
}

/** `retryCondition: () => true`: every failed request is retried, whatever its method. */
function acceptsEveryRequest(context: Context, node: TSESTree.Node): boolean {
  const fn = functionValue(context, node);
  if (!fn) return false;
  const returned = returnedExpressions(context, fn);
  return returned.length > 0 && returned.every((expression) => staticValue(context, expression)?.value === true);
}

/**
 * p-retry and async-retry (both on the `retry` package's timeouts): `retries` (default 10), `factor` (default 2),
 * `minTimeout`/`maxTimeout`, `randomize` (default false in p-retry, true in async-retry), `forever`, `maxRetryTime`.
 */
function promiseRetry(context: Context, call: TSESTree.CallExpression, library: string): RetryConstruct | undefined {
  return retryModuleConstruct(context, call, call.arguments[1], `\`${library}\``, retriedFunction(context, call.arguments[0]), library === 'async-retry');
}

/**
 * The `retry` package's `retry.operation(options)` (what p-retry and async-retry are built on): the function handed to
 * `operation.attempt(fn)` is run again each time its catch calls `operation.retry(error)`.
 */
function retryOperation(context: Context, call: TSESTree.CallExpression): RetryConstruct | undefined {
  const holder = call.parent;
  if (holder?.type !== AST_NODE_TYPES.VariableDeclarator || holder.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(holder), holder.id);
  const attempted = (variable?.references ?? []).flatMap((reference) => {
    const member = reference.identifier.parent;
    return member?.type === AST_NODE_TYPES.MemberExpression && member.object === reference.identifier && calleeName(member) === 'attempt'
      && member.parent.type === AST_NODE_TYPES.CallExpression && member.parent.callee === member ? retriedFunction(context, member.parent.arguments[0]) : [];
  });
  return attempted.length === 0 ? undefined : retryModuleConstruct(context, call, call.arguments[0], '`retry.operation`', attempted, false);
}

/** The options of the `retry` package, as p-retry, async-retry and `retry.operation` take them. */
function retryModuleConstruct(
  context: Context, call: TSESTree.CallExpression, given: TSESTree.Node | undefined, name: string, retried: TSESTree.Node[], jitterByDefault: boolean,
): RetryConstruct {
  // Options this file does not show (a parameter, `this.retryOptions`): still a retry of the function it is given.
  if (given && !objectLiteral(context, given)) return construct(call, name, { retried, bound: 'unknown', delay: 'unknown', jitter: undefined });
  const options = objectLiteral(context, given);
  const read = (key: string): OptionLookup | undefined => (options ? option(options, key) : undefined);
  const value = (key: string): unknown => staticValue(context, read(key)?.property?.value)?.value;
  const spread = options?.properties.some((member) => member.type === AST_NODE_TYPES.SpreadElement) ?? false;

  let bound: RetryBound = spread ? 'unknown' : 'attempts';
  let boundNode: TSESTree.Node | undefined;
  if (value('forever') === true) {
    bound = 'none';
    boundNode = read('forever')?.property;
  } else if (value('retries') === Infinity) {
    bound = 'none';
    boundNode = read('retries')?.property;
  }
  const maxRetryTime = value('maxRetryTime');
  if (bound === 'none' && typeof maxRetryTime === 'number' && Number.isFinite(maxRetryTime)) bound = 'deadline';

  let delay: RetryDelay = spread ? 'unknown' : 'growing';
  let delayNode: TSESTree.Node | undefined;
  const minTimeout = value('minTimeout');
  const maxTimeout = value('maxTimeout');
  if (value('factor') === 1) {
    delay = 'constant';
    delayNode = read('factor')?.property;
  } else if (typeof minTimeout === 'number' && minTimeout === maxTimeout) {
    delay = minTimeout === 0 ? 'none' : 'constant';
    delayNode = read('maxTimeout')?.property;
  } else if (minTimeout === 0 && read('factor') === undefined && !spread) {
    delay = 'none';
    delayNode = read('minTimeout')?.property;
  }
  const randomize = value('randomize');
  const jitter = spread ? undefined : randomize === undefined ? jitterByDefault : randomize === true;
  const retries = value('retries');
  // a start-up load retried until it succeeds, a minute apart at most, each failure logged: bounded in load, seen
  const capped = typeof maxTimeout === 'number' && Number.isFinite(maxTimeout);
  const watched = bound === 'none' && delay === 'growing' && capped && (read('onFailedAttempt')?.property !== undefined || read('onRetry')?.property !== undefined);
  return construct(call, name, {
    retried,
    // the work throws "not there yet" (a token the person has not approved yet): polling through the library
    ...(retried.some((node) => throwsNotReady(context, node)) ? { cause: 'not-ready' as const } : {}),
    bound,
    ...(watched ? { watched } : {}),
    boundNode,
    // The `retry` package's default is 10 retries.
    ...(bound === 'attempts' && !spread ? { attemptLimit: typeof retries === 'number' ? retries : 10 } : {}),
    delay,
    delayNode,
    jitter,
  });
}

/** cockatiel `retry(policy, { maxAttempts, backoff })`: unbounded and without delay by default. */
function cockatielRetry(context: Context, call: TSESTree.CallExpression): RetryConstruct | undefined {
  if (call.arguments[1] && !objectLiteral(context, call.arguments[1])) return undefined;
  const options = objectLiteral(context, call.arguments[1]);
  const maxAttempts = options && option(options, 'maxAttempts');
  const backoff = options && option(options, 'backoff');
  let bound: RetryBound = 'attempts';
  if (maxAttempts?.maySpread) bound = 'unknown';
  else if (!maxAttempts?.property || staticValue(context, maxAttempts.property.value)?.value === Infinity) bound = 'none';

  let delay: RetryDelay = 'none';
  let jitter: boolean | undefined = false;
  if (backoff?.maySpread) {
    delay = 'unknown';
    jitter = undefined;
  } else if (backoff?.property) {
    const created = constructed(context, backoff.property.value);
    const className = created && calleeName(created.callee);
    if (className === 'ConstantBackoff') {
      delay = staticValue(context, created!.arguments[0])?.value === 0 ? 'none' : 'constant';
    } else if (className === 'ExponentialBackoff') {
      delay = 'growing';
      const generator = objectLiteral(context, created!.arguments[0]);
      const chosen = generator && option(generator, 'generator').property?.value;
      jitter = !(chosen && calleeName(chosen) === 'noJitterGenerator');
    } else if (className === 'IterableBackoff') {
      const values = staticValue(context, created!.arguments[0])?.value;
      delay = Array.isArray(values) && values.length > 0 && values.every((item) => item === values[0]) ? 'constant' : 'unknown';
    } else {
      delay = 'unknown';
      jitter = undefined;
    }
  }
  return construct(call, "cockatiel's `retry`", {
    retried: executedWork(context, call),
    bound,
    boundNode: bound === 'none' ? maxAttempts?.property : undefined,
    delay,
    delayNode: backoff?.property,
    jitter,
  });
}

function constructed(context: Context, node: TSESTree.Node): TSESTree.NewExpression | undefined {
  if (node.type === AST_NODE_TYPES.NewExpression) return node;
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const declarator = ASTUtils.findVariable(context.sourceCode.getScope(node), node)?.defs[0]?.node;
  return declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init?.type === AST_NODE_TYPES.NewExpression
    ? declarator.init
    : undefined;
}

/** @resilint/runtime `retry({ maxAttempts, backoff: exponentialBackoff({ ... }) })`: bounded, backing off with jitter by default. */
function runtimeRetry(context: Context, call: TSESTree.CallExpression): RetryConstruct | undefined {
  if (call.arguments[0] && !objectLiteral(context, call.arguments[0])) return undefined;
  const options = objectLiteral(context, call.arguments[0]);
  const maxAttempts = options && option(options, 'maxAttempts');
  const backoff = options && option(options, 'backoff');
  const bound: RetryBound = maxAttempts?.maySpread
    ? 'unknown'
    : staticValue(context, maxAttempts?.property?.value)?.value === Infinity
      ? 'none'
      : 'attempts';
  let delay: RetryDelay = backoff?.maySpread ? 'unknown' : 'growing';
  let jitter: boolean | undefined = backoff?.maySpread ? undefined : true;
  const backoffValue = backoff?.property?.value;
  if (backoffValue?.type === AST_NODE_TYPES.CallExpression && calleeName(backoffValue.callee) === 'exponentialBackoff') {
    const settings = objectLiteral(context, backoffValue.arguments[0]);
    const read = (key: string): unknown => (settings ? staticValue(context, option(settings, key).property?.value)?.value : undefined);
    const initial = read('initialDelayMs');
    if (initial === 0) delay = 'none';
    else if (read('multiplier') === 1 || (typeof initial === 'number' && initial === read('maxDelayMs'))) delay = 'constant';
    jitter = read('jitter') !== 'none';
  } else if (backoffValue) {
    const custom = objectLiteral(context, backoffValue);
    const delayMs = custom && option(custom, 'delayMs').property?.value;
    const described = delayMs ? delayFunction(context, delayMs) : undefined;
    delay = described?.growth ?? 'unknown';
    jitter = described?.jitter;
  }
  return construct(call, '`retry` from the runtime', {
    retried: executedWork(context, call),
    bound,
    boundNode: bound === 'none' ? maxAttempts?.property : undefined,
    delay,
    delayNode: backoff?.property,
    jitter,
  });
}

/**
 * got and ky `retry` options on a request or an instance (`extend`/`create`): a number (the limit) or
 * `{ limit, methods, calculateDelay (got) / delay (ky) }`. Their default delays grow; got's is randomised.
 */
function httpClientRetry(
  context: Context,
  call: TSESTree.CallExpression,
  library: string,
  verb: string | undefined,
): RetryConstruct | undefined {
  const options = [...call.arguments].reverse().map((argument) => objectLiteral(context, argument)).find(Boolean);
  const retry = options && option(options, 'retry').property;
  if (!retry) return undefined;
  const label = `${library}'s \`retry\` option`;
  const limitValue = (node: TSESTree.Node | undefined): unknown => staticValue(context, node)?.value;
  if (retry.value.type !== AST_NODE_TYPES.ObjectExpression) {
    const limit = limitValue(retry.value);
    if (limit === undefined) return undefined;
    return construct(call, label, {
      retried: [],
      bound: limit === Infinity ? 'none' : 'attempts',
      boundNode: limit === Infinity ? retry : undefined,
      delay: 'growing',
      jitter: library === 'got' ? true : undefined,
    });
  }
  const settings = retry.value;
  const limit = option(settings, 'limit');
  const methods = option(settings, 'methods').property;
  const delayOption = option(settings, library === 'got' ? 'calculateDelay' : 'delay').property;
  const limitNumber = limit.maySpread ? undefined : limitValue(limit.property?.value);
  const bound: RetryBound = limit.maySpread ? 'unknown' : limitNumber === Infinity ? 'none' : 'attempts';
  const described = delayOption ? delayFunction(context, delayOption.value) : undefined;
  let delay: RetryDelay = delayOption ? described?.growth ?? 'unknown' : 'growing';
  let jitter: boolean | undefined = delayOption ? described?.jitter : library === 'got' ? true : undefined;
  if (library === 'got' && delayOption && described?.growth === 'growing') {
    // got hands `computedValue`, its own randomised exponential delay, to calculateDelay.
    const fn = functionValue(context, delayOption.value);
    if (fn && parameterNames(fn).has('computedValue')) jitter = true;
  }
  if (library === 'ky') {
    const kyJitter = option(settings, 'jitter').property;
    if (kyJitter && staticValue(context, kyJitter.value)?.value !== false) jitter = true;
  }
  const methodList = methods ? staticValue(context, methods.value)?.value : undefined;
  const unsafe = Array.isArray(methodList)
    ? methodList.find((method) => typeof method === 'string' && ['POST', 'PATCH'].includes(method.toUpperCase()))
    : undefined;
  if (delay === 'none') jitter = false;
  return construct(call, label, {
    retried: [],
    bound,
    boundNode: bound === 'none' ? limit.property : undefined,
    // counted as p-retry's `retries` are: `limit: 1` is one second try, no series a fixed wait could keep in lock-step
    ...(typeof limitNumber === 'number' && Number.isFinite(limitNumber) ? { attemptLimit: limitNumber } : {}),
    delay,
    delayNode: delayOption,
    jitter,
    retriesNonIdempotent:
      typeof unsafe === 'string' && (verb === undefined || !['get', 'head', 'options', 'put', 'delete'].includes(verb))
        ? { node: methods!, method: unsafe.toUpperCase() }
        : undefined,
  });
}

