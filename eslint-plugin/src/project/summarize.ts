import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { instanceOfType, propertyKey, unwrapExpression, type ClientValue } from '../libraries/index.js';
import { isLayerCall, type ExternalCall } from '../analysis/external-calls.js';
import { racedParameter } from '../analysis/race-helpers.js';
import { boundOnlyByCreator } from '../analysis/caller-options.js';
import { layerRetryOf, optionsParameterOf } from '../analysis/layer-retries.js';
import type { Evaluator } from '../analysis/evaluator.js';
import { dottedName, memberKeyName, methodFunction } from '../analysis/member-syntax.js';
import { contains, firstStartingAt, getFileNodes, isFunction, type FunctionNode } from '../analysis/loops.js';
import { getProtection } from '../analysis/protection.js';
import { waitsOnTimer } from '../analysis/promised-timers.js';
import type { ResilintSettings } from '../analysis/settings.js';
import { creationBaseOf, type CreationPath } from '../analysis/creation-base.js';
import { sharedGlobalAxios } from '../analysis/shared-axios.js';
import { timeoutVerdict } from '../analysis/timeouts.js';
import { clientFromConstructorOptions } from './forwarded-client-options.js';
import { decoratedParameter, defaultAmongReturns, literalReturnKeys, returnedExpression } from './function-returns.js';
import { defaultUnbounded, passedThroughParameter } from './passed-through-options.js';
import type { ModuleSource } from './module-source.js';
import type { LocalDefinitions, ProjectContext } from './summaries.js';
import { isProjectValue, type ClassCreationBound, type ClassFact, type Value, type WrapperFact } from './values.js';
import { implementationsOf, implementedBy } from './interface-implementations.js';
import { factFrom, weakness, withoutCallersOptions } from './wrapper-facts.js';

/** What a module exports, as far as external calls go, answered export by export on demand. */
export interface ModuleSummary {
  /** The value of an export ('default', a name, or '*' for the namespace), following re-exports and barrels. */
  exportValue(name: string, hops: number): Value | undefined;
  /** The module's own classes: what `new Local()` or `x: Local` holds in the module itself. */
  classValue(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression): Value | undefined;
  /** The module's own interfaces: what `x: Session` holds, by the classes of the module that implement it. */
  interfaceValue(node: TSESTree.TSInterfaceDeclaration): Value | undefined;
  /** Which names it exports itself and which modules it re-exports whole: kept by the cache when the tree is dropped. */
  readonly shape: ExportShape;
}

/**
 * The names a module exports itself (a CommonJS `module.exports` counting as every name) and the specifiers of its
 * `export * from` statements, in order. A name not among them can only come from those modules: asked of a module
 * whose tree was dropped, it is answered without parsing the module again. Behind a workspace package's barrel
 * (langfuse's `@langfuse/shared/src/server`, `export *` of a hundred modules) every new name asked otherwise parsed
 * every module behind it again: 30,000 parses of 368 modules for the 372 files of one package.
 */
export interface ExportShape {
  readonly names: ReadonlySet<string>;
  readonly commonjs: boolean;
  readonly stars: readonly string[];
}

type MakeEvaluator = (source: ModuleSource, settings: ResilintSettings, project: ProjectContext) => {
  evaluator: Evaluator;
  externalCallAt(node: TSESTree.CallExpression): ExternalCall | undefined;
};

/**
 * `f.call(this, ...args)` or `f.apply(this, args)` returned by a function whose only parameter is the rest `args`
 * (a base class's method binding a module's request layer to the command): `f`, called with the same arguments.
 */
function receiverForwardedCallee(fn: FunctionNode, returned: TSESTree.Node): TSESTree.Expression | undefined {
  const [rest, ...others] = fn.params;
  if (rest?.type !== AST_NODE_TYPES.RestElement || rest.argument.type !== AST_NODE_TYPES.Identifier || others.length > 0) return undefined;
  let call = unwrapExpression(returned as TSESTree.Expression);
  if (call.type === AST_NODE_TYPES.AwaitExpression) call = unwrapExpression(call.argument);
  if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression || call.callee.computed
    || call.callee.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  const [, handed, ...more] = call.arguments;
  const name = rest.argument.name;
  const passesAll = call.callee.property.name === 'call' ? handed?.type === AST_NODE_TYPES.SpreadElement && handed.argument.type === AST_NODE_TYPES.Identifier && handed.argument.name === name
    : call.callee.property.name === 'apply' && handed?.type === AST_NODE_TYPES.Identifier && handed.name === name;
  return passesAll && more.length === 0 ? call.callee.object : undefined;
}

