import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// aws4fetch signs a request and sends it with fetch: the init's signal is the only bound, and the client keeps
// retrying failed answers by itself, so a request that never answers holds its caller forever.
const ruleTester = new RuleTester();

const store = (init: string) => `import { AwsClient } from 'aws4fetch';
export class ObjectStore {
  private readonly aws: AwsClient;
  constructor(private readonly baseUrl: string, accessKeyId: string, secretAccessKey: string) {
    this.aws = new AwsClient({ accessKeyId, secretAccessKey, service: 's3' });
  }
  get(key: string) {
    return this.aws.fetch(\`\${this.baseUrl}/\${key}\`${init});
  }
}`;

ruleTester.run('require-timeout (aws4fetch)', requireTimeout, {
  valid: [
    store(', { signal: AbortSignal.timeout(10_000) }'),
    // signing only: no request is sent
    `import { AwsClient } from 'aws4fetch';
const aws = new AwsClient({ accessKeyId: 'a', secretAccessKey: 'b' });
export const presign = (url: string) => aws.sign(new Request(url, { method: 'PUT' }), { aws: { signQuery: true } });`,
    // a signed Request may carry its own signal
    `import { AwsClient } from 'aws4fetch';
const aws = new AwsClient({ accessKeyId: 'a', secretAccessKey: 'b' });
export const send = (request: Request) => aws.fetch(request);`,
  ],
  invalid: [
    {
      code: store(''),
      errors: [{
        messageId: 'missingTimeout',
        line: 8,
        // the signal in its init (what the first valid case shows bounded), the runtime's timeout, the pipeline
        suggestions: 3,
      }],
    },
  ],
});
