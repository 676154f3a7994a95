export { exponentialBackoff, type Backoff, type ExponentialBackoffOptions, type Jitter } from './backoff.js';
export { bulkhead, BulkheadPolicy, type BulkheadOptions } from './bulkhead.js';
export {
  circuitBreaker,
  CircuitBreakerPolicy,
  type BreakEvent,
  type CircuitBreakerOptions,
  type CircuitState,
  type StateChangeEvent,
} from './circuit-breaker.js';
export type { ExecuteContext, Policy, Work } from './core.js';
export { BrokenCircuitError, BulkheadRejectedError, TimeoutError } from './errors.js';
export type { Unsubscribe } from './events.js';
export type { SlidingWindow } from './failure-counter.js';
export { fallback, FallbackPolicy } from './fallback.js';
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
export { isTransientError, isTransientResult, retryAfterMs } from './transient.js';
