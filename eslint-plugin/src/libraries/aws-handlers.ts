import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { createdWithTimeout } from '../analysis/option-presence.js';
import { isSet, readOptions, unwrapExpression } from '../analysis/syntax.js';
import { olderThan, pinnedVersion } from '../project/dependency-versions.js';
import type { OptionFacts } from './model.js';

/**
 * From @smithy/node-http-handler 4.4 (read in 4.4.0, 4.9.13 and 4.14.2, `dist-cjs/index.js`: `setRequestTimeout`,
 * `setSocketTimeout`), a handler's `requestTimeout` ends nothing: once passed it only logs a warning, unless
 * `throwOnRequestTimeout: true` makes it destroy the request; `socketTimeout` ends a socket silent that long. Before
 * 4.4 (3.x, and 4.0 to 4.3), `requestTimeout` was that idle-socket timeout. The handler's version is the installed
 * or locked one; where neither says, the installed or locked client's: from 3.723 every AWS SDK client takes `^4`,
 * which installs 4.4 or later, and an older one the older handlers (where a fix setting `throwOnRequestTimeout` would
 * not type-check). With neither pinned, a fresh install's: the newest, whatever range the manifest gives.
 */
const WARNS_ONLY_SINCE = { major: 4, minor: 4 };
const HANDLER_MODULE = '@smithy/node-http-handler';
const HANDLER_4_SINCE = { major: 3, minor: 723 };

/** Whether the handler of a client from `clientModule`, for a file of this project, only warns when `requestTimeout` passes. */
export function requestTimeoutOnlyWarns(filename: string | undefined, clientModule: string | undefined): boolean {
  if (filename === undefined) return true;
  const handler = pinnedVersion(filename, HANDLER_MODULE);
  if (handler) return !olderThan(handler, WARNS_ONLY_SINCE);
  const client = clientModule === undefined ? undefined : pinnedVersion(filename, clientModule);
  return client === undefined || !olderThan(client, HANDLER_4_SINCE);
}

/**
 * Whether handler options bound a request: with a handler that only warns, `socketTimeout`, or `requestTimeout` with
 * `throwOnRequestTimeout: true`; before, `requestTimeout` or `connectionTimeout` (or the later `socketTimeout`).
 */
export function handlerOptionsBound(facts: OptionFacts, warnsOnly: boolean): boolean {
  if (isSet(facts.get('socketTimeout'))) return true;
  if (!warnsOnly) return isSet(facts.get('requestTimeout')) || isSet(facts.get('connectionTimeout'));
  const throws = facts.get('throwOnRequestTimeout');
  return isSet(facts.get('requestTimeout')) && throws !== undefined && !(throws.type === AST_NODE_TYPES.Literal && throws.value === false);
}

/**
 * The `NodeHttpHandler` options an AWS client's `requestHandler` is made from, where they bound no request (see
 * `handlerOptionsBound`): the handler written in place (`{ httpsAgent: { maxSockets } }`, `new NodeHttpHandler({...})`),
 * or followed through a `const` and a function of this module that builds it (langfuse's `createS3RequestHandler`,
 * which only sizes the socket pool), every one of its returns. Undefined when any of them bounds one or cannot be read.
 */
export function handlerLiteralsWithoutTimeouts(handler: TSESTree.Node, warnsOnly: boolean): TSESTree.ObjectExpression[] | undefined {
  const made = handlerOptions(handler, 0);
  return made !== 'unknown' && made.length > 0 && made.every((options) => leavesRequestsUnbounded(options, warnsOnly)) ? made : undefined;
}

const MAX_DEPTH = 4;

