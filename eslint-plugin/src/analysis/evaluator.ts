import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { FETCH_TYPE, GLOBAL_FETCH, GLOBAL_OFETCH, callOf, customClientValue, unwrapExpression, valueFromModule, type ClientValue } from '../libraries/index.js';
import { enclosingFunction, isFunction } from './loops.js';
import { helperBinding } from './retry-helpers.js';
import type { ResilintSettings } from './settings.js';
import { projectImport, type ProjectContext } from '../project/summaries.js';
import { packageFieldValue } from '../project/fields.js';
import { memberOfLiteral, type LiteralScope } from '../project/function-returns.js';
import { isProjectValue, type Value } from '../project/values.js';
import type { ExternalCall } from './external-calls.js';
import { CheckedTypes } from './checked-types.js';
import { ClassFields } from './class-fields.js';
import { DeclaredTypes } from './declared-types.js';
import { DispatcherOptions } from './dispatcher-options.js';
import { callerKey, namesGivenByCallers } from './caller-key-names.js';
import { fetchHandedByCallers } from './handed-fetch.js';
import { constructorAssignment } from './function-constructors.js';
import { GLOBAL_OBJECTS, dottedName, enclosingClassBody, inStaticMember, memberKeyName, staticPropertyName } from './member-syntax.js';
import { isEmptyStart } from './syntax.js';
import { construct, member } from './value-operations.js';
import { instanceMadeAt } from './creation-base.js';
import { describeExternalCall, type CallDescriptionScope } from './external-call-description.js';
import { SameFileFactories } from './same-file-factories.js';
type Variable = TSESLint.Scope.Variable;

/** How deep in a chain of modules the callers handing a layer its fetch are followed (see `handedFetch`). */
const MAX_CALLER_DEPTH = 2;
/** The most names a computed key's declared type may list for its member to be read (see `memberByKeyType`). */
const MAX_KEY_NAMES = 16;

/**
 * Evaluates expressions to client values by following imports, requires, variables, members and instances, and to
 * the project's own wrappers, classes and clients in other modules through their summaries.
 */
export class Evaluator {
  private readonly references = new Map<TSESTree.Identifier | TSESTree.JSXIdentifier, TSESLint.Scope.Reference>();
  private readonly values = new Map<TSESTree.Node | Variable, Value | null>();
  private readonly memberClients: ResilintSettings['clients'];
  private readonly types: DeclaredTypes;
  private readonly checked: CheckedTypes | undefined;
  private readonly fields: ClassFields;
  private readonly dispatchers: DispatcherOptions;
  private readonly factories: SameFileFactories;
  private readonly callScope: CallDescriptionScope;

  constructor(private readonly sourceCode: Readonly<TSESLint.SourceCode>, private readonly settings: ResilintSettings, private readonly project?: ProjectContext) {
    for (const scope of sourceCode.scopeManager?.scopes ?? []) {
      for (const reference of scope.references) this.references.set(reference.identifier, reference);
    }
    this.memberClients = settings.clients.filter((client) => client.member !== undefined);
    this.types = new DeclaredTypes(sourceCode, this.references, (variable) => this.evaluateVariable(variable),
      (specifier, imported, fromFile) => valueFromModule(specifier, imported, this.settings.clients) ?? (this.project && projectImport({ ...this.project, file: fromFile }, specifier, imported)));
    this.checked = CheckedTypes.of(sourceCode, settings.clients);
    this.fields = new ClassFields(sourceCode, this.types, (node) => this.evaluate(node), project);
    this.dispatchers = new DispatcherOptions(this.references, (node) => this.evaluate(node));
    this.factories = new SameFileFactories(sourceCode, this.references, (node) => this.evaluate(node), (node) => this.evaluateHelper(node), project?.file);
    this.callScope = {
      sourceCode, project, references: this.references, dispatchers: this.dispatchers,
      evaluate: (node) => this.evaluate(node), evaluateHelper: (node) => this.evaluateHelper(node),
    };
  }

