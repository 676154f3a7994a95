import { describe, expect, it } from 'vitest';
import { BrokenCircuitError, exponentialBackoff, isTransientError, isTransientResult, retry, retryAfterMs, TimeoutError } from '../src/index.js';
import { httpResponse, networkError } from './helpers.js';

describe('isTransientError', () => {
  it.each(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EAI_AGAIN', 'EPIPE', 'UND_ERR_SOCKET', 'ERR_NETWORK'])(
    'retries the network error %s',
    (code) => expect(isTransientError(networkError(code))).toBe(true),
  );

  it("retries fetch's network TypeError, in Node (cause carries the code) and in browsers", () => {
    expect(isTransientError(new TypeError('fetch failed', { cause: networkError('ECONNREFUSED') }))).toBe(true);
    expect(isTransientError(new TypeError('Failed to fetch'))).toBe(true);
    expect(isTransientError(new TypeError('NetworkError when attempting to fetch resource.'))).toBe(true);
    expect(isTransientError(new TypeError('Load failed'))).toBe(true);
  });

  it("does not retry Node's fetch failures whose cause is permanent", () => {
    const badCertificate = Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' });
    expect(isTransientError(new TypeError('fetch failed', { cause: badCertificate }))).toBe(false);
    expect(isTransientError(new TypeError('fetch failed', { cause: networkError('ENOTFOUND') }))).toBe(false);
  });

  it('retries timeouts, ours and the platform’s', () => {
    expect(isTransientError(new TimeoutError(100))).toBe(true);
    expect(isTransientError(new DOMException('The operation timed out.', 'TimeoutError'))).toBe(true);
  });

  it.each([408, 425, 429, 500, 502, 503, 504])('retries an axios-style error with status %i', (status) => {
    expect(isTransientError(Object.assign(new Error('Request failed'), { response: { status } }))).toBe(true);
  });

  it("reads got's statusCode and a bare status too", () => {
    expect(isTransientError(Object.assign(new Error('x'), { response: { statusCode: 503 } }))).toBe(true);
    expect(isTransientError(Object.assign(new Error('x'), { status: 429 }))).toBe(true);
  });

  it.each([400, 401, 403, 404, 409, 422, 501])('does not retry status %i: asking again will not help', (status) => {
    expect(isTransientError(Object.assign(new Error('x'), { response: { status } }))).toBe(false);
  });

  it('never retries programming errors, aborts, open circuits or unknown failures', () => {
    expect(isTransientError(new ReferenceError('x is not defined'))).toBe(false);
    expect(isTransientError(new SyntaxError('Unexpected token'))).toBe(false);
    expect(isTransientError(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isTransientError(new DOMException('This operation was aborted', 'AbortError'))).toBe(false);
    expect(isTransientError(new BrokenCircuitError(1_000))).toBe(false);
    expect(isTransientError(new Error('boom'))).toBe(false);
    expect(isTransientError('ECONNRESET')).toBe(false);
    expect(isTransientError(undefined)).toBe(false);
  });

  it('does not loop on a cyclic cause chain', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(isTransientError(a)).toBe(false);
  });
});

