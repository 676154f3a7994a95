declare module 'node-fetch' {
  export interface RequestInit {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    signal?: AbortSignal;
    timeout?: number;
  }
  export interface Response {
    ok: boolean;
    status: number;
    headers: { get(name: string): string | null };
    json(): Promise<any>;
    text(): Promise<string>;
  }
  export default function fetch(url: string | URL, init?: RequestInit): Promise<Response>;
}
