import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { FETCH_TYPE, GLOBAL_FETCH, propertyKey, unwrapExpression } from '../libraries/index.js';
import { isProjectValue, type Value } from '../project/values.js';
import { GLOBAL_OBJECTS, enclosingClassBody, memberKeyName, staticPropertyName } from './member-syntax.js';
import { importedMemberType } from './imported-member-types.js';
import { instanceOf, member } from './value-operations.js';

type Variable = TSESLint.Scope.Variable;

/**
 * Type annotations as evidence, without the type checker: what a parameter, field or member declared with a client's
 * type (`pool: Pool`, `private http: HttpService`, `fetch?: typeof fetch`) holds.
 */
export class DeclaredTypes {
  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly references: ReadonlyMap<TSESTree.Identifier | TSESTree.JSXIdentifier, TSESLint.Scope.Reference>,
    private readonly evaluateVariable: (variable: Variable) => Value | undefined,
    /** What `imported` of module `specifier` is, seen from the module at `fromFile` (a library's or the project's). */
    private readonly importFrom: (specifier: string, imported: string, fromFile: string) => Value | undefined = () => undefined,
  ) {}

  /**
   * A parameter typed with a client class (`pool: Pool`, `constructor(private s3: S3Client)`), a class of the
   * project (`users: UsersClient`) or `typeof fetch` holds an instance.
   */
  ofDeclaration(name: TSESTree.Node): Value | undefined {
    const annotation = 'typeAnnotation' in name ? (name.typeAnnotation as TSESTree.TSTypeAnnotation | undefined)?.typeAnnotation : undefined;
    const declared = annotation ?? this.destructuredType(name);
    return declared && this.ofType(declared, 0);
  }

  /**
   * A module's `let` an adapter sets at start-up through the module's setter (`export let runtimeFetch: FetchFn = stub`,
   * then `setFetch(globalThis.fetch)`): what its declared type says it holds, fetch's signature written out included,
   * as an injected fetch is (the stub it starts with only throws until then).
   */
  ofSetAtRuntime(name: TSESTree.Identifier): Value | undefined {
    const annotation = name.typeAnnotation?.typeAnnotation;
    const held = annotation && this.ofType(annotation, 0, true);
    // a client class's type alone leaves out the options it is made with, which the assignments say (evaluator.ts)
    return held && !isProjectValue(held) && held.kind === 'fetch' ? held : undefined;
  }

  /** `value as S3Client`: what an expression is said to be, when that is a client's type. */
  ofAssertion(node: TSESTree.TSAsExpression): Value | undefined {
    return this.ofType(node.typeAnnotation, 0);
  }

  /** `{ fetch, url }: { fetch: F; url: string }`: a name destructured from a typed parameter has its member's type. */
  private destructuredType(name: TSESTree.Node): TSESTree.TypeNode | undefined {
    const holder = name.parent?.type === AST_NODE_TYPES.AssignmentPattern && name.parent.left === name ? name.parent : name;
    const property = holder.parent;
    if (property?.type !== AST_NODE_TYPES.Property || property.value !== holder || property.parent?.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
    const key = propertyKey(property);
    const patternType = property.parent.typeAnnotation?.typeAnnotation;
    return key === undefined ? undefined : this.memberTypeOf(patternType, key);
  }

  /**
   * What calling `callee` gives, by its declared function type: `this.getFetch()` with `getFetch: () => typeof
   * fetch`, `this.config.fetch()` with `config: { fetch: () => FetchFn }`.
   */
  ofCallResult(callee: TSESTree.Node): Value | undefined {
    const target = unwrapExpression(callee);
    let declared: TSESTree.TypeNode | undefined;
    if (target.type === AST_NODE_TYPES.MemberExpression && target.object.type !== AST_NODE_TYPES.ThisExpression) {
      const name = staticPropertyName(target);
      declared = name === undefined ? undefined : this.memberTypeOf(this.declaredType(target.object), name);
    } else {
      declared = this.declaredType(target);
    }
    const returned = declared?.type === AST_NODE_TYPES.TSFunctionType ? declared.returnType?.typeAnnotation : undefined;
    return returned && this.ofType(returned, 0);
  }

  /** `get fetch(): FetchFn` in the class: what the getter's declared type says it gives. */
  ofGetter(classBody: TSESTree.ClassBody, name: string): Value | undefined {
    for (const element of classBody.body) {
      if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'get' && !element.static && memberKeyName(element) === name) {
        const returned = element.value.returnType?.typeAnnotation;
        return returned && this.ofType(returned, 0);
      }
    }
    return undefined;
  }

  /**
   * `signatures`: fetch's signature written out (`FETCH_TYPE`) types a fetch only on a member of an options or config
   * object (`cfg.fetch`), where an SDK keeps the fetch its users inject; a parameter or field typed that way is often
   * the SDK's own fetch-like layer, whose calls are judged through what it is given.
   */
  private ofType(annotation: TSESTree.TypeNode, depth: number, signatures = false): Value | undefined {
    if (depth > 4) return undefined;
    if (annotation.type === AST_NODE_TYPES.TSTypeQuery) return isTypeofFetch(annotation) ? GLOBAL_FETCH : undefined;
    if (isFetchSignature(annotation)) return signatures ? GLOBAL_FETCH : undefined;
    if (annotation.type === AST_NODE_TYPES.TSUnionType) {
      for (const member of annotation.types) {
        const found = this.ofType(member, depth + 1, signatures);
        if (found) return found;
      }
      return undefined;
    }
    if (annotation.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
    const typeName = annotation.typeName;
    if (typeName.type === AST_NODE_TYPES.Identifier && typeName.name === 'ReturnType') return this.factoryResult(annotation);
    if (typeName.type === AST_NODE_TYPES.Identifier) {
      const alias = this.localTypeAlias(typeName.name) ?? typeParameterConstraint(annotation, typeName.name);
      if (alias) return this.ofType(alias, depth + 1, signatures);
    }
    const typeValue = this.namedType(annotation, depth);
    return typeValue && (signatures || typeValue !== FETCH_TYPE) ? instanceOf(typeValue) : undefined;
  }

  /**
   * `ReturnType<typeof createClient>`: what the project's factory returns, when it is a client made the same way
   * whoever calls it (not from options its callers pass).
   */
  private factoryResult(annotation: TSESTree.TSTypeReference): Value | undefined {
    const query = annotation.typeArguments?.params[0];
    if (query?.type !== AST_NODE_TYPES.TSTypeQuery || query.exprName.type !== AST_NODE_TYPES.Identifier) return undefined;
    const factory = this.evaluateTypeIdentifier(query.exprName);
    return factory && isProjectValue(factory) && factory.kind === 'project-factory' && factory.optionsParameter === undefined ? factory.result : undefined;
  }

  /**
   * The class or type a type reference names (`RedisClientType<M>`, `Minio.Client`), not an instance of it, through
   * this file's aliases: what a module exports under `export type RedisClient = RedisClientType<M>`.
   */
  namedType(annotation: TSESTree.TypeNode, depth = 0): Value | undefined {
    if (isFetchSignature(annotation) || isTypeofFetch(annotation)) return FETCH_TYPE;
    if (depth > 4 || annotation.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
    const typeName = annotation.typeName;
    if (typeName.type === AST_NODE_TYPES.Identifier) {
      const alias = this.localTypeAlias(typeName.name);
      if (alias) return this.namedType(alias, depth + 1);
      return this.evaluateTypeIdentifier(typeName);
    }
    if (typeName.type === AST_NODE_TYPES.TSQualifiedName && typeName.left.type === AST_NODE_TYPES.Identifier) {
      const namespace = this.evaluateTypeIdentifier(typeName.left);
      return namespace && member(namespace, typeName.right.name);
    }
    return undefined;
  }

  /** `type FetchFunction = typeof fetch` declared in this file. */
  private localTypeAlias(name: string): TSESTree.TypeNode | undefined {
    for (const statement of this.sourceCode.ast.body) {
      const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
      if (declaration?.type === AST_NODE_TYPES.TSTypeAliasDeclaration && declaration.id.name === name) return declaration.typeAnnotation;
    }
    return undefined;
  }

  /**
   * The names a computed key may take, by its declared type: `kind: 'issues' | 'teams'`, or such a union declared in
   * this file as a type (`kind: Listable`). Undefined when the type does not list them.
   */
  keyNames(key: TSESTree.Node): string[] | undefined {
    const names: string[] = [];
    const collect = (type: TSESTree.TypeNode | undefined, depth: number): boolean => {
      if (!type || depth > 3) return false;
      if (type.type === AST_NODE_TYPES.TSUnionType) return type.types.every((part) => collect(part, depth));
      if (type.type === AST_NODE_TYPES.TSLiteralType) {
        if (type.literal.type !== AST_NODE_TYPES.Literal || typeof type.literal.value !== 'string') return false;
        names.push(type.literal.value);
        return true;
      }
      return type.type === AST_NODE_TYPES.TSTypeReference && type.typeName.type === AST_NODE_TYPES.Identifier && !type.typeArguments
        && collect(this.localTypeAlias(type.typeName.name), depth + 1);
    };
    return collect(this.declaredType(key), 0) && names.length > 0 ? names : undefined;
  }

  /** `cfg.fetch` where `cfg: { fetch?: typeof fetch }`: the member's declared type says what it holds. */
  ofMember(object: TSESTree.Node, name: string): Value | undefined {
    const declared = this.declaredType(object);
    const memberType = this.memberTypeOf(declared, name);
    if (memberType) return this.ofType(memberType, 0, true);
    // `ctx.http` with `ctx: Context` imported from the project: the class the member is declared with there
    if (declared?.type !== AST_NODE_TYPES.TSTypeReference || declared.typeName.type !== AST_NODE_TYPES.Identifier || declared.typeArguments) return undefined;
    const found = importedMemberType(this.sourceCode, declared.typeName.name, name);
    const declaredClass = found && this.importFrom(found.specifier, found.imported, found.modulePath);
    return declaredClass && instanceOf(declaredClass);
  }

  /** The declared type of member `name` of an interface or type literal of this file (`fetch?: typeof fetch`). */
  private memberTypeOf(annotation: TSESTree.TypeNode | undefined, name: string): TSESTree.TypeNode | undefined {
    let members: readonly TSESTree.TypeElement[] | undefined;
    if (annotation?.type === AST_NODE_TYPES.TSTypeLiteral) members = annotation.members;
    else if (annotation?.type === AST_NODE_TYPES.TSTypeReference && annotation.typeName.type === AST_NODE_TYPES.Identifier) {
      const typeName = annotation.typeName.name;
      for (const statement of this.sourceCode.ast.body) {
        const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
        if (declaration?.type === AST_NODE_TYPES.TSInterfaceDeclaration && declaration.id.name === typeName) members = declaration.body.body;
        if (declaration?.type === AST_NODE_TYPES.TSTypeAliasDeclaration && declaration.id.name === typeName) return this.memberTypeOf(declaration.typeAnnotation, name);
      }
    }
    for (const element of members ?? []) {
      if (element.type === AST_NODE_TYPES.TSPropertySignature && !element.computed && element.key.type === AST_NODE_TYPES.Identifier && element.key.name === name) {
        return element.typeAnnotation?.typeAnnotation;
      }
    }
    return undefined;
  }

  /** The declared type of what `node` names: a parameter's or a class field's annotation. */
  private declaredType(node: TSESTree.Node): TSESTree.TypeNode | undefined {
    const target = unwrapExpression(node);
    let holder: TSESTree.Node | undefined;
    if (target.type === AST_NODE_TYPES.Identifier) {
      const def = this.references.get(target)?.resolved?.defs[0];
      if (def?.type === 'Parameter' || (def?.type === 'Variable' && !def.node.init)) holder = def.name;
    } else if (target.type === AST_NODE_TYPES.MemberExpression && target.object.type === AST_NODE_TYPES.ThisExpression) {
      const classBody = enclosingClassBody(target);
      const name = staticPropertyName(target);
      if (classBody && name !== undefined) holder = annotatedMember(classBody, name);
    }
    return holder && 'typeAnnotation' in holder ? (holder.typeAnnotation as TSESTree.TSTypeAnnotation | undefined)?.typeAnnotation : undefined;
  }

  private evaluateTypeIdentifier(node: TSESTree.Identifier): Value | undefined {
    const reference = this.references.get(node);
    if (reference?.resolved) return this.evaluateVariable(reference.resolved);
    // Type references are not always recorded; fall back to the module scope's binding of that name.
    const moduleScope = this.sourceCode.scopeManager?.scopes.find((scope) => scope.type === 'module') ?? this.sourceCode.scopeManager?.globalScope;
    const variable = moduleScope?.set.get(node.name);
    return variable ? this.evaluateVariable(variable) : undefined;
  }
}

/** `typeof fetch`, `typeof globalThis.fetch`. */
function isTypeofFetch(annotation: TSESTree.TypeNode): boolean {
  if (annotation.type !== AST_NODE_TYPES.TSTypeQuery) return false;
  const expression = annotation.exprName;
  const name = expression.type === AST_NODE_TYPES.Identifier ? expression.name
    : expression.type === AST_NODE_TYPES.TSQualifiedName && expression.left.type === AST_NODE_TYPES.Identifier && GLOBAL_OBJECTS.has(expression.left.name) ? expression.right.name : undefined;
  return name === 'fetch';
}

/**
 * Fetch's own signature written out, `(input: string | URL | Request, init?: RequestInit) => Promise<Response>`: an
 * SDK's injectable `Fetch` type. The init must be fetch's (`RequestInit`), so a caller can give it a signal.
 */
function isFetchSignature(annotation: TSESTree.TypeNode): boolean {
  if (annotation.type === AST_NODE_TYPES.TSFunctionType && takesFetchArguments(annotation)) return promises(annotation, 'Response');
  if (annotation.type !== AST_NODE_TYPES.TSFunctionType || annotation.params.length !== 2) return false;
  const init = annotation.params[1]!;
  const initType = 'typeAnnotation' in init ? (init.typeAnnotation as TSESTree.TSTypeAnnotation | undefined)?.typeAnnotation : undefined;
  const returned = annotation.returnType?.typeAnnotation;
  const promised = returned?.type === AST_NODE_TYPES.TSTypeReference && returned.typeName.type === AST_NODE_TYPES.Identifier && returned.typeName.name === 'Promise'
    ? returned.typeArguments?.params[0] : undefined;
  return namesType(initType, 'RequestInit') && namesType(promised, 'Response');
}

/** `(...params: Parameters<typeof fetch>) =>`: fetch's own arguments, whatever they are. */
function takesFetchArguments(annotation: TSESTree.TSFunctionType): boolean {
  const [rest, ...others] = annotation.params;
  if (others.length > 0 || rest?.type !== AST_NODE_TYPES.RestElement) return false;
  const declared = rest.typeAnnotation?.typeAnnotation;
  const argument = declared?.type === AST_NODE_TYPES.TSTypeReference && namesType(declared, 'Parameters') ? declared.typeArguments?.params[0] : undefined;
  return argument !== undefined && isTypeofFetch(argument);
}

function promises(annotation: TSESTree.TSFunctionType, name: string): boolean {
  const returned = annotation.returnType?.typeAnnotation;
  const promised = returned?.type === AST_NODE_TYPES.TSTypeReference && returned.typeName.type === AST_NODE_TYPES.Identifier && returned.typeName.name === 'Promise'
    ? returned.typeArguments?.params[0] : undefined;
  return namesType(promised, name);
}

function namesType(annotation: TSESTree.TypeNode | undefined, name: string): boolean {
  return annotation?.type === AST_NODE_TYPES.TSTypeReference && annotation.typeName.type === AST_NODE_TYPES.Identifier && annotation.typeName.name === name;
}

/** `<F extends typeof fetch>` on a function or class around the annotation: a type parameter stands for its constraint. */
function typeParameterConstraint(annotation: TSESTree.Node, name: string): TSESTree.TypeNode | undefined {
  for (let current = annotation.parent; current; current = current.parent) {
    // (a call's `typeParameters` are type arguments, not declarations)
    const declaration = 'typeParameters' in current ? current.typeParameters as TSESTree.Node | undefined : undefined;
    if (declaration?.type !== AST_NODE_TYPES.TSTypeParameterDeclaration) continue;
    const declared = declaration.params.find((parameter) => parameter.name.name === name);
    if (declared) return declared.constraint;
  }
  return undefined;
}

/** The field declaration or parameter property that declares `this.name` in the class, if one does. */
function annotatedMember(classBody: TSESTree.ClassBody, name: string): TSESTree.Node | undefined {
  for (const element of classBody.body) {
    if (element.type === AST_NODE_TYPES.PropertyDefinition && memberKeyName(element) === name) return element;
    if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor') {
      for (const param of element.value.params) {
        if (param.type === AST_NODE_TYPES.TSParameterProperty && param.parameter.type === AST_NODE_TYPES.Identifier && param.parameter.name === name) return param.parameter;
      }
    }
  }
  return undefined;
}
