declare module 'got' {
  export interface Delays {
    lookup?: number;
    connect?: number;
    secureConnect?: number;
    socket?: number;
    send?: number;
    response?: number;
    read?: number;
    request?: number;
  }
  export interface RetryOptions {
    limit?: number;
    methods?: string[];
    statusCodes?: number[];
    backoffLimit?: number;
    noise?: number;
    calculateDelay?: (retryObject: { attemptCount: number; computedValue: number }) => number;
  }
  export interface Options {
    method?: string;
    headers?: Record<string, string>;
    json?: unknown;
    body?: string;
    searchParams?: Record<string, string | number>;
    prefixUrl?: string;
    timeout?: Delays;
    retry?: RetryOptions;
    signal?: AbortSignal;
    responseType?: 'text' | 'json' | 'buffer';
  }
  export interface Response<T = string> {
    body: T;
    statusCode: number;
    headers: Record<string, string>;
  }
  export interface ResponsePromise<T = string> extends Promise<Response<T>> {
    json<R = unknown>(): Promise<R>;
    text(): Promise<string>;
  }
  export interface Got {
    (url: string | URL, options?: Options): ResponsePromise;
    get(url: string | URL, options?: Options): ResponsePromise;
    post(url: string | URL, options?: Options): ResponsePromise;
    put(url: string | URL, options?: Options): ResponsePromise;
    patch(url: string | URL, options?: Options): ResponsePromise;
    delete(url: string | URL, options?: Options): ResponsePromise;
    head(url: string | URL, options?: Options): ResponsePromise;
    extend(...options: Options[]): Got;
  }
  const got: Got;
  export default got;
}
