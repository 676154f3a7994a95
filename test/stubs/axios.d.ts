declare module 'axios' {
  export interface AxiosRequestConfig<D = any> {
    url?: string;
    method?: string;
    baseURL?: string;
    headers?: Record<string, string>;
    params?: unknown;
    data?: D;
    timeout?: number;
    signal?: AbortSignal;
    validateStatus?: (status: number) => boolean;
  }
  export interface AxiosResponse<T = any> {
    data: T;
    status: number;
    statusText: string;
    headers: Record<string, string>;
    config: AxiosRequestConfig;
  }
  export interface AxiosError<T = any> extends Error {
    config?: AxiosRequestConfig;
    code?: string;
    response?: AxiosResponse<T>;
    isAxiosError: true;
  }
  export interface AxiosInstance {
    <T = any>(config: AxiosRequestConfig): Promise<AxiosResponse<T>>;
    <T = any>(url: string, config?: AxiosRequestConfig): Promise<AxiosResponse<T>>;
    defaults: AxiosRequestConfig & { headers: Record<string, any> };
    interceptors: {
      request: { use(onFulfilled?: (value: any) => any, onRejected?: (error: any) => any): number };
      response: { use(onFulfilled?: (value: any) => any, onRejected?: (error: any) => any): number };
    };
    request<T = any>(config: AxiosRequestConfig): Promise<AxiosResponse<T>>;
    get<T = any>(url: string, config?: AxiosRequestConfig): Promise<AxiosResponse<T>>;
    delete<T = any>(url: string, config?: AxiosRequestConfig): Promise<AxiosResponse<T>>;
    head<T = any>(url: string, config?: AxiosRequestConfig): Promise<AxiosResponse<T>>;
    options<T = any>(url: string, config?: AxiosRequestConfig): Promise<AxiosResponse<T>>;
    post<T = any>(url: string, data?: any, config?: AxiosRequestConfig): Promise<AxiosResponse<T>>;
    put<T = any>(url: string, data?: any, config?: AxiosRequestConfig): Promise<AxiosResponse<T>>;
    patch<T = any>(url: string, data?: any, config?: AxiosRequestConfig): Promise<AxiosResponse<T>>;
  }
  export interface AxiosStatic extends AxiosInstance {
    create(config?: AxiosRequestConfig): AxiosInstance;
    isAxiosError(value: unknown): value is AxiosError;
  }
  export function isAxiosError(value: unknown): value is AxiosError;
  const axios: AxiosStatic;
  export default axios;
}
