declare module 'cockatiel' {
  export interface IBackoffFactory<T> {
    next(context: T): unknown;
  }
  export class ConstantBackoff implements IBackoffFactory<unknown> {
    constructor(interval: number);
    next(): unknown;
  }
  export class ExponentialBackoff implements IBackoffFactory<unknown> {
    constructor(options?: { initialDelay?: number; maxDelay?: number; exponent?: number });
    next(): unknown;
  }
  export class ConsecutiveBreaker {
    constructor(threshold: number);
  }
  export interface IPolicy {
    execute<T>(fn: (context: { signal: AbortSignal; attempt: number }) => PromiseLike<T> | T, signal?: AbortSignal): Promise<T>;
  }
  export interface RetryPolicy extends IPolicy {}
  export const handleAll: {
    retry(): { attempts(count: number): RetryPolicy } & RetryPolicy;
  };
  export function handleType(type: new (...args: any[]) => Error): typeof handleAll;
  export function retry(policy: unknown, options: { maxAttempts?: number; backoff?: IBackoffFactory<unknown> }): RetryPolicy;
  export function circuitBreaker(policy: unknown, options: { halfOpenAfter: number; breaker: ConsecutiveBreaker }): IPolicy;
  export function timeout(duration: number, strategy: TimeoutStrategy): IPolicy;
  export function wrap(...policies: IPolicy[]): IPolicy;
  export enum TimeoutStrategy {
    Cooperative = 'cooperative',
    Aggressive = 'aggressive',
  }
}
