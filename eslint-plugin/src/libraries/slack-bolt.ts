import { value, type LibraryModel } from './model.js';
import { unboundedClientOptions } from './slack-client-options.js';

/**
 * Slack's Bolt framework (`@slack/bolt`): `new App({ signingSecret, token, clientOptions })` makes its `app.client`,
 * and a client for each event its listeners are handed, as `new WebClient(token, clientOptions)` (`@slack/web-api`,
 * whose default timeout is none: see slack.ts). So the bound is set in `clientOptions` where the App is created
 * (slack-client-options.ts). `app.client` is that WebClient; its calls are judged where the App is created, once.
 */

const MODULE = '@slack/bolt';
const REMEDY = 'set `clientOptions: { timeout }` where the App is created: the Web API clients it makes from them have no timeout by default';

export const slackBoltLibrary: LibraryModel = {
  kind: 'slack-bolt',
  title: 'Slack Bolt `App` (`@slack/bolt`)',
  modules: [MODULE],
  typeNames: ['App'],
  takesUrl: false,
  dependencyName: 'slack',
  signal: 'none',
  retries: 'as its Web API clients (`clientOptions.retryConfig`: 10 retries over about 30 minutes by default)',
  fromModule: (module, imported) => (module === MODULE && imported === 'App' ? value('slack-bolt', 'class', 'App') : undefined),
  // `app.client` is a WebClient made from the App's client options: Slack's own model answers for its calls
  member: (v, name) => (v.role === 'app' && name === 'client' ? value('slack', 'client', 'WebClient', [null]) : undefined),
  call: () => undefined,
  construct: (v, node) => (v.role === 'class' ? { ...v, role: 'app', options: [], origin: node } : undefined),
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'app', options: [] } : undefined),
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
    sites: [{ module: MODULE, path: ['App'], how: 'new' }],
    check: (node, sourceCode) => unboundedClientOptions(node, sourceCode, REMEDY),
  },
  fix: {},
};
