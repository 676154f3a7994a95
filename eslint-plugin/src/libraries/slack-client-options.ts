import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { readOptions, unwrapExpression } from '../analysis/syntax.js';
import type { FixTarget } from '../fixes/wrap-in-policies.js';
import { creationLabel, creationOptions, optionsBound, setNestedCreationOptions } from './creation-options.js';
import type { CreationFinding } from './model.js';

// Slack's frameworks (Bolt's `App`, OAuth's `InstallProvider`) make their Web API clients themselves, as
// `new WebClient(token, clientOptions)`: no timeout by default, and ten retries of a timed-out attempt over about
// thirty minutes (see slack.ts). Both are judged, and fixed, in the `clientOptions` they are created with.

/** What bounds those clients: a timeout, or a `fetch` (web-api 8) or `adapter` (web-api 7) of one's own. */
const BOUNDS = ['clientOptions.timeout', 'clientOptions.fetch', 'clientOptions.adapter'];
const TIMEOUT = ['timeout', '10_000'] as const;
/** p-retry's defaults (waits of 1 s, then 2 s) after three attempts of at most 10 s, as slack.ts sets them. */
const BOUNDED_RETRIES = ['retryConfig', '{ retries: 2 }'] as const;

/**
 * The finding for `new App(...)`/`new InstallProvider(...)` whose client options bound nothing, with its fix: a
 * timeout in `clientOptions`, and bounded retries unless the options choose their own. Client options not written
 * here as a literal are not reported: they may set a timeout.
 */
export function unboundedClientOptions(node: TSESTree.NewExpression | TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>, remedy: string): CreationFinding | undefined {
  const options = creationOptions(sourceCode, node, 0);
  if (options === 'unknown' || (options !== 'absent' && optionsBound(options, BOUNDS) !== 'unbounded')) return undefined;
  return {
    label: creationLabel(sourceCode, node),
    remedy,
    fix(target: FixTarget) {
      const facts = options === 'absent' ? undefined : readOptions(options);
      const clientOptions = facts && facts !== 'unknown' ? facts.get('clientOptions') : undefined;
      const inner = clientOptions && unwrapExpression(clientOptions);
      const given = inner?.type === AST_NODE_TYPES.ObjectExpression ? readOptions(inner) : undefined;
      // client options that choose their own retries keep them
      const setsRetries = given === 'unknown' || given?.has('retryConfig') === true;
      return setNestedCreationOptions(target, node, 0, facts, 'clientOptions', setsRetries ? [TIMEOUT] : [TIMEOUT, BOUNDED_RETRIES]);
    },
  };
}
