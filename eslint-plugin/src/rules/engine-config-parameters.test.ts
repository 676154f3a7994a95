import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';

// A CLI's engine package wraps each AWS service in a class of its own, made from the caller's config:
// `constructor(awsConfig = {}) { this.client = new SNSClient({ ...awsConfig, retryStrategy }) }` (serverless's
// packages/engine, 27 such clients). What the config holds is what the project's modules building the class pass, or
// nothing: when none of them (nor the modules they import) writes a handler or a handler's timeout, the client has
// none, and it is reported once, where it is made, where one `requestHandler` bounds every call of the class.

const root = mkdtempSync(join(tmpdir(), 'resilint-engine-config-parameters-'));
function write(path: string, text: string): string {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}
write('package.json', JSON.stringify({ name: 'deployer', private: true, workspaces: ['packages/*'] }));
write('packages/engine/package.json', JSON.stringify({ name: '@deployer/engine', private: true, type: 'module', dependencies: { '@aws-sdk/client-sns': '^3.700.0' } }));
write('packages/cli/package.json', JSON.stringify({ name: '@deployer/cli', private: true, type: 'module', dependencies: { '@deployer/engine': '*' } }));

const engine = (name: string, constructor: string): string => write(`packages/engine/src/${name}.js`, `import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';
import { ConfiguredRetryStrategy } from '@smithy/util-retry';

export class ${name} {
  ${constructor}

  publish(topic, message) {
    return this.client.send(new PublishCommand({ TopicArn: topic, Message: message }));
  }
}
`);

const files = {
  spread: engine('SpreadNotifier', `constructor(awsConfig = {}) {
    this.client = new SNSClient({ ...awsConfig, retryStrategy: new ConfiguredRetryStrategy(10, (attempt) => 100 + attempt * 5000) });
  }`),
  whole: engine('WholeNotifier', `constructor(awsConfig = {}) {
    this.client = new SNSClient(awsConfig);
  }`),
  handled: engine('HandledNotifier', `constructor(awsConfig = {}) {
    this.client = new SNSClient({ ...awsConfig });
  }`),
  unused: engine('UnusedNotifier', `constructor(awsConfig = {}) {
    this.client = new SNSClient({ ...awsConfig });
  }`),
  required: engine('RequiredNotifier', `constructor(awsConfig) {
    this.client = new SNSClient({ ...awsConfig });
  }`),
  completed: engine('CompletedNotifier', `constructor(awsConfig = {}) {
    awsConfig.requestHandler = makeHandler();
    this.client = new SNSClient({ ...awsConfig });
  }`),
};
const queue = write('packages/engine/src/QueueClient.js', `import { SQSClient as AwsSdkSQSClient, ReceiveMessageCommand } from '@aws-sdk/client-sqs';

export class QueueClient {
  constructor(awsConfig = {}) {
    this.client = new AwsSdkSQSClient({ ...awsConfig });
  }

  receive(queueUrl) {
    return this.client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 20 }));
  }
}
`);
write('packages/cli/src/drain.js', `import { QueueClient } from '@deployer/engine/src/QueueClient.js';

export const drain = (region, queueUrl) => new QueueClient({ region }).receive(queueUrl);
`);
write('packages/cli/src/announce.js', `import { SpreadNotifier } from '@deployer/engine/src/SpreadNotifier.js';
import { WholeNotifier } from '@deployer/engine/src/WholeNotifier.js';
import { RequiredNotifier } from '@deployer/engine/src/RequiredNotifier.js';

export async function announce({ region, credentials }, topic) {
  await new SpreadNotifier({ region, credentials }).publish(topic, 'deployed');
  await new WholeNotifier({ region }).publish(topic, 'deployed');
  await new RequiredNotifier({ region }).publish(topic, 'deployed');
}
`);
// (a module importing one that writes a handler keeps the configs it gives unknown: this one builds that class alone)
write('packages/cli/src/rollback.js', `import { CompletedNotifier } from '@deployer/engine/src/CompletedNotifier.js';

export const rollback = (topic) => new CompletedNotifier().publish(topic, 'rolled back');
`);
write('packages/cli/src/alarms.js', `import { NodeHttpHandler } from '@smithy/node-http-handler';
import { HandledNotifier } from '@deployer/engine/src/HandledNotifier.js';

export function alarms(region) {
  return new HandledNotifier({ region, requestHandler: new NodeHttpHandler({ requestTimeout: 10_000 }) });
}
`);

function lint(filename: string, text: string): Linter.LintMessage[] {
  const config: Linter.Config[] = [
    ...(plugin.configs.recommended as unknown as Linter.Config[]),
    { rules: { 'resilint/require-timeout': 'error' } },
  ];
  return new Linter({ configType: 'flat', cwd: '/' }).verify(text, config, { filename })
    .filter((message) => message.ruleId === 'resilint/require-timeout' || message.fatal);
}

const read = (file: string): string => readFileSync(file, 'utf8');

describe("an AWS client made from an exported class's config parameter defaulted to {}", () => {
  it('is reported where it is made when the modules building the class give no handler, spread or whole', () => {
    for (const file of [files.spread, files.whole]) {
      expect(lint(file, read(file)).map((message) => `${message.line}:${message.messageId}`)).toEqual(['6:missingClientTimeout']);
    }
  });

  it('is fixed there with a handler with both timeouts, beside the spread config', () => {
    const [finding] = lint(files.spread, read(files.spread));
    expect(finding?.suggestions?.map((suggestion) => suggestion.fix.text)).toContainEqual(
      '{ ...awsConfig, retryStrategy: new ConfiguredRetryStrategy(10, (attempt) => 100 + attempt * 5000), requestHandler: { requestTimeout: 10_000, connectionTimeout: 5_000, throwOnRequestTimeout: true } }');
    const [whole] = lint(files.whole, read(files.whole));
    expect(whole?.suggestions?.map((suggestion) => suggestion.fix.text)).toContainEqual('{ ...awsConfig, requestHandler: { requestTimeout: 10_000, connectionTimeout: 5_000, throwOnRequestTimeout: true } }');
  });

  it('gives an SQS client imported under another name the request timeout a long poll outlasts', () => {
    const [finding] = lint(queue, read(queue));
    expect(finding?.suggestions?.map((suggestion) => suggestion.fix.text)).toContainEqual('{ ...awsConfig, requestHandler: { requestTimeout: 30_000, connectionTimeout: 5_000, throwOnRequestTimeout: true } }');
  });

  it('stays unknown when a builder gives a handler, no module builds it, the parameter has no default, or the constructor completes it', () => {
    for (const file of [files.handled, files.unused, files.required, files.completed]) {
      expect(lint(file, read(file))).toEqual([]);
    }
  });
});
