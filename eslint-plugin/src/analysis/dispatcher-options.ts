import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { libraryOf, propertyKey, unwrapExpression, type ClientValue, type InstanceOptions } from '../libraries/index.js';
import { isProjectValue, type Value } from '../project/values.js';
import { isEmptyStart, literalBranches } from './syntax.js';

/** The undici dispatcher a request names (`fetch(url, { dispatcher })`), followed to what it was created with. */
export class DispatcherOptions {
  constructor(
    private readonly references: ReadonlyMap<TSESTree.Identifier | TSESTree.JSXIdentifier, TSESLint.Scope.Reference>,
    private readonly evaluate: (node: TSESTree.Node) => Value | undefined,
  ) {}

  /**
   * `fetch(url, { dispatcher })`: the options the named undici dispatcher was created with ([] for none, [null] when
   * the dispatcher is not known), followed to its creation in this file or another module; undefined when the call
   * names no dispatcher.
   */
  optionsOf(callee: ClientValue, options: TSESTree.Node | undefined): readonly InstanceOptions[] | undefined {
    const option = libraryOf(callee.kind)?.timeout?.dispatcher?.option;
    let object = option && options ? unwrapExpression(options) : undefined;
    if (object?.type === AST_NODE_TYPES.Identifier) {
      const variable = this.references.get(object)?.resolved;
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      object = def?.type === 'Variable' && def.node.init && !variable!.references.some((reference) => reference.isWrite() && !reference.init)
        ? unwrapExpression(def.node.init) : undefined;
    }
    // `proxyUrl ? { dispatcher: new ProxyAgent(proxyUrl) } : {}`: the branch naming a dispatcher, the other setting nothing
    if (object && object.type !== AST_NODE_TYPES.ObjectExpression) object = soleBranchNaming(object, option!);
    if (object?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
    const property = this.namedProperty(object, option!, 0);
    if (!property) return undefined;
    // `proxyUrl ? new ProxyAgent(proxyUrl) : undefined`: without one, the global dispatcher, no more bounded
    const named = withoutNothingBranch(unwrapExpression(property.value));
    if (named.type === AST_NODE_TYPES.Identifier && named.name === 'undefined') return undefined;
    // `let dispatcher; if (proxy) dispatcher = new ProxyAgent(...); else if (timeout) dispatcher = new Agent(...)`:
    // on the path that sets none, the global dispatcher, no more bounded
    if (named.type === AST_NODE_TYPES.Identifier && this.mayStayUnset(named)) return undefined;
    // given a dispatcher on every path: what each was created with
    const values = named.type === AST_NODE_TYPES.Identifier ? this.assignedValues(named) : undefined;
    if (values) return values.flatMap((value) => this.createdWith(value, 0) ?? [null]);
    return this.createdWith(named, 0) ?? [null];
  }

  /**
   * The property naming the dispatcher, written in the options or spread into them from a variable of this file given
   * no other value (`const getParams = { ...params, method: 'GET' }`); later keys win, as in the object.
   */
  private namedProperty(object: TSESTree.ObjectExpression, option: string, depth: number): TSESTree.Property | undefined {
    for (const member of [...object.properties].reverse()) {
      if (member.type === AST_NODE_TYPES.Property) {
        if (propertyKey(member) === option) return member;
        continue;
      }
      const spread = unwrapExpression(member.argument);
      if (spread.type !== AST_NODE_TYPES.Identifier || depth >= 3) continue;
      const variable = this.references.get(spread)?.resolved;
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      const init = def?.type === 'Variable' && def.node.init && !variable!.references.some((reference) => reference.isWrite() && !reference.init)
        ? unwrapExpression(def.node.init) : undefined;
      const found = init?.type === AST_NODE_TYPES.ObjectExpression ? this.namedProperty(init, option, depth + 1) : undefined;
      if (found) return found;
    }
    return undefined;
  }

  /**
   * The options the undici dispatcher `node` stands for was created with. A dispatcher whose options are not known
   * here, a wrapper of undici's (`new Dispatcher1Wrapper(agent)`, `new RetryAgent(agent)`) or of the project's or
   * another package's, is as bounded as the known dispatcher it is handed: a wrapper passes requests on, its
   * timeouts are the wrapped one's. Undefined when nothing known is found.
   */
  private createdWith(node: TSESTree.Node, depth: number): readonly InstanceOptions[] | undefined {
    const dispatcher = this.evaluate(node);
    const known = dispatcher && !isProjectValue(dispatcher) && dispatcher.kind === 'undici' && dispatcher.role === 'dispatcher' ? dispatcher : undefined;
    if (known && known.options.some((options) => options !== null)) return known.options;
    if (depth > 3) return known?.options;
    const creation = this.creationExpression(node);
    for (const argument of creation?.arguments ?? []) {
      if (argument.type === AST_NODE_TYPES.SpreadElement) continue;
      const wrapped = this.createdWith(argument, depth + 1);
      if (wrapped) return wrapped;
    }
    return known?.options;
  }

  /** Every value a variable written after its declaration is given (`let dispatcher; if (...) dispatcher = ...`). */
  private assignedValues(identifier: TSESTree.Identifier): TSESTree.Node[] | undefined {
    const variable = this.references.get(identifier)?.resolved;
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.type !== 'Variable' || def.node.id !== def.name) return undefined;
    const writes = variable!.references.filter((reference) => reference.isWrite() && !reference.init);
    if (writes.length === 0) return undefined;
    const values: TSESTree.Node[] = def.node.init ? [def.node.init] : [];
    for (const write of writes) {
      const assignment = write.identifier.parent;
      if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=') return undefined;
      values.push(assignment.right);
    }
    return values;
  }

