import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import type { Evaluator } from './evaluator.js';
import { staticPropertyName } from './member-syntax.js';
import { packageFieldValue } from '../project/fields.js';
import { isProjectExternalSource, type ProjectContext } from '../project/summaries.js';

/**
 * For a file the external-call index looks at only because it imports a module of the project that may export
 * something external (it imports no client, names no fetch, requires nothing, and no custom client is a member
 * path): whether a call's callee can be anything the evaluator knows. A name, or a member path from one
 * (`console.log`, `useState`, `i18n.t`, `Object.keys`), whose root is a global or an import of any other module
 * is nothing to it: a global is only ever the fetch, an import from a library module binds no client (else the file
 * would have passed the pre-check on it), and an import of another project module has no summary to give; neither
 * has a declared type or an object literal behind it. What remains is what a member path's last names may be in
 * the package's fields (`$.http`), which is asked as the evaluator asks it. Every other callee (a local name, `this`,
 * a call, an assertion) is evaluated: locals can hold what an import gives, and summaries of local functions need
 * reading. Most calls of a component that imports a model only for its type are skipped this way, before the
 * evaluator and the summaries it would ask for.
 */
export function calleeMayBeKnown(callee: TSESTree.Node, evaluator: Evaluator, project: ProjectContext, sources: Map<string, boolean>): boolean {
  let node = callee;
  for (;;) {
    if (node.type === AST_NODE_TYPES.ChainExpression || node.type === AST_NODE_TYPES.TSNonNullExpression) {
      node = node.expression;
    } else if (node.type === AST_NODE_TYPES.MemberExpression) {
      const name = staticPropertyName(node);
      if (name !== undefined && (name === 'fetch' || name === '$fetch' || packageFieldValue(project, name) !== undefined)) return true;
      node = node.object;
    } else {
      break;
    }
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return true;
  const variable = evaluator.variableOf(node);
  if (!variable || variable.defs.length === 0) return node.name === 'fetch' || node.name === '$fetch';
  const def = variable.defs.length === 1 ? variable.defs[0] : undefined;
  const declaration = def?.type === 'ImportBinding' ? def.node.parent : undefined;
  if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration) return true;
  const source = declaration.source.value;
  let external = sources.get(source);
  if (external === undefined) {
    external = isProjectExternalSource(source, project);
    sources.set(source, external);
  }
  return external;
}
