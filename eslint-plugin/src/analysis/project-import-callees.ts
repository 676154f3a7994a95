import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import type { Evaluator } from './evaluator.js';
import { staticPropertyName } from './member-syntax.js';
import { packageFieldValue } from '../project/fields.js';
import { isProjectExternalSource, type ProjectContext } from '../project/summaries.js';
type Variable = TSESLint.Scope.Variable;

/**
 * For a file the external-call index looks at only because it imports a module of the project that may export
 * something external (it imports no client, names no fetch, requires nothing, and no custom client is a member
 * path): whether a call's callee can be anything the evaluator knows. A name, or a member path from one, whose root
 * is a global (`console.log`, `Object.keys`), an import of any other module (`useState`, `i18n.t`), or a `const`
 * given once what is itself nothing (`const { t } = useTranslation()`, `const [open, setOpen] = useState(false)`) is
 * nothing to it: a global is only ever the fetch, an import from a library module binds no client (else the file
 * would have passed the pre-check on it), an import of another project module has no summary to give, and none of
 * them has a declared type or an object literal behind it. What remains is what a member path's names may be in the
 * package's fields (`$.http`), asked as the evaluator asks it. Every other callee (a parameter, `this`, a call, a
 * local function) is evaluated: it can hold what an import gives, and local functions' summaries need reading. Most
 * calls of a component that imports a model only for its type or its own methods are skipped this way, before the
 * evaluator and the summaries it would ask for.
 */
export class ProjectImportCallees {
  /** Import sources: whether each is a module of the project that may export something external. */
  private readonly sources = new Map<string, boolean>();
  /** Variables of the file: whether the evaluator may give each a value (false: it certainly gives none). */
  private readonly variables = new Map<Variable, boolean>();

  constructor(private readonly evaluator: Evaluator, private readonly project: ProjectContext) {}

  /** Whether the evaluator may know what `callee` is (false: it certainly knows nothing of it). */
  mayBeKnown(callee: TSESTree.Node, depth = 0): boolean {
    let node = callee;
    for (;;) {
      if (node.type === AST_NODE_TYPES.ChainExpression || node.type === AST_NODE_TYPES.TSNonNullExpression) {
        node = node.expression;
      } else if (node.type === AST_NODE_TYPES.MemberExpression) {
        const name = staticPropertyName(node);
        if (name !== undefined && (name === 'fetch' || name === '$fetch' || packageFieldValue(this.project, name) !== undefined)) return true;
        node = node.object;
      } else {
        break;
      }
    }
    if (node.type !== AST_NODE_TYPES.Identifier) return true;
    const variable = this.evaluator.variableOf(node);
    // `require` too: the text test that lets a `require(` through misses `require ('x')`
    if (!variable || variable.defs.length === 0) return node.name === 'fetch' || node.name === '$fetch' || node.name === 'require';
    const def = variable.defs.length === 1 ? variable.defs[0]! : undefined;
    if (def?.type === 'Variable') return depth >= MAX_DEPTH || this.variableMayBeKnown(variable, def.node, depth);
    const declaration = def?.type === 'ImportBinding' ? def.node.parent : undefined;
    if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration) return true;
    const source = declaration.source.value;
    let external = this.sources.get(source);
    if (external === undefined) {
      external = isProjectExternalSource(source, this.project);
      this.sources.set(source, external);
    }
    return external;
  }

  /**
   * A `const` given once what the evaluator knows nothing of (`const { t } = useTranslation()`, `const [open,
   * setOpen] = useState(false)`: an array pattern is never followed). Anything written to it later, a declared type
   * without a value, or a local function or class (their summaries are read) may be known.
   */
  private variableMayBeKnown(variable: Variable, declarator: TSESTree.VariableDeclarator, depth: number): boolean {
    const cached = this.variables.get(variable);
    if (cached !== undefined) return cached;
    this.variables.set(variable, true); // cycles: known, to be safe
    const init = declarator.init;
    let known = true;
    if (init && !variable.references.some((reference) => reference.isWrite() && !reference.init)) {
      if (declarator.id.type === AST_NODE_TYPES.ArrayPattern) known = false;
      else if (declarator.id.type === AST_NODE_TYPES.ObjectPattern || declarator.id.type === AST_NODE_TYPES.Identifier) known = this.valueMayBeKnown(init, depth + 1);
    }
    this.variables.set(variable, known);
    return known;
  }

  /** Whether the evaluator may give `node` a value, reading it as a variable's value or a call's argument. */
  private valueMayBeKnown(node: TSESTree.Node, depth: number): boolean {
    switch (node.type) {
      case AST_NODE_TYPES.Literal:
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.ObjectExpression:
      case AST_NODE_TYPES.ArrayExpression:
        // as an argument nothing; as a value of a name, a function's or an object's members may be read
        return node.parent?.type === AST_NODE_TYPES.VariableDeclarator && node.type !== AST_NODE_TYPES.Literal && node.type !== AST_NODE_TYPES.TemplateLiteral;
      case AST_NODE_TYPES.AwaitExpression:
        return this.valueMayBeKnown(node.argument, depth);
      case AST_NODE_TYPES.Identifier:
      case AST_NODE_TYPES.MemberExpression:
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
        return this.mayBeKnown(node, depth);
      case AST_NODE_TYPES.CallExpression:
        // what the callee returns, or what a helper does with an argument the evaluator knows
        return this.mayBeKnown(node.callee, depth) || node.arguments.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement || this.valueMayBeKnown(argument, depth));
      default:
        return true;
    }
  }
}

/** How far names given by names are followed before the answer is "may be known". */
const MAX_DEPTH = 4;
