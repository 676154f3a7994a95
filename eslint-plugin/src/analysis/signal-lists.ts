import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { conditionMayFailByDefault, isNothing, signalMayBeUndefined, testedValue } from './optional-signals.js';
import { walk } from './loops.js';
import { memberKeyName, staticPropertyName } from './member-syntax.js';
import { unwrapExpression } from './syntax.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;

/**
 * A signal combined from a list of signals (`AbortSignal.any(signals)`, or a helper of the project named for it:
 * `const { signal, cleanup } = anySignal(signals)`), where no signal of the list is a timeout on every path: the list
 * holds a client-wide stop switch (a class's controller that only its `stop()`/`abort()` methods abort), the caller's
 * optional signal, and a timeout pushed only `if (timeout !== undefined)`, with the timeout an option nobody defaults
 * (matrix-js-sdk's `requestOtherUrl`, the thirty-sixth round). Any signal of the list that cannot be read counts as a
 * timeout: what cannot be seen is not reported.
 */
export function combinedWithoutTimer(sourceCode: SourceCode, signal: TSESTree.Node): boolean {
  const list = combinedList(sourceCode, signal);
  const entries = list && listEntries(sourceCode, list);
  if (!entries || entries.length === 0) return false;
  return entries.every(({ value, guard }) => {
    if (isTimeoutSignal(sourceCode, value)) return guard !== undefined && conditionMayFailByDefault(sourceCode, guard);
    return isStopSwitch(sourceCode, value) || signalMayBeUndefined(sourceCode, value) || (guard !== undefined && guardsItself(guard, value));
  });
}

/**
 * The list of `AbortSignal.any(list)` written in place, or of `list.length ? AbortSignal.any(list) : undefined`: a
 * timeout joins that list (`AbortSignal.any([...list, AbortSignal.timeout(ms)])`), where joining the whole expression
 * would hand `AbortSignal.any` an undefined when the list is empty.
 */
export function abortSignalAnyList(signal: TSESTree.Node): TSESTree.Node | undefined {
  const target = unwrapExpression(signal);
  if (target.type === AST_NODE_TYPES.ConditionalExpression && isNothing(target.alternate)) {
    const list = abortSignalAnyList(target.consequent);
    return list && testsLength(target.test, list) ? list : undefined;
  }
  if (target.type !== AST_NODE_TYPES.CallExpression || target.arguments.length !== 1) return undefined;
  const callee = unwrapExpression(target.callee);
  const abortSignalAny = callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier
    && callee.object.name === 'AbortSignal' && staticPropertyName(callee) === 'any';
  const list = target.arguments[0]!;
  return abortSignalAny && list.type !== AST_NODE_TYPES.SpreadElement ? list : undefined;
}

/**
 * The optional timeout whose signal joins the combined list only when it is set (`timeoutMs` of `if (timeoutMs !=
 * null) signals.push(...)`), where the list is no bound without it: given a default, it bounds every call, and a
 * timeout the caller sets still wins (where adding a deadline to the list would cut a longer one short).
 */
export function listedTimeoutWithoutDefault(sourceCode: SourceCode, signal: TSESTree.Node): TSESTree.Expression | undefined {
  if (!combinedWithoutTimer(sourceCode, signal)) return undefined;
  const list = combinedList(sourceCode, signal);
  const timed = list && listEntries(sourceCode, list)?.filter(({ value, guard }) => guard !== undefined && isTimeoutSignal(sourceCode, value));
  const tested = timed?.length === 1 ? testedValue(timed[0]!.guard!) : undefined;
  return tested?.type === AST_NODE_TYPES.Identifier || tested?.type === AST_NODE_TYPES.MemberExpression ? tested : undefined;
}

const COMBINING_HELPER = /^(?:any|combine|merge|link|join)\w*Signals?$/i;

/** The list the signal is combined from: `AbortSignal.any(list)`, `anySignal(list)`, its `.signal`, or `{ signal }` taken from it. */
function combinedList(sourceCode: SourceCode, signal: TSESTree.Node): TSESTree.Node | undefined {
  let target = unwrapExpression(signal);
  // `signals.length ? AbortSignal.any(signals) : undefined`: nothing when the list is empty, the list's signals otherwise
  if (target.type === AST_NODE_TYPES.ConditionalExpression && isNothing(target.alternate)) {
    const list = combinedList(sourceCode, target.consequent);
    return list && testsLength(target.test, list) ? list : undefined;
  }
  let property = false;
  if (target.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(target) === 'signal') {
    target = unwrapExpression(target.object);
    property = true;
  }
  if (target.type === AST_NODE_TYPES.Identifier) {
    const variable = resolve(sourceCode, target);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.type !== 'Variable' || !def.node.init || variable!.references.some((reference) => reference.isWrite() && !reference.init)) return undefined;
    // `const { signal, cleanup } = anySignal(signals)`
    const taken = def.node.id.type === AST_NODE_TYPES.ObjectPattern && def.name.parent?.type === AST_NODE_TYPES.Property
      && def.name.parent.value === def.name && memberKeyName(def.name.parent) === 'signal';
    if (def.node.id !== def.name && !taken) return undefined;
    target = unwrapExpression(def.node.init);
    property ||= taken;
  }
  if (target.type !== AST_NODE_TYPES.CallExpression || target.arguments.length !== 1) return undefined;
  const callee = unwrapExpression(target.callee);
  const abortSignalAny = callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier
    && callee.object.name === 'AbortSignal' && staticPropertyName(callee) === 'any';
  const helper = callee.type === AST_NODE_TYPES.Identifier && COMBINING_HELPER.test(callee.name);
  // `AbortSignal.any` gives the signal itself; a helper the signal itself or an object holding it (`.signal`)
  if (!(abortSignalAny && !property) && !helper) return undefined;
  return target.arguments[0];
}

