import { checkNumber, checkOptions } from './core.js';

export interface RetryBudgetOptions {
  /** Size of the bucket. Default 10. */
  maxTokens?: number;
  /** Tokens a success puts back. Default 0.1, so about one retry is allowed per ten successes. */
  tokenRatio?: number;
}

/**
 * A token bucket shared by every call (and every `retry` policy) it is given to, as in gRPC's retry
 * throttling: each failed attempt takes a token, each success puts back `tokenRatio`, and retries are
 * allowed only while more than half the tokens remain. During an outage retries stop, so a fleet of
 * clients does not multiply the load on a struggling service.
 */
export class RetryBudget {
  readonly maxTokens: number;
  readonly tokenRatio: number;
  // Not private, which would make the class nominal: a budget from another copy of the runtime must type-check.
  /** @internal */
  available: number;

  constructor(options: RetryBudgetOptions = {}) {
    checkOptions('retryBudget', options, ['maxTokens', 'tokenRatio']);
    this.maxTokens = checkNumber('retryBudget', 'maxTokens', options.maxTokens ?? 10, { min: 0, exclusiveMin: true });
    this.tokenRatio = checkNumber('retryBudget', 'tokenRatio', options.tokenRatio ?? 0.1, {
      min: 0,
      exclusiveMin: true,
      max: this.maxTokens,
    });
    this.available = this.maxTokens;
  }

  /** Tokens left. */
  get tokens(): number {
    return this.available;
  }

  /** Whether a retry may be made now. */
  get canRetry(): boolean {
    return this.available > this.maxTokens / 2;
  }

  /** @internal */
  recordSuccess(): void {
    this.available = Math.min(this.maxTokens, this.available + this.tokenRatio);
  }

  /** @internal */
  recordFailure(): void {
    this.available = Math.max(0, this.available - 1);
  }
}

/** Creates a retry budget to share between `retry` policies: `retry({ budget })`. */
export function retryBudget(options?: RetryBudgetOptions): RetryBudget {
  return new RetryBudget(options);
}
