import { describe, expect, it } from 'vitest';
import { BrokenCircuitError, isTransientError, isTransientResult, retryAfterMs, TimeoutError } from '../src/index.js';
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
