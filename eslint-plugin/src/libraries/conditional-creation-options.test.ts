import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };
const atCreation = { messageId: 'missingClientTimeout' as const };

// Client options with a part that is there or not: an empty fallback (`config ?? {}`) or a spread of one literal under
// a condition (`...(credentials && { credentials })`). Either way the options are one of the literals written, so the
// client is judged by them: neither sets a timeout, then it has none. A fallback or a spread that is not a literal
// may still bring one.
ruleTester.run('require-timeout: client options with an empty fallback or a conditional part', requireTimeout, {
  valid: [
    // the fallback is not empty: it may carry a handler
    `import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
export async function session(id: string, shared: object) {
  const settings = { region: 'eu-west-1' };
  const db = new DynamoDBClient(settings ?? shared);
  return db.send(new GetItemCommand({ TableName: 'sessions', Key: { id: { S: id } } }));
}`,
    // the condition adds a handler with a request timeout
    `import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
export async function enqueue(body: string, slow: boolean) {
  const queue = new SQSClient({ region: 'us-east-1', ...(slow ? { requestHandler: { requestTimeout: 30_000, throwOnRequestTimeout: true } } : { requestHandler: { requestTimeout: 5_000, throwOnRequestTimeout: true } }) });
  return queue.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: body }));
}`,
    // a spread of something that is not a literal may bring anything
    `import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
export async function enqueue(body: string, extra: object) {
  const queue = new SQSClient({ region: 'us-east-1', ...(extra && loadOverrides(extra)) });
  return queue.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: body }));
}`,
    // a condition choosing between literals, one of which gives the handler a timeout
    `import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
export class Outbox {
  private readonly queue: SQSClient;
  constructor(local: boolean) {
    this.queue = new SQSClient(local ? { endpoint: 'http://localhost:9324' } : { requestHandler: { requestTimeout: 30_000, throwOnRequestTimeout: true } });
  }
  async post(body: string) {
    await this.queue.send(new SendMessageCommand({ QueueUrl: process.env.OUTBOX_URL, MessageBody: body }));
  }
}`,
    // a condition whose branch is not a literal may bring a handler
    `import { S3Client, PutObjectCommand, type S3ClientConfig } from '@aws-sdk/client-s3';
export class Archive {
  private readonly store: S3Client;
  constructor(shared?: S3ClientConfig) {
    const config = shared ? shared : { region: 'eu-central-1' };
    this.store = new S3Client(config);
  }
  async keep(key: string, body: string) {
    await this.store.send(new PutObjectCommand({ Bucket: 'archive', Key: key, Body: body }));
  }
}`,
  ],
  invalid: [
    {
      // options kept in a const with an empty fallback, the client used where it is made
      code: `import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
export async function session(id: string) {
  const settings = { region: 'eu-west-1' };
  const db = new DynamoDBClient(settings ?? {});
  return db.send(new GetItemCommand({ TableName: 'sessions', Key: { id: { S: id } } }));
}`,
      errors: [{ ...missing, line: 5, suggestions: 4 }],
    },
    {
      // the keys only when the caller has some
      code: `import { BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
export async function complete(modelId: string, keys?: { accessKeyId: string; secretAccessKey: string }) {
  const model = new BedrockRuntimeClient({ region: 'us-east-1', ...(keys && { credentials: keys }) });
  return model.send(new InvokeModelCommand({ modelId, body: '{}' }));
}`,
      errors: [{ ...missing, line: 4, suggestions: 4 }],
    },
    {
      // made with an empty fallback and handed on: judged where it is made, and the fix keeps the fallback
      code: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
export function memory(region: string) {
  const settings = { region };
  return { table: 'history', client: new DynamoDBClient(settings ?? {}) };
}`,
      errors: [{ ...atCreation, line: 4, suggestions: [{
        messageId: 'fixInstanceTimeout',
        output: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
export function memory(region: string) {
  const settings = { region };
  return { table: 'history', client: new DynamoDBClient({ ...(settings ?? {}), requestHandler: { requestTimeout: 10_000, connectionTimeout: 5_000, throwOnRequestTimeout: true } }) };
}`,
      }] }],
    },
    {
      // the options a condition chooses between two literals, neither with a handler; the client kept by a class
      // when its caller gives none, and handed to a class's constructor
      code: `import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
const region = process.env.AWS_REGION;
export class Outbox {
  private readonly queue: SQSClient;
  constructor(given: { queue?: SQSClient } = {}) {
    this.queue = given.queue ?? new SQSClient(region ? { region } : {});
  }
  async post(body: string) {
    await this.queue.send(new SendMessageCommand({ QueueUrl: process.env.OUTBOX_URL, MessageBody: body }));
  }
}
export const outbox = () => new Outbox({ queue: new SQSClient(region ? { region } : {}) });`,
      errors: [
        { ...atCreation, line: 6, suggestions: [{
          messageId: 'fixInstanceTimeout',
          output: `import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
const region = process.env.AWS_REGION;
export class Outbox {
  private readonly queue: SQSClient;
  constructor(given: { queue?: SQSClient } = {}) {
    this.queue = given.queue ?? new SQSClient({ ...(region ? { region } : {}), requestHandler: { requestTimeout: 30_000, connectionTimeout: 5_000, throwOnRequestTimeout: true } });
  }
  async post(body: string) {
    await this.queue.send(new SendMessageCommand({ QueueUrl: process.env.OUTBOX_URL, MessageBody: body }));
  }
}
export const outbox = () => new Outbox({ queue: new SQSClient(region ? { region } : {}) });`,
        }] },
        { ...atCreation, line: 12, suggestions: 1 },
      ],
    },
    {
      // the options kept in a const a condition gives
      code: `import { S3Client, PutObjectCommand, type S3ClientConfig } from '@aws-sdk/client-s3';
export class Archive {
  private readonly store: S3Client;
  constructor(credentials?: S3ClientConfig['credentials']) {
    const config: S3ClientConfig = credentials ? { region: 'eu-central-1', credentials } : { region: 'eu-central-1' };
    this.store = new S3Client(config);
  }
  async keep(key: string, body: string) {
    await this.store.send(new PutObjectCommand({ Bucket: 'archive', Key: key, Body: body }));
  }
}`,
      errors: [{ ...atCreation, line: 6, suggestions: [{
        messageId: 'fixInstanceTimeout',
        output: `import { S3Client, PutObjectCommand, type S3ClientConfig } from '@aws-sdk/client-s3';
export class Archive {
  private readonly store: S3Client;
  constructor(credentials?: S3ClientConfig['credentials']) {
    const config: S3ClientConfig = credentials ? { region: 'eu-central-1', credentials } : { region: 'eu-central-1' };
    this.store = new S3Client({ ...config, requestHandler: { requestTimeout: 10_000, connectionTimeout: 5_000, throwOnRequestTimeout: true } });
  }
  async keep(key: string, body: string) {
    await this.store.send(new PutObjectCommand({ Bucket: 'archive', Key: key, Body: body }));
  }
}`,
      }] }],
    },
    {
      // made as a constructor parameter's default and kept in a field in the constructor's body
      code: `import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';
export class Runner {
  private readonly lambda: LambdaClient;
  constructor(lambda: LambdaClient = new LambdaClient()) {
    this.lambda = lambda;
  }
  async run(name: string) {
    return this.lambda.send(new InvokeCommand({ FunctionName: name }));
  }
}`,
      errors: [{ ...atCreation, line: 4, suggestions: 1 }],
    },
  ],
});
