import { judgedWhereMade, value } from './model.js';
import { unboundedClientOptions } from './slack-client-options.js';

/**
 * Slack's OAuth flow (`@slack/oauth`'s `InstallProvider`): `handleCallback` exchanges the code and checks the token
 * through Web API clients the provider makes itself from its `clientOptions` (`new WebClient(token, clientOptions)`),
 * whose default timeout is none (`@slack/web-api`, see slack.ts). So the bound is set in `clientOptions` where the
 * provider is created (slack-client-options.ts). Its methods answer the request or report through the callback
 * options, so they are not modelled as calls. A provider is reported only in a file that calls `handleCallback` or
 * `authorize` (the calls that send): made in one file and used in another for the exchange, it is missed.
 */

const MODULE = '@slack/oauth';
/** Calls of the provider that send requests through its Web API clients, somewhere in the file that makes it. */
const EXCHANGES = /\.\s*(?:handleCallback|authorize)\s*\(/;
const REMEDY = 'set `clientOptions: { timeout }` where the InstallProvider is created: the Web API clients it makes from them have no timeout by default';

export const slackOauthLibrary = judgedWhereMade({
  kind: 'slack-oauth',
  title: 'Slack OAuth `InstallProvider` (`@slack/oauth`)',
  modules: [MODULE],
  dependencyName: 'slack',
  signal: 'none',
  retries: 'as its Web API clients (`clientOptions.retryConfig`: 10 retries over about 30 minutes by default)',
  fromModule: (module, imported) => (module === MODULE && imported === 'InstallProvider' ? value('slack-oauth', 'class', 'InstallProvider') : undefined),
  instanceOptions: [],
  remedy: REMEDY,
  defaultBound: 'none (its Web API clients\' `timeout: 0`)',
  creation: {
    sites: [{ module: MODULE, path: ['InstallProvider'], how: 'new' }],
    // only the code exchange and token refresh reach Slack; a provider used for its install URL or state store alone
    // (the exchange written by hand) sends nothing through its clients
    check: (node, sourceCode) => (EXCHANGES.test(sourceCode.text) ? unboundedClientOptions(node, sourceCode, REMEDY) : undefined),
  },
});
