import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const atCreation = { messageId: 'missingClientTimeout' as const };

// An AWS SDK client made from a config the code completes step by step, or keeps in a field, and handed on (a DI
// container, another package's publisher): its calls elsewhere cannot see how it was made, so the creation is judged,
// reading the config as it is written.
ruleTester.run('require-timeout (AWS SDK config held in a variable or a field)', requireTimeout, {
  valid: [
    // an assignment may give it a handler: the config cannot be read here
    `import { SQSClient, SQSClientConfig } from '@aws-sdk/client-sqs';
     export function register(container: Container, handler: unknown) {
       const queueConfig: SQSClientConfig = { region: 'eu-central-1' };
       if (process.env.QUEUE_PROXY) queueConfig.requestHandler = handler;
       container.register('queue', new SQSClient(queueConfig));
     }`,
    // the handler options bound the sockets
    `import { SQSClient } from '@aws-sdk/client-sqs';
     export class Jobs {
       private readonly settings: object;
       private readonly sqs: SQSClient;
       constructor(settings: object) {
         this.settings = { ...settings, requestHandler: { requestTimeout: 8_000, throwOnRequestTimeout: true, httpsAgent: { maxSockets: 20 } } };
         this.sqs = new SQSClient(this.settings);
       }
     }`,
    // an agent given with its own socket timeout
    `import { S3Client } from '@aws-sdk/client-s3';
     export class Media {
       private readonly s3 = new S3Client({ requestHandler: { httpsAgent: { keepAlive: true, timeout: 20_000 } } });
     }`,
    // what is spread after the handler may replace it
    `import { S3Client } from '@aws-sdk/client-s3';
     export class Media {
       private readonly config: object;
       private readonly s3: S3Client;
       constructor(overrides: object) {
         this.config = { requestHandler: { httpsAgent: { maxSockets: 10 } }, ...overrides };
         this.s3 = new S3Client(this.config);
       }
     }`,
    // the field is written in two places: which config the client gets is not known here
    `import { S3Client } from '@aws-sdk/client-s3';
     export class Media {
       private config: object = { region: 'eu-west-3' };
       private s3: S3Client;
       constructor(extra?: object) {
         if (extra) this.config = extra;
         this.s3 = new S3Client(this.config);
       }
     }`,
    // a config a package builds (not the project's own helper, whose modules could be read): it may bring a handler
    `import { S3Client } from '@aws-sdk/client-s3';
     import { sharedCloudConfig } from 'company-cloud-config';
     export async function uploads(keep: (client: S3Client) => void) {
       keep(new S3Client(await sharedCloudConfig('uploads')));
     }`,
    // a handler the user made is their choice of transport
    `import { S3Client } from '@aws-sdk/client-s3';
     export const media = { s3: new S3Client({ region: 'eu-west-3', requestHandler: proxyHandler }) };`,
  ],
  invalid: [
    {
      // completed by assignments of other options, then bound in a container: reported where it is made (a queue
      // client's request timeout outlasts SQS's longest poll, 20 s)
      code: `import { SQSClient, SQSClientConfig } from '@aws-sdk/client-sqs';
export function register(container: Container) {
  const queueConfig: SQSClientConfig = { region: 'eu-central-1' };
  if (process.env.QUEUE_ENDPOINT) {
    queueConfig.endpoint = process.env.QUEUE_ENDPOINT;
  }
  const queue = new SQSClient(queueConfig);
  container.bind('Queue').toConstantValue(queue);
}`,
      errors: [{
        ...atCreation,
        line: 7,
        suggestions: [{
          messageId: 'fixInstanceTimeout',
          output: `import { SQSClient, SQSClientConfig } from '@aws-sdk/client-sqs';
export function register(container: Container) {
  const queueConfig: SQSClientConfig = { region: 'eu-central-1' };
  if (process.env.QUEUE_ENDPOINT) {
    queueConfig.endpoint = process.env.QUEUE_ENDPOINT;
  }
  const queue = new SQSClient({ ...queueConfig, requestHandler: { requestTimeout: 30_000, connectionTimeout: 5_000, throwOnRequestTimeout: true } });
  container.bind('Queue').toConstantValue(queue);
}`,
        }],
      }],
    },
    {
      // a module-level config handed, with its client, to a publisher of another package
      code: `import { SNSClient } from '@aws-sdk/client-sns';
import { Broadcaster } from '@acme/broadcast';
const snsOptions = { region: 'us-east-2' } as Record<string, unknown>;
if (process.env.LOCALSTACK) snsOptions.endpoint = 'http://localhost:4566';
export const broadcaster = new Broadcaster(new SNSClient(snsOptions));`,
      errors: [{ ...atCreation, line: 5, suggestions: 1 }],
    },
    {
      // the config kept in a field: the caller's settings spread, then handler options that only size the sockets
      code: `import { S3Client } from '@aws-sdk/client-s3';
export class Attachments {
  private readonly config: Record<string, unknown>;
  private readonly s3: S3Client;
  constructor(settings: Record<string, unknown>) {
    this.config = { ...settings, requestHandler: { httpsAgent: { maxSockets: 100 } } };
    this.s3 = new S3Client(this.config as any);
  }
}`,
      errors: [{
        ...atCreation,
        line: 7,
        suggestions: [{
          messageId: 'fixInstanceTimeout',
          output: `import { S3Client } from '@aws-sdk/client-s3';
export class Attachments {
  private readonly config: Record<string, unknown>;
  private readonly s3: S3Client;
  constructor(settings: Record<string, unknown>) {
    this.config = { ...settings, requestHandler: { httpsAgent: { maxSockets: 100 }, requestTimeout: 10_000, connectionTimeout: 5_000, throwOnRequestTimeout: true } };
    this.s3 = new S3Client(this.config as any);
  }
}`,
        }],
      }],
    },
    {
      // the client made again from the same config later: the config is fixed once, reported at the first
      code: `import { S3Client } from '@aws-sdk/client-s3';
export class Exports {
  private readonly config: Record<string, unknown>;
  private readonly s3: S3Client;
  constructor(settings: Record<string, unknown>) {
    this.config = { ...settings, requestHandler: { httpsAgent: { maxSockets: 100 } } };
    this.s3 = new S3Client(this.config);
  }
  fresh(): S3Client {
    return new S3Client(this.config);
  }
}`,
      errors: [{ ...atCreation, line: 7, suggestions: 1 }],
    },
    {
      // handler options with no timeout, in the literal itself
      code: `import { S3Client } from '@aws-sdk/client-s3';
export class Media {
  private readonly s3 = new S3Client({ region: 'eu-west-3', requestHandler: { httpAgent: { maxSockets: 8 } } });
}`,
      errors: [{ ...atCreation, line: 3, suggestions: 1 }],
    },
  ],
});
