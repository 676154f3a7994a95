declare module 'pg' {
  export interface PoolConfig {
    connectionString?: string;
    max?: number;
    statement_timeout?: number;
    query_timeout?: number;
    connectionTimeoutMillis?: number;
    idleTimeoutMillis?: number;
  }
  export interface QueryResult<R = any> {
    rows: R[];
    rowCount: number | null;
  }
  export interface QueryConfig {
    text: string;
    values?: unknown[];
    query_timeout?: number;
  }
  interface Queryable {
    query<R = any>(text: string | QueryConfig, values?: unknown[]): Promise<QueryResult<R>>;
  }
  export class PoolClient implements Queryable {
    query<R = any>(text: string | QueryConfig, values?: unknown[]): Promise<QueryResult<R>>;
    release(error?: Error | boolean): void;
  }
  export class Pool implements Queryable {
    constructor(config?: PoolConfig);
    query<R = any>(text: string | QueryConfig, values?: unknown[]): Promise<QueryResult<R>>;
    connect(): Promise<PoolClient>;
    end(): Promise<void>;
  }
  export class Client implements Queryable {
    constructor(config?: PoolConfig);
    connect(): Promise<void>;
    query<R = any>(text: string | QueryConfig, values?: unknown[]): Promise<QueryResult<R>>;
    end(): Promise<void>;
  }
  const pg: { Pool: typeof Pool; Client: typeof Client };
  export default pg;
}
