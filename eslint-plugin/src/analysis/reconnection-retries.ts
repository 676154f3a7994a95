import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import type { RetryConstruct } from './retries.js';
import { construct, delayFunction, objectLiteral, option, staticValue } from './retry-library-options.js';
import { getSettings } from './settings.js';
import { fileEnvironment } from '../project/file-environment.js';

// A client's reconnection after a dropped connection, as its library configures it: socket.io-client's and ioredis's.

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * socket.io-client: `io(url, { ... })` reconnects after every drop, for ever by default (`reconnectionAttempts:
 * Infinity`), 1 s to 5 s apart with jitter. In a page or a service that is the point: it keeps trying. In a command run
 * in a terminal or a CI job, a server that went away leaves the command waiting for ever: reported there only, unless
 * `reconnection: false` or a finite `reconnectionAttempts` is set. Options this file does not show are not judged.
 */
export function socketIoReconnection(context: Context, call: TSESTree.CallExpression): RetryConstruct | undefined {
  const { sourceCode } = context;
  if (fileEnvironment(context.physicalFilename, sourceCode.text, getSettings(context).files, sourceCode.scopeManager) !== 'cli') return undefined;
  const [first, second] = call.arguments;
  const given = second ?? (first?.type === AST_NODE_TYPES.ObjectExpression ? first : undefined);
  const options = given ? objectLiteral(context, given) : undefined;
  if (given && (!options || options.properties.some((member) => member.type === AST_NODE_TYPES.SpreadElement))) return undefined;
  const value = (key: string): unknown => (options ? staticValue(context, option(options, key)?.property?.value)?.value : undefined);
  if (value('reconnection') === false) return undefined;
  const attempts = value('reconnectionAttempts');
  if (typeof attempts === 'number' && Number.isFinite(attempts)) return undefined;
  // a count this file cannot read (a setting) may be finite
  if (options && option(options, 'reconnectionAttempts').property && attempts === undefined) return undefined;
  return construct(call, '`socket.io-client`', { retried: [call], bound: 'none', delay: 'growing', jitter: true });
}

/**
 * ioredis's reconnection: `retryStrategy(times)` gives the wait before the next reconnect (its default grows, 50 ms a
 * try up to 2 s). One that returns a fixed wait (`() => 10`) reconnects every client at once, a hundred times a second,
 * for as long as Redis is down. Reconnecting for ever is what a long-lived client does: only the wait is judged.
 */
export function ioredisReconnection(context: Context, node: TSESTree.NewExpression): RetryConstruct | undefined {
  const options = [...node.arguments].reverse().map((argument) => objectLiteral(context, argument)).find((object) => object !== undefined);
  const strategy = options && option(options, 'retryStrategy').property;
  const described = strategy && delayFunction(context, strategy.value);
  if (!strategy || !described) return undefined;
  return construct(node, '`ioredis` reconnection', { retried: [node], bound: 'unknown', delay: described.growth, delayNode: strategy, jitter: described.jitter });
}
