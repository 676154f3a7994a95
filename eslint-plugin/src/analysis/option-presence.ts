import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { libraryOf } from '../libraries/index.js';
import { importedOptionKeys, type ExternalCall } from './external-calls.js';
import { callerParameters, contains, getFileNodes, type FunctionNode } from './loops.js';
import { memberKeyName, parameterProperty, staticPropertyName } from './member-syntax.js';
import { declaredOptionNames } from './declared-option-names.js';
import { declaredReturnKeys } from './declared-returns.js';
import { HelperArguments, helperReturns } from './helper-returns.js';
import { bindingOf } from './option-sources.js';
import { requiredByDeclaredType } from './optional-signals.js';
import { enclosingFunction } from './protection.js';
import { isObjectMerge, propertyKey, unwrapExpression } from './syntax.js';

/**
 * What an options expression visibly sets, option by option, inside the function that makes the call: through
 * local objects and the members written on them (on the paths that run), spreads, conditions, the class's fields
 * as its constructor sets them, and the options of the function's caller, taken as left out ('absent': a wrapper
 * whose callers may pass nothing) or as unknown; so too, in a method, the options its class was created with.
 * Where each name it reads comes from is option-sources.ts's.
 */

type SourceCode = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;

/** Options that hold a transport (an agent, a dispatcher): they bound a call only if created with a timeout. */
const TRANSPORT_OPTIONS = new Set(['agent', 'dispatcher', 'httpAgent', 'httpsAgent']);

/**
 * Every option of `call` that could bound it is visibly unset, though its options are not one object literal:
 * spread from a local object or a class field (`{ method, ...this.tlsOptions }`), chosen by a condition, or
 * written member by member. Transports count only when created with a timeout. Anything unread counts as set.
 */
export function visiblyUnbounded(source: SourceCode, call: ExternalCall, filename?: string): boolean {
  const fn = enclosingFunction(call.node);
  const rule = libraryOf(call.client)?.timeout;
  if (!fn || !rule || !call.optionsExpression) return false;
  const names = call.wrapperOptions?.names ?? call.setting?.timeoutOptions
    ?? [...rule.callOptions, ...(rule.callOptionsRead ?? []), ...(rule.dispatcher ? [rule.dispatcher.option] : [])];
  const keys = call.signalOption ? [...new Set([...names, call.signalOption])] : names;
  const presence = new OptionPresence(source, fn, 'unknown', 'unknown', filename);
  return keys.every((key) => presence.optionOf(call.optionsExpression, key) === 'nothing');
}

/**
 * Whether a value is visibly unset ('nothing': undefined, null, false, 0) or set ('something') when the caller
 * passes none of the wrapper's options, else 'unknown'. Every option of the caller it reads is remembered.
 */
export type Presence = 'nothing' | 'something' | 'unknown';

const MAX_DEPTH = 12;

export class OptionPresence {
  readonly reads = new Map<string, { index: number; name: string; node: TSESTree.Node }>();
  /** The options of the class's creation read on the way (`this.signal` set from `options.signal` in its constructor). */
  readonly creationReads = new Map<string, { index: number; name: string; node: TSESTree.Node }>();
  private depth = 0;
  private readonly evaluating = new Set<TSESTree.Node | Variable | string>();
  /** Option by option, what a local variable's values read so far set, while its later values are read. */
  private readonly partialMembers = new Map<Variable, Map<string, Presence>>();
  /** Set while a transport option is read: a transport created without a timeout bounds nothing. */
  private transport = false;
  /** While a helper's returns are read, the arguments its parameters were given. */
  private readonly helperArguments: HelperArguments;

  constructor(
    private readonly source: SourceCode,
    private readonly fn: FunctionNode,
    private readonly callerOptions: 'absent' | 'unknown',
    private readonly creationOptions: 'absent' | 'unknown' = 'unknown',
    /** The file linted: a helper imported from another module of the project is read there (declared-returns.ts). */
    private readonly filename?: string,
  ) {
    this.helperArguments = new HelperArguments(source);
  }

  /** The value of option `key` of the options expression the call is given. */
  optionOf(options: TSESTree.Node | undefined, key: string): Presence {
    if (!options) return 'nothing';
    this.transport = TRANSPORT_OPTIONS.has(key);
    try {
      return this.member(options, key);
    } finally {
      this.transport = false;
    }
  }

