import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { GLOBAL_FETCH, unwrapExpression } from '../libraries/index.js';
import type { Value } from '../project/values.js';
import { GLOBAL_OBJECTS, enclosingClassBody, staticPropertyName } from './member-syntax.js';
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
  ) {}

  /**
   * A parameter typed with a client class (`pool: Pool`, `constructor(private s3: S3Client)`), a class of the
   * project (`users: UsersClient`) or `typeof fetch` holds an instance.
   */
  ofDeclaration(name: TSESTree.Node): Value | undefined {
    const annotation = 'typeAnnotation' in name ? (name.typeAnnotation as TSESTree.TSTypeAnnotation | undefined)?.typeAnnotation : undefined;
    return annotation && this.ofType(annotation, 0);
  }

  private ofType(annotation: TSESTree.TypeNode, depth: number): Value | undefined {
    if (depth > 4) return undefined;
    if (annotation.type === AST_NODE_TYPES.TSTypeQuery) {
      // `typeof fetch` (`typeof globalThis.fetch`)
      const expression = annotation.exprName;
      const name = expression.type === AST_NODE_TYPES.Identifier ? expression.name
        : expression.type === AST_NODE_TYPES.TSQualifiedName && expression.left.type === AST_NODE_TYPES.Identifier && GLOBAL_OBJECTS.has(expression.left.name) ? expression.right.name : undefined;
      return name === 'fetch' ? GLOBAL_FETCH : undefined;
    }
    if (annotation.type === AST_NODE_TYPES.TSUnionType) {
      for (const member of annotation.types) {
        const found = this.ofType(member, depth + 1);
        if (found) return found;
      }
      return undefined;
    }
    if (annotation.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
    const typeName = annotation.typeName;
    let typeValue: Value | undefined;
    if (typeName.type === AST_NODE_TYPES.Identifier) {
      const alias = this.localTypeAlias(typeName.name);
      if (alias) return this.ofType(alias, depth + 1);
      typeValue = this.evaluateTypeIdentifier(typeName);
    } else if (typeName.type === AST_NODE_TYPES.TSQualifiedName && typeName.left.type === AST_NODE_TYPES.Identifier) {
      const namespace = this.evaluateTypeIdentifier(typeName.left);
      typeValue = namespace && member(namespace, typeName.right.name);
    }
    return typeValue && instanceOf(typeValue);
  }

  /** `type FetchFunction = typeof fetch` declared in this file. */
  private localTypeAlias(name: string): TSESTree.TypeNode | undefined {
    for (const statement of this.sourceCode.ast.body) {
      const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
      if (declaration?.type === AST_NODE_TYPES.TSTypeAliasDeclaration && declaration.id.name === name) return declaration.typeAnnotation;
    }
    return undefined;
  }

  /** `cfg.fetch` where `cfg: { fetch?: typeof fetch }`: the member's declared type says what it holds. */
  ofMember(object: TSESTree.Node, name: string): Value | undefined {
    const memberType = this.memberTypeOf(this.declaredType(object), name);
    return memberType && this.ofType(memberType, 0);
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

/** The field declaration or parameter property that declares `this.name` in the class, if one does. */
function annotatedMember(classBody: TSESTree.ClassBody, name: string): TSESTree.Node | undefined {
  for (const element of classBody.body) {
    if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.computed && element.key.type === AST_NODE_TYPES.Identifier && element.key.name === name) return element;
    if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor') {
      for (const param of element.value.params) {
        if (param.type === AST_NODE_TYPES.TSParameterProperty && param.parameter.type === AST_NODE_TYPES.Identifier && param.parameter.name === name) return param.parameter;
      }
    }
  }
  return undefined;
}
