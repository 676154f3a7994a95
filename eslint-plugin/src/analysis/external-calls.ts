import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import type { RuleContext } from '@typescript-eslint/utils/ts-eslint';
import {
  GLOBAL_FETCH, callOf, constructOf, customClientValue, instanceOfType, isClientModule, memberOf, unwrapExpression, valueFromModule,
  type ClientKind, type ClientValue, type InstanceOptions,
} from '../libraries/index.js';
import { firstStartingAt, getFileNodes } from './loops.js';
import { getSettings, type ClientSetting, type ResilintSettings } from './settings.js';
import { findWrapperCalls } from './wrappers.js';

export type { ClientKind, InstanceOptions } from '../libraries/index.js';

export interface ExternalCall {
  /** The call that performs the I/O (e.g. `axios.get(url)`, `client.send(cmd)`). */
  node: TSESTree.CallExpression;
  client: ClientKind;
  /** For messages: 'fetch', 'axios.get', 'pg query', 'S3Client.send', ... */
  label: string;
  /** Upper-case HTTP method when statically known ('GET', 'POST', ...). */
  httpMethod: string | undefined;
  /** The call's own options object literal, if any. */
  optionsArgument: TSESTree.ObjectExpression | undefined;
  /** Option name through which this client takes an AbortSignal on this call (undefined when it cannot take one). */
  signalOption: 'signal' | 'abortSignal' | undefined;
  /** The argument in the options position as written (an object literal, a variable, a spread...), if present. */
  optionsExpression: TSESTree.CallExpressionArgument | undefined;
  /** Options the client instance was created with, closest first; null where they are not statically known. */
  instanceOptions: readonly InstanceOptions[];
  /** A value assigned in this file to the client's `defaults.timeout` (axios), if any. */
  defaultsTimeout: TSESTree.Expression | undefined;
  /**
   * Set when this is a call of a same-file function that hands on the failure of an external call (a simple wrapper
   * such as `const getJson = (url) => fetch(url).then(r => r.json())`): the external call inside it.
   */
  wrapped: ExternalCall | undefined;
  /** Which variant of the client library ('ioredis' or 'node-redis'; 'promise' or 'callback' for mysql), when it matters. */
  flavor?: string;
  /** For the user's own clients: their entry in `settings.resilint.clients`. */
  setting?: ClientSetting;
}

export interface ExternalCallIndex {
  /** Every external call in the file, in source order. */
  readonly calls: readonly ExternalCall[];
  /** The external call at this CallExpression, if it is one. */
  get(node: TSESTree.Node): ExternalCall | undefined;
  /** Some external call lies within node's range. */
  containsExternalCall(node: TSESTree.Node): boolean;
}

type Context = Readonly<RuleContext<string, readonly unknown[]>>;

const indexes = new WeakMap<TSESTree.Program, ExternalCallIndex>();

/** The external calls of the file being linted, computed once per file and shared by all rules. */
export function getExternalCalls(context: Context): ExternalCallIndex {
  const { sourceCode } = context;
  const cached = indexes.get(sourceCode.ast);
  if (cached) return cached;
  const index = buildIndex(sourceCode, getSettings(context));
  indexes.set(sourceCode.ast, index);
  return index;
}

