import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import noRetryNonIdempotent from './no-retry-non-idempotent.js';
import noUnboundedRetry from './no-unbounded-retry.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A streaming platform's SDK (the forty-second round's twurple, in our own words): every API call goes through one
// method that runs its request inside the `retry` package's operation, four tries with backoff on any error, a 5xx
// included. The method is the caller's: a chat message posted through it is sent again after a dropped connection.
const ruleTester = new RuleTester();

const client = (options: string, say = "await this.call({ method: 'POST', path: `/chat/${channel}/messages`, body: { text } });") => `import retry from 'retry';
interface Call { method?: 'GET' | 'POST'; path: string; body?: unknown }
export class StreamApi {
  constructor(private readonly base: string) {}
  async call(c: Call): Promise<Response> {
    const operation = retry.operation(${options});
    return await new Promise<Response>((resolve, reject) => {
      operation.attempt(async () => {
        try {
          const response = await fetch(this.base + c.path, { method: c.method ?? 'GET', body: JSON.stringify(c.body), signal: AbortSignal.timeout(10_000) });
          if (response.status >= 500) throw new Error(\`server error \${response.status}\`);
          resolve(response);
        } catch (error) {
          if (operation.retry(error as Error)) return;
          reject(operation.mainError());
        }
      });
    });
  }
  async say(channel: string, text: string): Promise<void> {
    ${say}
  }
}
`;

ruleTester.run('no-retry-non-idempotent: retry.operation', noRetryNonIdempotent, {
  valid: [
    // every caller reads
    client('{ retries: 3, minTimeout: 500, factor: 2 }', 'await this.call({ path: `/chat/${channel}/messages` });'),
  ],
  invalid: [
    {
      code: client('{ retries: 3, minTimeout: 500, factor: 2 }'),
      errors: [{ messageId: 'retriedRequest', line: 10, suggestions: 1 }],
    },
  ],
});

ruleTester.run('no-unbounded-retry: retry.operation', noUnboundedRetry, {
  valid: [client('{ retries: 3, minTimeout: 500, factor: 2 }', 'await this.call({ path: `/chat/${channel}/messages` });')],
  invalid: [
    {
      code: client('{ forever: true }', 'await this.call({ path: `/chat/${channel}/messages` });'),
      errors: [{
        messageId: 'unbounded',
        suggestions: [{ messageId: 'fixAddBound', output: client('{ retries: 3 }', 'await this.call({ path: `/chat/${channel}/messages` });') }],
      }],
    },
  ],
});