describe('isTransientError: cloud SDKs, gRPC and database drivers', () => {
  /** An error shaped like the AWS SDK v3's service exceptions. */
  const awsError = (name: string, httpStatusCode: number, extra: object = {}) =>
    Object.assign(new Error(`${name} from the service`), { name, $fault: 'client', $metadata: { httpStatusCode }, ...extra });
  /** An error shaped like @grpc/grpc-js's ServiceError. */
  const grpcError = (code: number) => Object.assign(new Error(`${code} status`), { code, details: 'status', metadata: {} });

  it('recognises AWS throttling by name even with a 400 status, and reads $metadata.httpStatusCode', () => {
    expect(isTransientError(awsError('ThrottlingException', 400))).toBe(true);
    expect(isTransientError(awsError('ProvisionedThroughputExceededException', 400))).toBe(true);
    expect(isTransientError(awsError('ServiceUnavailable', 503))).toBe(true);
    expect(isTransientError(awsError('InternalServerError', 500))).toBe(true);
    expect(isTransientError(awsError('NoSuchKey', 404))).toBe(false);
    expect(isTransientError(awsError('ValidationException', 400))).toBe(false);
  });

  it("trusts the AWS SDK's own $retryable mark", () => {
    expect(isTransientError(awsError('CustomRetryableFault', 400, { $retryable: { throttling: false } }))).toBe(true);
  });

  it('recognises gRPC UNAVAILABLE, DEADLINE_EXCEEDED and RESOURCE_EXHAUSTED, and no other gRPC status', () => {
    expect([14, 4, 8].map((code) => isTransientError(grpcError(code)))).toEqual([true, true, true]);
    expect([3, 5, 7, 13, 16].map((code) => isTransientError(grpcError(code)))).toEqual([false, false, false, false, false]);
  });

  it('does not take a numeric code of another kind of error for a gRPC status', () => {
    // A MongoDB server error's code 14 is TypeMismatch, not UNAVAILABLE.
    expect(isTransientError(Object.assign(new Error('type mismatch'), { code: 14, codeName: 'TypeMismatch' }))).toBe(false);
  });

  it.each([
    ['pg: server shut down by an administrator', { code: '57P01' }],
    ['pg: connection failure', { code: '08006' }],
    ['pg: too many clients', { code: '53300' }],
    ['postgres.js: connection closed', { code: 'CONNECTION_CLOSED' }],
    ['mysql: connection lost', { code: 'PROTOCOL_CONNECTION_LOST' }],
    ['mysql: too many connections', { code: 'ER_CON_COUNT_ERROR' }],
    ['ioredis: gave up reconnecting', { name: 'MaxRetriesPerRequestError' }],
  ])('recognises the driver error %s', (_, fields) => {
    expect(isTransientError(Object.assign(new Error('driver error'), fields))).toBe(true);
  });

  it.each([
    'Connection terminated unexpectedly',
    'timeout exceeded when trying to connect',
    'Connection is closed.',
    'Socket closed unexpectedly',
    'LOADING Redis is loading the dataset in memory',
    'CLUSTERDOWN The cluster is down',
  ])('recognises the driver message "%s"', (message) => {
    expect(isTransientError(new Error(message))).toBe(true);
  });

  it('leaves query errors alone: a unique violation, a syntax error, a deadlock inside a transaction', () => {
    expect(isTransientError(Object.assign(new Error('duplicate key value'), { code: '23505' }))).toBe(false);
    expect(isTransientError(Object.assign(new Error('syntax error at or near "SELEC"'), { code: '42601' }))).toBe(false);
    expect(isTransientError(Object.assign(new Error('deadlock detected'), { code: '40P01' }))).toBe(false);
    expect(isTransientError(new Error('ERR wrong number of arguments'))).toBe(false);
  });

  it('finds a driver error wrapped as the cause of an application error', () => {
    const wrapped = new Error('could not load the basket', { cause: Object.assign(new Error('lost'), { code: 'PROTOCOL_CONNECTION_LOST' }) });
    expect(isTransientError(wrapped)).toBe(true);
  });
});

