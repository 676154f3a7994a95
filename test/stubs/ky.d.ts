declare module 'ky' {
  export interface RetryOptions {
    limit?: number;
    methods?: string[];
    statusCodes?: number[];
    backoffLimit?: number;
    delay?: (attemptCount: number) => number;
  }
  export interface Options extends Omit<RequestInit, 'headers'> {
    headers?: Record<string, string>;
    json?: unknown;
    searchParams?: Record<string, string | number>;
    prefixUrl?: string;
    timeout?: number | false;
    retry?: number | RetryOptions;
    signal?: AbortSignal;
  }
  export interface ResponsePromise extends Promise<Response> {
    json<T = unknown>(): Promise<T>;
    text(): Promise<string>;
  }
  export interface KyInstance {
    (url: string | URL | Request, options?: Options): ResponsePromise;
    get(url: string | URL | Request, options?: Options): ResponsePromise;
    post(url: string | URL | Request, options?: Options): ResponsePromise;
    put(url: string | URL | Request, options?: Options): ResponsePromise;
    patch(url: string | URL | Request, options?: Options): ResponsePromise;
    delete(url: string | URL | Request, options?: Options): ResponsePromise;
    head(url: string | URL | Request, options?: Options): ResponsePromise;
    create(defaults?: Options): KyInstance;
    extend(defaults: Options): KyInstance;
  }
  const ky: KyInstance;
  export default ky;
}