/** Barrels re-export barrels: this many hops and no more. */
export const MAX_REEXPORT_HOPS = 8;

/**
 * Summarises one module with the same Evaluator and protection analysis the rules use on the linted file: an
 * exported function or method is a wrapper when an external call in it hands its failure on to its caller.
 */
export function summarizeModule(source: ModuleSource, context: ProjectContext, makeEvaluator: MakeEvaluator): ModuleSummary {
  const wrappers = new Map<FunctionNode, WrapperFact | null>();
  const classes = new Map<TSESTree.Node, ClassFact>();
  const interfaces = new Map<TSESTree.Node, Value | null>();
  const local: LocalDefinitions = {
    functionValue(fn, name) {
      const wrapper = wrapperFact(fn, name);
      if (wrapper) return { kind: 'project-wrapper', wrapper };
      const returned = returnedExpression(fn, source.visitorKeys);
      // `apiFetch(...args) { return apiFetch.call(this, ...args) }`: the function it hands every argument to
      const forwardedTo = returned && receiverForwardedCallee(fn, returned);
      const forwarded = forwardedTo && evaluator.evaluate(forwardedTo);
      if (forwarded) return forwarded;
      // `return async (input, init) => { ... base(input, init) ... }`: it makes a wrapper (an SDK's fetch with retries)
      const made = returned && isFunction(returned) ? wrapperFact(returned, name) : undefined;
      if (made) return { kind: 'project-factory', result: { kind: 'project-wrapper', wrapper: made } };
      const result = returned ? evaluator.evaluate(returned) : defaultAmongReturns(fn, source.visitorKeys, evaluator);
      // `getIntentForUserId(id): Intent`, handing out the project's client facade it keeps per user
      if (result?.kind === 'project-instance') return { kind: 'project-factory', result };
      if (result && !isProjectValue(result)) {
        const parameter = result.callerOptions?.fnStart === fn.range[0] ? result.callerOptions.index : undefined;
        return parameter === undefined ? { kind: 'project-factory', result } : { kind: 'project-factory', result, optionsParameter: parameter };
      }
      const decorated = returned && decoratedParameter(source, fn, returned, evaluator);
      if (decorated !== undefined) return { kind: 'project-decorator', parameter: decorated };
      const parameter = returned && passedThroughParameter(source, fn, returned);
      if (parameter !== undefined) return { kind: 'project-passthrough', parameter, defaultUnbounded: defaultUnbounded(fn, parameter) };
      const race = racedParameter(source, fn);
      if (race) return { kind: 'project-race', race };
      if (waitsOnTimer(fn, source.visitorKeys)) return { kind: 'project-delay' };
      if (neverReturns(fn)) return { kind: 'project-thrower' };
      // `getGithubHeaders(token)` building `{ headers }`: the options it can set, read where its result is spread
      const keys = literalReturnKeys(fn, source.visitorKeys);
      return keys ? { kind: 'project-options', keys } : undefined;
    },
    classValue: (node) => ({ kind: 'project-class', cls: classFact(node) }),
    interfaceValue(node) {
      if (!interfaces.has(node)) {
        const implementations = implementationsOf(source.ast, node.id.name);
        interfaces.set(node, implementations.length > 0 ? { kind: 'project-class', cls: implementedBy(node.id.name, implementations.map(classFact)) } : null);
      }
      return interfaces.get(node) ?? undefined;
    },
    methodValue(classBody, name) {
      const owner = classBody.parent;
      if (owner?.type !== AST_NODE_TYPES.ClassDeclaration && owner?.type !== AST_NODE_TYPES.ClassExpression) return undefined;
      return classFact(owner).method(name);
    },
  };
  const { evaluator, externalCallAt } = makeEvaluator(source, context.settings, { ...context, local });
  /** axios's global instance, exported by the module that configures it as the project's one axios: judged there. */
  const asShared = (value: Value | undefined): Value | undefined => (value && !isProjectValue(value) && value.kind === 'axios' && value.role === 'root'
    && sharedGlobalAxios(source) ? { ...value, sharedByModule: true } : value);
  const protection = getProtection(source, context.settings, context.file);
  const calls = getFileNodes(source).calls;

  function wrapperFact(fn: FunctionNode, name: string): WrapperFact | undefined {
    const known = wrappers.get(fn);
    if (known !== undefined) return known ?? undefined;
    wrappers.set(fn, null); // recursion and mutual references: not a wrapper while it is being looked at
    let found: WrapperFact | undefined;
    // The method of the request the function sends when it works: not of one made in a catch to recover (a
    // re-authentication POST before the GET is sent again), which callers retrying the function do not re-send; none
    // when every request is made in a catch.
    let sentMethod: { method: string | undefined } | undefined;
    for (let index = firstStartingAt(calls, fn.range[0], (call) => call); index < calls.length && calls[index]!.range[0] < fn.range[1]; index++) {
      const node = calls[index]!;
      if (!contains(fn, node)) continue;
      const call = externalCallAt(node);
      // a streamed answer's failure goes to its callback: a function returning it hands no failure on
      if (!call || call.streamsResult) continue;
      const fate = protection.fateOfCall(node, { scope: 'boundary', eventStyle: call.client === 'http' && !call.wrapped && !isLayerCall(call) });
      if (fate.kind !== 'handed-on' || fate.fn !== fn) continue;
      // Of several paths (a proxy branch with a timeout, a plain one without), callers inherit the weakest.
      const fact = withLayerRetry(factFrom(source, context.file, call, fn, name), node, fn);
      if (!found || weakness(fact) > weakness(found)) found = fact;
      if (!sentMethod && !inCatchOf(fn, node)) sentMethod = { method: fact.httpMethod };
    }
    if (found && found.httpMethod !== sentMethod?.method) found = { ...found, httpMethod: sentMethod?.method };
    wrappers.set(fn, found ?? null);
    return found;
  }

  /** The request sent again by a retry library inside the wrapper: the options its callers give are retried there. */
  function withLayerRetry(fact: WrapperFact, node: TSESTree.CallExpression, fn: FunctionNode): WrapperFact {
    const retry = layerRetryOf(node, fn, fact.name, (call) => protection.retryingLibrary(call));
    // a layer that sends a key of its own: whether it holds across attempts is seen there, not by its callers
    if (!retry || /idempotency/i.test(source.text.slice(node.range[0], node.range[1]))) return fact;
    const call = externalCallAt(node)!;
    const optionsIndex = fact.optionsParameter ?? optionsParameterOf(call.optionsExpression, fn);
    return { ...fact, retriedBy: optionsIndex === undefined ? retry : { ...retry, optionsIndex } };
  }

  function classFact(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression): ClassFact {
    const known = classes.get(node);
    if (known) return known;
    const methods = new Map<string, Value | null>();
    const fields = new Map<string, Value | null>();
    const statics = new Map<string, Value | null>();
    let superValue: Value | null | undefined;
    const parent = (): Value | undefined => {
      if (superValue === undefined) superValue = (node.superClass && evaluator.evaluate(node.superClass)) ?? null;
      return superValue ?? undefined;
    };
    const superClass = (): ClassFact | undefined => {
      const value = parent();
      return value && isProjectValue(value) && value.kind === 'project-class' ? value.cls : undefined;
    };
    const name = node.id?.name ?? 'default';
    let creation: ClassCreationBound | null | undefined;
    let base: readonly CreationPath[] | null | undefined;
    const fact: ClassFact = {
      name,
      method(methodName) {
        const cached = methods.get(methodName);
        if (cached !== undefined) return cached ?? undefined;
        methods.set(methodName, null);
        const fn = methodFunction(node.body, methodName);
        const found = fn ? local.functionValue(fn, `${name}.${methodName}`) : superClass()?.method(methodName);
        methods.set(methodName, found ?? null);
        return found;
      },
      field(fieldName) {
        const cached = fields.get(fieldName);
        if (cached !== undefined) return cached ?? undefined;
        fields.set(fieldName, null);
        const found = methodFunction(node.body, fieldName) ? undefined : evaluator.thisMember(node.body, fieldName) ?? superClass()?.field(fieldName);
        fields.set(fieldName, found ?? null);
        return found;
      },
      staticMember(memberName) {
        const cached = statics.get(memberName);
        if (cached !== undefined) return cached ?? undefined;
        statics.set(memberName, null);
        const element = node.body.body.find((candidate): candidate is TSESTree.MethodDefinition | TSESTree.PropertyDefinition =>
          (candidate.type === AST_NODE_TYPES.MethodDefinition || candidate.type === AST_NODE_TYPES.PropertyDefinition) && candidate.static
          && memberKeyName(candidate) === memberName);
        // a static method is left alone: on real code they were an ORM model's own queries and a page's helpers, whose
        // dropped promises a reviewer waves through (the twenty-ninth round's code bases, measured in docs/real-code.md)
        const made = element?.type === AST_NODE_TYPES.PropertyDefinition ? element.value ?? undefined : undefined;
        const found = !element ? superClass()?.staticMember(memberName) : made && !isFunction(made) ? evaluator.evaluate(made) : undefined;
        statics.set(memberName, found ?? null);
        return found;
      },
      clientBase() {
        const value = parent();
        if (!value) return undefined;
        if (isProjectValue(value)) return value.kind === 'project-class' ? value.cls.clientBase() : undefined;
        return instanceOfType(value) ? (value as ClientValue) : undefined;
      },
      creationBound() {
        if (creation === undefined) {
          // a subclass with no constructor of its own is created as its base class is (`class Api extends HttpClient`)
          const inherited = (): ClassCreationBound | undefined => (hasConstructor(node.body) ? undefined : superClass()?.creationBound());
          creation = creationBoundOf(node.body, name) ?? clientFromConstructorOptions(node.body, name, calls, externalCallAt) ?? inherited() ?? null;
        }
        return creation ?? undefined;
      },
      creationBase() {
        if (base === undefined) {
          base = null; // a method's call that reaches back to this class while it is looked at
          base = creationBaseOf(source, node, externalCallsWithin(node.body)) ?? null;
        }
        return base ?? undefined;
      },
    };
    classes.set(node, fact);
    return fact;
  }

  function externalCallsWithin(body: TSESTree.ClassBody): ExternalCall[] {
    const found: ExternalCall[] = [];
    for (let index = firstStartingAt(calls, body.range[0], (call) => call); index < calls.length && calls[index]!.range[0] < body.range[1]; index++) {
      const call = externalCallAt(calls[index]!);
      if (call) found.push(call);
    }
    return found;
  }

  /** The first external call of the class's methods that only the options it is created with bound. */
  function creationBoundOf(body: TSESTree.ClassBody, className: string): ClassCreationBound | undefined {
    for (const element of body.body) {
      if (element.type !== AST_NODE_TYPES.MethodDefinition || element.kind !== 'method' || element.static || element.value.type !== AST_NODE_TYPES.FunctionExpression) continue;
      const method = element.value;
      for (let index = firstStartingAt(calls, method.range[0], (call) => call); index < calls.length && calls[index]!.range[0] < method.range[1]; index++) {
        const call = externalCallAt(calls[index]!);
        if (!call || call.wrapped || timeoutVerdict(source, withoutCallersOptions(call)).bounded) continue;
        const bound = boundOnlyByCreator(source, call, method);
        const methodName = memberKeyName(element) ?? 'method';
        if (bound) return { ...bound, client: call.client, method: `${className}.${methodName}` };
      }
    }
    return undefined;
  }

  const exports = collectExports(source.ast, evaluator, local);
  const values = new Map<string, Value | null>();
  const cachedExport = (name: string, thunk: () => Value | undefined): Value | undefined => {
    if (!values.has(name)) {
      values.set(name, null);
      values.set(name, thunk() ?? null);
    }
    return values.get(name) ?? undefined;
  };
  const summary: ModuleSummary = {
    exportValue(name, hops) {
      if (name === '*' || name === 'default') {
        // `require('./x')` and a default import of a CommonJS module give `module.exports`
        const commonjs = exports.named.get(COMMONJS_EXPORTS);
        if (commonjs) return asShared(cachedExport(COMMONJS_EXPORTS, commonjs));
        if (name === '*') return { kind: 'project-object', name: context.file, members: { get: (member) => summary.exportValue(member, hops + 1) } };
      }
      const cached = values.get(name);
      if (cached !== undefined) return cached ?? undefined;
      if (hops > MAX_REEXPORT_HOPS) return undefined;
      values.set(name, null);
      let found = exports.named.get(name)?.();
      for (const star of exports.stars) {
        if (found || name === 'default') break;
        found = evaluator.importValue(star, name);
      }
      // `module.exports = require('./x')`: a name imported from this module is x's
      const commonjs = found || name === 'default' ? undefined : exports.named.get(COMMONJS_EXPORTS);
      const whole = commonjs && cachedExport(COMMONJS_EXPORTS, commonjs);
      if (whole && isProjectValue(whole) && whole.kind === 'project-object') found = whole.members.get(name);
      if (name === 'default') found = asShared(found);
      values.set(name, found ?? null);
      return found;
    },
    classValue: local.classValue,
    interfaceValue: local.interfaceValue,
    shape: { names: new Set(exports.named.keys()), commonjs: exports.named.has(COMMONJS_EXPORTS), stars: exports.stars },
  };
  return summary;
}

