import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { asDelay, calleeName } from './delays.js';
import { getExternalCalls } from './external-calls.js';
import { importedFrom } from './imported-from.js';
import { contains, isFunction, walkSameFunction, type FunctionNode } from './loops.js';
import { enclosingClassBody } from './member-syntax.js';
import { callsOnlyLoopback } from './retry-causes.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * Work that stays on this machine: a child process (an emulator's `adb`, `docker exec`), the file system, a server on
 * a loopback address. Backing off protects a dependency that many clients share from coming back together; nothing
 * here is shared, so a loop asking it again a fixed interval apart is waiting for it to be ready.
 *
 * Trying again at once asks more: that the work is this program's own. A child process running JavaScript with the
 * current Node (`fork(module)`, `spawn(process.execPath, [script])`, `spawn('node', [script])`) runs code the program
 * ships (a renderer, Lighthouse driving a local Chrome), whose failures are local flakes; a program named otherwise
 * (`git fetch`, `docker pull`, `curl`) may be talking to a remote, which an immediate retry hits again.
 */

/** Modules whose calls run a child process. */
const CHILD_PROCESS_MODULES = /^(?:node:)?child_process$|^(?:execa|tinyexec|zx|cross-spawn)$|(?:^|[/-])spawn(?:-async)?$/;
/** Modules whose calls touch the file system. */
const FILE_MODULES = /^(?:node:)?(?:fs|fs\/promises)$|^(?:fs-extra|graceful-fs)$/;
/** Calls that run a Node module whatever they are given. */
const RUNS_NODE_MODULE = new Set(['fork', 'execaNode']);
/** How deep functions calling functions of the file are followed. */
const MAX_DEPTH = 6;

/** Which child processes count as staying on this machine. */
type ChildProcesses = 'any' | 'own-scripts' | 'none';
/** What some code waits on: only this machine (with at least one sign of it), nothing at all, or maybe elsewhere. */
type Work = 'local' | 'none' | 'elsewhere';

/**
 * Whether every wait of `root` is on this machine: each awaited call runs a child process or touches the file
 * system through an imported module, or requests a loopback address, or is a delay, or is a function of this file
 * doing only that; at least one such call.
 */
export function touchesOnlyThisMachine(context: Context, root: TSESTree.Node): boolean {
  return awaitedWork(context, root, 'any') === 'local';
}

/**
 * Whether every wait of `root` is on this machine and a child process it starts runs this program's JavaScript:
 * a retry of it at once loads nothing that other clients share.
 */
export function runsOnlyOwnCodeLocally(context: Context, root: TSESTree.Node): boolean {
  return awaitedWork(context, root, 'own-scripts') === 'local';
}

/**
 * Whether a function of this file starts only work on this machine (child processes of any program, file-system work),
 * at least one: a supervisor restarting it restarts no dependency other clients share.
 */
export function startsOnlyLocalWork(context: Context, fn: FunctionNode): boolean {
  return functionWork(context, fn, 'any', new Set(), 0) === 'local';
}

/**
 * Whether a function of this file starts only file-system work (a file watcher, a file read), at least one: re-run
 * from that work's 'error' listener, it re-subscribes, retrying no dependency. (A child process restarted at once when
 * it exits is a crash loop, and stays a retry.)
 */
export function touchesOnlyFiles(context: Context, fn: FunctionNode): boolean {
  return functionWork(context, fn, 'none', new Set(), 0) === 'local';
}

function awaitedWork(context: Context, root: TSESTree.Node, children: ChildProcesses): Work {
  if (getExternalCalls(context).containsExternalCall(root) && !callsOnlyLoopback(context, root)) return 'elsewhere';
  const works: Work[] = [];
  walkSameFunction(root, context.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.AwaitExpression) works.push(workOf(context, node.argument, children, new Set(), 0));
  });
  return joined(works);
}

function joined(works: readonly Work[]): Work {
  if (works.includes('elsewhere')) return 'elsewhere';
  return works.includes('local') ? 'local' : 'none';
}

/** What an awaited or returned expression waits on. */
function workOf(context: Context, expression: TSESTree.Node, children: ChildProcesses, visiting: Set<FunctionNode>, depth: number): Work {
  if (depth > MAX_DEPTH) return 'elsewhere';
  // `new Promise((resolve, reject) => { spawn(...).on('exit', ...) })`: what its executor starts
  if (expression.type === AST_NODE_TYPES.NewExpression) {
    const executor = expression.arguments[0];
    if (asDelay(context, expression)) return 'none';
    return expression.callee.type === AST_NODE_TYPES.Identifier && expression.callee.name === 'Promise' && executor && isFunction(executor)
      ? functionWork(context, executor, children, visiting, depth + 1) : 'elsewhere';
  }
  if (expression.type !== AST_NODE_TYPES.CallExpression) return 'elsewhere';
  // `watch(dir, onChange).on('error', restart)`: the listener added hands back the watcher itself
  const chained = listenerOf(expression);
  if (chained) return workOf(context, chained, children, visiting, depth);
  if (asDelay(context, expression) || isSettledPromise(expression)) return 'none';
  const external = getExternalCalls(context);
  if (external.calls.some((call) => contains(expression, call.node))) return callsOnlyLoopback(context, expression) ? 'local' : 'elsewhere';
  const imported = startedWork(context, expression, children);
  if (imported) return imported;
  const fn = calledFunction(context, expression);
  return fn ? functionWork(context, fn, children, visiting, depth + 1) : 'elsewhere';
}

