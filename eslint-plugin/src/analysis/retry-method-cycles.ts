import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { functionName, isFunction, walkSameFunction, type FunctionNode } from './loops.js';
import { memberKeyName, staticPropertyName } from './member-syntax.js';

/**
 * A method that runs itself again through other methods of its class: a stream's read loop whose catch calls
 * `this.reconnect()`, which waits and calls `this.connect()`, which starts `void this.readLoop()` again. That is the
 * read loop retrying itself as surely as a direct self-call, with the wait and any attempt count in the methods on
 * the way. Followed through at most three other methods (and at most `MAX_METHODS_READ` method bodies for one call, so a
 * class of hundreds of methods calling each other stays cheap), each by a direct `this.method(...)` call in its own body or in
 * a listener it registers (`this.socket.on('update', (u) => this.onUpdate(u))`: the connection's events run it).
 */

const MAX_METHODS_ON_THE_WAY = 3;
const MAX_METHODS_READ = 200;

export interface MethodCycle {
  /** The method that runs again: the one whose failure handler starts the cycle. */
  readonly fn: FunctionNode;
  /** The other methods on the way back to it, in call order. */
  readonly via: readonly FunctionNode[];
  /** Whether a method on the way reaches the next through a listener it registers: the cycle goes round on events. */
  readonly throughListener: boolean;
}

/** The cycle `call` (`this.reconnect()` in a method of a class) starts back to the method it is made in, if any. */
export function methodCycle(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): MethodCycle | undefined {
  const first = thisMethodName(call.callee);
  if (first === undefined) return undefined;
  const fn = enclosingMethod(call);
  const self = fn && functionName(fn);
  const body = fn && classBodyOf(fn);
  if (!fn || !self?.method || !body || first === self.name) return undefined;
  const path = pathBack(sourceCode, body, first, self.name, new Set([self.name]), { left: MAX_METHODS_READ });
  return path ? { fn, via: path.via, throughListener: path.throughListener } : undefined;
}

/** The methods from `from` on whose calls reach `to`, or undefined when none does within the bounds. */
function pathBack(
  sourceCode: Readonly<TSESLint.SourceCode>, body: TSESTree.ClassBody, from: string, to: string, visited: Set<string>, budget: { left: number },
): { via: FunctionNode[]; throughListener: boolean } | undefined {
  if (visited.size > MAX_METHODS_ON_THE_WAY || budget.left-- <= 0) return undefined;
  const method = methodOf(body, from);
  if (!method) return undefined;
  const called = thisMethodsCalled(sourceCode, method);
  const last = called.get(to);
  if (last) return { via: [method], throughListener: last === 'listener' };
  const next = new Set([...visited, from]);
  for (const [name, how] of called) {
    if (next.has(name)) continue;
    const rest = pathBack(sourceCode, body, name, to, next, budget);
    if (rest) return { via: [method, ...rest.via], throughListener: how === 'listener' || rest.throughListener };
  }
  return undefined;
}

type CallKind = 'direct' | 'listener';

const calledByMethod = new WeakMap<FunctionNode, ReadonlyMap<string, CallKind>>();

/**
 * The methods a method calls on `this`, directly or from a listener it registers, read once per method: in a class
 * whose methods call each other (a store, a model), every `this.x()` call asks for the cycle it may start, and each
 * walk would read the same bodies.
 */
function thisMethodsCalled(sourceCode: Readonly<TSESLint.SourceCode>, method: FunctionNode): ReadonlyMap<string, CallKind> {
  const known = calledByMethod.get(method);
  if (known) return known;
  const called = new Map<string, CallKind>();
  const visit = (kind: CallKind) => (node: TSESTree.Node): void => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return;
    const name = thisMethodName(node.callee);
    if (name !== undefined && called.get(name) !== 'direct') called.set(name, kind);
    const listener = registeredListener(node);
    if (listener) walkSameFunction(listener.body, sourceCode.visitorKeys, visit('listener'));
  };
  walkSameFunction(method.body, sourceCode.visitorKeys, visit('direct'));
  calledByMethod.set(method, called);
  return called;
}

/**
 * The function `emitter.on('event', fn)` (or `once`, `addListener`, `addEventListener`) registers, written in place; or
 * the one Baileys' event buffer hands every batch of a socket's events (`sock.ev.process(async (events) => ...)`).
 */
export function registeredListener(call: TSESTree.CallExpression): FunctionNode | undefined {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = staticPropertyName(callee);
  const batches = method === 'process' && callee.object.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(callee.object) === 'ev';
  const listener = batches ? call.arguments[0] : method !== undefined && LISTENER_METHODS.has(method) ? call.arguments[1] : undefined;
  return listener && isFunction(listener) ? listener : undefined;
}