describe('isTransientError.with', () => {
  it('adds codes, names, statuses, gRPC codes and messages to the built-in rules, leaving the original unchanged', () => {
    const classify = isTransientError.with({
      codes: ['SQLITE_BUSY'],
      names: ['UpstreamHiccup'],
      statuses: [409],
      grpcCodes: [10],
      messages: ['pool drained', /^shard \d+ moving$/],
    });
    expect(classify(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))).toBe(true);
    expect(classify(Object.assign(new Error('x'), { name: 'UpstreamHiccup' }))).toBe(true);
    expect(classify(Object.assign(new Error('Conflict'), { response: { status: 409 } }))).toBe(true);
    expect(classify(Object.assign(new Error('aborted'), { code: 10, details: 'aborted', metadata: {} }))).toBe(true);
    expect(classify(new Error('pool drained'))).toBe(true);
    expect(classify(new Error('shard 12 moving'))).toBe(true);
    // Built-ins still apply, and the default classifier did not learn the new data.
    expect(classify(networkError())).toBe(true);
    expect(isTransientError(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))).toBe(false);
    expect(isTransientError(Object.assign(new Error('Conflict'), { response: { status: 409 } }))).toBe(false);
  });

  it('chains, and never makes an abort or a policy refusal transient', () => {
    const classify = isTransientError.with({ codes: ['A1'] }).with({ codes: ['B2'], names: ['AbortError'] });
    expect(classify(Object.assign(new Error('a'), { code: 'A1' }))).toBe(true);
    expect(classify(Object.assign(new Error('b'), { code: 'B2' }))).toBe(true);
    expect(classify(new DOMException('This operation was aborted', 'AbortError'))).toBe(false);
  });

  it('works as retry\'s retryOn', async () => {
    let calls = 0;
    const policy = retry({ maxAttempts: 2, backoff: exponentialBackoff({ initialDelayMs: 0 }), retryOn: isTransientError.with({ codes: ['SQLITE_BUSY'] }) });
    const result = await policy.execute(() => (++calls === 1 ? Promise.reject(Object.assign(new Error('locked'), { code: 'SQLITE_BUSY' })) : 'ok'));
    expect([result, calls]).toEqual(['ok', 2]);
  });

  it.each([
    [undefined, /expects an object of rules/],
    [{ code: ['X'] }, /unknown option "code"; expected one of codes, names, statuses, grpcCodes, messages/],
    [{ codes: 'ECONNRESET' }, /codes must be an array of strings, got "ECONNRESET"/],
    [{ statuses: [503, 99] }, /statuses must be an array of integers from 100 to 599, got an item 99/],
    [{ grpcCodes: [14.5] }, /grpcCodes must be an array of integers from 1 to 16, got an item 14.5/],
    [{ messages: [42] }, /messages must be an array of strings or RegExps, got an item 42/],
  ])('rejects the rules %o with a clear message', (rules, message) => {
    expect(() => isTransientError.with(rules as never)).toThrow(TypeError);
    expect(() => isTransientError.with(rules as never)).toThrow(message);
  });
});

describe('isTransientResult', () => {
  it('counts a fetch Response with a transient status as a failure', () => {
    expect(isTransientResult(httpResponse(503))).toBe(true);
    expect(isTransientResult(httpResponse(429))).toBe(true);
    expect(isTransientResult(httpResponse(200))).toBe(false);
    expect(isTransientResult(httpResponse(404))).toBe(false);
  });

  it('leaves plain values alone, even ones with a status field', () => {
    expect(isTransientResult({ status: 500 })).toBe(false);
    expect(isTransientResult(500)).toBe(false);
    expect(isTransientResult(null)).toBe(false);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds from a Response and from an axios error', () => {
    expect(retryAfterMs(httpResponse(429, { 'retry-after': '7' }))).toBe(7_000);
    expect(retryAfterMs({ response: { status: 503, headers: { 'retry-after': '2' } } })).toBe(2_000);
    expect(retryAfterMs({ response: { status: 503, headers: { 'Retry-After': 3 } } })).toBe(3_000);
  });

  it('reads an HTTP date relative to the wall clock', () => {
    const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
    const response = httpResponse(503, { 'retry-after': 'Wed, 21 Oct 2026 07:28:05 GMT' });
    expect(retryAfterMs(response, () => now)).toBe(5_000);
    expect(retryAfterMs(httpResponse(503, { 'retry-after': 'Wed, 21 Oct 2026 07:27:00 GMT' }), () => now)).toBe(0);
  });

  it('ignores a missing or unreadable header', () => {
    expect(retryAfterMs(httpResponse(503))).toBeUndefined();
    expect(retryAfterMs(httpResponse(503, { 'retry-after': 'soon' }))).toBeUndefined();
    expect(retryAfterMs(new Error('x'))).toBeUndefined();
  });
});