/** `signals.length`, `signals.length > 0`, `signals.length !== 0` of the same list. */
function testsLength(test: TSESTree.Expression, list: TSESTree.Node): boolean {
  let tested = unwrapExpression(test);
  if (tested.type === AST_NODE_TYPES.BinaryExpression && ['>', '!==', '!=', '>='].includes(tested.operator) && tested.right.type === AST_NODE_TYPES.Literal) {
    tested = unwrapExpression(tested.left as TSESTree.Expression);
  }
  const listed = unwrapExpression(list);
  return tested.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(tested) === 'length'
    && listed.type === AST_NODE_TYPES.Identifier && unwrapExpression(tested.object).type === AST_NODE_TYPES.Identifier
    && (unwrapExpression(tested.object) as TSESTree.Identifier).name === listed.name;
}

interface ListEntry {
  readonly value: TSESTree.Node;
  /** The condition of the `if` the entry is pushed under, if any. */
  readonly guard?: TSESTree.Expression;
}

/** The signals of an array literal, or of a local array given more by `push` (each under at most one `if`); undefined when the array is used otherwise. */
function listEntries(sourceCode: SourceCode, list: TSESTree.Node): ListEntry[] | undefined {
  const target = unwrapExpression(list);
  if (target.type === AST_NODE_TYPES.ArrayExpression) return literalEntries(target);
  if (target.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = resolve(sourceCode, target);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  const init = def?.type === 'Variable' && def.node.id === def.name && def.node.init ? unwrapExpression(def.node.init) : undefined;
  if (init?.type !== AST_NODE_TYPES.ArrayExpression) return undefined;
  const entries = literalEntries(init);
  if (!entries) return undefined;
  for (const reference of variable!.references) {
    if (reference.init || reference.identifier === target) continue;
    const member = reference.identifier.parent;
    // its length read (`signals.length ? AbortSignal.any(signals) : undefined`) changes nothing
    if (member?.type === AST_NODE_TYPES.MemberExpression && member.object === reference.identifier && staticPropertyName(member) === 'length'
      && member.parent?.type !== AST_NODE_TYPES.AssignmentExpression) continue;
    const call = member?.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier || staticPropertyName(member) !== 'push'
      || call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member || call.parent?.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
    const guard = pushGuard(call.parent);
    if (guard === null) return undefined;
    for (const argument of call.arguments) {
      if (argument.type === AST_NODE_TYPES.SpreadElement) return undefined;
      entries.push({ value: argument, ...(guard ? { guard } : {}) });
    }
  }
  return entries;
}

function literalEntries(array: TSESTree.ArrayExpression): ListEntry[] | undefined {
  const entries: ListEntry[] = [];
  for (const element of array.elements) {
    if (!element || element.type === AST_NODE_TYPES.SpreadElement) return undefined;
    entries.push({ value: element });
  }
  return entries;
}

/** The `if` a push statement runs under (undefined: none; null: anything else decides whether it runs, such as a loop). */
function pushGuard(statement: TSESTree.ExpressionStatement): TSESTree.Expression | undefined | null {
  let node: TSESTree.Node = statement;
  // `if (timeoutMs != null) { const { signal } = timerSignal(timeoutMs); handle = ...; signals.push(signal); }`
  if (node.parent?.type === AST_NODE_TYPES.BlockStatement && node.parent.parent?.type === AST_NODE_TYPES.IfStatement) node = node.parent;
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.IfStatement && parent.consequent === node && !parent.alternate) return parent.test;
  return parent?.type === AST_NODE_TYPES.BlockStatement ? undefined : null;
}

/**
 * `AbortSignal.timeout(ms)`, or a helper named for a timeout's signal (`timeoutSignal(ms)`), written in place or
 * held by a `const` (`const { signal } = getTimeoutSignal(ms)`).
 */