  /** The option the wrapper hands to `setTimeout(..., ms)` or `AbortSignal.timeout(ms)`, among those read. */
  millisecondsOption(): string | undefined {
    for (const node of getFileNodes(this.source).calls) {
      if (!contains(this.fn, node)) continue;
      const callee = unwrapExpression(node.callee);
      const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name
        : callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : undefined;
      const argument = name === 'setTimeout' ? node.arguments[1] : name === 'timeout' ? node.arguments[0] : undefined;
      const read = argument && this.optionRead(argument);
      if (read) return read;
    }
    return undefined;
  }

  private optionRead(node: TSESTree.Node): string | undefined {
    const target = unwrapExpression(node);
    const name = target.type === AST_NODE_TYPES.MemberExpression ? staticPropertyName(target)
      : target.type === AST_NODE_TYPES.Identifier ? bindingOf(this.source, this.fn, target) : undefined;
    const key = typeof name === 'string' ? name : name?.kind === 'option' ? name.name : undefined;
    return key !== undefined && [...this.reads.values()].some((read) => read.name === key) ? key : undefined;
  }

  private guarded<T extends Presence>(node: TSESTree.Node | Variable | string, compute: () => T): Presence {
    if (this.evaluating.has(node) || this.depth > MAX_DEPTH) return 'unknown';
    this.evaluating.add(node);
    this.depth++;
    try {
      return compute();
    } finally {
      this.depth--;
      this.evaluating.delete(node);
    }
  }

  /** An option of the caller's: left out, or not known. */
  private record(index: number, name: string, node: TSESTree.Node, creation = false): Presence {
    // an option the parameter's declared type does not name is never given (`options: FetchOptions` has no signal)
    const param = creation ? undefined : callerParameters(this.fn)[index];
    const declared = param && declaredOptionNames(this.source, param);
    if (declared && !declared.has(name)) return 'nothing';
    // one its type requires is always given
    if (param && requiredByDeclaredType(this.source, param, name)) return 'unknown';
    (creation ? this.creationReads : this.reads).set(`${index}:${name}`, { index, name, node });
    return (creation ? this.creationOptions : this.callerOptions) === 'absent' ? 'nothing' : 'unknown';
  }

  value(node: TSESTree.Node): Presence {
    return this.guarded(node, () => this.compute(unwrapExpression(node)));
  }

  private compute(node: TSESTree.Node): Presence {
    switch (node.type) {
      case AST_NODE_TYPES.Literal:
        return node.value === null || node.value === false || node.value === 0 || node.value === '' ? 'nothing' : 'something';
      case AST_NODE_TYPES.Identifier:
        return this.identifier(node);
      case AST_NODE_TYPES.ChainExpression:
        return this.value(node.expression);
      case AST_NODE_TYPES.MemberExpression: {
        const key = staticPropertyName(node);
        return key === undefined ? 'unknown' : this.member(node.object, key);
      }
      case AST_NODE_TYPES.LogicalExpression: {
        const left = this.value(node.left);
        if (node.operator === '&&') {
          if (left === 'nothing') return 'nothing';
          const right = this.value(node.right);
          return right === 'nothing' ? 'nothing' : left === 'something' ? right : 'unknown';
        }
        if (left === 'nothing') return this.value(node.right);
        if (left === 'something') return 'something';
        return this.value(node.right) === 'something' ? 'something' : 'unknown';
      }
      case AST_NODE_TYPES.ConditionalExpression: {
        const test = this.value(node.test);
        if (test === 'nothing') return this.value(node.alternate);
        if (test === 'something') return this.value(node.consequent);
        return join(this.value(node.consequent), this.value(node.alternate));
      }
      case AST_NODE_TYPES.UnaryExpression: {
        if (node.operator === 'void') return 'nothing';
        if (node.operator !== '!') return 'unknown';
        const operand = this.value(node.argument);
        return operand === 'nothing' ? 'something' : operand === 'something' ? 'nothing' : 'unknown';
      }
      case AST_NODE_TYPES.BinaryExpression:
        return this.comparison(node);
      case AST_NODE_TYPES.AwaitExpression:
        return this.value(node.argument) === 'nothing' ? 'nothing' : 'unknown';
      case AST_NODE_TYPES.AssignmentExpression:
        return node.operator === '=' ? this.value(node.right) : 'unknown';
      case AST_NODE_TYPES.NewExpression:
        return this.transport && !createdWithTimeout(node) ? 'nothing' : 'something';
      case AST_NODE_TYPES.ObjectExpression:
      case AST_NODE_TYPES.ArrayExpression:
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
        return 'something';
      case AST_NODE_TYPES.CallExpression: {
        // `AbortSignal.timeout(ms)`, `AbortSignal.any([...])` always give a signal
        const callee = unwrapExpression(node.callee);
        return callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'AbortSignal'
          ? 'something' : 'unknown';
      }
      default:
        return 'unknown';
    }
  }

