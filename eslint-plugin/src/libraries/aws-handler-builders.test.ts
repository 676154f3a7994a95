import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };
const atCreation = { messageId: 'missingClientTimeout' as const };

// An AWS client's request handler built by a function of the module: what that function returns is read as if it
// were written in the client's options. Sizing the socket pool bounds nothing; `requestTimeout` does (with `throwOnRequestTimeout`).
ruleTester.run('require-timeout (AWS request handler built by a helper)', requireTimeout, {
  valid: [
    `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
function pooled(size: number) {
  return new NodeHttpHandler({ requestTimeout: 15_000, throwOnRequestTimeout: true, httpsAgent: { maxSockets: size } });
}
const store = new S3Client({ requestHandler: pooled(32) });
export const read = (key: string) => store.send(new GetObjectCommand({ Bucket: 'files', Key: key }));`,
    // a handler from another module: not read here
    `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
import { pooled } from './transport';
const store = new S3Client({ requestHandler: pooled(32) });
export const read = (key: string) => store.send(new GetObjectCommand({ Bucket: 'files', Key: key }));`,
    // one branch of the helper passes a handler it was given: that one may be bounded
    `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
function pick(given?: NodeHttpHandler) {
  if (given) return given;
  return new NodeHttpHandler({ httpsAgent: { maxSockets: 8 } });
}
export const open = (given?: NodeHttpHandler) => { const store = new S3Client({ requestHandler: pick(given) }); return (key: string) => store.send(new GetObjectCommand({ Bucket: 'b', Key: key })); };`,
  ],
  invalid: [
    {
      // a module-level client, its handler from a helper that only sizes the pool
      code: `import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
const pooled = (size: number) => new NodeHttpHandler({ httpsAgent: { maxSockets: size } });
const handler = pooled(64);
const store = new S3Client({ region: 'eu-west-1', requestHandler: handler });
export async function save(key: string, body: string) {
  await store.send(new PutObjectCommand({ Bucket: 'files', Key: key, Body: body }));
}`,
      errors: [{ ...missing, line: 7, suggestions: 4 }],
    },
    {
      // a storage service keeping its clients in fields: both share one handler, reported once, fixed in the helper's
      // every return (the second gives agents made out of sight, with no timeout the handler keeps)
      code: `import { S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { guardedAgents } from './agents';
function buildHandler(guarded: boolean): NodeHttpHandler {
  if (!guarded) return new NodeHttpHandler({ httpsAgent: { maxSockets: 50 } });
  const { httpAgent, httpsAgent } = guardedAgents({ maxSockets: 50 });
  return new NodeHttpHandler({ httpAgent, httpsAgent });
}
export class Blobs {
  readonly client: S3Client;
  readonly signer: S3Client;
  constructor(guarded: boolean) {
    const requestHandler = buildHandler(guarded);
    this.client = new S3Client({ region: 'eu-west-1', requestHandler });
    this.signer = new S3Client({ region: 'eu-west-1', requestHandler });
  }
}`,
      errors: [{
        ...atCreation,
        line: 14,
        suggestions: [{
          messageId: 'fixInstanceTimeout',
          output: `import { S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { guardedAgents } from './agents';
function buildHandler(guarded: boolean): NodeHttpHandler {
  if (!guarded) return new NodeHttpHandler({ httpsAgent: { maxSockets: 50 }, requestTimeout: 10_000, connectionTimeout: 5_000, throwOnRequestTimeout: true });
  const { httpAgent, httpsAgent } = guardedAgents({ maxSockets: 50 });
  return new NodeHttpHandler({ httpAgent, httpsAgent, requestTimeout: 10_000, connectionTimeout: 5_000, throwOnRequestTimeout: true });
}
export class Blobs {
  readonly client: S3Client;
  readonly signer: S3Client;
  constructor(guarded: boolean) {
    const requestHandler = buildHandler(guarded);
    this.client = new S3Client({ region: 'eu-west-1', requestHandler });
    this.signer = new S3Client({ region: 'eu-west-1', requestHandler });
  }
}`,
        }],
      }],
    },
  ],
});
