import { checkOptions, describe } from './core.js';

/**
 * What makes a thrown error transient, as data. Each list adds to the built-in one; see `isTransientError.with`.
 * The `cause` chain is followed, so a wrapped error is recognised by its cause.
 */
export interface TransientRules {
  /** String `error.code`s: Node's socket errors, driver codes (`'PROTOCOL_CONNECTION_LOST'`, Postgres `'57P01'`). */
  readonly codes?: readonly string[];
  /** `error.name`s: the AWS SDK's throttling exceptions, ioredis's `MaxRetriesPerRequestError`. */
  readonly names?: readonly string[];
  /**
   * HTTP statuses, read from `error.response.status`/`statusCode` (axios, got), `error.status`/`statusCode` and
   * the AWS SDK v3's `error.$metadata.httpStatusCode`. A status not listed makes the error permanent.
   */
  readonly statuses?: readonly number[];
  /**
   * gRPC status codes: a numeric `code` on an error that has `details` or `metadata` (@grpc/grpc-js, Connect,
   * nice-grpc, google-gax). A code not listed makes the error permanent.
   */
  readonly grpcCodes?: readonly number[];
  /** Whole messages (a string matches exactly) or patterns, for drivers whose errors carry nothing else. */
  readonly messages?: readonly (string | RegExp)[];
}

/** A predicate for thrown errors, extensible with more data. */
export interface TransientClassifier {
  (error: unknown): boolean;
  /** A classifier that recognises everything this one does, and what `rules` list. */
  with(rules: TransientRules): TransientClassifier;
}

