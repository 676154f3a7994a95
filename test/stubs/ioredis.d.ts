declare module 'ioredis' {
  interface RedisOptions {
    host?: string;
    port?: number;
    commandTimeout?: number;
    connectTimeout?: number;
  }
  class Redis {
    constructor(options?: RedisOptions);
    constructor(url: string, options?: RedisOptions);
    constructor(port: number, options?: RedisOptions);
    constructor(port: number, host: string, options?: RedisOptions);
    get(key: string): Promise<string | null>;
    set(key: string, value: string, ...args: unknown[]): Promise<'OK'>;
    del(...keys: string[]): Promise<number>;
    quit(): Promise<'OK'>;
  }
  export default Redis;
}
