declare module 'mysql2/promise' {
  export interface QueryOptions {
    sql: string;
    values?: unknown[];
    timeout?: number;
  }
  export interface Pool {
    query<T = any>(sql: string | QueryOptions, values?: unknown[]): Promise<[T, unknown]>;
    execute<T = any>(sql: string | QueryOptions, values?: unknown[]): Promise<[T, unknown]>;
    getConnection(): Promise<Pool & { release(): void }>;
    end(): Promise<void>;
  }
  export function createPool(config: string | { host?: string; user?: string; password?: string; database?: string }): Pool;
  const mysql: { createPool: typeof createPool };
  export default mysql;
}
