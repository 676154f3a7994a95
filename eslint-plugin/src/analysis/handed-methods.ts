import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { RuleContext } from '@typescript-eslint/utils/ts-eslint';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { callOf, libraryOf, type ClientValue } from '../libraries/index.js';
import { isProjectValue } from '../project/values.js';
import { fileDefaultsTimeout, fileValue, getExternalCalls, type ExternalCall } from './external-calls.js';
import { contains, getFileNodes, sameFileFunction, type FunctionNode } from './loops.js';
import { staticPropertyName } from './member-syntax.js';
import { unwrapExpression } from './syntax.js';

/**
 * A client's method handed to a helper of this file that calls it (`send(bank.post, '/transfers', { data })`, the
 * helper doing `fn(url, data, options)`): the request is made with the client the caller chose, and with no
 * options of the caller's own when it gives none that could bound it. Reported at the call that hands the method,
 * which is where the client is chosen; its fix is the client's timeout where it is created in this file, so a
 * method of a client made elsewhere, or of one the fix cannot reach, is left alone. Only `require-timeout` asks.
 */

type Context = Readonly<RuleContext<string, readonly unknown[]>>;

/** Words that, in what the caller or the helper passes, may bound the call. */
const BOUND_WORDS = /timeout|signal|deadline/i;
/** Parameter names that carry a call's options. */
const OPTIONS_NAME = /option|config|opts|init|setting|param/i;

export interface HandedMethodCall {
  readonly call: ExternalCall;
  /** What the message tells the user to do. */
  readonly remedy: string;
}

export function findHandedMethodCalls(context: Context): HandedMethodCall[] {
  const { sourceCode } = context;
  const index = getExternalCalls(context);
  const found: HandedMethodCall[] = [];
  for (const node of getFileNodes(sourceCode).calls) {
    if (index.get(node) || node.arguments.length < 2) continue;
    let helper: FunctionNode | undefined;
    node.arguments.forEach((argument, position) => {
      const target = unwrapExpression(argument);
      if (target.type !== AST_NODE_TYPES.MemberExpression) return;
      const value = fileValue(context, target);
      if (!value || isProjectValue(value) || !libraryOf(value.kind)?.timeout) return;
      const ioCall = callOf(value, node)?.io;
      if (!ioCall) return;
      helper ??= sameFileFunction(sourceCode, node);
      if (!helper || !callsParameterUnbounded(sourceCode, helper, position) || !callerMayGiveNoBound(sourceCode, node, helper, position)) return;
      const helperLabel = helperName(node);
      found.push({
        call: handedCall(context, node, value, sourceCode.getText(target), helperLabel, ioCall.httpMethod),
        remedy: `give the client a timeout where it is created: \`${helperLabel}\` calls the method it is handed with none of its own, and this call passes none`,
      });
    });
  }
  return found;
}

function handedCall(context: Context, node: TSESTree.CallExpression, value: ClientValue, method: string, helper: string, httpMethod: string | undefined): ExternalCall {
  return {
    node,
    client: value.kind,
    label: `${method}, handed to ${helper},`,
    httpMethod,
    optionsArgument: undefined,
    signalOption: undefined,
    optionsExpression: undefined,
    instanceOptions: value.options,
    ...(value.origin === undefined ? {} : { createdBy: value.origin }),
    ...(value.madeInSeveralPlaces ? { madeInSeveralPlaces: true } : {}),
    defaultsTimeout: fileDefaultsTimeout(context, value),
    wrapped: undefined,
    ...(value.flavor === undefined ? {} : { flavor: value.flavor }),
  };
}

function helperName(node: TSESTree.CallExpression): string {
  const callee = node.callee;
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  return (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && staticPropertyName(callee)) || 'the helper';
}

/** The helper calls its parameter at `position` (`fn(url, data, options)`), and never with words that may bound it. */
function callsParameterUnbounded(sourceCode: Readonly<TSESLint.SourceCode>, helper: FunctionNode, position: number): boolean {
  const param = helper.params[position];
  const name = param?.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
  if (name?.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = sourceCode.getDeclaredVariables(helper).find((candidate) => candidate.name === name.name);
  if (!variable || variable.references.some((reference) => reference.isWrite() && !reference.init)) return false;
  let called = false;
  for (const reference of variable.references) {
    const parent = reference.identifier.parent;
    if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.callee !== reference.identifier || !contains(helper, parent)) continue;
    if (parent.arguments.some((argument) => BOUND_WORDS.test(sourceCode.getText(argument))) || underTimeout(parent, helper)) return false;
    called = true;
  }
  return called;
}

/** The call is an argument of a call that may time it out (`withTimeout(fn(url), ms)`, `Promise.race([...])`). */
function underTimeout(call: TSESTree.Node, helper: FunctionNode): boolean {
  for (let current = call.parent; current && current !== helper; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CallExpression && /timeout|race|deadline/i.test(calleeName(current.callee))) return true;
  }
  return false;
}

function calleeName(callee: TSESTree.Node): string {
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  return (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && staticPropertyName(callee)) || '';
}

/**
 * What the caller gives the helper's options parameters (destructured, a rest, or named like options) adds nothing
 * that may bound the call: left out, or an object literal with no spread and no word of a timeout or signal.
 */
function callerMayGiveNoBound(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.CallExpression, helper: FunctionNode, position: number): boolean {
  return node.arguments.every((argument, index) => {
    if (index === position) return true;
    if (argument.type === AST_NODE_TYPES.SpreadElement) return false;
    const param = helper.params[index];
    const inner = param?.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
    const carriesOptions = inner === undefined || inner.type !== AST_NODE_TYPES.Identifier || OPTIONS_NAME.test(inner.name);
    if (!carriesOptions) return true;
    const given = unwrapExpression(argument);
    if (given.type === AST_NODE_TYPES.Literal || given.type === AST_NODE_TYPES.TemplateLiteral) return true;
    return given.type === AST_NODE_TYPES.ObjectExpression && given.properties.every((property) => property.type !== AST_NODE_TYPES.SpreadElement)
      && !BOUND_WORDS.test(sourceCode.getText(given));
  });
}
