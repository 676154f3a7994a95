declare module '@aws-sdk/client-s3' {
  export interface S3ClientConfig {
    region?: string;
    maxAttempts?: number;
    requestHandler?: unknown;
  }
  export interface HttpHandlerOptions {
    abortSignal?: AbortSignal;
    requestTimeout?: number;
  }
  interface Command<Input, Output> {
    readonly input: Input;
    readonly __output?: Output;
  }
  export class GetObjectCommand implements Command<{ Bucket: string; Key: string }, GetObjectCommandOutput> {
    constructor(input: { Bucket: string; Key: string });
    readonly input: { Bucket: string; Key: string };
  }
  export class PutObjectCommand implements Command<{ Bucket: string; Key: string; Body?: unknown }, PutObjectCommandOutput> {
    constructor(input: { Bucket: string; Key: string; Body?: unknown; ContentType?: string });
    readonly input: { Bucket: string; Key: string; Body?: unknown };
  }
  export class ListObjectsV2Command implements Command<{ Bucket: string; Prefix?: string }, ListObjectsV2CommandOutput> {
    constructor(input: { Bucket: string; Prefix?: string });
    readonly input: { Bucket: string; Prefix?: string };
  }
  export interface GetObjectCommandOutput {
    Body?: { transformToString(): Promise<string> };
    ContentType?: string;
  }
  export interface PutObjectCommandOutput {
    ETag?: string;
  }
  export interface ListObjectsV2CommandOutput {
    Contents?: { Key?: string; Size?: number }[];
  }
  export class S3Client {
    constructor(config?: S3ClientConfig);
    send(command: GetObjectCommand, options?: HttpHandlerOptions): Promise<GetObjectCommandOutput>;
    send(command: PutObjectCommand, options?: HttpHandlerOptions): Promise<PutObjectCommandOutput>;
    send(command: ListObjectsV2Command, options?: HttpHandlerOptions): Promise<ListObjectsV2CommandOutput>;
    destroy(): void;
  }
}
declare module '@aws-sdk/client-s3' {
  /** The aggregated client: one method per command, taking the same handler options. */
  export class S3 extends S3Client {
    getObject(input: { Bucket: string; Key: string }, options?: HttpHandlerOptions): Promise<GetObjectCommandOutput>;
    putObject(input: { Bucket: string; Key: string; Body?: unknown }, options?: HttpHandlerOptions): Promise<PutObjectCommandOutput>;
  }
}
