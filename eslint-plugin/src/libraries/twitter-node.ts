import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { readOptions } from '../analysis/syntax.js';
import { creationLabel, creationOptions, optionsBound, setNestedCreationOption } from './creation-options.js';
import { judgedWhereMade, type CreationFinding } from './model.js';

/**
 * twitter (the `twitter` package, node-twitter): `new Twitter({ consumer_key, consumer_secret, access_token_key,
 * access_token_secret, request_options })`, then `client.get(path, params, cb?)`, `client.post(...)` (a promise when
 * no callback is given) and `client.stream(...)`. Read in 1.7.1 (`lib/twitter.js`): the options are deep-merged over
 * defaults whose `request_options` carry only headers, and every call goes through `request.defaults(request_options
 * + auth)`, so `request_options.timeout` (request's connect and read timeout, milliseconds) bounds each request and
 * nothing else does: no call takes a timeout or a signal. So the client is judged where it is made.
 */

const MODULE = 'twitter';
const REMEDY = 'set `request_options: { timeout }` (milliseconds, request\'s connect and read timeout) where the Twitter client is created: the `twitter` package sets none, and its calls take no signal';

function check(node: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: Readonly<TSESLint.SourceCode>): CreationFinding | undefined {
  const options = creationOptions(sourceCode, node, 0);
  // options read elsewhere may carry one
  if (options === 'unknown') return undefined;
  if (options !== 'absent' && optionsBound(options, ['request_options.timeout']) !== 'unbounded') return undefined;
  return {
    label: creationLabel(sourceCode, node),
    remedy: REMEDY,
    fix(target) {
      const facts = options === 'absent' ? undefined : readOptions(options);
      return setNestedCreationOption(target, node, 0, facts, ['request_options', 'timeout'], '10_000');
    },
  };
}

export const twitterNodeLibrary = judgedWhereMade({
  kind: 'twitter-node',
  title: 'Twitter (`twitter`)',
  modules: [MODULE],
  dependencyName: 'twitter',
  signal: 'none',
  retries: 'never',
  instanceOptions: ['request_options.timeout'],
  remedy: REMEDY,
  defaultBound: 'none',
  creation: {
    sites: [
      { module: MODULE, path: ['default'], how: 'new' },
      { module: MODULE, path: ['default'], how: 'call' },
    ],
    check,
  },
});
