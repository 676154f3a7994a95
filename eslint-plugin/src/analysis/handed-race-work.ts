import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { isClientModule } from '../libraries/index.js';
import { exportedName, importedCalls, MAX_CALLERS } from './caller-signals.js';
import { exportedAs } from './class-makers.js';
import { importedFrom, importedProjectFunction } from './imported-from.js';
import { getFileNodes, isFunction, walkSameFunction, type FunctionNode } from './loops.js';
import { unwrapExpression } from './syntax.js';

/**
 * A race whose work is a call of a function its enclosing function was handed: `wrap(handler)` returning
 * `async (req, res) => Promise.race([handler(target), rejectAfter(40_000)])`, wrapped around each check of an API by
 * modules that import it (`export default wrap(checkHeaders)`). What the race leaves running is what those handlers
 * do: when one of them sends a request, the timer winning does not stop it, so the race is reported.
 */

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
type SourceCode = Readonly<TSESLint.SourceCode>;

/** How deep a handed function's calls of other functions of its module are followed. */
const MAX_DEPTH = 2;

/** Whether a function handed in for one of the raced calls, here or by an importing module, sends a request. */
export function handedWorkSendsRequests(context: Context, work: readonly TSESTree.Node[]): boolean {
  return work.some((element) => {
    const call = unwrapExpression(element);
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.Identifier) return false;
    const handed = handedParameter(context.sourceCode, call.callee);
    return handed !== undefined && callersOf(context, handed.fn).some(({ call: caller, source }) => {
      const given = caller.arguments[handed.index];
      const fn = given && functionHanded(source, given);
      return fn !== undefined && sendsRequest(source, fn, 0);
    });
  });
}

/** The function a name is a parameter of, and its place. */
function handedParameter(sourceCode: SourceCode, name: TSESTree.Identifier): { fn: FunctionNode; index: number } | undefined {
  const definition = ASTUtils.findVariable(sourceCode.getScope(name), name)?.defs[0];
  if (definition?.type !== 'Parameter' || !isFunction(definition.node)) return undefined;
  const fn = definition.node;
  const index = fn.params.findIndex((param) => param.type === AST_NODE_TYPES.Identifier && param.name === name.name);
  return index < 0 ? undefined : { fn, index };
}

/** Its calls by name in this module and in the modules importing it. */
function callersOf(context: Context, fn: FunctionNode): { call: TSESTree.CallExpression; source: SourceCode }[] {
  // the function's name, and the statement that declares it (what an `export` stands before)
  const holder = fn.parent;
  const [name, declaration] = fn.type === AST_NODE_TYPES.FunctionDeclaration ? [fn.id?.name, fn]
    : holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier ? [holder.id.name, holder.parent] : [undefined, undefined];
  if (!name || !declaration) return [];
  const local = getFileNodes(context.sourceCode).calls
    .filter((call) => call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name === name)
    .map((call) => ({ call, source: context.sourceCode }));
  const exported = exportedName(fn, name, context.sourceCode) ?? exportedAs(context.sourceCode, declaration, name);
  const remote = exported === undefined ? [] : importedCalls(context.physicalFilename, exported, { enough: MAX_CALLERS }) ?? [];
  return [...local, ...remote].slice(0, MAX_CALLERS);
}

/** The function an argument is: written in place, or declared in its module under the name it passes. */
function functionHanded(source: SourceCode, given: TSESTree.Node): FunctionNode | undefined {
  const node = unwrapExpression(given);
  if (isFunction(node)) return node;
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const definition = ASTUtils.findVariable(source.getScope(node), node)?.defs[0];
  if (definition?.node.type === AST_NODE_TYPES.FunctionDeclaration) return definition.node;
  const init = definition?.node.type === AST_NODE_TYPES.VariableDeclarator ? definition.node.init : undefined;
  return init && isFunction(init) ? init : undefined;
}

/** A call of the global fetch, or of something imported from a client library, in the function or one it calls. */
function sendsRequest(source: SourceCode, fn: FunctionNode, depth: number): boolean {
  let found = false;
  walkSameFunction(fn.body, source.visitorKeys, (node) => {
    if (found || node.type !== AST_NODE_TYPES.CallExpression) return;
    const callee = node.callee;
    if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'fetch' && !ASTUtils.findVariable(source.getScope(callee), callee)?.defs.length) {
      found = true;
      return;
    }
    const module = importedFrom({ sourceCode: source }, callee);
    if (module !== undefined && isClientModule(module)) {
      found = true;
      return;
    }
    if (depth >= MAX_DEPTH) return;
    const local = functionHanded(source, callee);
    const imported = local ? undefined : importedProjectFunction(source, callee);
    if (local ? sendsRequest(source, local, depth + 1) : imported !== undefined && sendsRequest(imported.source, imported.fn, depth + 1)) found = true;
  });
  return found;
}