/** The key under which `module.exports = X` is kept (no ES export can be named so). */
const COMMONJS_EXPORTS = '\0module.exports';

interface Exports {
  readonly named: Map<string, () => Value | undefined>;
  /** `export * from '...'` specifiers, searched in order for names not exported by name. */
  readonly stars: string[];
}

function collectExports(ast: TSESTree.Program, evaluator: Evaluator, local: LocalDefinitions): Exports {
  const named = new Map<string, () => Value | undefined>();
  const stars: string[] = [];
  const declared = (declaration: TSESTree.Node, name: string): (() => Value | undefined) | undefined => {
    if (declaration.type === AST_NODE_TYPES.FunctionDeclaration || declaration.type === AST_NODE_TYPES.FunctionExpression
      || declaration.type === AST_NODE_TYPES.ArrowFunctionExpression) return () => local.functionValue(declaration, name);
    if (declaration.type === AST_NODE_TYPES.ClassDeclaration || declaration.type === AST_NODE_TYPES.ClassExpression) return () => local.classValue(declaration);
    if (declaration.type === AST_NODE_TYPES.ObjectExpression) return () => objectValue(declaration, name, evaluator, local);
    return () => evaluator.evaluate(declaration);
  };
  for (const statement of ast.body) {
    switch (statement.type) {
      case AST_NODE_TYPES.ExportNamedDeclaration: {
        const from = statement.source?.value;
        for (const specifier of statement.specifiers) {
          const exported = nameOf(specifier.exported);
          const localName = nameOf(specifier.local);
          named.set(exported, from === undefined ? () => evaluator.evaluate(specifier.local) : () => evaluator.importValue(from, localName));
        }
        const declaration = statement.declaration;
        if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
          for (const declarator of declaration.declarations) {
            if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init) {
              const thunk = declared(unwrapExpression(declarator.init), declarator.id.name);
              // `export let runtimeFetch: FetchFn = stub`, set by an adapter at start-up: its type says what it holds
              const id = declarator.id;
              const typed = declaration.kind === 'let' && id.typeAnnotation ? () => evaluator.setAtRuntimeValue(id) ?? thunk?.() : thunk;
              if (typed) named.set(declarator.id.name, typed);
            }
          }
        } else if ((declaration?.type === AST_NODE_TYPES.FunctionDeclaration || declaration?.type === AST_NODE_TYPES.ClassDeclaration) && declaration.id) {
          named.set(declaration.id.name, declared(declaration, declaration.id.name)!);
        } else if (declaration?.type === AST_NODE_TYPES.TSInterfaceDeclaration) {
          // `export interface Session`, a field typed with it elsewhere: what the module's implementations do
          named.set(declaration.id.name, () => local.interfaceValue(declaration));
        } else if (declaration?.type === AST_NODE_TYPES.TSTypeAliasDeclaration) {
          // `export type RedisClient = RedisClientType<M>`: a field typed with it elsewhere holds such a client
          const aliased = declaration.typeAnnotation;
          named.set(declaration.id.name, () => evaluator.typeAliasValue(aliased));
        }
        break;
      }
      case AST_NODE_TYPES.ExportDefaultDeclaration: {
        const declaration = statement.declaration;
        const thunk = declaration.type === AST_NODE_TYPES.Identifier ? () => evaluator.evaluate(declaration) : declared(unwrapExpression(declaration), 'default');
        if (thunk) named.set('default', thunk);
        break;
      }
      case AST_NODE_TYPES.ExpressionStatement: {
        // CommonJS: `module.exports = X`, `module.exports.name = ...`, `exports.name = ...`
        const expression = statement.expression;
        const starred = exportStarRequire(expression);
        if (starred !== undefined) {
          stars.push(starred);
          break;
        }
        if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.operator !== '=' || expression.left.type !== AST_NODE_TYPES.MemberExpression) break;
        const target = dottedName(expression.left);
        const value = unwrapExpression(expression.right);
        if (target === 'module.exports') {
          const thunk = value.type === AST_NODE_TYPES.Identifier ? () => evaluator.evaluate(value) : declared(value, 'default');
          if (thunk) named.set(COMMONJS_EXPORTS, thunk);
        } else if (target?.startsWith('module.exports.') || target?.startsWith('exports.')) {
          const name = target.slice(target.lastIndexOf('.') + 1);
          const thunk = value.type === AST_NODE_TYPES.Identifier ? () => evaluator.evaluate(value) : declared(value, name);
          if (thunk) named.set(name, thunk);
        }
        break;
      }
      case AST_NODE_TYPES.ExportAllDeclaration: {
        const from = statement.source.value;
        if (statement.exported) named.set(nameOf(statement.exported), () => evaluator.importValue(from, '*'));
        else stars.push(from);
        break;
      }
      default:
        break;
    }
  }
  return { named, stars };
}

