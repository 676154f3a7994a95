/** HTTP statuses worth retrying: the server may well answer differently a moment later. */
const TRANSIENT_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);

/** Error codes of failures in reaching a peer (Node's net/dns, undici, axios), not of the request itself. */
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EAI_AGAIN',
  'EPIPE',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ERR_NETWORK',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** What fetch rejects with when the network fails: Node (undici), Chromium, Firefox, Safari. */
const FETCH_NETWORK_MESSAGES = /^(fetch failed|failed to fetch|networkerror when attempting to fetch resource\.?|load failed|network request failed)$/i;

/** Causes are followed this deep, so a cyclic `cause` chain cannot hang the classifier. */
const MAX_CAUSE_DEPTH = 4;

/**
 * Whether a thrown value is a transient failure: a network error, a timeout, or an HTTP error response with
 * a transient status. Programming errors, aborts, `BrokenCircuitError` and anything unrecognised are not.
 * This is what `retry` retries unless told otherwise; `circuitBreaker` counts every error unless given it as `failureOn`.
 */
export function isTransientError(error: unknown): boolean {
  for (let depth = 0, current = error; depth <= MAX_CAUSE_DEPTH; depth++) {
    if (typeof current !== 'object' || current === null) return false;
    const candidate = current as {
      name?: unknown;
      code?: unknown;
      message?: unknown;
      status?: unknown;
      statusCode?: unknown;
      response?: unknown;
      cause?: unknown;
    };
    // By name, not instanceof, so errors from another copy of the runtime (or AbortSignal.timeout) count too.
    if (candidate.name === 'TimeoutError') return true;
    if (candidate.name === 'AbortError' || candidate.name === 'BrokenCircuitError') return false;
    if (typeof candidate.code === 'string' && TRANSIENT_CODES.has(candidate.code)) return true;
    const status = statusOf(candidate.response) ?? statusOf(candidate);
    if (status !== undefined) return TRANSIENT_STATUSES.has(status);
    if (
      current instanceof TypeError &&
      typeof candidate.message === 'string' &&
      FETCH_NETWORK_MESSAGES.test(candidate.message)
    ) {
      // Node's fetch says why in its cause (a reset is transient, a bad certificate is not); browsers do not.
      if (typeof candidate.cause !== 'object' || candidate.cause === null) return true;
    }
    current = candidate.cause;
  }
  return false;
}

/**
 * Whether a returned value is an HTTP response with a transient status (a fetch `Response`, or anything with
 * a numeric `status` and `headers`). `retry` retries such a result and returns it as is after the last attempt.
 */
export function isTransientResult(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || !('headers' in value)) return false;
  const status = statusOf(value);
  return status !== undefined && TRANSIENT_STATUSES.has(status);
}

function statusOf(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { status, statusCode } = value as { status?: unknown; statusCode?: unknown };
  if (typeof status === 'number') return status;
  if (typeof statusCode === 'number') return statusCode;
  return undefined;
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