  /** `timeout > 0`, `timeout !== undefined`, `typeof timeout === 'number'` with nothing given is false. */
  private comparison(node: TSESTree.BinaryExpression): Presence {
    const { operator } = node;
    if (operator === '>' || operator === '>=' || operator === '<' || operator === '<=') {
      const [value, bound] = operator === '>' || operator === '>=' ? [node.left, node.right] : [node.right, node.left];
      const limit = unwrapExpression(bound);
      const positive = limit.type === AST_NODE_TYPES.Literal && typeof limit.value === 'number' && (limit.value > 0 || (limit.value === 0 && !operator.includes('=')));
      return positive && this.value(value) === 'nothing' ? 'nothing' : 'unknown';
    }
    if (operator === '!==' || operator === '!=' || operator === '===' || operator === '==') {
      const [left, right] = [unwrapExpression(node.left), unwrapExpression(node.right)];
      const typeofTest = left.type === AST_NODE_TYPES.UnaryExpression && left.operator === 'typeof' && right.type === AST_NODE_TYPES.Literal
        && typeof right.value === 'string' && right.value !== 'undefined';
      const absentTest = isNothingLiteral(right) || isNothingLiteral(left);
      if (!typeofTest && !absentTest) return 'unknown';
      const tested = typeofTest ? (left as TSESTree.UnaryExpression).argument : isNothingLiteral(right) ? left : right;
      if (this.value(tested) !== 'nothing') return 'unknown';
      const negated = operator.startsWith('!');
      return typeofTest ? (negated ? 'something' : 'nothing') : negated ? 'nothing' : 'something';
    }
    return 'unknown';
  }

  private identifier(node: TSESTree.Identifier): Presence {
    const given = this.helperArguments.argumentOf(node);
    if (given !== undefined) return given === null ? 'nothing' : this.value(given);
    const binding = bindingOf(this.source, this.fn, node);
    switch (binding.kind) {
      case 'option':
        return binding.fallback ? this.value(binding.fallback) : this.record(binding.index, binding.name, node, binding.creation);
      case 'local':
        return this.guarded(binding.variable, () => this.localValue(binding.variable, binding.init));
      case 'unknown':
        return node.name === 'undefined' && !shadowed(this.source, node) ? 'nothing' : 'unknown';
      default:
        return 'unknown';
    }
  }

  /** Every value a variable of the wrapper is given on a path the caller's options leave open. */
  private localValue(variable: Variable, init: TSESTree.Expression | null): Presence {
    let result: Presence = init ? this.value(init) : 'nothing';
    for (const reference of variable.references) {
      if (!reference.isWrite() || reference.init) continue;
      const assignment = reference.identifier.parent;
      if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=' || assignment.left !== reference.identifier) return 'unknown';
      if (!this.reachable(assignment)) continue;
      result = join(result, this.value(assignment.right));
      if (result === 'unknown') return result;
    }
    return result;
  }

