declare module 'axios-retry' {
  import type { AxiosError, AxiosInstance, AxiosStatic } from 'axios';
  export interface IAxiosRetryConfig {
    retries?: number;
    retryDelay?: (retryCount: number, error: AxiosError) => number;
    retryCondition?: (error: AxiosError) => boolean | Promise<boolean>;
    shouldResetTimeout?: boolean;
    onRetry?: (retryCount: number, error: AxiosError, requestConfig: unknown) => void;
  }
  export function exponentialDelay(retryNumber?: number, error?: AxiosError, delayFactor?: number): number;
  export function linearDelay(delayFactor?: number): (retryNumber: number, error: AxiosError) => number;
  export function isNetworkOrIdempotentRequestError(error: AxiosError): boolean;
  export function isNetworkError(error: AxiosError): boolean;
  interface AxiosRetry {
    (axios: AxiosStatic | AxiosInstance, config?: IAxiosRetryConfig): { requestInterceptorId: number; responseInterceptorId: number };
    exponentialDelay: typeof exponentialDelay;
    linearDelay: typeof linearDelay;
    isNetworkOrIdempotentRequestError: typeof isNetworkOrIdempotentRequestError;
    isNetworkError: typeof isNetworkError;
  }
  const axiosRetry: AxiosRetry;
  export default axiosRetry;
}
