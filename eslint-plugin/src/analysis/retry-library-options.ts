import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { calleeName } from './delays.js';
import { isFunction, walkSameFunction } from './loops.js';
import { classifyDuration, isRandomised, type RetryConstruct, type RetryDelay } from './retries.js';
import { localFunction } from './timer-settlement.js';

// Reading a retry library's options: the literals, counts, delay functions and retried work its call is given.

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** An object literal passed directly, or through a `const` in this file. */
export function objectLiteral(context: Context, node: TSESTree.Node | undefined): TSESTree.ObjectExpression | undefined {
  if (!node) return undefined;
  if (node.type === AST_NODE_TYPES.TSAsExpression || node.type === AST_NODE_TYPES.TSSatisfiesExpression) return objectLiteral(context, node.expression);
  if (node.type === AST_NODE_TYPES.ObjectExpression) return node;
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(node), node);
  const declarator = variable?.defs[0]?.node;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.parent.kind !== 'const') return undefined;
  return declarator.init ? objectLiteral(context, declarator.init) : undefined;
}

export interface OptionLookup {
  /** The property with this name, if written. */
  readonly property: TSESTree.Property | undefined;
  /** Whether a spread (`...defaults`) may supply it unseen. */
  readonly maySpread: boolean;
}

export function option(object: TSESTree.ObjectExpression, key: string): OptionLookup {
  let property: TSESTree.Property | undefined;
  let maySpread = false;
  for (const member of object.properties) {
    if (member.type === AST_NODE_TYPES.SpreadElement) {
      maySpread = true;
      continue;
    }
    const name = member.computed
      ? undefined
      : member.key.type === AST_NODE_TYPES.Identifier
        ? member.key.name
        : member.key.type === AST_NODE_TYPES.Literal
          ? String(member.key.value)
          : undefined;
    if (name === key) property = member;
  }
  return { property, maySpread: maySpread && !property };
}

export function staticValue(context: Context, node: TSESTree.Node | undefined): { value: unknown } | undefined {
  if (!node) return undefined;
  if (node.type === AST_NODE_TYPES.Identifier && node.name === 'Infinity') return { value: Infinity };
  return ASTUtils.getStaticValue(node, context.sourceCode.getScope(node)) ?? undefined;
}

/** A function given as an option, written inline or as a `const`/declaration in this file. */
export function functionValue(context: Context, node: TSESTree.Node | undefined): TSESTree.FunctionLike | undefined {
  if (!node) return undefined;
  return isFunction(node) ? node : localFunction(context, node);
}

export function returnedExpressions(context: Context, fn: TSESTree.FunctionLike): TSESTree.Node[] {
  if (!fn.body) return [];
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const returned: TSESTree.Node[] = [];
  walkSameFunction(fn.body, context.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) returned.push(node.argument);
  });
  return returned;
}

export function parameterNames(fn: TSESTree.FunctionLike): Set<string> {
  const names = new Set<string>();
  const add = (pattern: TSESTree.Node): void => {
    if (pattern.type === AST_NODE_TYPES.Identifier) names.add(pattern.name);
    else if (pattern.type === AST_NODE_TYPES.AssignmentPattern) add(pattern.left);
    else if (pattern.type === AST_NODE_TYPES.ObjectPattern) {
      for (const property of pattern.properties) add(property.type === AST_NODE_TYPES.RestElement ? property.argument : property.value);
    } else if (pattern.type === AST_NODE_TYPES.ArrayPattern) pattern.elements.forEach((element) => element && add(element));
  };
  fn.params.forEach(add);
  return names;
}

/** A delay written as a function of the attempt (`retryDelay`, `calculateDelay`, ky's `delay`). */
export function delayFunction(context: Context, node: TSESTree.Node | undefined): { growth: RetryDelay; jitter: boolean } | undefined {
  const fn = functionValue(context, node);
  if (!fn?.body) return undefined;
  const returned = returnedExpressions(context, fn);
  if (returned.length === 0) return { growth: 'none', jitter: false };
  const varying = parameterNames(fn);
  let growth: RetryDelay = 'constant';
  let jitter = false;
  for (const expression of returned) {
    const kind = classifyDuration(context, expression, varying, fn.body);
    if (kind === 'growing') growth = 'growing';
    else if (kind === 'unknown' && growth === 'constant') growth = 'unknown';
    if (isRandomised(context, expression, fn.body)) jitter = true;
  }
  const zero = returned.every((expression) => staticValue(context, expression)?.value === 0);
  return { growth: zero ? 'none' : growth, jitter };
}

export function retriedFunction(context: Context, node: TSESTree.Node | undefined): TSESTree.Node[] {
  const fn = functionValue(context, node);
  return fn?.body ? [fn.body] : [];
}

/** `policy.execute(fn)` for the policy this call creates (kept in a variable or chained). */
export function executedWork(context: Context, policyCall: TSESTree.CallExpression): TSESTree.Node[] {
  const executeArgument = (member: TSESTree.Node): TSESTree.Node[] => {
    const parent = member.parent;
    if (
      parent?.type === AST_NODE_TYPES.MemberExpression &&
      parent.object === member &&
      calleeName(parent) === 'execute' &&
      parent.parent.type === AST_NODE_TYPES.CallExpression &&
      parent.parent.callee === parent
    ) {
      return retriedFunction(context, parent.parent.arguments[0]);
    }
    return [];
  };
  const direct = executeArgument(policyCall);
  if (direct.length > 0) return direct;
  const declarator = policyCall.parent;
  if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier) return [];
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(declarator), declarator.id);
  return variable ? variable.references.flatMap((reference) => executeArgument(reference.identifier)) : [];
}

export function construct(
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  name: string,
  parts: Omit<RetryConstruct, 'kind' | 'node' | 'loc' | 'name'>,
): RetryConstruct {
  return { kind: 'library', node: call, loc: call.loc, name, ...parts };
}