function handlerOptions(node: TSESTree.Node, depth: number): TSESTree.ObjectExpression[] | 'unknown' {
  const target = unwrapExpression(node);
  if (depth > MAX_DEPTH) return 'unknown';
  if (target.type === AST_NODE_TYPES.ObjectExpression) return [target];
  if (target.type === AST_NODE_TYPES.NewExpression) {
    const options = target.arguments[0] && unwrapExpression(target.arguments[0]);
    return options?.type === AST_NODE_TYPES.ObjectExpression ? [options] : 'unknown';
  }
  if (target.type === AST_NODE_TYPES.Identifier) {
    const init = constInit(target);
    return init ? handlerOptions(init, depth + 1) : 'unknown';
  }
  if (target.type === AST_NODE_TYPES.CallExpression && target.callee.type === AST_NODE_TYPES.Identifier) {
    const builder = functionNamed(target.callee);
    if (!builder) return 'unknown';
    const returned = builder.body.type === AST_NODE_TYPES.BlockStatement ? returnedValues(builder.body) : [builder.body];
    const found: TSESTree.ObjectExpression[] = [];
    for (const value of returned) {
      const options = value ? handlerOptions(value, depth + 1) : 'unknown';
      if (options === 'unknown') return 'unknown';
      found.push(...options);
    }
    return found;
  }
  return 'unknown';
}

/** No bound among the handler's options, and no agent that may time its sockets out. */
function leavesRequestsUnbounded(options: TSESTree.ObjectExpression, warnsOnly: boolean): boolean {
  const facts = readOptions(options);
  if (facts === 'unknown' || handlerOptionsBound(facts, warnsOnly)) return false;
  return ['httpAgent', 'httpsAgent'].every((name) => {
    const given = facts.get(name);
    const agent = given && unwrapExpression(given);
    if (!agent) return true;
    // agent options written here (`{ maxSockets }`), or an agent made here: only a `timeout` among them counts; an
    // agent made out of sight (a helper's pool, a proxy agent) sets none that the handler would keep
    const made = agent.type === AST_NODE_TYPES.Identifier ? constInit(agent) ?? agent : agent;
    if (made.type === AST_NODE_TYPES.ObjectExpression) {
      const agentFacts = readOptions(made);
      return agentFacts !== 'unknown' && !agentFacts.has('timeout');
    }
    return made.type !== AST_NODE_TYPES.NewExpression || !createdWithTimeout(made);
  });
}

/** The values the function's own `return` statements give (not those of functions nested in it). */
function returnedValues(body: TSESTree.BlockStatement): (TSESTree.Node | null)[] {
  const found: (TSESTree.Node | null)[] = [];
  const visit = (node: TSESTree.Node): void => {
    if (node.type === AST_NODE_TYPES.ReturnStatement) {
      found.push(node.argument);
      return;
    }
    if (node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.FunctionExpression
      || node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.ClassBody) return;
    for (const [key, child] of Object.entries(node)) {
      if (key === 'parent') continue;
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof item === 'object' && typeof (item as { type?: unknown }).type === 'string') visit(item as TSESTree.Node);
      }
    }
  };
  visit(body);
  return found;
}

/** The `const` of that name declared in a block around the identifier (or the module), with its initialiser. */
function constInit(identifier: TSESTree.Identifier): TSESTree.Node | undefined {
  for (const statement of statementsAround(identifier)) {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration || declaration.kind !== 'const') continue;
    const declarator = declaration.declarations.find((d) => d.id.type === AST_NODE_TYPES.Identifier && d.id.name === identifier.name);
    if (declarator) return declarator.init ?? undefined;
  }
  return undefined;
}

type Builder = TSESTree.FunctionDeclaration | TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression;

/** The function of that name declared in a block around the call (or the module). */
function functionNamed(identifier: TSESTree.Identifier): Builder | undefined {
  for (const statement of statementsAround(identifier)) {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id?.name === identifier.name) return declaration;
  }
  const init = constInit(identifier);
  return init?.type === AST_NODE_TYPES.ArrowFunctionExpression || init?.type === AST_NODE_TYPES.FunctionExpression ? init : undefined;
}

/** The statements of every block enclosing the node, innermost first, up to the module's. */
function* statementsAround(node: TSESTree.Node): Generator<TSESTree.Node> {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.BlockStatement || current.type === AST_NODE_TYPES.Program) yield* current.body;
  }
}
