import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { libraryOf } from '../libraries/index.js';
import { getExternalCalls } from './external-calls.js';
import { spreadLeftUnsetByCallers } from './layer-callers.js';
import type { RetryConstruct, RetryDelay } from './retries.js';
import { objectLiteral } from './retry-library-options.js';
import { propertyKey } from './syntax.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * Retries a request's own options turn on (urllib's `retry: 3`, see `LibraryModel.retryOption`): the client sends the
 * request again by itself, with the fixed pause the options set, or none. Read where the options are written at the
 * call (or in a `const` of the file); options spread in from a parameter are the callers' (`{ retry: 3, ...options }`)
 * and leave the pause unset when a caller in view gives options without it.
 */
export function findOptionRetries(context: Context): RetryConstruct[] {
  const found: RetryConstruct[] = [];
  for (const call of getExternalCalls(context).calls) {
    const retryOption = libraryOf(call.client)?.retryOption;
    if (!retryOption) continue;
    const options = objectLiteral(context, call.optionsExpression);
    if (!options) continue;
    const facts = staticFacts(context, options);
    const count = facts.values.get(retryOption.count);
    const countNode = facts.properties.get(retryOption.count);
    if (typeof count !== 'number' || count <= 0 || !countNode || retryOption.notRetried(facts.values)) continue;
    const delay = pauseOf(context, options, facts, retryOption.pause);
    if (delay === undefined) continue;
    found.push({
      kind: 'library',
      node: call.node,
      loc: countNode.loc,
      name: `\`${retryOption.count}: ${count}\` of ${call.label}`,
      retried: [],
      bound: Number.isFinite(count) ? 'attempts' : 'none',
      ...(Number.isFinite(count) ? { attemptLimit: count } : { boundNode: countNode }),
      delay,
      delayNode: facts.properties.get(retryOption.pause) ?? countNode,
      jitter: false,
      pauseOption: { options, count: countNode, pause: retryOption.pause },
    });
  }
  return found;
}

interface StaticFacts {
  /** Each written option's static value (`undefined` when it is not known). */
  readonly values: ReadonlyMap<string, unknown>;
  readonly properties: ReadonlyMap<string, TSESTree.Property>;
}

function staticFacts(context: Context, options: TSESTree.ObjectExpression): StaticFacts {
  const values = new Map<string, unknown>();
  const properties = new Map<string, TSESTree.Property>();
  for (const property of options.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const key = propertyKey(property);
    if (key === undefined) continue;
    properties.set(key, property);
    values.set(key, ASTUtils.getStaticValue(property.value, context.sourceCode.getScope(property.value))?.value);
  }
  return { values, properties };
}

/** The pause the options set: none, a fixed one, or undefined when it cannot be told (a value not known, a spread that may set it). */
function pauseOf(context: Context, options: TSESTree.ObjectExpression, facts: StaticFacts, pause: string): RetryDelay | undefined {
  if (facts.properties.has(pause)) {
    const value = facts.values.get(pause);
    if (typeof value !== 'number') return undefined;
    return value > 0 ? 'constant' : 'none';
  }
  const spread = options.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement);
  if (!spread) return 'none';
  const filename = context.physicalFilename ?? context.filename;
  return spreadLeftUnsetByCallers(context.sourceCode, filename, options, [pause]) ? 'none' : undefined;
}
