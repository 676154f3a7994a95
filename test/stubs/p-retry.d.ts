declare module 'p-retry' {
  export interface Options {
    retries?: number;
    factor?: number;
    minTimeout?: number;
    maxTimeout?: number;
    randomize?: boolean;
    maxRetryTime?: number;
    signal?: AbortSignal;
    onFailedAttempt?: (error: Error & { attemptNumber: number; retriesLeft: number }) => void | Promise<void>;
    shouldRetry?: (error: Error) => boolean | Promise<boolean>;
  }
  export class AbortError extends Error {
    constructor(message: string | Error);
  }
  export default function pRetry<T>(input: (attemptCount: number) => PromiseLike<T> | T, options?: Options): Promise<T>;
}
