import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { calleeName } from './delays.js';
import { callbackBody } from './callback-functions.js';
import { importedProjectFunction } from './imported-from.js';
import { contains, enclosingFunction, functionName, getFileNodes, isFunction, isLoop, walk, walkSameFunction, type FunctionNode } from './loops.js';
import type { RetryConstruct } from './retries.js';
import { importedHelperCause, predicateCause } from './retry-predicates.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * Work handed to a retry helper as a callback: `withRetry(() => client.post(...))`. The helper's own loop is judged
 * once, where it is written; its callers only learn that their callback runs again after a failure (which is what
 * `no-retry-non-idempotent` needs). A helper is known by its body (a retry of this file that calls one of its
 * parameters) or, when it is imported, by its name (`withRetry`, `retryAsync`).
 */

const RETRY_HELPER_NAME = /retr(?:y|ies|ying)/i;

export function findHelperRetries(context: Context, retries: readonly RetryConstruct[]): RetryConstruct[] {
  const helpers = sameFileHelpers(context, retries);
  const libraryCalls = new Set(retries.filter((retry) => retry.kind === 'library').map((retry) => retry.node));
  const found: RetryConstruct[] = [];
  for (const call of getFileNodes(context.sourceCode).calls) {
    if (libraryCalls.has(call)) continue;
    const name = calleeName(call.callee);
    if (!name) continue;
    const helper = helpers.get(name);
    // (only a call handing over a function may be one: most calls are passed over before their module is read)
    const importedAt = helper || !call.arguments.some(isFunction) ? undefined : importedHelperParameter(context, call.callee);
    const handedWork = helper
      ? callbackBody(context.sourceCode, call.arguments[helper.parameter])
      : importedAt !== undefined
        ? callbackBody(context.sourceCode, call.arguments[importedAt])
        : RETRY_HELPER_NAME.test(name) && isImported(context, call.callee)
          ? call.arguments.map((argument) => callbackBody(context.sourceCode, argument)).find(Boolean)
          : undefined;
    if (!handedWork || (helper && enclosingFunction(call) === helper.fn)) continue;
    // what the helper's own retry lets go round (only a 429, told by its work's `bail`), its callers' work too
    const cause = helper ? helper.retry.cause ?? (helper.retry.kind === 'library' && helper.retry.node.type === AST_NODE_TYPES.CallExpression ? predicateCause(context, helper.retry.node) : undefined)
      : importedHelperCause(context, call.callee);
    found.push({
      ...(cause ? { cause } : {}),
      kind: 'helper',
      node: call,
      loc: call.loc,
      name: `\`${name}\``,
      retried: [handedWork],
      // Judged at the helper (or unknown, for an imported one).
      bound: 'unknown',
      delay: 'unknown',
      jitter: undefined,
    });
  }
  return found;
}

interface Helper {
  readonly fn: FunctionNode;
  /** Which parameter is the work it retries. */
  readonly parameter: number;
  /** The retry it runs that work in. */
  readonly retry: RetryConstruct;
}

/**
 * Functions of this file whose retry (loop or self-call) calls one of their own parameters: `await fn()`, also from
 * a function the helper makes for it (`const run = () => work(resolve, reject, retry)` in a callback-style helper).
 */
function sameFileHelpers(context: Context, retries: readonly RetryConstruct[]): Map<string, Helper> {
  const helpers = new Map<string, Helper>();
  const addParameter = (identifier: TSESTree.Identifier, retry: RetryConstruct): void => {
    const definition = ASTUtils.findVariable(context.sourceCode.getScope(identifier), identifier)?.defs[0];
    const fn = definition?.type === 'Parameter' && isFunction(definition.node) ? definition.node : undefined;
    const name = fn && functionName(fn);
    if (!fn || !name || !contains(fn, retry.node) || helpers.has(name.name)) return;
    const index = fn.params.findIndex((param) => param === definition!.name || (param.type === AST_NODE_TYPES.AssignmentPattern && param.left === definition!.name));
    if (index >= 0) helpers.set(name.name, { fn, parameter: index, retry });
  };
  for (const retry of retries) {
    // `pRetry(operation, { retries })`: a retry library handed the helper's own parameter
    if (retry.kind === 'library' && retry.node.type === AST_NODE_TYPES.CallExpression) {
      for (const argument of retry.node.arguments) if (argument.type === AST_NODE_TYPES.Identifier) addParameter(argument, retry);
    }
    if (retry.kind !== 'loop' && retry.kind !== 'recursion' && retry.kind !== 'library') continue;
    for (const region of retry.retried) {
      walkSameFunction(region, context.sourceCode.visitorKeys, (node) => {
        if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier) addParameter(node.callee, retry);
      });
    }
  }
  return helpers;
}

/**
 * `again(() => post(...), delayFor)` after `import { again } from './retry'`: when the project module declares it as a
 * retry helper (see `retriedParameter`), which of its parameters is the work it runs again.
 */
