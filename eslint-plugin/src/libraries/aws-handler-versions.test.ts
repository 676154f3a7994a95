import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintWithPreset, scratchProject } from '../scratch-project.cases.js';

// A CLI's AWS client made with no request handler (the forty-third held-out round's ask-cli, in our own words, its
// lock file at @aws-sdk/client-lambda 3.322.0): before 3.521 a client takes `requestHandler` only as a handler, and
// the options literal the fix writes for later versions fails to type-check and throws at the first send. For such a
// client the fix makes the Node handler with the timeouts, from the handler package of the client's version.
const client = `import { LambdaClient, GetFunctionCommand } from '@aws-sdk/client-lambda';
export class Functions {
  private readonly lambda: LambdaClient;
  constructor(region: string) {
    this.lambda = new LambdaClient({ region });
  }
  get(name: string) {
    return this.lambda.send(new GetFunctionCommand({ FunctionName: name }));
  }
}
`;

function firstFix(name: string, version: string, code = client): string {
  const files = scratchProject(name);
  files.write('cli/package.json', JSON.stringify({ name: 'cli', dependencies: { '@aws-sdk/client-lambda': version } }));
  const file = files.write('cli/src/functions.ts', code);
  const [finding] = lintWithPreset(file).filter((message) => message.ruleId === 'resilint/require-timeout');
  const fix = finding!.suggestions![0]!.fix;
  const text = readFileSync(file, 'utf8');
  return text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
}

describe('require-timeout: the request handler an AWS SDK client is given, by the client\'s version', () => {
  it('is the handler\'s options from 3.521', () => {
    expect(firstFix('aws-handler-options', '3.600.0')).toContain('new LambdaClient({ region, requestHandler: { requestTimeout: 10_000, connectionTimeout: 5_000 } })');
  });

  it('is a NodeHttpHandler made with them before, from @smithy/node-http-handler from 3.363', () => {
    const fixed = firstFix('aws-handler-smithy', '3.450.0');
    expect(fixed).toContain("import { NodeHttpHandler } from '@smithy/node-http-handler';");
    expect(fixed).toContain('requestHandler: new NodeHttpHandler({ requestTimeout: 10_000, connectionTimeout: 5_000 })');
  });

  it('is a NodeHttpHandler from @aws-sdk/node-http-handler before 3.363', () => {
    expect(firstFix('aws-handler-legacy', '3.322.0')).toContain("import { NodeHttpHandler } from '@aws-sdk/node-http-handler';");
  });

  it('ends a request with `throwOnRequestTimeout` once the client installs @smithy/node-http-handler 4.4 or later, where `requestTimeout` alone only warns', () => {
    expect(firstFix('aws-handler-throws', '3.800.0')).toContain('requestHandler: { requestTimeout: 10_000, connectionTimeout: 5_000, throwOnRequestTimeout: true }');
    // a range installs the newest client
    expect(firstFix('aws-handler-range', '^3.600.0')).toContain('throwOnRequestTimeout: true');
  });
});

// The same CLI's client given only a `requestTimeout` (the forty-fourth held-out round's artillery, on
// @smithy/node-http-handler 4.9.13): from 4.4 on that timeout logs a warning and the request waits on; before, it
// was the idle socket's timeout and ended the request.
const timed = client.replace('new LambdaClient({ region })', 'new LambdaClient({ region, requestHandler: { requestTimeout: 10_000 } })');

function findings(name: string, lock: Record<string, string>): string[] {
  const files = scratchProject(name);
  files.write('cli/package.json', JSON.stringify({ name: 'cli', dependencies: { '@aws-sdk/client-lambda': '^3.600.0' } }));
  const packages = Object.fromEntries(Object.entries(lock).map(([module, version]) => [`node_modules/${module}`, { version }]));
  files.write('cli/package-lock.json', JSON.stringify({ name: 'cli', lockfileVersion: 3, packages }, null, 2));
  const file = files.write('cli/src/functions.ts', timed);
  return lintWithPreset(file).filter((message) => message.ruleId === 'resilint/require-timeout').map((message) => message.message);
}

describe('require-timeout: a client whose handler has only a `requestTimeout`', () => {
  it('is reported where it is made when the handler only warns, with a fix adding `throwOnRequestTimeout`', () => {
    const [message] = findings('aws-warns-only', { '@aws-sdk/client-lambda': '3.1000.0', '@smithy/node-http-handler': '4.9.13' });
    expect(message).toContain('add `throwOnRequestTimeout: true` to its `requestHandler` options');
    const files = scratchProject('aws-warns-only-fix');
    files.write('cli/package.json', JSON.stringify({ name: 'cli', dependencies: { '@aws-sdk/client-lambda': '3.1000.0' } }));
    const file = files.write('cli/src/functions.ts', timed);
    const [finding] = lintWithPreset(file).filter((found) => found.ruleId === 'resilint/require-timeout');
    const fix = finding!.suggestions![0]!.fix;
    const fixed = timed.slice(0, fix.range[0]) + fix.text + timed.slice(fix.range[1]);
    expect(fixed).toContain('requestHandler: { requestTimeout: 10_000, connectionTimeout: 5_000, throwOnRequestTimeout: true }');
    expect(lintWithPreset(file, 'all', fixed).filter((found) => found.ruleId === 'resilint/require-timeout')).toEqual([]);
  });

  it('is reported once where it is made, not at each call, when the module uses it itself (mirlo\'s S3 storage)', () => {
    const files = scratchProject('aws-warns-module');
    files.write('app/package.json', JSON.stringify({ name: 'app', dependencies: { '@aws-sdk/client-s3': '3.930.0' } }));
    const file = files.write('app/src/storage.ts', `import { S3Client, PutObjectCommand, DeleteObjectCommand } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
const s3 = new S3Client({ region: 'eu-west-1', requestHandler: new NodeHttpHandler({ connectionTimeout: 10_000, requestTimeout: 30_000 }) });
export const put = (key: string, body: string) => s3.send(new PutObjectCommand({ Bucket: 'media', Key: key, Body: body }));
export const remove = (key: string) => s3.send(new DeleteObjectCommand({ Bucket: 'media', Key: key }));
`);
    const found = lintWithPreset(file).filter((message) => message.ruleId === 'resilint/require-timeout');
    expect(found.map((message) => message.line)).toEqual([3]);
    expect(found[0]!.suggestions![0]!.desc).toBe('Set `throwOnRequestTimeout: true` where the client is created, bounding every call it makes.');
  });

  it('is left alone when the handler installed ends the request on it', () => {
    expect(findings('aws-ends-request', { '@aws-sdk/client-lambda': '3.600.0', '@smithy/node-http-handler': '3.3.2' })).toEqual([]);
  });
});

