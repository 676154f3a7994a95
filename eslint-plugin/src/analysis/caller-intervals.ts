import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { exportedName, importedCalls, MAX_CALLERS } from './caller-signals.js';
import { boundName, getFileNodes, walkSameFunction, type FunctionNode } from './loops.js';
import { throwsNotReady } from './retry-causes.js';
import { callbackBody } from './callback-functions.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * A generic retry helper waits the interval its callers chose (`setTimeout(r, props.retryDelay)` before each try).
 * It is the same wait on every attempt whatever the caller passes, so whether it is wrong depends only on what the
 * callers retry: a poll (work that throws "not ready" until the job is done) wants a fixed interval, a request to a
 * dependency that failed wants a growing one. This reads the work the callers hand the helper, in this file and in
 * the modules importing it: the helper retries a dependency as soon as one caller hands it work that calls something
 * and does not say "not ready" (the rule `throwsNotReady` applies to a local helper's work). Callers out of sight, or
 * only handing work whose body cannot be read, leave it unknown.
 */
export function callersRetryFailures(context: Context, helper: FunctionNode, workParameter: string): boolean {
  const index = helper.params.findIndex((param) => param.type === AST_NODE_TYPES.Identifier && param.name === workParameter);
  const name = boundName(helper);
  if (index < 0 || !name) return false;
  const local = getFileNodes(context.sourceCode).calls.filter((call) => call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name === name);
  const exported = exportedName(helper, name, context.sourceCode);
  const remote = exported === undefined ? [] : importedCalls(context.filename, exported) ?? [];
  const handed = [
    ...local.map((call) => ({ call, source: context.sourceCode })),
    ...remote.map(({ call, source }) => ({ call, source })),
  ].slice(0, MAX_CALLERS);
  return handed.some(({ call, source }) => {
    const work = callbackBody(source, call.arguments[index]);
    return work !== undefined && callsSomething(source, work) && !throwsNotReady(readingModule(context, source), work);
  });
}

function callsSomething(source: SourceCode, work: TSESTree.Node): boolean {
  if (work.type === AST_NODE_TYPES.CallExpression) return true;
  let found = false;
  walkSameFunction(work, source.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) found = true;
  });
  return found;
}

/** The lint context, reading another module of the project (its scopes and nodes) for the analyses that only ask `sourceCode`. */
function readingModule(context: Context, source: SourceCode): Context {
  return source === context.sourceCode ? context : (Object.create(context, { sourceCode: { value: source } }) as Context);
}
