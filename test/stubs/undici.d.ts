declare module 'undici' {
  export interface RequestOptions {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    signal?: AbortSignal;
    headersTimeout?: number;
    bodyTimeout?: number;
  }
  export function request(
    url: string | URL,
    options?: RequestOptions,
  ): Promise<{ statusCode: number; headers: Record<string, string>; body: { json(): Promise<any>; text(): Promise<string> } }>;
  export function fetch(input: string | URL, init?: RequestInit): Promise<Response>;
}
