declare module 'mongodb' {
  export interface OperationOptions {
    maxTimeMS?: number;
    timeoutMS?: number;
  }
  export interface Collection<T = any> {
    findOne(filter: object, options?: OperationOptions): Promise<T | null>;
    find(filter: object, options?: OperationOptions): { toArray(): Promise<T[]>; maxTimeMS(ms: number): { toArray(): Promise<T[]> } };
    insertOne(doc: object, options?: OperationOptions): Promise<{ insertedId: unknown }>;
    updateOne(filter: object, update: object, options?: OperationOptions): Promise<{ modifiedCount: number }>;
    deleteOne(filter: object, options?: OperationOptions): Promise<{ deletedCount: number }>;
    countDocuments(filter?: object, options?: OperationOptions): Promise<number>;
  }
  export interface Db {
    collection<T = any>(name: string): Collection<T>;
  }
  export class MongoClient {
    constructor(uri: string, options?: { timeoutMS?: number; socketTimeoutMS?: number });
    connect(): Promise<MongoClient>;
    db(name?: string): Db;
    close(): Promise<void>;
  }
}