  /** The variable an identifier of this file names, as the scope manager resolved it (undefined for a global). */
  variableOf(identifier: TSESTree.Identifier): Variable | undefined {
    return this.references.get(identifier)?.resolved ?? undefined;
  }

  /** Whether a type checker is at hand: the evaluator then asks it what the code does not say. */
  get typeChecked(): boolean {
    return this.checked !== undefined;
  }

  externalCall(node: TSESTree.CallExpression, defaultsTimeouts: Map<TSESTree.Node | 'root', TSESTree.Expression>): ExternalCall | undefined {
    const callee = this.evaluate(node.callee);
    return callee && describeExternalCall(node, callee, defaultsTimeouts, this.callScope);
  }

  private forced: Evaluator | undefined;

  /** A helper of the project need not make external calls itself: its module is summarised whatever its text says. */
  evaluateHelper(node: TSESTree.Node): Value | undefined {
    if (!this.project) return undefined;
    // already the forced one: another would start over with an empty cache, and a variable reassigned from a call of
    // itself (`request = request.filter(f)`) would make one more for ever
    if (this.project.force) return this.evaluate(node);
    this.forced ??= new Evaluator(this.sourceCode, this.settings, { ...this.project, force: true });
    return this.forced.evaluate(node);
  }

  evaluate(node: TSESTree.Node): Value | undefined {
    const cached = this.values.get(node);
    if (cached !== undefined) return cached ?? undefined;
    this.values.set(node, null); // cycles (a = a.b) evaluate to nothing
    const result = this.compute(node);
    this.values.set(node, result ?? null);
    return result;
  }

  private compute(node: TSESTree.Node): Value | undefined {
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
        const made = callee && construct(callee, node);
        // a client of the project made with the page's origin as its base calls the page's own server
        if (made && isProjectValue(made) && made.kind === 'project-instance') return instanceMadeAt(this.sourceCode, made, node);
        // `new Octokit(params)` with `const params = {}` filled in below: read as `axios.create(config)` is
        return made && !isProjectValue(made) && made.origin === node ? this.factories.readCreationArguments(made, node) : made;
      }
      case AST_NODE_TYPES.ImportExpression:
        // `const { S3Client } = await import('@aws-sdk/client-s3')`: the module's namespace
        return node.source.type === AST_NODE_TYPES.Literal && typeof node.source.value === 'string' ? this.fromModule(node.source.value, '*') : undefined;
      case AST_NODE_TYPES.LogicalExpression:
        // `this.config.fetch ?? globalThis.fetch`: an injected client stands in for the default one, so it is one too
        return node.operator === '&&' ? undefined : this.evaluate(node.left) ?? this.evaluate(node.right);
      case AST_NODE_TYPES.ConditionalExpression:
        return this.eitherBranch(node);
      case AST_NODE_TYPES.AwaitExpression:
        return this.evaluate(node.argument);
      case AST_NODE_TYPES.TSAsExpression:
        // `clients[environment] as AppStoreServerAPIClient`, a client taken from a cache: the type it is said to be
        return this.evaluate(node.expression) ?? this.types.ofAssertion(node);
      case AST_NODE_TYPES.ChainExpression:
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