const BUILT_IN: Required<TransientRules> = {
  codes: [
    // Reaching the peer failed (Node's net/dns, undici, axios), not the request itself.
    ...['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'EAI_AGAIN', 'EPIPE'],
    ...['ENETUNREACH', 'ENETDOWN', 'EHOSTUNREACH', 'EHOSTDOWN', 'ERR_NETWORK'],
    ...['UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'],
    // Postgres SQLSTATEs of a lost or refused connection (pg), and postgres.js's own codes.
    ...['08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03', '53300'],
    ...['CONNECTION_CLOSED', 'CONNECT_TIMEOUT'],
    // mysql / mysql2.
    ...['PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT', 'ER_CON_COUNT_ERROR', 'ER_SERVER_SHUTDOWN'],
  ],
  names: [
    // The AWS SDK v3's throttling and timeout error names (its own retry strategy's lists).
    ...['Throttling', 'ThrottlingException', 'ThrottledException', 'RequestThrottled', 'RequestThrottledException'],
    ...['TooManyRequestsException', 'ProvisionedThroughputExceededException', 'TransactionInProgressException'],
    ...['RequestLimitExceeded', 'BandwidthLimitExceeded', 'LimitExceededException', 'PriorRequestNotComplete'],
    ...['EC2ThrottledException', 'SlowDown', 'RequestTimeout', 'RequestTimeoutException'],
    // ioredis: the connection stayed down through its own reconnection attempts.
    'MaxRetriesPerRequestError',
  ],
  statuses: [408, 425, 429, 500, 502, 503, 504],
  // UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED.
  grpcCodes: [14, 4, 8],
  messages: [
    // pg and pg-pool (their connection errors carry no code).
    'Connection terminated unexpectedly',
    'Connection terminated due to connection timeout',
    'timeout exceeded when trying to connect',
    // ioredis, and node-redis (whose error classes keep the name 'Error').
    'Connection is closed.',
    'Socket closed unexpectedly',
    'Connection timeout',
    'The client is offline',
    // Redis replies that say "not now": loading its data, resharding, a cluster or primary down.
    /^(LOADING|TRYAGAIN|CLUSTERDOWN|MASTERDOWN) /,
  ],
};

/** Never transient, whatever a rule says: a cancellation, or a policy's refusal (the dependency was not asked). */
const NEVER_TRANSIENT = ['AbortError', 'BrokenCircuitError', 'BulkheadRejectedError', 'RateLimitedError'];

/** What fetch rejects with when the network fails: Node (undici), Chromium, Firefox, Safari. */
const FETCH_NETWORK_MESSAGES = /^(fetch failed|failed to fetch|networkerror when attempting to fetch resource\.?|load failed|network request failed)$/i;

/** Causes are followed this deep, so a cyclic `cause` chain cannot hang the classifier. */
const MAX_CAUSE_DEPTH = 4;

interface Candidate {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  response?: unknown;
  details?: unknown;
  metadata?: unknown;
  $metadata?: unknown;
  $retryable?: unknown;
  cause?: unknown;
}

/** The rules as sets and one pattern list, so each check is a lookup. */
class CompiledRules {
  readonly codes: ReadonlySet<string>;
  /** A name's verdict: true for a transient one, false for one that never is (whatever the rules say). */
  readonly names: ReadonlyMap<string, boolean>;
  readonly statuses: ReadonlySet<number>;
  readonly grpcCodes: ReadonlySet<number>;
  readonly exactMessages: ReadonlySet<string>;
  readonly messagePatterns: readonly RegExp[];

  constructor(readonly rules: Required<TransientRules>) {
    this.codes = new Set(rules.codes);
    this.names = new Map<string, boolean>([
      ...rules.names.map((name) => [name, true] as const),
      ['TimeoutError', true],
      ...[...NEVER_TRANSIENT].map((name) => [name, false] as const),
    ]);
    this.statuses = new Set(rules.statuses);
    this.grpcCodes = new Set(rules.grpcCodes);
    this.exactMessages = new Set(rules.messages.filter((message): message is string => typeof message === 'string'));
    this.messagePatterns = rules.messages.filter((message): message is RegExp => message instanceof RegExp);
  }

  /** Whether `error` is transient: true or false when one level of its cause chain decides, else its cause's answer. */
  classify(error: unknown): boolean {
    for (let depth = 0, current = error; depth <= MAX_CAUSE_DEPTH; depth++) {
      if (typeof current !== 'object' || current === null) return false;
      const candidate = current as Candidate;
      const decision = this.decide(current, candidate);
      if (decision !== undefined) return decision;
      current = candidate.cause;
    }
    return false;
  }

  private decide(error: object, candidate: Candidate): boolean | undefined {
    const { name, code, message } = candidate;
    // By name, not instanceof, so errors from another copy of the runtime (or AbortSignal.timeout) count too.
    const byName = typeof name === 'string' ? this.names.get(name) : undefined;
    if (byName !== undefined) return byName;
    if (typeof code === 'string' && this.codes.has(code)) return true;
    if (typeof code === 'number' && ('details' in error || 'metadata' in error)) return this.grpcCodes.has(code);
    // The AWS SDK v3 marks the errors its model says are retryable.
    if (typeof candidate.$retryable === 'object' && candidate.$retryable !== null) return true;
    const status = statusOf(candidate.response) ?? statusOf(candidate) ?? awsStatusOf(candidate.$metadata);
    if (status !== undefined) return this.statuses.has(status);
    if (typeof message === 'string') {
      if (this.exactMessages.has(message)) return true;
      for (const pattern of this.messagePatterns) if (pattern.test(message)) return true;
      // Node's fetch says why in its cause (a reset is transient, a bad certificate is not); browsers do not.
      if (isFetchNetworkError(error) && (typeof candidate.cause !== 'object' || candidate.cause === null)) return true;
    }
    return undefined;
  }
}

/** The TypeError fetch rejects with when the network fails (whatever its cause). @internal */
export function isFetchNetworkError(error: unknown): boolean {
  return (
    error instanceof TypeError && typeof error.message === 'string' && FETCH_NETWORK_MESSAGES.test(error.message)
  );
}

function classifier(rules: CompiledRules): TransientClassifier {
  const classify = (error: unknown): boolean => rules.classify(error);
  classify.with = (extra: TransientRules): TransientClassifier => classifier(new CompiledRules(merge(rules.rules, extra)));
  return classify;
}

const RULE_NAMES = ['codes', 'names', 'statuses', 'grpcCodes', 'messages'] as const;

function merge(base: Required<TransientRules>, extra: TransientRules): Required<TransientRules> {
  const where = 'isTransientError.with';
  checkOptions(where, extra, RULE_NAMES);
  if (extra === undefined) throw new TypeError(`${where}: expects an object of rules, got undefined`);
  const accepts: Record<(typeof RULE_NAMES)[number], [string, (item: unknown) => boolean]> = {
    codes: ['strings', (item) => typeof item === 'string'],
    names: ['strings', (item) => typeof item === 'string'],
    statuses: ['integers from 100 to 599', (item) => Number.isInteger(item) && (item as number) >= 100 && (item as number) <= 599],
    grpcCodes: ['integers from 1 to 16', (item) => Number.isInteger(item) && (item as number) >= 1 && (item as number) <= 16],
    messages: ['strings or RegExps', (item) => typeof item === 'string' || item instanceof RegExp],
  };
  const merged = { ...base };
  for (const key of RULE_NAMES) {
    const list: unknown = extra[key];
    if (list === undefined) continue;
    const [expected, accept] = accepts[key];
    if (!Array.isArray(list)) throw new TypeError(`${where}: ${key} must be an array of ${expected}, got ${describe(list)}`);
    const badIndex = list.findIndex((item) => !accept(item));
    if (badIndex >= 0) {
      throw new TypeError(`${where}: ${key} must be an array of ${expected}, got an item ${describe(list[badIndex])}`);
    }
    (merged as Record<string, readonly unknown[]>)[key] = [...base[key], ...list];
  }
  return merged;
}

/**
 * Whether a thrown value is a transient failure, one worth trying again: a network error, a timeout, a
 * throttled or unavailable service (HTTP 408/425/429/5xx, the AWS SDK's throttling errors, gRPC UNAVAILABLE,
 * DEADLINE_EXCEEDED and RESOURCE_EXHAUSTED), a lost database or Redis connection. Programming errors, aborts,
 * the runtime's refusals and anything unrecognised are not. This is what `retry` retries unless told otherwise;
 * `circuitBreaker` counts every error unless given it as `failureOn`. `isTransientError.with({ codes: [...] })`
 * makes one that also recognises your own data.
 */
export const isTransientError: TransientClassifier = classifier(new CompiledRules(BUILT_IN));

/**
 * Whether a returned value is an HTTP response with a transient status (a fetch `Response`, or anything with
 * a numeric `status` and `headers`). `retry` retries such a result and returns it as is after the last attempt.
 */
export function isTransientResult(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || !('headers' in value)) return false;
  const status = statusOf(value);
  return status !== undefined && DEFAULT_STATUSES.has(status);
}