function isTimeoutSignal(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  let target = unwrapExpression(node);
  if (target.type === AST_NODE_TYPES.Identifier) {
    const def = resolve(sourceCode, target)?.defs[0];
    if (def?.type !== 'Variable' || def.parent?.type !== AST_NODE_TYPES.VariableDeclaration || def.parent.kind !== 'const' || !def.node.init) return false;
    target = unwrapExpression(def.node.init);
  }
  if (target.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrapExpression(target.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) return callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'AbortSignal' && staticPropertyName(callee) === 'timeout';
  return callee.type === AST_NODE_TYPES.Identifier && /timeout/i.test(callee.name);
}

/** `if (opts.abortSignal) signals.push(opts.abortSignal)`: a signal pushed only when it is there. */
function guardsItself(guard: TSESTree.Expression, value: TSESTree.Node): boolean {
  let tested = unwrapExpression(guard);
  // `if (abortSignal != null)`, `if (abortSignal !== undefined)`
  if (tested.type === AST_NODE_TYPES.BinaryExpression && (tested.operator === '!=' || tested.operator === '!==') && isNothing(tested.right)) {
    tested = unwrapExpression(tested.left as TSESTree.Expression);
  }
  const pushed = unwrapExpression(value);
  return tested.type === pushed.type && tested.range[1] - tested.range[0] === pushed.range[1] - pushed.range[0] && sameMember(tested, pushed);
}

function sameMember(a: TSESTree.Node, b: TSESTree.Node): boolean {
  if (a.type === AST_NODE_TYPES.Identifier && b.type === AST_NODE_TYPES.Identifier) return a.name === b.name;
  if (a.type === AST_NODE_TYPES.MemberExpression && b.type === AST_NODE_TYPES.MemberExpression) {
    return staticPropertyName(a) !== undefined && staticPropertyName(a) === staticPropertyName(b) && sameMember(unwrapExpression(a.object), unwrapExpression(b.object));
  }
  return a.type === AST_NODE_TYPES.ThisExpression && b.type === AST_NODE_TYPES.ThisExpression;
}

/** Methods that stop a whole client: aborting its controller there is the user's shutdown, not a deadline. */
const STOP_METHOD = /^(?:stop|abort|close|destroy|dispose|shutdown|cancel)\w*$/i;

/**
 * `this.abortController.signal`, the controller a class field holds (`= new AbortController()`), which the class
 * aborts only in methods that stop the client (and may then replace): it ends requests when the client is stopped,
 * never because one takes too long.
 */
function isStopSwitch(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const target = unwrapExpression(node);
  if (target.type !== AST_NODE_TYPES.MemberExpression || staticPropertyName(target) !== 'signal') return false;
  const holder = unwrapExpression(target.object);
  const field = holder.type === AST_NODE_TYPES.MemberExpression && holder.object.type === AST_NODE_TYPES.ThisExpression ? staticPropertyName(holder) : undefined;
  if (field === undefined) return false;
  let classBody: TSESTree.Node | undefined = target.parent;
  while (classBody && classBody.type !== AST_NODE_TYPES.ClassBody) classBody = classBody.parent;
  if (classBody?.type !== AST_NODE_TYPES.ClassBody) return false;
  const declared = classBody.body.find((element): element is TSESTree.PropertyDefinition => element.type === AST_NODE_TYPES.PropertyDefinition && memberKeyName(element) === field);
  if (!declared || !isNewAbortController(declared.value)) return false;
  let aborts = 0;
  for (const element of classBody.body) {
    const scanned = element.type === AST_NODE_TYPES.MethodDefinition ? element.value.body
      : element.type === AST_NODE_TYPES.PropertyDefinition && element !== declared ? element.value : undefined;
    if (!scanned) continue;
    const name = memberKeyName(element as TSESTree.MethodDefinition | TSESTree.PropertyDefinition);
    for (const use of fieldUses(sourceCode, scanned, field)) {
      const member = use.parent;
      const used = member?.type === AST_NODE_TYPES.MemberExpression && member.object === use ? staticPropertyName(member) : undefined;
      if (used === 'signal') continue;
      if (used === 'abort' && member!.parent?.type === AST_NODE_TYPES.CallExpression && name !== undefined && STOP_METHOD.test(name)) {
        aborts++;
        continue;
      }
      // replaced by a fresh one after a stop
      if (use.parent?.type === AST_NODE_TYPES.AssignmentExpression && use.parent.left === use && isNewAbortController(use.parent.right)
        && name !== undefined && STOP_METHOD.test(name)) continue;
      return false;
    }
  }
  return aborts > 0;
}

/** Every `this.<field>` in a member's code (functions nested in it included: a timer's callback there counts against it). */
function fieldUses(sourceCode: SourceCode, code: TSESTree.Node, field: string): TSESTree.MemberExpression[] {
  const uses: TSESTree.MemberExpression[] = [];
  walk(code, sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression && staticPropertyName(node) === field) uses.push(node);
    return true;
  });
  return uses;
}

function isNewAbortController(node: TSESTree.Node | null | undefined): boolean {
  const target = node && unwrapExpression(node);
  return target?.type === AST_NODE_TYPES.NewExpression && target.callee.type === AST_NODE_TYPES.Identifier && target.callee.name === 'AbortController';
}

function resolve(sourceCode: SourceCode, identifier: TSESTree.Identifier): Variable | undefined {
  return sourceCode.getScope(identifier).references.find((reference) => reference.identifier === identifier)?.resolved ?? undefined;
}