  /**
   * `isHttps ? https : http`: what either branch holds, when both are known. A branch holding nothing (`undefined`)
   * or the value the condition tests (`this.fetch ? this.fetch : fetch`, an injected stand-in) leaves the other's; any
   * other branch not known may be a stand-in that bounds its calls (`useProxy ? tunnel(agent) : https`), so the
   * value is not known either.
   */
  private eitherBranch(node: TSESTree.ConditionalExpression): Value | undefined {
    const consequent = this.evaluate(node.consequent);
    const alternate = this.evaluate(node.alternate);
    if (consequent && alternate) return consequent;
    const unknown = consequent ? node.alternate : node.consequent;
    const text = (branch: TSESTree.Node): string => {
      const { range } = unwrapExpression(branch);
      return this.sourceCode.text.slice(range[0], range[1]);
    };
    return isEmptyStart(unknown) || text(unknown) === text(node.test) ? consequent ?? alternate : undefined;
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

  private evaluateIdentifier(node: TSESTree.Identifier): Value | undefined {
    const reference = this.references.get(node);
    const variable = reference?.resolved;
    if (!variable || variable.defs.length === 0) {
      return node.name === 'fetch' ? GLOBAL_FETCH : node.name === '$fetch' ? GLOBAL_OFETCH : undefined;
    }
    return this.evaluateVariable(variable);
  }

  private evaluateVariable(variable: Variable): Value | undefined {
    const cached = this.values.get(variable);
    if (cached !== undefined) return cached ?? undefined;
    this.values.set(variable, null);
    const result = this.computeVariable(variable);
    this.values.set(variable, result ?? null);
    return result;
  }

  private computeVariable(variable: Variable): Value | undefined {
    const def = variable.defs[0];
    if (!def || variable.defs.length > 1) return undefined;
    switch (def.type) {
      case 'ImportBinding':
        return this.evaluateImport(def.node);
      case 'Variable': {
        const declarator = def.node;
        // Reassigned variables may hold anything, but for a lazily made client (`let pub: Redis; ... pub ??= create()`)
        if (variable.references.some((ref) => ref.isWrite() && !ref.init)) {
          const declared = declarator.id.type === AST_NODE_TYPES.Identifier ? this.types.ofSetAtRuntime(declarator.id) : undefined;
          if (declared) return declared;
          return declarator.init && !isEmptyStart(declarator.init) && !isCacheLookupOf(variable, declarator.init) ? this.rewrapped(variable, declarator.init) : this.lazilyMade(variable);
        }
        if (!declarator.init) return undefined;
        if (declarator.id.type === AST_NODE_TYPES.Identifier) {
          const local = this.project?.local;
          const init = unwrapExpression(declarator.init);
          if (local && isFunction(init)) return local.functionValue(init, declarator.id.name);
          if (local && init.type === AST_NODE_TYPES.ClassExpression) return local.classValue(init);
          return this.evaluate(declarator.init);
        }
        return this.evaluateDestructured(def.name, declarator.id, declarator.init);
      }
      case 'Parameter': {
        // `fetchFn: FetchFunction = fetch`: the default stands for what callers inject in its place
        const pattern = def.name.parent;
        const fallback = pattern?.type === AST_NODE_TYPES.AssignmentPattern && pattern.left === def.name ? this.evaluate(pattern.right) : undefined;
        return this.types.ofDeclaration(def.name) ?? fallback ?? this.handedByEveryCall(def.node, def.name) ?? this.handedFetch(def.node, def.name);
      }
      case 'FunctionName':
        return def.node.type === AST_NODE_TYPES.FunctionDeclaration ? this.project?.local?.functionValue(def.node, def.node.id?.name ?? 'default') : undefined;
      case 'ClassName':
        return this.project?.local?.classValue(def.node as TSESTree.ClassDeclaration);
      case 'Type':
        return def.node.type === AST_NODE_TYPES.TSInterfaceDeclaration ? this.project?.local?.interfaceValue(def.node) : undefined;
      default:
        return undefined;
    }
  }

  /**
   * `send(transport, url, options)`, a function of this module no other module sees, every call of which hands it the
   * same library's module or client (`send(https, ...)`, `send(secure ? https : http, ...)`), which it only reads
   * members of (`transport.request(...)`): the parameter is that. A parameter called itself (a method or a fetch handed
   * in) is judged at the calls handing it, as a helper's work is.
   */
  private handedByEveryCall(fn: TSESTree.Node, name: TSESTree.BindingName): Value | undefined {
    if (!isFunction(fn) || name.type !== AST_NODE_TYPES.Identifier) return undefined;
    const parameter = this.sourceCode.scopeManager?.acquire(fn)?.set.get(name.name);
    const onlyMembersRead = parameter?.references.every(({ identifier }) => identifier.parent?.type === AST_NODE_TYPES.MemberExpression && identifier.parent.object === identifier);
    if (!onlyMembersRead) return undefined;
    const index = fn.params.indexOf(name);
    const binding = index < 0 ? undefined : helperBinding(fn);
    const variable = binding && this.variableOfDeclaration(binding);
    if (!variable) return undefined;
    let handed: ClientValue | undefined;
    for (const reference of variable.references) {
      if (reference.init || reference.identifier === binding) continue;
      const call = reference.identifier.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== reference.identifier) return undefined;
      const argument = call.arguments[index];
      const given = argument && argument.type !== AST_NODE_TYPES.SpreadElement ? this.evaluate(argument) : undefined;
      if (!given || isProjectValue(given) || (handed && (given.kind !== handed.kind || given.role !== handed.role))) return undefined;
      handed ??= given;
    }
    return handed;
  }

