import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { exportedName, importedCalls, MAX_CALLERS, parameterOf } from './caller-signals.js';
import { boundName, getFileNodes, walkSameFunction, type FunctionNode } from './loops.js';
import { importedProjectFunction } from './imported-from.js';
import { pathOf } from '../project/module-source.js';
import { callbackFunction } from './callback-functions.js';
import { unwrapExpression } from './syntax.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * A generic retry helper that asks a function its caller hands in whether to go again, given the attempt count
 * (`const wait = delayFor(attempt, error); if (wait) { await pause(wait); return go(attempt + 1); } throw error`): its
 * bound is that function's, written where it is called. It is bounded when every function its callers hand in
 * compares the count it is given (`attempt < LIMIT ? 500 : undefined`, directly or in a function of its module it
 * hands the count to), and when no caller is in view (the decision is written by callers out of sight). A caller
 * handing one that never compares the count (`() => 1000`) leaves it unbounded.
 */

const MAX_DEPTH = 2;

/** Whether `node`, in the test deciding a retry, is the answer of a handed-in decision given a counter, every one of which bounds it. */
export function decisionHandedInBounds(sourceCode: SourceCode, filename: string, node: TSESTree.Node, counters: ReadonlySet<string>): boolean {
  const asked = askedDecision(sourceCode, node);
  if (!asked) return false;
  // the count as the loop keeps it: a variable, or a field (`this.retryAttempts`)
  const countAt = asked.arguments.findIndex((argument) => (argument.type === AST_NODE_TYPES.Identifier || argument.type === AST_NODE_TYPES.MemberExpression)
    && counters.has(sourceCode.getText(argument)));
  if (countAt < 0) return false;
  // a function of the project deciding it (`const backoff = calculateRetryBackoff(error, attempts); if (backoff < 0)
  // throw error`, imported through a barrel, or a static method of an imported class), given the count it compares
  // (`if (attempts > 4) return -1`)
  const decider = importedProjectFunction(sourceCode, asked.callee, filename) ?? defaultedFieldDecision(sourceCode, filename, asked.callee);
  if (decider) return comparesCount(decider.source, decider.fn, countAt, 0, decider.source === sourceCode ? filename : undefined);
  if (asked.callee.type !== AST_NODE_TYPES.Identifier) return false;
  const parameter = parameterOf(sourceCode, asked.callee);
  if (!parameter || parameter.destructuredKey !== undefined) return false;
  const handed = handedArguments(sourceCode, filename, parameter.fn as FunctionNode, parameter.index);
  if (!handed) return false;
  return handed.every(({ argument, source }) => {
    const decision = callbackFunction(source, unwrapExpression(argument));
    return decision !== undefined && comparesCount(source, decision, countAt, 0, source === sourceCode ? filename : undefined);
  });
}

/**
 * `this.retryAlgorithm(event, attempts, error)`, the field a constructor parameter (or a field's initialiser) defaults
 * to a static method of a class of the project (`public readonly retryAlgorithm = Scheduler.BACKOFF`): the policy its
 * users get unless they hand their own, which is theirs to bound.
 */
function defaultedFieldDecision(sourceCode: SourceCode, filename: string, callee: TSESTree.Node): { source: SourceCode; fn: FunctionNode } | undefined {
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.ThisExpression || callee.computed
    || callee.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  const field = callee.property.name;
  let body: TSESTree.Node | undefined = callee.parent;
  while (body && body.type !== AST_NODE_TYPES.ClassBody) body = body.parent;
  if (!body) return undefined;
  let initial: TSESTree.Node | undefined;
  for (const member of body.body) {
    if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.computed && member.key.type === AST_NODE_TYPES.Identifier && member.key.name === field) initial = member.value ?? undefined;
    if (member.type !== AST_NODE_TYPES.MethodDefinition || member.kind !== 'constructor') continue;
    for (const param of member.value.params) {
      const target = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : undefined;
      if (target?.type === AST_NODE_TYPES.AssignmentPattern && target.left.type === AST_NODE_TYPES.Identifier && target.left.name === field) initial = target.right;
    }
  }
  if (initial?.type !== AST_NODE_TYPES.MemberExpression || initial.object.type !== AST_NODE_TYPES.Identifier || initial.computed
    || initial.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  const imported = importedProjectFunction(sourceCode, initial, filename);
  if (imported) return imported;
  const className = initial.object.name;
  const method = initial.property.name;
  for (const statement of sourceCode.ast.body) {
    const declared = statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ? statement.declaration : statement;
    if (declared?.type !== AST_NODE_TYPES.ClassDeclaration || declared.id?.name !== className) continue;
    for (const member of declared.body.body) {
      if (member.type === AST_NODE_TYPES.MethodDefinition && member.static && !member.computed && member.key.type === AST_NODE_TYPES.Identifier
        && member.key.name === method && member.value.body) return { source: sourceCode, fn: member.value };
    }
  }
  return undefined;
}

