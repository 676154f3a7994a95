import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { isProjectValue, type ClassFact, type Value, type WrapperFact } from './values.js';
import { weakness } from './wrapper-facts.js';

// A field typed with an interface of its module (`session: Session`) holds one of the classes implementing it: its
// methods are judged as theirs are.

/** The classes of the module declared to implement the interface `name` (`class ApiKeySession implements Session`). */
export function implementationsOf(ast: TSESTree.Program, name: string): (TSESTree.ClassDeclaration | TSESTree.ClassExpression)[] {
  const found: (TSESTree.ClassDeclaration | TSESTree.ClassExpression)[] = [];
  for (const statement of ast.body) {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ? statement.declaration : statement;
    if ((declaration?.type === AST_NODE_TYPES.ClassDeclaration || declaration?.type === AST_NODE_TYPES.ClassExpression)
      && (declaration.implements ?? []).some((clause) => clause.expression.type === AST_NODE_TYPES.Identifier && clause.expression.name === name)) found.push(declaration);
  }
  return found;
}

/**
 * An interface's methods as its implementations in view make them: a method is a wrapper when every implementation's
 * is one of the same client, taking its caller's options or signal in the same place (the weakest of them); anything
 * else (an implementation that makes no request, or forwards differently) leaves it unknown.
 */
export function implementedBy(name: string, implementations: readonly ClassFact[]): ClassFact {
  const methods = new Map<string, Value | null>();
  return {
    name,
    method(methodName) {
      const cached = methods.get(methodName);
      if (cached !== undefined) return cached ?? undefined;
      methods.set(methodName, null);
      let agreed: WrapperFact | undefined;
      for (const implementation of implementations) {
        const value = implementation.method(methodName);
        const wrapper = value && isProjectValue(value) && value.kind === 'project-wrapper' ? value.wrapper : undefined;
        if (!wrapper || (agreed && (wrapper.client !== agreed.client || wrapper.optionsParameter !== agreed.optionsParameter
          || wrapper.signalParameter !== agreed.signalParameter))) return undefined;
        if (!agreed || weakness(wrapper) > weakness(agreed)) agreed = wrapper;
      }
      const found: Value | undefined = agreed && { kind: 'project-wrapper', wrapper: { ...agreed, name: `${name}.${methodName}` } };
      methods.set(methodName, found ?? null);
      return found;
    },
    field: () => undefined,
    staticMember: () => undefined,
    clientBase: () => undefined,
    creationBound: () => undefined,
    creationBase: () => undefined,
  };
}