  /** The member `key` of the object `node` holds. */
  member(node: TSESTree.Node, key: string): Presence {
    const target = unwrapExpression(node);
    switch (target.type) {
      case AST_NODE_TYPES.ObjectExpression:
        return this.propertyOf(target, key);
      case AST_NODE_TYPES.Identifier: {
        const given = this.helperArguments.argumentOf(target);
        if (given !== undefined) return given === null ? 'nothing' : this.member(given, key);
        const binding = bindingOf(this.source, this.fn, target);
        if (binding.kind === 'options') return this.record(binding.index, key, target, binding.creation);
        if (binding.kind === 'rest') return binding.excluded.has(key) ? 'nothing' : this.record(binding.index, key, target, binding.creation);
        if (binding.kind === 'local') {
          // the variable's own value spread into a new value of it (`init = { ...init, method: 'GET' }`): what it
          // held before, which the other values it may hold already decide
          const partial = this.evaluating.has(binding.variable) ? this.partialMembers.get(binding.variable)?.get(key) : undefined;
          if (partial !== undefined) return partial;
          return this.guarded(binding.variable, () => this.localMember(binding.variable, binding.init, key));
        }
        if (binding.kind === 'returned') {
          const helper = helperReturns(this.source, binding.call);
          if (helper) {
            return this.guarded(target, () => this.helperArguments.during(helper, binding.call,
              () => helper.values.map((value) => this.returnedMember(value, binding.property, key)).reduce(join)));
          }
        }
        if (binding.kind === 'unknown') {
          // the rest of a helper's parameter (`const { proxy, ...rest } = options`): what it leaves of that object
          const rest = this.helperArguments.restOf(target, this.fn);
          if (rest) return rest.excluded.has(key) ? 'nothing' : this.member(rest.from, key);
        }
        break;
      }
      // `const headers = await getHeaders(account)`: what the helper resolves to
      case AST_NODE_TYPES.AwaitExpression:
        return this.member(target.argument, key);
      case AST_NODE_TYPES.ConditionalExpression: {
        const test = this.value(target.test);
        if (test === 'nothing') return this.member(target.alternate, key);
        if (test === 'something') return this.member(target.consequent, key);
        return join(this.member(target.consequent, key), this.member(target.alternate, key));
      }
      case AST_NODE_TYPES.MemberExpression: {
        const field = target.object.type === AST_NODE_TYPES.ThisExpression ? staticPropertyName(target) : undefined;
        if (field !== undefined) return this.guarded(`this.${field}.${key}`, () => this.fieldMember(field, key));
        if (answerData(this.source, target.object, 0)) return 'nothing';
        break;
      }
      case AST_NODE_TYPES.ThisExpression:
        return this.guarded(`this.${key}`, () => this.fieldValue(key));
      case AST_NODE_TYPES.CallExpression: {
        // `Object.assign({ method: 'POST', headers }, extra)`: set if any of its objects sets it
        if (isObjectMerge(target) && target.arguments.length > 0) {
          const parts = target.arguments.map((argument) => argument.type === AST_NODE_TYPES.SpreadElement ? 'unknown' : this.member(argument, key));
          return parts.includes('something') ? 'something' : parts.includes('unknown') ? 'unknown' : 'nothing';
        }
        if (answerData(this.source, target, 0)) return 'nothing';
        const helper = helperReturns(this.source, target);
        if (helper) {
          return this.guarded(target, () => this.helperArguments.during(helper, target, () => helper.values.map((value) => this.member(value, key)).reduce(join)));
        }
        // `...getOutboundConfig()` declared to return `Pick<AxiosRequestConfig, 'httpAgent' | 'maxRedirects'>`: no timeout
        const declared = declaredReturnKeys(this.source, target, this.filename);
        if (declared && !declared.has(key)) return 'nothing';
        // `getGithubHeaders(token)` imported from a module of the project, every return of it a literal without `key`
        const written = importedOptionKeys(this.source, target.callee);
        if (written && !written.includes(key)) return 'nothing';
        break;
      }
      default:
        break;
    }
    return this.value(target) === 'nothing' ? 'nothing' : 'unknown';
  }