/** `decide(attempt, error)` itself, or the `const` it was kept in (`const wait = decide(...)`; `if (wait)`). */
function askedDecision(sourceCode: SourceCode, node: TSESTree.Node): TSESTree.CallExpression | undefined {
  const inner = unwrapExpression(node);
  if (inner.type === AST_NODE_TYPES.CallExpression) return inner;
  if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ASTUtils.findVariable(sourceCode.getScope(inner), inner);
  const definition = variable?.defs[0];
  if (variable?.defs.length !== 1 || definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return undefined;
  if (variable.references.some((reference) => reference.isWrite() && !reference.init)) return undefined;
  const init = unwrapExpression(definition.node.init);
  const awaited = init.type === AST_NODE_TYPES.AwaitExpression ? unwrapExpression(init.argument) : init;
  return awaited.type === AST_NODE_TYPES.CallExpression ? awaited : undefined;
}

/**
 * What the helper's callers hand it at `index`, in its module and the modules importing it (none when it has no
 * caller in view); undefined when they cannot all be read or a caller hands on a parameter of its own.
 */
function handedArguments(sourceCode: SourceCode, filename: string, helper: FunctionNode, index: number): { argument: TSESTree.Node; source: SourceCode }[] | undefined {
  const name = boundName(helper);
  if (!name) return undefined;
  const local = getFileNodes(sourceCode).calls
    .filter((call) => call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name === name)
    .map((call) => ({ call, source: sourceCode }));
  const exported = exportedName(helper as never, name, sourceCode);
  const remote = exported === undefined ? [] : importedCalls(filename, exported, { productOnly: true });
  if (remote === undefined) return undefined;
  const calls = [...local, ...remote.map(({ call, source }) => ({ call, source }))];
  if (calls.length > MAX_CALLERS) return undefined;
  const handed: { argument: TSESTree.Node; source: SourceCode }[] = [];
  for (const { call, source } of calls) {
    const argument = call.arguments[index];
    if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return undefined;
    handed.push({ argument, source });
  }
  return handed;
}

const COMPARISONS = new Set(['<', '<=', '>', '>=', '===', '==']);

/** Whether the decision compares the count it takes at `index`, or hands it to a function of the project that does. */
function comparesCount(source: SourceCode, decision: FunctionNode, index: number, depth: number, path?: string): boolean {
  const param = decision.params[index];
  const count = param?.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
  if (count?.type !== AST_NODE_TYPES.Identifier) return false;
  const name = count.name;
  let compared = false;
  walkSameFunction(decision.body, source.visitorKeys, (node) => {
    if (compared) return;
    if (node.type === AST_NODE_TYPES.BinaryExpression && COMPARISONS.has(node.operator)) {
      compared = [node.left, node.right].some((side) => side.type === AST_NODE_TYPES.Identifier && side.name === name);
    } else if (node.type === AST_NODE_TYPES.CallExpression && depth < MAX_DEPTH) {
      const at = node.arguments.findIndex((argument) => argument.type === AST_NODE_TYPES.Identifier && argument.name === name);
      // a function of its module, or one it imports from the project (a policy method handing the count to the
      // shared backoff function)
      const local = at < 0 ? undefined : callbackFunction(source, unwrapExpression(node.callee));
      const next = local ? { source, fn: local } : at < 0 ? undefined : importedProjectFunction(source, unwrapExpression(node.callee), path ?? pathOf(source.ast));
      compared = next !== undefined && comparesCount(next.source, next.fn, at, depth + 1, next.source === source ? path : undefined);
    }
  });
  return compared;
}