/** `fetch(` not called as a method (`sdk.fetch(`), or `globalThis.fetch` and friends. */
const GLOBAL_FETCH_USE = /(?:^|[^.\w$])fetch\s*[(<]|(?:globalThis|window|self|global)\.fetch\b/m;

const EMPTY_INDEX: ExternalCallIndex = { calls: [], get: () => undefined, containsExternalCall: () => false };

/**
 * Most files of a code base import no client at all: a look at the imports (and for `fetch` and `require`, at the
 * text) settles those without evaluating a single call.
 */
function mayUseClients(sourceCode: Readonly<TSESLint.SourceCode>, settings: ResilintSettings): boolean {
  const { text, ast } = sourceCode;
  if ((text.includes('fetch') && GLOBAL_FETCH_USE.test(text)) || text.includes('require(') || settings.clients.some((client) => client.member !== undefined)) return true;
  return ast.body.some((statement) => statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration
    || (statement.type === AST_NODE_TYPES.ImportDeclaration && (isClientModule(statement.source.value)
      || settings.clients.some((client) => client.module === statement.source.value))));
}

function buildIndex(sourceCode: Readonly<TSESLint.SourceCode>, settings: ResilintSettings): ExternalCallIndex {
  if (!mayUseClients(sourceCode, settings)) return EMPTY_INDEX;
  const evaluator = new Evaluator(sourceCode, settings);
  const { calls: callNodes, assignments } = getFileNodes(sourceCode);
  const defaultsTimeouts = collectDefaultsTimeouts(assignments, evaluator);

  const byNode = new Map<TSESTree.Node, ExternalCall>();
  for (const node of callNodes) {
    const call = evaluator.externalCall(node, defaultsTimeouts);
    if (call) byNode.set(node, call);
  }
  for (const call of findWrapperCalls(sourceCode, settings, byNode)) byNode.set(call.node, call);

  const calls = [...byNode.values()].sort((a, b) => a.node.range[0] - b.node.range[0]);
  return {
    calls,
    get: (node) => byNode.get(node),
    containsExternalCall(node) {
      const candidate = calls[firstStartingAt(calls, node.range[0], (call) => call.node)];
      return candidate !== undefined && candidate.node.range[1] <= node.range[1];
    },
  };
}

/** `axios.defaults.timeout = 5000` / `api.defaults.timeout = ...`: keyed by the instance's creation node ('root' for the module). */
function collectDefaultsTimeouts(assignments: readonly TSESTree.AssignmentExpression[], evaluator: Evaluator): Map<TSESTree.Node | 'root', TSESTree.Expression> {
  const found = new Map<TSESTree.Node | 'root', TSESTree.Expression>();
  for (const assignment of assignments) {
    const left = assignment.left;
    if (left.type !== AST_NODE_TYPES.MemberExpression || staticPropertyName(left) !== 'timeout') continue;
    const defaults = left.object;
    if (defaults.type !== AST_NODE_TYPES.MemberExpression || staticPropertyName(defaults) !== 'defaults') continue;
    const owner = evaluator.evaluate(defaults.object);
    if (!owner || owner.kind !== 'axios') continue;
    found.set(owner.role === 'root' ? 'root' : owner.origin ?? 'root', assignment.right);
  }
  return found;
}

export function staticPropertyName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed) return node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : undefined;
  const property = node.property;
  if (property.type === AST_NODE_TYPES.Literal && typeof property.value === 'string') return property.value;
  if (property.type === AST_NODE_TYPES.TemplateLiteral && property.expressions.length === 0) return property.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** The dotted path of an identifier/member chain as written (`this.api.client`), or undefined. */
export function dottedName(node: TSESTree.Node): string | undefined {
  const target = unwrapExpression(node);
  if (target.type === AST_NODE_TYPES.Identifier) return target.name;
  if (target.type === AST_NODE_TYPES.ThisExpression) return 'this';
  if (target.type === AST_NODE_TYPES.MemberExpression) {
    const name = staticPropertyName(target);
    const object = dottedName(target.object);
    return name !== undefined && object !== undefined ? `${object}.${name}` : undefined;
  }
  return undefined;
}

type Variable = TSESLint.Scope.Variable;

const GLOBAL_OBJECTS = new Set(['globalThis', 'window', 'self', 'global']);

/** Evaluates expressions to client values by following imports, requires, variables, members and instances. */
class Evaluator {
  private readonly references = new Map<TSESTree.Identifier | TSESTree.JSXIdentifier, TSESLint.Scope.Reference>();
  private readonly values = new Map<TSESTree.Node | Variable, ClientValue | null>();
  private readonly memberClients: ResilintSettings['clients'];

  constructor(private readonly sourceCode: Readonly<TSESLint.SourceCode>, private readonly settings: ResilintSettings) {
    for (const scope of sourceCode.scopeManager?.scopes ?? []) {
      for (const reference of scope.references) this.references.set(reference.identifier, reference);
    }
    this.memberClients = settings.clients.filter((client) => client.member !== undefined);
  }