  /** `fetchFn: (url: string, init: RequestInit) => Promise<Response>`, a fetch every caller of the layer hands it. */
  private handedFetch(fn: TSESTree.Node, name: TSESTree.BindingName): Value | undefined {
    const declared = name.type === AST_NODE_TYPES.Identifier ? name.typeAnnotation?.typeAnnotation : undefined;
    const project = this.project;
    if (!declared || !project || !isFunction(fn) || name.type !== AST_NODE_TYPES.Identifier || this.types.namedType(declared) !== FETCH_TYPE) return undefined;
    // called by the layer itself: a function it returns that calls it (`withRetries(send)`) decorates what it is given,
    // and calling what it returns is calling that, judged where it is called
    const parameter = this.sourceCode.scopeManager?.acquire(fn)?.set.get(name.name);
    if (!parameter?.references.every((reference) => reference.init || enclosingFunction(reference.identifier) === fn)) return undefined;
    return fetchHandedByCallers(this.sourceCode, project.file, fn, fn.params.indexOf(name as TSESTree.Parameter), (module, file, node) => {
      if (module === this.sourceCode) return this.evaluate(node);
      if (project.depth >= MAX_CALLER_DEPTH) return undefined;
      let evaluator = this.callerEvaluators.get(module);
      if (!evaluator) {
        evaluator = new Evaluator(module, this.settings, { file, settings: this.settings, depth: project.depth + 1 });
        this.callerEvaluators.set(module, evaluator);
      }
      return evaluator.evaluate(node);
    });
  }

  /** The modules calling a layer of this one, for what they hand it (see `handedFetch`). */
  private readonly callerEvaluators = new Map<Readonly<TSESLint.SourceCode>, Evaluator>();

  private variableOfDeclaration(binding: TSESTree.Identifier): Variable | undefined {
    const scope = this.sourceCode.getScope(binding);
    return (scope.type === 'function' && scope.block === binding.parent ? scope.upper : scope)?.set.get(binding.name);
  }