function importedHelperParameter(context: Context, callee: TSESTree.Node): number | undefined {
  const imported = importedProjectFunction(context.sourceCode, callee, context.filename);
  return imported && retriedParameter(imported.source, imported.fn);
}

/**
 * The parameter a function calls inside a `try` that it goes round again after a failure: in a loop, or with a
 * self-call from the `catch` (of the function itself or of one it makes, `const go = async (attempt = 0) => { try {
 * return await work() } catch { ... return go(attempt + 1) } }`).
 */
function retriedParameter(source: Readonly<TSESLint.SourceCode>, fn: FunctionNode): number | undefined {
  const names = fn.params.map((param) => (param.type === AST_NODE_TYPES.Identifier ? param.name : undefined));
  let found: number | undefined;
  walk(fn.body, source.visitorKeys, (node) => {
    if (found !== undefined) return false;
    if (node.type !== AST_NODE_TYPES.TryStatement || !node.handler) return true;
    let called: number | undefined;
    walkSameFunction(node.block, source.visitorKeys, (inner) => {
      if (called === undefined && inner.type === AST_NODE_TYPES.CallExpression && inner.callee.type === AST_NODE_TYPES.Identifier) {
        const index = names.indexOf(inner.callee.name);
        if (index >= 0) called = index;
      }
    });
    if (called === undefined) return true;
    const around = enclosingFunction(node);
    const self = around && functionName(around)?.name;
    let again = hasLoopBetween(node, fn);
    walkSameFunction(node.handler.body, source.visitorKeys, (inner) => {
      if (inner.type === AST_NODE_TYPES.CallExpression && inner.callee.type === AST_NODE_TYPES.Identifier && inner.callee.name === self) again = true;
    });
    if (again) found = called;
    return true;
  });
  return found;
}

function hasLoopBetween(node: TSESTree.Node, fn: FunctionNode): boolean {
  for (let current = node.parent; current && current !== fn; current = current.parent) {
    if (isLoop(current)) return true;
    if (isFunction(current)) return false;
  }
  return false;
}

/** Whether the callee's name comes from an import (or `require`): a helper whose body this file does not show. */
function isImported(context: Context, callee: TSESTree.Node): boolean {
  const root = callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : callee;
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const definition = ASTUtils.findVariable(context.sourceCode.getScope(root), root)?.defs[0];
  if (definition?.type === 'ImportBinding') return true;
  const init = definition?.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator ? definition.node.init : undefined;
  return init?.type === AST_NODE_TYPES.CallExpression && init.callee.type === AST_NODE_TYPES.Identifier && init.callee.name === 'require';
}

/**
 * `await work()` in a local helper `retry(maxAttempts, work)`: the work every call of this file hands it as that
 * parameter (written inline or named), which is what the helper runs again. Undefined when the helper may be called
 * with other work: it is exported or otherwise escapes (its name is used other than by being called), or a call
 * hands it something whose body this file does not show. A self-call handing the same work on adds nothing.
 */
export function workHandedToParameter(context: Context, call: TSESTree.CallExpression): TSESTree.Node[] | undefined {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const parameter = ASTUtils.findVariable(context.sourceCode.getScope(callee), callee)?.defs[0];
  if (parameter?.type !== 'Parameter' || !isFunction(parameter.node)) return undefined;
  const helper = parameter.node;
  const index = helper.params.findIndex((param) => param.type === AST_NODE_TYPES.Identifier && param.name === callee.name);
  const binding = helperBinding(helper);
  if (index < 0 || !binding) return undefined;
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(binding), binding);
  const work: TSESTree.Node[] = [];
  for (const reference of variable?.references ?? []) {
    if (reference.identifier === binding) continue;
    const use = reference.identifier.parent;
    if (use?.type !== AST_NODE_TYPES.CallExpression || use.callee !== reference.identifier) return undefined;
    const argument = use.arguments[index];
    if (argument?.type === AST_NODE_TYPES.Identifier && argument.name === callee.name && enclosingFunction(use) === helper) continue;
    const body = callbackBody(context.sourceCode, argument);
    if (!body) return undefined;
    work.push(body);
  }
  return work.length > 0 ? work : undefined;
}

/** The name a helper is declared under in this file (`function retry`, `const retry = async () => ...`), unless exported. */
export function helperBinding(helper: FunctionNode): TSESTree.Identifier | undefined {
  if (helper.type === AST_NODE_TYPES.FunctionDeclaration) {
    const exported = helper.parent.type === AST_NODE_TYPES.ExportNamedDeclaration || helper.parent.type === AST_NODE_TYPES.ExportDefaultDeclaration;
    return exported ? undefined : helper.id ?? undefined;
  }
  const declarator = helper.parent;
  if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.init !== helper) return undefined;
  const declaration = declarator.parent;
  return declaration.kind === 'const' && declaration.parent.type !== AST_NODE_TYPES.ExportNamedDeclaration ? declarator.id : undefined;
}
