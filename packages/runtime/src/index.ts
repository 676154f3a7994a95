export { exponentialBackoff, type Backoff, type ExponentialBackoffOptions, type Jitter } from './backoff.js';
export { bulkhead, BulkheadPolicy, type BulkheadOptions } from './bulkhead.js';
export {
  circuitBreaker,
  CircuitBreakerPolicy,
  type BreakEvent,
  type CircuitBreakerOptions,
  type CircuitBreakerSnapshot,
  type CircuitState,
  type IsolationHandle,
  type StateChangeEvent,
} from './circuit-breaker.js';
export type { ExecuteContext, Policy, Work } from './core.js';
export { BrokenCircuitError, BulkheadRejectedError, RateLimitedError, TimeoutError } from './errors.js';
export type { Unsubscribe } from './events.js';
export type { FailureCounts, SlidingWindow } from './failure-counter.js';
export { fallback, FallbackPolicy, isProgrammingError, type FallbackOptions } from './fallback.js';
export { once } from './once.js';
export { pipeline, PipelinePolicy, type FallbackOf } from './pipeline.js';
export { retry, RetryPolicy, type GiveUpEvent, type RetryEvent, type RetryOptions } from './retry.js';
export {
  ObservablePolicy,
  type FailureEvent,
  type LatencySummary,
  type Outcome,
  type PolicyStats,
  type SuccessEvent,
} from './stats.js';
export { RetryBudget, retryBudget, type RetryBudgetOptions } from './budget.js';
export { timeout, TimeoutPolicy, type TimeoutEvent } from './timeout.js';
export {
  isTransientError,
  isTransientResult,
  retryAfterMs,
  type TransientClassifier,
  type TransientRules,
} from './transient.js';
export { hedge, HedgePolicy, type HedgeEvent, type HedgeOptions } from './hedge.js';
export { rateLimiter, RateLimiterPolicy, type RateLimiterOptions } from './rate-limiter.js';