  evaluateImport(node: TSESTree.Node): Value | undefined {
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

  /** What an exported `let` the module sets at run time holds, by its declared type (declared-types.ts). */
  setAtRuntimeValue(name: TSESTree.Identifier): Value | undefined {
    return this.types.ofSetAtRuntime(name);
  }

  /** The class or type an exported type alias names (`export type RedisClient = RedisClientType<M>`). */
  typeAliasValue(annotation: TSESTree.TypeNode): Value | undefined {
    return this.types.namedType(annotation);
  }

  /** What `imported` ('default', '*' or a name) of `module` is, seen from this file: a library's or the project's. */
  importValue(module: string, imported: string): Value | undefined {
    return this.fromModule(module, imported);
  }

  private fromModule(module: string, imported: string): Value | undefined {
    const known = valueFromModule(module, imported, this.settings.clients);
    if (known || !this.project) return known;
    return projectImport(this.project, module, imported);
  }

  /** `const { get } = axios`, `const { Pool } = require('pg')`: follow the property path from the pattern. */
  private evaluateDestructured(name: TSESTree.Identifier, pattern: TSESTree.Node, init: TSESTree.Expression): Value | undefined {
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
    // `const { default: http } = await import('node:https')`: the module's default export, as a static import names it
    const imported = path.length > 0 ? this.dynamicImportOf(init, path[0]!) : undefined;
    const whole = imported ? undefined : this.evaluate(init);
    // `const { client } = makeClient()`: the key of the helper's returned object literals
    let value = imported ?? whole ?? (path.length > 0 ? this.literalMember(init, path[0]!) : undefined);
    for (const key of whole ? path : path.slice(1)) {
      if (!value) return undefined;
      value = member(value, key);
    }
    return value;
  }

  /** `await import('https')`, or either of two (`secure ? await import('https') : await import('http')`): its export `name`. */
  private dynamicImportOf(node: TSESTree.Node, name: string): Value | undefined {
    const expression = unwrapExpression(node.type === AST_NODE_TYPES.AwaitExpression ? node.argument : node);
    if (expression.type === AST_NODE_TYPES.ConditionalExpression) {
      return this.dynamicImportOf(expression.consequent, name) ?? this.dynamicImportOf(expression.alternate, name);
    }
    if (expression.type !== AST_NODE_TYPES.ImportExpression || expression.source.type !== AST_NODE_TYPES.Literal || typeof expression.source.value !== 'string') return undefined;
    return this.fromModule(expression.source.value, name);
  }

  private evaluateMember(node: TSESTree.MemberExpression): Value | undefined {
    const name = staticPropertyName(node);
    if (name === undefined) return node.computed ? this.tableEntry(node.object) ?? this.memberByKeyType(node) : undefined;
    const object = unwrapExpression(node.object);
    if (object.type === AST_NODE_TYPES.ThisExpression) return this.evaluateThisMember(node, name);
    if (name === 'fetch' && object.type === AST_NODE_TYPES.Identifier && GLOBAL_OBJECTS.has(object.name)) {
      const reference = this.references.get(object);
      if (!reference?.resolved || reference.resolved.defs.length === 0) return GLOBAL_FETCH;
    }
    const value = this.evaluate(node.object);
    if (value) return member(value, name);
    const literal = this.literalMember(node.object, name);
    if (literal) return literal;
    const declared = this.types.ofMember(node.object, name);
    if (declared) return declared;
    // what the code does not say, the checker may (with type information only)
    const typed = this.checked?.instanceAt(node.object);
    if (typed) return member(typed, name);
    if (!this.project || node.computed || (object.type !== AST_NODE_TYPES.Identifier && object.type !== AST_NODE_TYPES.MemberExpression)) return undefined;
    // `$.http` with `$` a parameter: what the package gives every object's `http`, when that is one client
    return packageFieldValue(this.project, name);
  }

  /**
   * `this.client[kind](...)` with `kind: 'issues' | 'teams'`: a member of a client under a key whose declared type lists
   * the names it may take (or whose every caller in the file names it, see caller-key-names.ts) is what each of those
   * names is, when all of them are the same kind of member (an operation).
   */
  private memberByKeyType(node: TSESTree.MemberExpression): Value | undefined {
    const typed = this.types.keyNames(node.property);
    const keyed = typed ? undefined : callerKey(this.sourceCode, node.property);
    if (!typed && !keyed) return undefined;
    // the object before the key's callers: most `obj[key]` are not clients, and the callers are a scan of the file
    const object = this.evaluate(node.object);
    if (!object || isProjectValue(object)) return undefined;
    const names = typed ?? namesGivenByCallers(this.sourceCode, keyed!);
    if (!names || names.length > MAX_KEY_NAMES) return undefined;
    const members = names.map((name) => member(object, name));
    const first = members[0];
    return first && !isProjectValue(first) && members.every((found) => found && !isProjectValue(found) && found.kind === first.kind && found.role === first.role) ? first : undefined;
  }

  /**
   * `clients[url.protocol]` with `const clients = { 'http:': http, 'https:': https }`: an entry of a table of this file
   * whose every entry is a client of one library, in one role, is that client, whichever the key.
   */
  private tableEntry(object: TSESTree.Node): Value | undefined {
    const table = unwrapExpression(object);
    if (table.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = this.references.get(table)?.resolved;
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    const init = def?.node.type === AST_NODE_TYPES.VariableDeclarator && def.parent?.type === AST_NODE_TYPES.VariableDeclaration && def.parent.kind === 'const'
      ? def.node.init && unwrapExpression(def.node.init) : undefined;
    if (init?.type !== AST_NODE_TYPES.ObjectExpression || init.properties.length === 0) return undefined;
    let found: ClientValue | undefined;
    for (const property of init.properties) {
      const entry = property.type === AST_NODE_TYPES.Property ? this.evaluate(property.value) : undefined;
      if (!entry || isProjectValue(entry) || (found && (entry.kind !== found.kind || entry.role !== found.role))) return undefined;
      found ??= entry;
    }
    return found;
  }

  /** `made.client` with `made` an object literal of this file or what a function of this file returns: see function-returns.ts. */
  private literalMember(object: TSESTree.Node, name: string): Value | undefined {
    this.literals ??= {
      variableOf: (identifier) => this.references.get(identifier)?.resolved ?? undefined,
      calledFunction: (callee) => this.factories.calledFunction(callee),
      evaluate: (node) => this.evaluate(node),
      visitorKeys: this.sourceCode.visitorKeys,
    };
    return memberOfLiteral(object, name, this.literals);
  }

  private literals: LiteralScope | undefined;

  /**
   * `this.http` inside a class: the field's initialiser, else what the constructor assigns (`this.http = ...`), else
   * the type of a parameter property or of the field (`private http: AxiosInstance`); outside a class, what a
   * constructor function assigns.
   */
  private evaluateThisMember(node: TSESTree.MemberExpression, name: string): Value | undefined {
    const classBody = enclosingClassBody(node);
    // (a static method's `this` is the class: its static field first, else what the class's writes of `this.name` give)
    if (classBody) return (inStaticMember(node, classBody) ? this.staticField(classBody, name) : undefined) ?? this.thisMember(classBody, name);
    const assigned = constructorAssignment(node, name);
    return assigned && this.evaluate(assigned);
  }

  /** `this.expo` in a static method: the class's static field (`private static expo: Expo = new Expo(...)`). */
  private staticField(classBody: TSESTree.ClassBody, name: string): Value | undefined {
    const field = classBody.body.find((element): element is TSESTree.PropertyDefinition => element.type === AST_NODE_TYPES.PropertyDefinition
      && element.static && memberKeyName(element) === name);
    if (!field) return undefined;
    return (field.value ? this.evaluate(field.value) : undefined) ?? this.types.ofDeclaration(field);
  }

  thisMember(classBody: TSESTree.ClassBody, name: string): Value | undefined {
    return this.fields.value(classBody, name);
  }

  /**
   * A variable declared without a value (or with `null`) and given one only by `=` or `??=` (`if (!pub) pub =
   * createRedisClient(...)`, the lazy singleton a getter returns; a module's `let secrets: Client | null = null` set
   * under a condition of the deployment): the client every write gives, when each gives one of the same library made
   * in one place. Anything else written to it leaves it unknown; where it is still null, a call on it is not made.
   */
  /**
   * `let pool = pools.get(url); if (!pool) pool = new Pool({ connectionString: url })`, or the same with `??=`: a
   * client made where it is missing, whatever the variable starts as (nothing, or what a cache holds for it).
   */
  private lazilyMade(variable: Variable): Value | undefined {
    let made: Value | undefined;
    for (const reference of variable.references) {
      if (!reference.isWrite() || reference.init) continue;
      const assignment = reference.identifier.parent;
      if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left !== reference.identifier
        || (assignment.operator !== '=' && assignment.operator !== '??=' && assignment.operator !== '||=')) return undefined;
      const value = this.evaluate(assignment.right);
      if (!value || (made && !sameMaking(made, value))) return undefined;
      // a client, or an instance of the project's own client class kept per key (`intents.get(id) ?? new Intent(id)`)
      if (isProjectValue(value) && value.kind !== 'project-instance') return undefined;
      made = value;
    }
    return made;
  }

  /**
   * A variable that starts as a client and is given, later, only that client wrapped by something not known here
   * (`let fetchImpl = fetch; if (jar) fetchImpl = fetchCookie(fetch, jar)`): it holds that client either way, as
   * `jar ? fetchCookie(fetch, jar) : fetch` does. A wrapper the project defines is judged by its summary, and one
   * whose name or arguments speak of a timeout may bound the calls, so either leaves the variable unknown.
   */
  private rewrapped(variable: Variable, init: TSESTree.Expression): ClientValue | undefined {
    const start = this.evaluate(init);
    if (!start || isProjectValue(start)) return undefined;
    const same = (candidate: Value | undefined): boolean => candidate !== undefined && !isProjectValue(candidate) && candidate.kind === start.kind && candidate.origin === start.origin && candidate.role === start.role;
    for (const reference of variable.references) {
      if (!reference.isWrite() || reference.init) continue;
      const assignment = reference.identifier.parent;
      if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left !== reference.identifier || assignment.operator !== '=') return undefined;
      const right = unwrapExpression(assignment.right);
      if (same(this.evaluate(right))) continue;
      // `export function setRequestFn(fn) { requestFn = fn }`: a seam for tests or an embedder to swap in their own,
      // for which the starting client stands, as a parameter's default does
      if (right.type === AST_NODE_TYPES.Identifier && this.variableOf(right)?.defs[0]?.type === 'Parameter') continue;
      if (right.type !== AST_NODE_TYPES.CallExpression || this.evaluate(right.callee) !== undefined || this.evaluateHelper(right.callee) !== undefined) return undefined;
      if (TIMEOUT_WORDS.test(this.sourceCode.text.slice(right.range[0], right.range[1]))) return undefined;
      if (!right.arguments.some((argument) => argument.type !== AST_NODE_TYPES.SpreadElement && same(this.evaluate(argument)))) return undefined;
    }
    return start;
  }