const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'addEventListener']);

/** `this.name` → 'name', `this.#name` → '#name'. */
function thisMethodName(callee: TSESTree.Node): string | undefined {
  return callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.ThisExpression && !callee.computed
    ? staticPropertyName(callee) : undefined;
}

/** The nearest enclosing function that is a method (or an arrow-function field) of a class. */
function enclosingMethod(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunction(current) && classBodyOf(current)) return current;
  }
  return undefined;
}

function classBodyOf(fn: FunctionNode): TSESTree.ClassBody | undefined {
  const owner = fn.parent;
  if (owner?.type !== AST_NODE_TYPES.MethodDefinition && owner?.type !== AST_NODE_TYPES.PropertyDefinition) return undefined;
  return owner.parent.type === AST_NODE_TYPES.ClassBody ? owner.parent : undefined;
}

function methodOf(body: TSESTree.ClassBody, name: string): FunctionNode | undefined {
  for (const element of body.body) {
    if ((element.type !== AST_NODE_TYPES.MethodDefinition && element.type !== AST_NODE_TYPES.PropertyDefinition) || element.static || element.computed) continue;
    if (memberKeyName(element) !== name) continue;
    const value = element.value;
    if (value && isFunction(value)) return value;
  }
  return undefined;
}

/**
 * `catch (err) { await this.wakeParent(run, err) }` where `wakeParent(child, ...)` loads the run `child` links to
 * (`const parent = await this.runs.findOneBy({ id: child.parentId })`) and runs that: each turn of the cycle goes one
 * step along a link, to another item, and the failed one is not tried again (a workflow engine handing a failed
 * child's error to its parent run, met on hexabot). Only for one method on the way, whose every call back hands, as an
 * argument or an option (`this.runWorkflow({ mode: 'resume', run: parentRun })`), a value it looked up through what
 * it was given.
 */
export function walksToLinkedItem(sourceCode: Readonly<TSESLint.SourceCode>, cycle: MethodCycle, call: TSESTree.CallExpression): boolean {
  const [via] = cycle.via;
  const self = functionName(cycle.fn)?.name;
  if (cycle.via.length !== 1 || !via || self === undefined) return false;
  // the items the first call hands on, as the parameters of the method on the way
  const received = call.arguments.flatMap((argument, index) => {
    const param = via.params[index];
    return argument.type === AST_NODE_TYPES.Identifier && param?.type === AST_NODE_TYPES.Identifier ? [param.name] : [];
  });
  if (received.length === 0) return false;
  const callsBack: TSESTree.CallExpression[] = [];
  walkSameFunction(via.body, sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression && thisMethodName(node.callee) === self) callsBack.push(node);
  });
  return callsBack.length > 0 && callsBack.every((back) => back.arguments.some((argument) => {
    const values = argument.type === AST_NODE_TYPES.ObjectExpression
      ? argument.properties.flatMap((property) => (property.type === AST_NODE_TYPES.Property ? [property.value] : []))
      : [argument];
    return values.some((value) => value.type === AST_NODE_TYPES.Identifier && lookedUpThrough(sourceCode, value, received, 0));
  }));
}

/** Fields naming the item itself: loading by one of them loads the same item again. */
const OWN_IDENTITY = new Set(['id', '_id', 'uuid', 'key', 'name', 'slug']);

/**
 * `const parent = await this.runs.findOneBy({ id: child.parentId })`: a value a call returned for a field of one of
 * `items` other than its own id (or for a value looked up so: `const parentId = resolveId(child.parent)`, then a load
 * by `parentId`).
 */
function lookedUpThrough(sourceCode: Readonly<TSESLint.SourceCode>, name: TSESTree.Identifier, items: readonly string[], depth: number): boolean {
  const definition = sourceCode.getScope(name).references.find((reference) => reference.identifier === name)?.resolved?.defs[0];
  if (depth > 1 || definition?.type !== 'Variable' || definition.node.id.type !== AST_NODE_TYPES.Identifier || definition.parent?.kind !== 'const' || !definition.node.init) return false;
  let init: TSESTree.Node = definition.node.init;
  if (init.type === AST_NODE_TYPES.AwaitExpression) init = init.argument;
  if (init.type !== AST_NODE_TYPES.CallExpression) return false;
  let linked = false;
  walkSameFunction(init, sourceCode.visitorKeys, (node) => {
    if (linked) return;
    if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.Identifier && items.includes(node.object.name) && !node.computed) {
      linked = !OWN_IDENTITY.has(staticPropertyName(node) ?? '');
    } else if (node.type === AST_NODE_TYPES.Identifier && node.parent?.type !== AST_NODE_TYPES.MemberExpression) linked = lookedUpThrough(sourceCode, node, items, depth + 1);
  });
  return linked;
}
