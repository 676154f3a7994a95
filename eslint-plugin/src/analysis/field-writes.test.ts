import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A provider class keeps its client in a field it writes under a condition of its constructor, or makes again in a
// method once it has a token: every write is read, and a call through the field is judged by what they all made.
const ruleTester = new RuleTester();

const smsProvider = (tokenOptions: string) => `import axios, { AxiosInstance } from 'axios';
export class SmsGateway {
  client: AxiosInstance;
  constructor(private readonly config: { baseUrl: string; byToken: boolean }) {
    if (!config.byToken) {
      this.client = axios.create({ baseURL: config.baseUrl });
    }
  }
  async send(body: unknown, token: string) {
    if (this.config.byToken) {
      this.client = axios.create(${tokenOptions});
    }
    return this.client.request({ method: 'POST', data: body });
  }
}`;

ruleTester.run('require-timeout: a client field written in more than one place', requireTimeout, {
  valid: [
    // one write bounds the client, the other does not: how it was made depends on the path, so it is left alone
    smsProvider("{ baseURL: this.config.baseUrl, headers: { token }, timeout: 5_000 }"),
    // the field holds a client in one place and something else in another: nothing is known of it
    `import axios from 'axios';
export class Feed {
  private http: any;
  constructor(injected: unknown) {
    if (injected) this.http = injected;
    else this.http = axios.create({ baseURL: 'https://feed.example' });
  }
  load() { return this.http.get('/items'); }
}`,
    // a spread a condition chooses may set the bound
    `import { S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
export const makeStore = (region?: string) => new S3Client({ ...(region ? { region } : {}), ...(region && { requestHandler: new NodeHttpHandler({ requestTimeout: 10_000, throwOnRequestTimeout: true }) }) });`,
    `import axios from 'axios';
export class Feed {
  private http;
  constructor(slow: boolean) {
    this.http = axios.create({ baseURL: 'https://feed.example', ...(slow ? { timeout: 60_000 } : { timeout: 5_000 }) });
  }
  load() { return this.http.get('/items'); }
}`,
  ],
  invalid: [
    {
      code: smsProvider("{ baseURL: this.config.baseUrl, headers: { token } }"),
      // made in two places, so no one creation is offered as the fix
      errors: [{ messageId: 'missingTimeout', line: 13, suggestions: 3 }],
    },
    {
      // options a condition gives or leaves out set no bound either way
      code: `import axios from 'axios';
export class OnCall {
  private http = axios.create();
  send(url: string, body: unknown, headers?: Record<string, string>) {
    return this.http.post(url, body, headers ? { headers } : undefined);
  }
}`,
      errors: [{ messageId: 'missingTimeout', line: 5, suggestions: 3 }],
    },
    {
      // the instance made from options a condition gives or leaves out
      code: `import axios from 'axios';
export class OnCall {
  private http;
  constructor(headers?: Record<string, string>) {
    this.http = axios.create(headers && { headers });
  }
  send(url: string, body: unknown) {
    return this.http.post(url, body);
  }
}`,
      errors: [{
        messageId: 'missingTimeout',
        line: 8,
        suggestions: [
          {
            // the bound must hold whichever way the condition goes
            messageId: 'fixInstanceTimeout',
            output: `import axios from 'axios';
export class OnCall {
  private http;
  constructor(headers?: Record<string, string>) {
    this.http = axios.create({ ...(headers && { headers }), timeout: 5_000 });
  }
  send(url: string, body: unknown) {
    return this.http.post(url, body);
  }
}`,
          },
          {
            messageId: 'fixNativeTimeout',
            output: `import axios from 'axios';
export class OnCall {
  private http;
  constructor(headers?: Record<string, string>) {
    this.http = axios.create(headers && { headers });
  }
  send(url: string, body: unknown) {
    return this.http.post(url, body, { timeout: 5_000 });
  }
}`,
          },
          {
            messageId: 'fixWrapInTimeout',
            output: `import axios from 'axios';
import { timeout } from '@resilint/runtime';
export class OnCall {
  private http;
  constructor(headers?: Record<string, string>) {
    this.http = axios.create(headers && { headers });
  }
  send(url: string, body: unknown) {
    return timeout(5_000).execute(({ signal }) => this.http.post(url, body, { signal }));
  }
}`,
          },
          {
            messageId: 'fixWrapInPipeline',
            output: `import axios from 'axios';
import { pipeline, fallback, circuitBreaker, timeout } from '@resilint/runtime';
const httpBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });
export class OnCall {
  private http;
  constructor(headers?: Record<string, string>) {
    this.http = axios.create(headers && { headers });
  }
  send(url: string, body: unknown) {
    return pipeline(
      fallback(() => { throw new Error('TODO: choose the value to use when axios.post fails'); }),
      httpBreaker,
      timeout(5_000),
    ).execute(({ signal }) => this.http.post(url, body, { signal }));
  }
}`,
          },
        ],
      }],
    },
    {
      // a region spread in only when given adds no timeout: the S3 client is still made without one
      code: `import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
export class ObjectStore {
  private readonly s3: S3Client;
  constructor(private readonly config: { endpoint: string; region?: string; bucket: string }) {
    this.s3 = new S3Client({ endpoint: config.endpoint, forcePathStyle: true, ...(config.region ? { region: config.region } : {}) });
  }
  put(key: string, body: string) {
    return this.s3.send(new PutObjectCommand({ Bucket: this.config.bucket, Key: key, Body: body }));
  }
}`,
      errors: [{ messageId: 'missingClientTimeout', line: 5, suggestions: 1 }],
    },
  ],
});