  private evaluateCall(node: TSESTree.CallExpression): Value | undefined {
    const callee = unwrapExpression(node.callee);
    const moduleName = requiredModule(node);
    if (moduleName !== undefined) return this.fromModule(moduleName, '*');
    // `globalThis.fetch.bind(globalThis)`, `client.query.bind(client)`: the same function, its receiver fixed
    if (callee.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(callee) === 'bind') {
      const bound = this.evaluate(callee.object);
      if (bound && !isProjectValue(bound)) return bound;
    }
    const value = this.evaluate(callee);
    if (value && isProjectValue(value)) {
      if (value.kind === 'project-decorator') return this.decorated(node, value.parameter);
      if (value.kind !== 'project-factory') return undefined;
      return value.optionsParameter === undefined || isProjectValue(value.result) ? value.result : this.factories.givenOptions(value.result, node, value.optionsParameter);
    }
    if (value) {
      const outcome = callOf(value, node);
      const source = outcome?.optionsFromArgument === undefined ? undefined : node.arguments[outcome.optionsFromArgument];
      const configured = source && this.evaluate(source);
      if (outcome?.result && configured && !isProjectValue(configured)) return { ...outcome.result, options: configured.options };
      return outcome?.result && outcome.result.origin === node ? this.factories.readCreationArguments(outcome.result, node) : outcome?.result;
    }
    // `this.installationClient(id)`, a method of this class returning a client: what it returns says more than its
    // declared `Promise<Octokit>`, which any client (bounded or not) fits
    const ownMethod = callee.type === AST_NODE_TYPES.MemberExpression ? this.factories.result(node, callee) : undefined;
    if (ownMethod) return ownMethod;
    // `this.getFetch()` with `getFetch: () => typeof fetch`: the declared result
    const declared = this.types.ofCallResult(callee);
    if (declared) return declared;
    // `retryOnDNSFailure(fetch)`: a helper of the project handed a client may return a function that calls it
    const handed = this.project && node.arguments.findIndex((argument) => argument.type !== AST_NODE_TYPES.SpreadElement && this.evaluate(argument) !== undefined);
    if (handed !== undefined && handed >= 0) {
      const helper = this.evaluateHelper(callee);
      if (helper && isProjectValue(helper) && helper.kind === 'project-decorator' && helper.parameter === handed) return this.decorated(node, handed);
    }
    return this.factories.result(node, callee);
  }

