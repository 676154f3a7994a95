import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { calleeName } from './delays.js';
import { walkSameFunction, type FunctionNode } from './loops.js';
import { callsWithin, isRejectingTimer } from './raced-wrappers.js';
import { unwrapExpression } from './syntax.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * A helper that gives up waiting for the promise it is handed and cancels nothing: `withTimeout(promise, ms)` returning
 * `Promise.race([promise, rejectAfter])`, or a `new Promise` whose executor arms a timer that rejects and settles from
 * `promise.then(...)` (hexabot's step timeout). Whatever its callers hand it keeps running after the timer wins. Read
 * from the helper's own body, in this file or (through the project model) in another module.
 */
export interface RaceHelper {
  /** The parameter the raced promise comes in by. */
  readonly parameter: number;
  /** The parameter giving the timer's delay, when one does. */
  readonly delayParameter: number | undefined;
  /** `Promise.race` (reported at the race itself when the helper is in the file being linted), or a promise's executor. */
  readonly shape: 'race' | 'executor';
}

/** Calls in a helper that may cancel what it waits for: then it is not one of these. */
const CANCELS = /^(?:abort|cancel|destroy|kill|close|terminate|end)$/;

/** Per function: a helper is asked about at each of its calls. */
const raced = new WeakMap<FunctionNode, RaceHelper | null>();

export function racedParameter(sourceCode: SourceCode, fn: FunctionNode): RaceHelper | undefined {
  let known = raced.get(fn);
  if (known === undefined) {
    const found = returnedRace(sourceCode, fn);
    // (the shape is looked for first: most functions return no race, and the walk for cancelling calls is the longer)
    known = found && !callsWithin(fn.body, (call) => CANCELS.test(calleeName(call.callee) ?? '')) ? found : null;
    raced.set(fn, known);
  }
  return known ?? undefined;
}

function returnedRace(sourceCode: SourceCode, fn: FunctionNode): RaceHelper | undefined {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return raceOf(sourceCode, fn, fn.body);
  let found: RaceHelper | undefined;
  walkSameFunction(fn.body, sourceCode.visitorKeys, (node) => {
    if (!found && node.type === AST_NODE_TYPES.ReturnStatement && node.argument) found = raceOf(sourceCode, fn, node.argument);
  });
  return found;
}

function raceOf(sourceCode: SourceCode, fn: FunctionNode, returned: TSESTree.Expression): RaceHelper | undefined {
  let expression = unwrapExpression(returned);
  if (expression.type === AST_NODE_TYPES.AwaitExpression) expression = unwrapExpression(expression.argument);
  // `Promise.race([promise, timer]).finally(() => clearTimeout(timer))`
  while (expression.type === AST_NODE_TYPES.CallExpression && expression.callee.type === AST_NODE_TYPES.MemberExpression && calleeName(expression.callee) === 'finally') {
    expression = unwrapExpression(expression.callee.object);
  }
  if (expression.type === AST_NODE_TYPES.CallExpression) return promiseRace(sourceCode, fn, expression);
  if (expression.type === AST_NODE_TYPES.NewExpression) return executorRace(fn, expression);
  return undefined;
}

/** `Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(...), ms))])`. */
function promiseRace(sourceCode: SourceCode, fn: FunctionNode, call: TSESTree.CallExpression): RaceHelper | undefined {
  const callee = call.callee;
  const [list] = call.arguments;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier || callee.object.name !== 'Promise'
    || calleeName(callee) !== 'race' || list?.type !== AST_NODE_TYPES.ArrayExpression || list.elements.length !== 2) return undefined;
  const [first, second] = list.elements;
  for (const [work, timer] of [[first, second], [second, first]] as const) {
    const parameter = work && work.type === AST_NODE_TYPES.Identifier ? parameterIndex(fn, work.name) : -1;
    if (parameter >= 0 && timer && timer.type !== AST_NODE_TYPES.SpreadElement && isRejectingTimer(sourceCode, timer)) {
      return { parameter, delayParameter: delayParameterIn(fn), shape: 'race' };
    }
  }
  return undefined;
}

/** `new Promise((resolve, reject) => { const timer = setTimeout(() => reject(...), ms); promise.then(...) })`. */
function executorRace(fn: FunctionNode, made: TSESTree.NewExpression): RaceHelper | undefined {
  const executor = made.arguments[0];
  if (made.callee.type !== AST_NODE_TYPES.Identifier || made.callee.name !== 'Promise'
    || (executor?.type !== AST_NODE_TYPES.ArrowFunctionExpression && executor?.type !== AST_NODE_TYPES.FunctionExpression)) return undefined;
  const reject = executor.params[1];
  if (reject?.type !== AST_NODE_TYPES.Identifier) return undefined;
  const rejects = callsWithin(executor.body, (call) => call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name === 'setTimeout'
    && callsWithin(call, (inner) => inner.callee.type === AST_NODE_TYPES.Identifier && inner.callee.name === reject.name));
  if (!rejects) return undefined;
  let parameter = -1;
  callsWithin(executor.body, (call) => {
    const callee = call.callee;
    if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && calleeName(callee) === 'then') {
      parameter = parameterIndex(fn, callee.object.name);
    }
    return parameter >= 0;
  });
  return parameter >= 0 ? { parameter, delayParameter: delayParameterIn(fn), shape: 'executor' } : undefined;
}

/** The parameter of `fn` that a `setTimeout(..., ms)` of its body is given as its delay. */
function delayParameterIn(fn: FunctionNode): number | undefined {
  let index: number | undefined;
  callsWithin(fn.body, (call) => {
    const delay = call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name === 'setTimeout' ? call.arguments[1] : undefined;
    if (delay?.type === AST_NODE_TYPES.Identifier && parameterIndex(fn, delay.name) >= 0) index = parameterIndex(fn, delay.name);
    return index !== undefined;
  });
  return index;
}

function parameterIndex(fn: FunctionNode, name: string): number {
  return fn.params.findIndex((param) => (param.type === AST_NODE_TYPES.Identifier && param.name === name)
    || (param.type === AST_NODE_TYPES.AssignmentPattern && param.left.type === AST_NODE_TYPES.Identifier && param.left.name === name));
}