  externalCall(node: TSESTree.CallExpression, defaultsTimeouts: Map<TSESTree.Node | 'root', TSESTree.Expression>): ExternalCall | undefined {
    const callee = this.evaluate(node.callee);
    if (!callee) return undefined;
    const outcome = callOf(callee, node);
    const ioCall = outcome?.io;
    if (!ioCall) return undefined;
    const optionsExpression = ioCall.optionsIndex >= 0 ? node.arguments[ioCall.optionsIndex] : undefined;
    const unwrapped = optionsExpression && unwrapExpression(optionsExpression);
    let defaultsTimeout: TSESTree.Expression | undefined;
    if (callee.kind === 'axios') {
      defaultsTimeout = (callee.origin && defaultsTimeouts.get(callee.origin)) ?? defaultsTimeouts.get('root');
    }
    return {
      node,
      client: callee.kind,
      label: ioCall.label,
      httpMethod: ioCall.httpMethod,
      optionsArgument: unwrapped?.type === AST_NODE_TYPES.ObjectExpression ? unwrapped : undefined,
      signalOption: ioCall.signalOption,
      optionsExpression,
      instanceOptions: callee.options,
      defaultsTimeout,
      wrapped: undefined,
      ...(callee.flavor === undefined ? {} : { flavor: callee.flavor }),
      ...(callee.custom === undefined ? {} : { setting: callee.custom }),
    };
  }

  evaluate(node: TSESTree.Node): ClientValue | undefined {
    const cached = this.values.get(node);
    if (cached !== undefined) return cached ?? undefined;
    this.values.set(node, null); // cycles (a = a.b) evaluate to nothing
    const result = this.compute(node);
    this.values.set(node, result ?? null);
    return result;
  }