  private decorated(call: TSESTree.CallExpression, parameter: number): Value | undefined {
    const given = call.arguments[parameter];
    return given && given.type !== AST_NODE_TYPES.SpreadElement ? this.evaluate(given) : undefined;
  }
}


/** Words in a wrapper's call that say it may bound what it wraps. */
/**
 * `pools.get(url)` as the start of a variable that the same cache is given (`pools.set(url, pool)`): the clients the
 * cache holds are those made for this variable, so it holds what its other writes make.
 */
function isCacheLookupOf(variable: Variable, init: TSESTree.Expression): boolean {
  const lookup = unwrapExpression(init);
  if (lookup.type !== AST_NODE_TYPES.CallExpression || lookup.callee.type !== AST_NODE_TYPES.MemberExpression || staticPropertyName(lookup.callee) !== 'get') return false;
  const cache = lookup.callee.object;
  if (cache.type !== AST_NODE_TYPES.Identifier && cache.type !== AST_NODE_TYPES.MemberExpression) return false;
  return variable.references.some((reference) => {
    const store = reference.identifier.parent;
    return store?.type === AST_NODE_TYPES.CallExpression && store.arguments[1] === reference.identifier && store.callee.type === AST_NODE_TYPES.MemberExpression
      && staticPropertyName(store.callee) === 'set' && sameReference(store.callee.object, cache);
  });
}