/** Methods of an event emitter that hand the emitter back. */
const EMITTER_CHAIN = new Set(['on', 'once', 'addListener', 'prependListener', 'off', 'removeListener', 'setMaxListeners', 'ref', 'unref']);

/** `watch(...).on('error', handler)`: the call the listener is added to. */
function listenerOf(call: TSESTree.CallExpression): TSESTree.CallExpression | undefined {
  const callee = call.callee;
  return callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier
    && EMITTER_CHAIN.has(callee.property.name) && callee.object.type === AST_NODE_TYPES.CallExpression ? callee.object : undefined;
}

/** A call of a child-process or file-system module: local, unless it runs another program where only own scripts count. */
function startedWork(context: Context, call: TSESTree.CallExpression, children: ChildProcesses): Work | undefined {
  const module = importedFrom(context, call.callee);
  if (module === undefined) return undefined;
  if (FILE_MODULES.test(module)) return 'local';
  if (!CHILD_PROCESS_MODULES.test(module)) return undefined;
  return children === 'any' || (children === 'own-scripts' && runsNodeScript(call)) ? 'local' : 'elsewhere';
}

/** `fork('./worker.js')`, `spawn(process.execPath, [...])`, `execFile('node', [...])`, `exec('node render.js')`. */
function runsNodeScript(call: TSESTree.CallExpression): boolean {
  const name = calleeName(call.callee);
  if (name !== undefined && RUNS_NODE_MODULE.has(name)) return true;
  const program = call.arguments[0];
  if (!program) return false;
  if (program.type === AST_NODE_TYPES.Literal) return typeof program.value === 'string' && /^node(?:\s|$)/.test(program.value);
  return program.type === AST_NODE_TYPES.MemberExpression && !program.computed && program.property.type === AST_NODE_TYPES.Identifier
    && program.property.name === 'execPath' && program.object.type === AST_NODE_TYPES.Identifier && program.object.name === 'process';
}

/** `Promise.resolve(value)`, `Promise.reject(error)`: settled already, waiting on nothing. */
function isSettledPromise(call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  return callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Promise'
    && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier && (callee.property.name === 'resolve' || callee.property.name === 'reject');
}

/**
 * What a function of this file waits on: the child processes and files it starts (awaited or not: a promise it makes
 * settles when they end), what it awaits and the calls it returns. Its nested callbacks (an `'exit'` listener) run
 * later, on what it started.
 */
function functionWork(context: Context, fn: FunctionNode, children: ChildProcesses, visiting: Set<FunctionNode>, depth: number): Work {
  if (visiting.has(fn)) return 'none';
  visiting.add(fn);
  if (getExternalCalls(context).containsExternalCall(fn.body) && !callsOnlyLoopback(context, fn.body)) return 'elsewhere';
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return workOf(context, fn.body, children, visiting, depth);
  const works: Work[] = [];
  walkSameFunction(fn.body, context.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const started = startedWork(context, node, children);
      if (started) works.push(started);
    }
    if (node.type === AST_NODE_TYPES.AwaitExpression) works.push(workOf(context, node.argument, children, visiting, depth));
    const returned = node.type === AST_NODE_TYPES.ReturnStatement ? node.argument : undefined;
    if (returned?.type === AST_NODE_TYPES.CallExpression || returned?.type === AST_NODE_TYPES.NewExpression) works.push(workOf(context, returned, children, visiting, depth));
  });
  return joined(works);
}

/**
 * The function of this file a call runs: a function declared once (`render(page)`), a method of the enclosing class
 * (`this.run(url)`), or a static method of a class of the file by its name (`Runner.buildMock(url)`).
 */
function calledFunction(context: Context, call: TSESTree.CallExpression): FunctionNode | undefined {
  const callee = call.callee;
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(context.sourceCode.getScope(call), callee);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (definition?.node.type === AST_NODE_TYPES.FunctionDeclaration) return definition.node.body ? definition.node : undefined;
    const init = definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.parent.kind === 'const' ? definition.node.init : undefined;
    return init && isFunction(init) ? init : undefined;
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  const object = callee.object;
  const isStatic = object.type === AST_NODE_TYPES.Identifier;
  const body = isStatic ? classNamed(context, object) : object.type === AST_NODE_TYPES.ThisExpression ? enclosingClassBody(call) : undefined;
  if (!body) return undefined;
  const name = callee.property.name;
  for (const element of body.body) {
    if (element.type !== AST_NODE_TYPES.MethodDefinition || element.kind !== 'method' || element.static !== isStatic) continue;
    if (!element.computed && element.key.type === AST_NODE_TYPES.Identifier && element.key.name === name && element.value.type === AST_NODE_TYPES.FunctionExpression) return element.value;
  }
  return undefined;
}

/** The body of the class of this file a name is bound to (`class Runner {}`, `const Runner = class {}`). */
function classNamed(context: Context, name: TSESTree.Identifier): TSESTree.ClassBody | undefined {
  const definition = ASTUtils.findVariable(context.sourceCode.getScope(name), name)?.defs[0];
  const node = definition?.node;
  if (node?.type === AST_NODE_TYPES.ClassDeclaration) return node.body;
  return node?.type === AST_NODE_TYPES.VariableDeclarator && node.init?.type === AST_NODE_TYPES.ClassExpression ? node.init.body : undefined;
}