/**
 * What tsc emits for `export * from './x'` in CommonJS: `__exportStar(require("./x"), exports)` (or `tslib_1.__exportStar`,
 * `__export(require("./x"))` before TypeScript 3.9): the module searched for names not exported by name.
 */
function exportStarRequire(expression: TSESTree.Expression): string | undefined {
  if (expression.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = expression.callee;
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name
    : callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : undefined;
  if (name !== '__exportStar' && name !== '__export') return undefined;
  const required = expression.arguments[0];
  if (required?.type !== AST_NODE_TYPES.CallExpression || required.callee.type !== AST_NODE_TYPES.Identifier || required.callee.name !== 'require') return undefined;
  const source = required.arguments[0];
  return source?.type === AST_NODE_TYPES.Literal && typeof source.value === 'string' ? source.value : undefined;
}

function nameOf(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === AST_NODE_TYPES.Identifier ? node.name : node.value;
}

/** `export const api = { getUser: (id) => fetch(...), client: axios.create() }`: each member for itself. */
function objectValue(object: TSESTree.ObjectExpression, name: string, evaluator: Evaluator, local: LocalDefinitions): Value {
  const members = new Map<string, () => Value | undefined>();
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const key = propertyKey(property);
    if (key === undefined) continue;
    const value = unwrapExpression(property.value);
    members.set(key, isFunction(value) ? () => local.functionValue(value, `${name}.${key}`) : () => evaluator.evaluate(value));
  }
  const values = new Map<string, Value | undefined>();
  return {
    kind: 'project-object',
    name,
    members: {
      get(member) {
        if (!values.has(member)) values.set(member, members.get(member)?.());
        return values.get(member);
      },
    },
  };
}