/** Two writes of a lazily made variable that make the same thing: the same client's creation, or the same class's instance. */
function sameMaking(a: Value, b: Value): boolean {
  if (isProjectValue(a) && isProjectValue(b)) return a.kind === 'project-instance' && b.kind === 'project-instance' && a.cls === b.cls;
  return !isProjectValue(a) && !isProjectValue(b) && a.kind === b.kind && a.origin === b.origin;
}

/** `pools` and `pools`, `this.pools` and `this.pools`: the same variable or field, by its spelling. */
function sameReference(a: TSESTree.Node, b: TSESTree.Node): boolean {
  if (a.type === AST_NODE_TYPES.Identifier && b.type === AST_NODE_TYPES.Identifier) return a.name === b.name;
  if (a.type === AST_NODE_TYPES.ThisExpression && b.type === AST_NODE_TYPES.ThisExpression) return true;
  return a.type === AST_NODE_TYPES.MemberExpression && b.type === AST_NODE_TYPES.MemberExpression && !a.computed && !b.computed
    && staticPropertyName(a) === staticPropertyName(b) && sameReference(a.object, b.object);
}

const TIMEOUT_WORDS = /timeout|deadline|abort|signal/i;

/** `require('x')` (also `require('x').default`, handled by members) -> 'x'. */
function requiredModule(node: TSESTree.CallExpression): string | undefined {
  const callee = node.callee;
  if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== 'require' || node.arguments.length === 0) return undefined;
  const arg = node.arguments[0]!;
  return arg.type === AST_NODE_TYPES.Literal && typeof arg.value === 'string' ? arg.value : undefined;
}