  private compute(node: TSESTree.Node): ClientValue | undefined {
    const custom = this.memberClients.length ? this.customMember(node) : undefined;
    if (custom) return custom;
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
        return this.evaluateIdentifier(node);
      case AST_NODE_TYPES.MemberExpression:
        return this.evaluateMember(node);
      case AST_NODE_TYPES.CallExpression:
        return this.evaluateCall(node);
      case AST_NODE_TYPES.NewExpression: {
        const callee = this.evaluate(node.callee);
        return callee && constructOf(callee, node);
      }
      case AST_NODE_TYPES.AwaitExpression:
        return this.evaluate(node.argument);
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.TSSatisfiesExpression:
        return this.evaluate(node.expression);
      case AST_NODE_TYPES.AssignmentExpression:
        return node.operator === '=' ? this.evaluate(node.right) : undefined;
      default:
        return undefined;
    }
  }

  private customMember(node: TSESTree.Node): ClientValue | undefined {
    if (node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const name = dottedName(node);
    if (name === undefined) return undefined;
    const setting = this.memberClients.find((client) => client.member === name);
    if (!setting) return undefined;
    // A member path names the user's object only where it is not a local binding shadowing it.
    return customClientValue(setting, name);
  }

  private evaluateIdentifier(node: TSESTree.Identifier): ClientValue | undefined {
    const reference = this.references.get(node);
    const variable = reference?.resolved;
    if (!variable || variable.defs.length === 0) {
      return node.name === 'fetch' ? GLOBAL_FETCH : undefined;
    }
    return this.evaluateVariable(variable);
  }

  private evaluateVariable(variable: Variable): ClientValue | undefined {
    const cached = this.values.get(variable);
    if (cached !== undefined) return cached ?? undefined;
    this.values.set(variable, null);
    const result = this.computeVariable(variable);
    this.values.set(variable, result ?? null);
    return result;
  }

  private computeVariable(variable: Variable): ClientValue | undefined {
    const def = variable.defs[0];
    if (!def || variable.defs.length > 1) return undefined;
    switch (def.type) {
      case 'ImportBinding':
        return this.evaluateImport(def.node);
      case 'Variable': {
        const declarator = def.node;
        // Reassigned variables may hold anything.
        if (variable.references.some((ref) => ref.isWrite() && !ref.init)) return undefined;
        if (!declarator.init) return undefined;
        if (declarator.id.type === AST_NODE_TYPES.Identifier) return this.evaluate(declarator.init);
        return this.evaluateDestructured(def.name, declarator.id, declarator.init);
      }
      case 'Parameter':
        return this.evaluateAnnotation(def.name);
      default:
        return undefined;
    }
  }

  private evaluateImport(node: TSESTree.Node): ClientValue | undefined {
    if (node.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
      const reference = node.moduleReference;
      if (reference.type !== AST_NODE_TYPES.TSExternalModuleReference) return undefined;
      const source = reference.expression;
      return source.type === AST_NODE_TYPES.Literal && typeof source.value === 'string' ? this.fromModule(source.value, '*') : undefined;
    }
    const declaration = node.parent;
    if (!declaration || declaration.type !== AST_NODE_TYPES.ImportDeclaration) return undefined;
    const module = declaration.source.value;
    switch (node.type) {
      case AST_NODE_TYPES.ImportDefaultSpecifier:
        return this.fromModule(module, 'default');
      case AST_NODE_TYPES.ImportNamespaceSpecifier:
        return this.fromModule(module, '*');
      case AST_NODE_TYPES.ImportSpecifier: {
        const imported = node.imported.type === AST_NODE_TYPES.Identifier ? node.imported.name : String(node.imported.value);
        return this.fromModule(module, imported);
      }
      default:
        return undefined;
    }
  }

  private fromModule(module: string, imported: string): ClientValue | undefined {
    return valueFromModule(module, imported, this.settings.clients);
  }

  /** `const { get } = axios`, `const { Pool } = require('pg')`: follow the property path from the pattern. */
  private evaluateDestructured(name: TSESTree.Identifier, pattern: TSESTree.Node, init: TSESTree.Expression): ClientValue | undefined {
    const path: string[] = [];
    let current: TSESTree.Node = name;
    while (current !== pattern) {
      const parent: TSESTree.Node | undefined = current.parent;
      if (!parent) return undefined;
      if (parent.type === AST_NODE_TYPES.Property) {
        if (parent.value !== current) return undefined;
        const key = parent.computed ? undefined : parent.key.type === AST_NODE_TYPES.Identifier ? parent.key.name : parent.key.type === AST_NODE_TYPES.Literal ? String(parent.key.value) : undefined;
        if (key === undefined) return undefined;
        path.unshift(key);
      } else if (parent.type === AST_NODE_TYPES.AssignmentPattern) {
        if (parent.left !== current) return undefined;
      } else if (parent.type !== AST_NODE_TYPES.ObjectPattern) {
        return undefined; // array patterns, rest elements
      }
      current = parent;
    }
    let value = this.evaluate(init);
    for (const key of path) {
      if (!value) return undefined;
      value = memberOf(value, key);
    }
    return value;
  }

  /** A parameter typed with a client class (`pool: Pool`, `constructor(private s3: S3Client)`) holds an instance. */
  private evaluateAnnotation(name: TSESTree.Node): ClientValue | undefined {
    const annotation = 'typeAnnotation' in name ? (name.typeAnnotation as TSESTree.TSTypeAnnotation | undefined)?.typeAnnotation : undefined;
    if (!annotation || annotation.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
    const typeName = annotation.typeName;
    let typeValue: ClientValue | undefined;
    if (typeName.type === AST_NODE_TYPES.Identifier) {
      typeValue = this.evaluateTypeIdentifier(typeName);
    } else if (typeName.type === AST_NODE_TYPES.TSQualifiedName && typeName.left.type === AST_NODE_TYPES.Identifier) {
      const namespace = this.evaluateTypeIdentifier(typeName.left);
      typeValue = namespace && memberOf(namespace, typeName.right.name);
    }
    return typeValue && instanceOfType(typeValue);
  }

  private evaluateTypeIdentifier(node: TSESTree.Identifier): ClientValue | undefined {
    const reference = this.references.get(node);
    if (reference?.resolved) return this.evaluateVariable(reference.resolved);
    // Type references are not always recorded; fall back to the module scope's binding of that name.
    const moduleScope = this.sourceCode.scopeManager?.scopes.find((scope) => scope.type === 'module') ?? this.sourceCode.scopeManager?.globalScope;
    const variable = moduleScope?.set.get(node.name);
    return variable ? this.evaluateVariable(variable) : undefined;
  }

  private evaluateMember(node: TSESTree.MemberExpression): ClientValue | undefined {
    const name = staticPropertyName(node);
    if (name === undefined) return undefined;
    const object = unwrapExpression(node.object);
    if (object.type === AST_NODE_TYPES.ThisExpression) return this.evaluateThisMember(node, name);
    if (name === 'fetch' && object.type === AST_NODE_TYPES.Identifier && GLOBAL_OBJECTS.has(object.name)) {
      const reference = this.references.get(object);
      if (!reference?.resolved || reference.resolved.defs.length === 0) return GLOBAL_FETCH;
    }
    const value = this.evaluate(node.object);
    return value && memberOf(value, name);
  }

  /**
   * `this.http` inside a class: the field's initialiser, else what the constructor assigns (`this.http = ...`), else
   * the type of a parameter property or of the field (`private http: AxiosInstance`).
   */
  private evaluateThisMember(node: TSESTree.MemberExpression, name: string): ClientValue | undefined {
    const classBody = enclosingClassBody(node);
    if (!classBody) return undefined;
    let annotated: TSESTree.Node | undefined;
    for (const element of classBody.body) {
      if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.computed && !element.static
        && element.key.type === AST_NODE_TYPES.Identifier && element.key.name === name) {
        if (element.value) return this.evaluate(element.value);
        annotated = element;
      }
    }
    const constructor = classBody.body.find((element): element is TSESTree.MethodDefinition =>
      element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor');
    for (const param of constructor?.value.params ?? []) {
      if (param.type === AST_NODE_TYPES.TSParameterProperty && param.parameter.type === AST_NODE_TYPES.Identifier && param.parameter.name === name) {
        annotated = param.parameter;
      }
    }
    for (const statement of constructor?.value.body?.body ?? []) {
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
      const expression = statement.expression;
      if (expression.type === AST_NODE_TYPES.AssignmentExpression && expression.operator === '='
        && expression.left.type === AST_NODE_TYPES.MemberExpression
        && expression.left.object.type === AST_NODE_TYPES.ThisExpression && staticPropertyName(expression.left) === name) {
        // an injected dependency (`this.redis = redis`) says less than the field's declared type
        const assigned = this.evaluate(expression.right);
        if (assigned) return assigned;
        break;
      }
    }
    return annotated ? this.evaluateAnnotation(annotated) : undefined;
  }

  private evaluateCall(node: TSESTree.CallExpression): ClientValue | undefined {
    const callee = unwrapExpression(node.callee);
    const moduleName = requiredModule(node);
    if (moduleName !== undefined) return this.fromModule(moduleName, '*');
    const value = this.evaluate(callee);
    if (value) {
      const outcome = callOf(value, node);
      const source = outcome?.optionsFromArgument === undefined ? undefined : node.arguments[outcome.optionsFromArgument];
      const configured = source && this.evaluate(source);
      return outcome?.result && configured ? { ...outcome.result, options: configured.options } : outcome?.result;
    }
    // A same-file factory: `function makeClient() { return axios.create({...}) }`
    const returned = this.singleReturnedExpression(callee);
    return returned && this.evaluate(returned);
  }

  private singleReturnedExpression(callee: TSESTree.Node): TSESTree.Expression | undefined {
    if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = this.references.get(callee)?.resolved;
    const def = variable?.defs[0];
    if (!def || variable!.defs.length > 1) return undefined;
    let fn: TSESTree.Node | null | undefined;
    if (def.type === 'FunctionName') fn = def.node;
    else if (def.type === 'Variable' && def.node.id.type === AST_NODE_TYPES.Identifier) fn = def.node.init;
    if (!fn || (fn.type !== AST_NODE_TYPES.FunctionDeclaration && fn.type !== AST_NODE_TYPES.FunctionExpression && fn.type !== AST_NODE_TYPES.ArrowFunctionExpression)) return undefined;
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.body;
    const returns = fn.body.body.filter((statement): statement is TSESTree.ReturnStatement => statement.type === AST_NODE_TYPES.ReturnStatement);
    return returns.length === 1 ? returns[0]!.argument ?? undefined : undefined;
  }
}

/** `require('x')` (also `require('x').default`, handled by members) -> 'x'. */
function requiredModule(node: TSESTree.CallExpression): string | undefined {
  const callee = node.callee;
  if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== 'require' || node.arguments.length !== 1) return undefined;
  const arg = node.arguments[0]!;
  return arg.type === AST_NODE_TYPES.Literal && typeof arg.value === 'string' ? arg.value : undefined;
}

function enclosingClassBody(node: TSESTree.Node): TSESTree.ClassBody | undefined {
  let current: TSESTree.Node | undefined = node.parent;
  while (current) {
    if (current.type === AST_NODE_TYPES.ClassBody) return current;
    if (current.type === AST_NODE_TYPES.FunctionDeclaration) return undefined;
    if (current.type === AST_NODE_TYPES.FunctionExpression) {
      const parent = current.parent;
      if (parent?.type !== AST_NODE_TYPES.MethodDefinition && parent?.type !== AST_NODE_TYPES.PropertyDefinition) return undefined;
    }
    current = current.parent;
  }
  return undefined;
}
