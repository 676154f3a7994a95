import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };
const atCreation = { messageId: 'missingClientTimeout' as const };

// An SDK client received as a typed parameter or field may have been made with a bound, so its calls are not judged
// where they are; the creation is, when the client leaves the function that makes it.
ruleTester.run('require-timeout (SDK clients made in one place, used in another)', requireTimeout, {
  valid: [
    // the client a caller hands over: how it was made is seen where it is made, not here
    `import type { Octokit } from '@octokit/rest';
     export async function protectBranch(github: Octokit, owner: string, repo: string) {
       await github.rest.repos.updateBranchProtection({ owner, repo, branch: 'main', required_status_checks: null, enforce_admins: true, required_pull_request_reviews: null, restrictions: null });
     }`,
    // a factory that gives its client a bounded fetch
    `import { Octokit } from '@octokit/rest';
     export const forToken = (token: string) => new Octokit({ auth: token, request: { fetch: fetchWithDeadline } });`,
    // options read elsewhere
    `import { Octokit } from '@octokit/core'; export const forInstallation = (options: OctokitOptions) => new Octokit(options);`,
    // a client used only where it is made is judged call by call, and these calls carry a signal
    `import { Octokit } from '@octokit/rest';
     export async function latestTag(token: string) {
       const octokit = new Octokit({ auth: token });
       const { data } = await octokit.rest.repos.listTags({ owner: 'o', repo: 'r', request: { signal: AbortSignal.timeout(5_000) } });
       return data[0]?.name;
     }`,
    // exported by name, or made by an exported factory: its importers' calls are judged with how it was made
    `import { Octokit } from 'octokit'; export const github = new Octokit({ auth: process.env.GITHUB_TOKEN });`,
    `import { SESv2Client } from '@aws-sdk/client-sesv2'; export const getSesClient = () => new SESv2Client({ region });`,
    `const { S3Client } = require('@aws-sdk/client-s3'); function storage() { return new S3Client({ region }); } module.exports = { storage };`,
    // the AWS SDK: a factory whose client has a bounded handler, or a handler of the user's own
    `import { S3Client } from '@aws-sdk/client-s3';
     export const storage = (region: string) => new S3Client({ region, requestHandler: { requestTimeout: 15_000, throwOnRequestTimeout: true } });`,
    `import { SESv2Client } from '@aws-sdk/client-sesv2';
     export class Mailer { private readonly ses = new SESv2Client({ region, requestHandler: handlerWithProxy }); }`,
    // used only where it is made, with a signal on its call
    `import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
     export async function enqueue(body: string) {
       const sqs = new SQSClient({ region: 'eu-west-1' });
       await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body }), { abortSignal: AbortSignal.timeout(5_000) });
     }`,
    // an exported factory whose helpers take the client as a parameter, bounded where it is made
    `import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
     export function blobs() { return new S3Client({ region, requestHandler: { requestTimeout: 15_000, throwOnRequestTimeout: true } }); }
     export const read = (client: S3Client, key: string) => client.send(new GetObjectCommand({ Bucket: 'b', Key: key }));`,
  ],
  invalid: [
    {
      // an exported factory, and helpers of the same module that take its client as a parameter: its importers hand
      // the client to them, where no call sees how it was made
      code: `import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
export function blobs() {
  const client = new S3Client({ region: process.env.BLOB_REGION, forcePathStyle: true });
  return client;
}
export async function read(client: S3Client, key: string) {
  return (await client.send(new GetObjectCommand({ Bucket: 'b', Key: key }))).Body?.transformToString();
}
export const write = (client: S3Client | undefined, key: string, text: string) => client?.send(new PutObjectCommand({ Bucket: 'b', Key: key, Body: text }));`,
      errors: [{
        ...atCreation,
        line: 3,
        suggestions: [{ messageId: 'fixInstanceTimeout', output: `import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
export function blobs() {
  const client = new S3Client({ region: process.env.BLOB_REGION, forcePathStyle: true, requestHandler: { requestTimeout: 10_000, connectionTimeout: 5_000, throwOnRequestTimeout: true } });
  return client;
}
export async function read(client: S3Client, key: string) {
  return (await client.send(new GetObjectCommand({ Bucket: 'b', Key: key }))).Body?.transformToString();
}
export const write = (client: S3Client | undefined, key: string, text: string) => client?.send(new PutObjectCommand({ Bucket: 'b', Key: key, Body: text }));` }],
      }],
    },
    {
      // the client leaves its factory; the functions that use it get it as a typed parameter
      code: `import { Octokit } from '@octokit/rest';
const clientFor = (token: string): Octokit => new Octokit({ auth: \`token \${token}\` });
export async function addHook(octokit: Octokit, owner: string, repo: string, url: string) {
  await octokit.repos.createWebhook({ owner, repo, config: { url } });
}
export const setUp = (token: string) => addHook(clientFor(token), 'o', 'r', 'https://hooks.example.com');`,
      errors: [{
        ...atCreation,
        line: 2,
        suggestions: [{
          messageId: 'fixInstanceTimeout',
          output: `import { Octokit } from '@octokit/rest';
const clientFor = (token: string): Octokit => new Octokit({ auth: \`token \${token}\`, request: { fetch: (url: string | URL | Request, init?: RequestInit) => fetch(url, { ...init, signal: init?.signal ?? AbortSignal.timeout(10_000) }) } });
export async function addHook(octokit: Octokit, owner: string, repo: string, url: string) {
  await octokit.repos.createWebhook({ owner, repo, config: { url } });
}
export const setUp = (token: string) => addHook(clientFor(token), 'o', 'r', 'https://hooks.example.com');`,
        }],
      }],
    },
    {
      // kept in a field of a service, in JavaScript, with a request option already there
      code: `const { Octokit } = require('@octokit/rest');
class Releases {
  constructor(token) {
    this.github = new Octokit({ auth: token, request: { timeout: 30_000 } });
  }
}
module.exports = Releases;`,
      filename: 'releases.js',
      errors: [{
        ...atCreation,
        line: 4,
        suggestions: [{
          messageId: 'fixInstanceTimeout',
          output: `const { Octokit } = require('@octokit/rest');
class Releases {
  constructor(token) {
    this.github = new Octokit({ auth: token, request: { timeout: 30_000, fetch: (url, init) => fetch(url, { ...init, signal: init?.signal ?? AbortSignal.timeout(10_000) }) } });
  }
}
module.exports = Releases;`,
        }],
      }],
    },
    {
      // held in a variable, then handed on: reported once, at the creation, not again at its own call here
      code: `import { Octokit } from '@octokit/rest';
export async function syncRepo(token: string, sync: (octokit: Octokit) => Promise<void>) {
  const octokit = new Octokit({ auth: token });
  await octokit.rest.users.getAuthenticated();
  await sync(octokit);
}`,
      errors: [{ ...atCreation, line: 3, suggestions: 1 }],
    },
    {
      // an S3 client kept in a service's field and used by methods elsewhere: reported where it is made
      code: `import { S3Client } from '@aws-sdk/client-s3';
export class Uploads {
  constructor(private readonly s3 = new S3Client({ region: process.env.AWS_REGION })) {}
}`,
      errors: [{ ...atCreation, line: 3, suggestions: [{ messageId: 'fixInstanceTimeout', output: `import { S3Client } from '@aws-sdk/client-s3';
export class Uploads {
  constructor(private readonly s3 = new S3Client({ region: process.env.AWS_REGION, requestHandler: { requestTimeout: 10_000, connectionTimeout: 5_000, throwOnRequestTimeout: true } })) {}
}` }] }],
    },
    {
      // a factory kept to the module, whose clients go to functions taking them by type
      code: `const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
function makeClient() {
  return new DynamoDBClient();
}
module.exports = { tables: () => listTables(makeClient()) };`,
      filename: 'dynamo.js',
      errors: [{ ...atCreation, line: 3, suggestions: [{ messageId: 'fixInstanceTimeout', output: `const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
function makeClient() {
  return new DynamoDBClient({ requestHandler: { requestTimeout: 10_000, connectionTimeout: 5_000, throwOnRequestTimeout: true } });
}
module.exports = { tables: () => listTables(makeClient()) };` }] }],
    },
    {
      // used only where it is made: its call is reported, with the fix where it is made and the per-call fix
      code: `import { Octokit } from '@octokit/rest';
export async function whoAmI(token: string) {
  const octokit = new Octokit({ auth: token });
  return (await octokit.rest.users.getAuthenticated()).data.login;
}`,
      errors: [{ ...missing, line: 4, suggestions: 2 }],
    },
  ],
});

describe('the Octokit creation fix', () => {
  it('compiles: its fetch fits the platform fetch', { timeout: 60_000 }, () => {
    const source = `import { Octokit } from '@octokit/rest';
const clientFor = (token: string) => new Octokit({ auth: token });
export const run = (token: string, sync: (octokit: Octokit) => Promise<void>) => sync(clientFor(token));
`;
    const [finding] = lint(source, 'github.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const suggestion = finding?.suggestions[0];
    expect(suggestion?.text).toContain('AbortSignal.timeout');
    const fixed = source.slice(0, suggestion!.range[0]) + suggestion!.text + source.slice(suggestion!.range[1]);
    // @octokit/rest is not installed (its \`request.fetch\` is typed \`any\` anyway): what must compile is the fetch itself
    const [errors] = typeErrors([fixed]);
    expect(errors!.filter((error) => !error.startsWith('TS2307'))).toEqual([]);
  });
});
