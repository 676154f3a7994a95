import { AST_NODE_TYPES } from '../ast-node-types.js';
import { readOptions, unwrapExpression } from '../analysis/syntax.js';
import { creationLabel, creationOptions, optionsBound, setNestedCreationOptions } from './creation-options.js';
import { value, type LibraryModel } from './model.js';

/**
 * Slack's OAuth flow (`@slack/oauth`'s `InstallProvider`): `handleCallback` exchanges the code and checks the token
 * through Web API clients the provider makes itself from its `clientOptions` (`new WebClient(token, clientOptions)`),
 * whose default timeout is none (`@slack/web-api`, see slack.ts). So the bound is set in `clientOptions` where the
 * provider is created: `timeout`, or a `fetch` (web-api 8) or `adapter` (web-api 7) of one's own. Its methods answer
 * the request or report through the callback options, so they are not modelled as calls. A provider is reported only
 * in a file that calls `handleCallback` or `authorize` (the calls that send): made in one file and used in another
 * for the exchange, it is missed. Those clients retry a timed-out attempt ten times over about thirty minutes unless
 * `clientOptions.retryConfig` says otherwise, so where it does not the fix bounds the retries too, as slack.ts does.
 */

const MODULE = '@slack/oauth';
const BOUNDS = ['clientOptions.timeout', 'clientOptions.fetch', 'clientOptions.adapter'];
/** Calls of the provider that send requests through its Web API clients, somewhere in the file that makes it. */
const EXCHANGES = /\.\s*(?:handleCallback|authorize)\s*\(/;
const TIMEOUT = ['timeout', '10_000'] as const;
/** p-retry's defaults (waits of 1 s, then 2 s) after three attempts of at most 10 s, as slack.ts sets them. */
const BOUNDED_RETRIES = ['retryConfig', '{ retries: 2 }'] as const;
const REMEDY = 'set `clientOptions: { timeout }` where the InstallProvider is created: the Web API clients it makes from them have no timeout by default';

export const slackOauthLibrary: LibraryModel = {
  kind: 'slack-oauth',
  title: 'Slack OAuth `InstallProvider` (`@slack/oauth`)',
  modules: [MODULE],
  typeNames: [],
  takesUrl: false,
  dependencyName: 'slack',
  signal: 'none',
  retries: 'as its Web API clients (`clientOptions.retryConfig`: 10 retries over about 30 minutes by default)',
  fromModule: (module, imported) => (module === MODULE && imported === 'InstallProvider' ? value('slack-oauth', 'class', 'InstallProvider') : undefined),
  member: () => undefined,
  call: () => undefined,
  construct: () => undefined,
  timeout: {
    levels: ['client'],
    callOptions: [],
    instanceOptions: [],
    chainMethods: [],
    remedy: REMEDY,
    defaultBound: 'none (its Web API clients\' `timeout: 0`)',
    isChecked: () => false,
  },
  creation: {
    sites: [{ module: MODULE, path: ['InstallProvider'], how: 'new' }],
    check(node, sourceCode) {
      // only the code exchange and token refresh reach Slack; a provider used for its install URL or state store
      // alone (the exchange written by hand) sends nothing through its clients
      if (!EXCHANGES.test(sourceCode.text)) return undefined;
      const options = creationOptions(sourceCode, node, 0);
      if (options === 'unknown' || (options !== 'absent' && optionsBound(options, BOUNDS) !== 'unbounded')) return undefined;
      return {
        label: creationLabel(sourceCode, node),
        remedy: REMEDY,
        fix(target) {
          // client options not written here as a literal are not reported: they may set a timeout
          const facts = options === 'absent' ? undefined : readOptions(options);
          const clientOptions = facts && facts !== 'unknown' ? facts.get('clientOptions') : undefined;
          const inner = clientOptions && unwrapExpression(clientOptions);
          const given = inner?.type === AST_NODE_TYPES.ObjectExpression ? readOptions(inner) : undefined;
          // client options that choose their own retries keep them
          const setsRetries = given === 'unknown' || given?.has('retryConfig') === true;
          return setNestedCreationOptions(target, node, 0, facts, 'clientOptions', setsRetries ? [TIMEOUT] : [TIMEOUT, BOUNDED_RETRIES]);
        },
      };
    },
  },
  fix: {},
};