/** Whether `node` sits in a catch clause of `fn` itself. */
function inCatchOf(fn: FunctionNode, node: TSESTree.Node): boolean {
  for (let current = node.parent; current && current !== fn; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CatchClause) return true;
  }
  return false;
}

function hasConstructor(body: TSESTree.ClassBody): boolean {
  return body.body.some((element) => element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor');
}

/**
 * The function never returns: it ends in a `throw` or in `process.exit(...)`, or says so (`: never`, a CLI's
 * `fail(code, message): never`). A call of it in a catch hands the failure on, or ends the program with it.
 */
export function neverReturns(fn: FunctionNode): boolean {
  if (fn.returnType?.typeAnnotation.type === AST_NODE_TYPES.TSNeverKeyword) return true;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const last = fn.body.body.at(-1);
  if (last?.type === AST_NODE_TYPES.ThrowStatement) return true;
  const call = last?.type === AST_NODE_TYPES.ExpressionStatement ? last.expression : undefined;
  return (
    call?.type === AST_NODE_TYPES.CallExpression &&
    call.callee.type === AST_NODE_TYPES.MemberExpression &&
    call.callee.object.type === AST_NODE_TYPES.Identifier &&
    call.callee.object.name === 'process' &&
    call.callee.property.type === AST_NODE_TYPES.Identifier &&
    call.callee.property.name === 'exit'
  );
}