  /**
   * Option `key` of the class field `this.name`: its initialiser, what the constructor assigns it and writes on it.
   * A write anywhere else in the class may set anything.
   */
  private fieldMember(name: string, key: string): Presence {
    const classBody = enclosingClassBody(this.fn);
    if (!classBody) return 'unknown';
    let result: Presence | undefined;
    const add = (value: Presence): void => {
      result = result === undefined ? value : join(result, value);
    };
    for (const element of classBody.body) {
      if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.static && memberKeyName(element) === name && element.value) add(this.member(element.value, key));
    }
    // `constructor(private readonly request: AxiosRequestConfig = {})`: the creation's options, as when assigned
    const property = parameterProperty(classBody, name);
    if (property) add(this.member(property, key));
    for (const assignment of getFileNodes(this.source).assignments) {
      if (!contains(classBody, assignment) || assignment.left.type !== AST_NODE_TYPES.MemberExpression) continue;
      const left = assignment.left;
      const whole = isThisField(left, name);
      const part = !whole && left.object.type === AST_NODE_TYPES.MemberExpression && isThisField(left.object, name);
      if (!whole && !part) continue;
      if (!inConstructor(assignment, classBody) || assignment.operator !== '=') return 'unknown';
      if (whole) add(this.member(assignment.right, key));
      else {
        const written = staticPropertyName(left);
        if (written === undefined) return 'unknown';
        if (written === key) add(this.value(assignment.right));
      }
      if (result === 'unknown') return result;
    }
    return result ?? 'unknown';
  }

  /**
   * Option `key` of the property `property` of a returned value: of an object literal (or each branch of a
   * condition), unknown when a spread may give it; of anything else, unknown.
   */
  private returnedMember(value: TSESTree.Node, property: string, key: string): Presence {
    const object = unwrapExpression(value);
    if (object.type === AST_NODE_TYPES.ConditionalExpression) {
      return join(this.returnedMember(object.consequent, property, key), this.returnedMember(object.alternate, property, key));
    }
    if (object.type !== AST_NODE_TYPES.ObjectExpression) return 'unknown';
    for (let index = object.properties.length - 1; index >= 0; index--) {
      const element = object.properties[index]!;
      if (element.type === AST_NODE_TYPES.SpreadElement) return 'unknown';
      if (propertyKey(element) === property) return this.member(element.value, key);
    }
    return 'nothing';
  }

  /**
   * The class field `this.name` itself: its initialiser, or what the constructor assigns it; declared with neither,
   * it is unset. A write anywhere else in the class, or a parameter property, may set anything.
   */
  private fieldValue(name: string): Presence {
    const classBody = enclosingClassBody(this.fn);
    if (!classBody) return 'unknown';
    let result: Presence | undefined;
    let declared = false;
    const add = (value: Presence): void => {
      result = result === undefined ? value : join(result, value);
    };
    for (const element of classBody.body) {
      if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.static && memberKeyName(element) === name) {
        if (element.value) add(this.value(element.value));
        else declared = !element.declare && !element.definite;
      }
    }
    // `constructor(private readonly signal?: AbortSignal)`: a positional argument of the creation, not read here
    if (parameterProperty(classBody, name)) add('unknown');
    for (const assignment of getFileNodes(this.source).assignments) {
      if (!contains(classBody, assignment) || assignment.left.type !== AST_NODE_TYPES.MemberExpression || !isThisField(assignment.left, name)) continue;
      if (!inConstructor(assignment, classBody) || assignment.operator !== '=') return 'unknown';
      add(this.value(assignment.right));
      if (result === 'unknown') return result;
    }
    return result ?? (declared ? 'nothing' : 'unknown');
  }

  /** `const fetchOptions = { headers }` and later `fetchOptions.signal = ...` on the paths that run. */
  private localMember(variable: Variable, init: TSESTree.Expression | null, key: string): Presence {
    let result: Presence | undefined = init ? this.member(init, key) : undefined;
    // a variable given whole new values (`let config; try { config = { url, method }; ... }`): the member is what
    // each value it may hold sets (a read before any value is given would not get as far as the call)
    const partial = this.partialMembers.get(variable) ?? new Map<string, Presence>();
    this.partialMembers.set(variable, partial);
    try {
      for (const reference of variable.references) {
        if (!reference.isWrite() || reference.init) continue;
        const assignment = reference.identifier.parent;
        if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=' || assignment.left !== reference.identifier) return 'unknown';
        if (!this.reachable(assignment)) continue;
        if (result !== undefined) partial.set(key, result);
        result = result === undefined ? this.member(assignment.right, key) : join(result, this.member(assignment.right, key));
        if (result === 'unknown') return result;
      }
    } finally {
      partial.delete(key);
    }
    if (result === undefined) return 'nothing';
    for (const reference of variable.references) {
      const parent = reference.identifier.parent;
      if (parent?.type === AST_NODE_TYPES.CallExpression && isObjectMerge(parent) && parent.arguments[0] === reference.identifier) return 'unknown';
      if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== reference.identifier) continue;
      const assignment = parent.parent;
      if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left !== parent) continue;
      const written = staticPropertyName(parent);
      if (written === undefined) return 'unknown';
      if (written !== key || !this.reachable(assignment)) continue;
      result = join(result, this.value(assignment.right));
      if (result === 'unknown') return result;
    }
    return result;
  }

  /** Option `key` of an object literal: its last property of that name, or a spread after it that may set one. */
  propertyOf(object: TSESTree.ObjectExpression, key: string): Presence {
    let result: Presence = 'nothing';
    for (const property of object.properties) {
      if (property.type === AST_NODE_TYPES.SpreadElement) {
        const spread = this.member(property.argument, key);
        if (spread !== 'nothing') result = spread === 'something' ? 'something' : 'unknown';
        continue;
      }
      const name = propertyKey(property);
      if (name === undefined) return 'unknown';
      if (name === key) result = this.value(property.value);
    }
    return result;
  }

  /** Whether the caller's options leave the path to `node` open: no enclosing `if` or `&&` of the wrapper that they close. */
  private reachable(node: TSESTree.Node): boolean {
    let child: TSESTree.Node = node;
    for (let current = node.parent; current && current !== this.fn; child = current, current = current.parent) {
      if (current.type === AST_NODE_TYPES.IfStatement || current.type === AST_NODE_TYPES.ConditionalExpression) {
        if (child === current.test) continue;
        const test = this.value(current.test);
        if (child === current.consequent && test === 'nothing') return false;
        if (child === current.alternate && test === 'something') return false;
      }
      if (current.type === AST_NODE_TYPES.LogicalExpression && current.operator === '&&' && child === current.right && this.value(current.left) === 'nothing') return false;
    }
    return true;
  }

}