  private mayStayUnset(identifier: TSESTree.Identifier): boolean {
    const variable = this.references.get(identifier)?.resolved;
    return variable !== null && variable !== undefined && mayStayUnset(variable);
  }

  /** The `new X(...)` or `x(...)` an expression holds, through `const` variables of this file. */
  private creationExpression(node: TSESTree.Node): TSESTree.NewExpression | TSESTree.CallExpression | undefined {
    let current = unwrapExpression(node);
    for (let hops = 0; current.type === AST_NODE_TYPES.Identifier && hops < 3; hops++) {
      const variable = this.references.get(current)?.resolved;
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (def?.type !== 'Variable' || !def.node.init || def.node.id !== def.name || variable!.references.some((reference) => reference.isWrite() && !reference.init)) return undefined;
      current = unwrapExpression(def.node.init);
    }
    return current.type === AST_NODE_TYPES.NewExpression || current.type === AST_NODE_TYPES.CallExpression ? current : undefined;
  }
}

/** A variable declared with no value whose every later value is given on some paths only (`let dispatcher; if (cidr) dispatcher = ...`). */
export function mayStayUnset(variable: TSESLint.Scope.Variable): boolean {
  const def = variable.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'Variable' || def.node.init || def.node.id !== def.name) return false;
  const declaration = def.node.parent;
  const block = declaration?.parent;
  if (!block || !('body' in block) || !Array.isArray(block.body)) return false;
  const after = (block.body as TSESTree.Node[]).slice((block.body as TSESTree.Node[]).indexOf(declaration!) + 1);
  const written = new Set(variable.references.filter((reference) => reference.isWrite()).map((reference) => reference.identifier));
  const assigns = (statement: TSESTree.Node | null | undefined): boolean => {
    if (!statement) return false;
    if (statement.type === AST_NODE_TYPES.BlockStatement) return statement.body.some(assigns);
    if (statement.type === AST_NODE_TYPES.IfStatement) return assigns(statement.consequent) && assigns(statement.alternate);
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
    const expression = statement.expression;
    return expression.type === AST_NODE_TYPES.AssignmentExpression && written.has(expression.left as TSESTree.Identifier);
  };
  return written.size > 0 && !after.some(assigns);
}

/** The one object literal of a condition's branches that sets `option`, when every other branch sets nothing. */
function soleBranchNaming(node: TSESTree.Node, option: string): TSESTree.ObjectExpression | undefined {
  const branches = literalBranches(node);
  if (!branches) return undefined;
  const naming = branches.filter((branch) => branch.properties.length > 0);
  const [only] = naming;
  return naming.length === 1 && only!.properties.some((property) => property.type === AST_NODE_TYPES.Property && propertyKey(property) === option) ? only : undefined;
}

/** `cond ? x : undefined`, `cond && x`: `x`. */
function withoutNothingBranch(node: TSESTree.Node): TSESTree.Node {
  if (node.type === AST_NODE_TYPES.ConditionalExpression) {
    if (isEmptyStart(node.alternate)) return unwrapExpression(node.consequent);
    if (isEmptyStart(node.consequent)) return unwrapExpression(node.alternate);
  }
  if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator === '&&') return unwrapExpression(node.right);
  return node;
}