const DEFAULT_STATUSES: ReadonlySet<number> = new Set(BUILT_IN.statuses);

function statusOf(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { status, statusCode } = value as { status?: unknown; statusCode?: unknown };
  if (typeof status === 'number') return status;
  if (typeof statusCode === 'number') return statusCode;
  return undefined;
}

function awsStatusOf(metadata: unknown): number | undefined {
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const { httpStatusCode } = metadata as { httpStatusCode?: unknown };
  return typeof httpStatusCode === 'number' ? httpStatusCode : undefined;
}

/**
 * The delay a failure asks for through a `Retry-After` header (seconds or an HTTP date), in milliseconds,
 * or undefined. Reads fetch `Headers`, axios/got plain header objects, on a response or an error's response.
 */
export function retryAfterMs(outcome: unknown, now: () => number = Date.now): number | undefined {
  if (typeof outcome !== 'object' || outcome === null) return undefined;
  const response = (outcome as { response?: unknown }).response ?? outcome;
  if (typeof response !== 'object' || response === null) return undefined;
  const headers = (response as { headers?: unknown }).headers;
  const raw = headerValue(headers, 'retry-after');
  if (raw === undefined) return undefined;
  const text = raw.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now());
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const get = (headers as { get?: unknown }).get;
  if (typeof get === 'function') {
    const value: unknown = get.call(headers, name);
    return typeof value === 'string' ? value : undefined;
  }
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  }
  return undefined;
}

/** A discarded fetch response would hold its connection until garbage collection; release it now. @internal */
export function discardBody(result: unknown): void {
  const body = (result as { body?: { cancel?: unknown; locked?: unknown } } | null)?.body;
  if (body && typeof body.cancel === 'function' && body.locked === false) {
    (body.cancel() as Promise<void>).catch(() => {});
  }
}