/**
 * A value parsed from an HTTP answer (`await response.json()`, a helper of this file returning one, a member of one:
 * the presigned upload's `request.options`): data, which holds no abort signal or agent, and no API sends its client
 * the timeout to use. So it sets no bound, though what it holds cannot be read.
 */
function answerData(source: SourceCode, node: TSESTree.Node, depth: number): boolean {
  let target = unwrapExpression(node);
  if (target.type === AST_NODE_TYPES.AwaitExpression) target = unwrapExpression(target.argument);
  if (depth > 4) return false;
  if (target.type === AST_NODE_TYPES.MemberExpression) return target.object.type !== AST_NODE_TYPES.ThisExpression && answerData(source, target.object, depth + 1);
  if (target.type === AST_NODE_TYPES.CallExpression) {
    if (target.arguments.length === 0 && target.callee.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(target.callee) === 'json') return true;
    const helper = helperReturns(source, target, { awaited: target.parent?.type === AST_NODE_TYPES.AwaitExpression });
    return helper !== undefined && helper.values.every((value) => answerData(source, value, depth + 1));
  }
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(source.getScope(target) as never, target) as Variable | null;
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  return definition?.type === 'Variable' && definition.node.id === definition.name && definition.node.init !== null
    && !variable!.references.some((reference) => reference.isWrite() && !reference.init) && answerData(source, definition.node.init, depth + 1);
}

function join(a: Presence, b: Presence): Presence {
  return a === b ? a : 'unknown';
}

/** `undefined` declared by the code itself (a parameter or variable of that name), not the global the libraries declare. */
function shadowed(source: SourceCode, node: TSESTree.Identifier): boolean {
  const variable = findVariable(source.getScope(node) as never, node) as Variable | null;
  return variable !== null && variable.defs.length > 0;
}

function isNothingLiteral(node: TSESTree.Node): boolean {
  return (node.type === AST_NODE_TYPES.Literal && node.value === null) || (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined');
}

/** `new Agent({ connect: { ca } })`: a transport created with options that name no timeout is no bound. */
export function createdWithTimeout(node: TSESTree.NewExpression): boolean {
  const mentions = (value: TSESTree.Node): boolean => {
    const target = unwrapExpression(value);
    if (target.type !== AST_NODE_TYPES.ObjectExpression) return false;
    return target.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement
      || /timeout/i.test(propertyKey(property) ?? 'timeout') || mentions(property.value));
  };
  return node.arguments.some((argument) => unwrapExpression(argument).type !== AST_NODE_TYPES.ObjectExpression || mentions(argument));
}

function enclosingClassBody(node: TSESTree.Node): TSESTree.ClassBody | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ClassBody) return current;
  }
  return undefined;
}

function isThisField(node: TSESTree.MemberExpression, name: string): boolean {
  return node.object.type === AST_NODE_TYPES.ThisExpression && staticPropertyName(node) === name;
}

/** The assignment runs in the class's constructor itself (not in a function nested in it). */
function inConstructor(node: TSESTree.Node, classBody: TSESTree.ClassBody): boolean {
  const fn = enclosingFunction(node);
  const method = fn?.parent;
  return method?.type === AST_NODE_TYPES.MethodDefinition && method.kind === 'constructor' && method.parent === classBody;
}
