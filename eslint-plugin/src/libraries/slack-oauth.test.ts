import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const missingClient = { messageId: 'missingClientTimeout' as const };

// An InstallProvider talks to Slack through Web API clients it makes from its `clientOptions`, which have no timeout
// unless given one there: the provider is judged where it is created.
ruleTester.run('require-timeout (Slack OAuth)', requireTimeout, {
  valid: [
    `import { InstallProvider } from '@slack/oauth';
export const installs = new InstallProvider({ clientId: 'id', clientSecret: 'secret', stateSecret: 'state', clientOptions: { timeout: 10_000 } });
export const callback = (req: never, res: never) => installs.handleCallback(req, res);`,
    // client options from elsewhere may set one
    `import { InstallProvider } from '@slack/oauth';
import { slackClientOptions } from './slack-config';
export const installs = new InstallProvider({ clientId: 'id', clientSecret: 'secret', stateSecret: 'state', clientOptions: slackClientOptions });`,
    `import { InstallProvider, type InstallProviderOptions } from '@slack/oauth';
export const open = (options: InstallProviderOptions) => new InstallProvider(options);`,
    // used for its install URL and state only, the code exchanged by the app's own request: its clients send nothing
    `import { InstallProvider } from '@slack/oauth';
export const installs = new InstallProvider({ clientId: 'id', clientSecret: 'secret', stateSecret: 'state' });
export const installUrl = (teamId: string) => installs.generateInstallUrl({ scopes: ['chat:write'], metadata: teamId });`,
  ],
  invalid: [
    {
      // an "add to Slack" callback: the code is exchanged by a client made with no timeout
      code: `import { InstallProvider } from '@slack/oauth';
const installs = new InstallProvider({
  clientId: process.env.SLACK_ID!,
  clientSecret: process.env.SLACK_SECRET!,
  stateSecret: process.env.SLACK_STATE!,
});
export const callback = (req: never, res: never) => installs.handleCallback(req, res);`,
      errors: [{ ...missingClient, line: 2, suggestions: 1 }],
    },
    {
      // client options that set other things only
      code: `import { InstallProvider } from '@slack/oauth';
export const installs = new InstallProvider({ clientId: 'id', clientSecret: 'secret', stateSecret: 'state', clientOptions: { slackApiUrl: 'https://slack.example/api/' } });
export const tokenFor = (teamId: string) => installs.authorize({ teamId, isEnterpriseInstall: false, enterpriseId: undefined });`,
      errors: [{
        ...missingClient,
        line: 2,
        suggestions: [{
          messageId: 'fixInstanceTimeout',
          output: `import { InstallProvider } from '@slack/oauth';
export const installs = new InstallProvider({ clientId: 'id', clientSecret: 'secret', stateSecret: 'state', clientOptions: { slackApiUrl: 'https://slack.example/api/', timeout: 10_000, retryConfig: { retries: 2 } } });
export const tokenFor = (teamId: string) => installs.authorize({ teamId, isEnterpriseInstall: false, enterpriseId: undefined });`,
        }],
      }],
    },
    {
      // its clients would retry a timed-out exchange ten times over half an hour: the fix bounds them too, unless the
      // options choose their own retries
      code: `import { InstallProvider } from '@slack/oauth';
export const installs = new InstallProvider({ clientId: 'id', clientSecret: 'secret', stateSecret: 'state' });
export const callback = (req: never, res: never) => installs.handleCallback(req, res);`,
      errors: [{ ...missingClient, line: 2, suggestions: [{ messageId: 'fixInstanceTimeout', data: { options: 'clientOptions.timeout: 10_000, clientOptions.retryConfig: { retries: 2 }' }, output: `import { InstallProvider } from '@slack/oauth';
export const installs = new InstallProvider({ clientId: 'id', clientSecret: 'secret', stateSecret: 'state', clientOptions: { timeout: 10_000, retryConfig: { retries: 2 } } });
export const callback = (req: never, res: never) => installs.handleCallback(req, res);` }] }],
    },
    {
      code: `import { InstallProvider } from '@slack/oauth';
export const installs = new InstallProvider({ clientId: 'id', clientSecret: 'secret', stateSecret: 'state', clientOptions: { retryConfig: { retries: 0 } } });
export const callback = (req: never, res: never) => installs.handleCallback(req, res);`,
      errors: [{ ...missingClient, line: 2, suggestions: [{ messageId: 'fixInstanceTimeout', output: `import { InstallProvider } from '@slack/oauth';
export const installs = new InstallProvider({ clientId: 'id', clientSecret: 'secret', stateSecret: 'state', clientOptions: { retryConfig: { retries: 0 }, timeout: 10_000 } });
export const callback = (req: never, res: never) => installs.handleCallback(req, res);` }] }],
    },
  ],
});

describe('the @slack/oauth fix', () => {
  it('sets a timeout in the client options, compiling against the package\'s own types', { timeout: 60_000 }, () => {
    const sources = [
      `import { InstallProvider } from '@slack/oauth';\nexport const installs = new InstallProvider({ clientId: 'id', clientSecret: 'secret', stateSecret: 'state' });\nexport const onCallback = (req: never, res: never) => installs.handleCallback(req, res);\n`,
      `import { InstallProvider } from '@slack/oauth';\nexport const installs = new InstallProvider({ clientId: 'id', clientSecret: 'secret', stateSecret: 'state', clientOptions: { slackApiUrl: 'https://slack.example/api/' } });\nexport const onCallback = (req: never, res: never) => installs.handleCallback(req, res);\n`,
    ];
    const fixed = sources.map((source, index) => {
      const [finding] = lint(source, `slack-oauth-${index}.ts`).findings.filter((found) => found.ruleId === 'resilint/require-timeout');
      const suggestion = finding?.suggestions[0];
      expect(suggestion?.text).toContain('timeout: 10_000');
      return source.slice(0, suggestion!.range[0]) + suggestion!.text + source.slice(suggestion!.range[1]);
    });
    expect(typeErrors(fixed)).toEqual([[], []]);
  });
});
