import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { contains, isFunction, walkSameFunction, type FunctionNode } from './loops.js';
import { enclosingClassBody, memberKeyName, staticPropertyName } from './member-syntax.js';
import { propertyKey, unwrapExpression } from './syntax.js';

// Options built by a function of the same file (`const options = crmOptions(account, route)`, `{ ...clean(opts) }`):
// what it may return, read as option-presence.ts reads a local variable, with its parameters standing for what the
// call gives them, so that a helper that copies the caller's options (`{ ...rest, followRedirect: false }`) passes
// on what they set, and one that builds a literal with no timeout visibly sets none.

type SourceCode = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;

/** A function of this file called for its result, and every value its returns give. */
export interface HelperReturns {
  readonly fn: FunctionNode;
  readonly values: readonly TSESTree.Node[];
}

/**
 * `helper(...)` where `helper` is a function of this file, declared once and never reassigned (or `this.helper(...)`, a
 * method of the class the call is in), that is neither async
 * nor a generator and returns a value on every `return` (an expression body counts as one): what those returns give.
 * A return with no value leaves the result unknown. With `awaited`, for a call whose promise is awaited, an async
 * function's returns are what the await gives too.
 */
export function helperReturns(source: SourceCode, call: TSESTree.CallExpression, { awaited = false } = {}): HelperReturns | undefined {
  const callee = unwrapExpression(call.callee);
  const fn = callee.type === AST_NODE_TYPES.Identifier ? functionNamed(source, callee) : ownMethod(callee);
  if (!fn || (fn.async && !awaited) || fn.generator) return undefined;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return { fn, values: [fn.body] };
  const values: TSESTree.Node[] = [];
  let bare = false;
  walkSameFunction(fn.body, source.visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.ReturnStatement) return;
    if (node.argument) values.push(node.argument);
    else bare = true;
  });
  return bare || values.length === 0 ? undefined : { fn, values };
}

/** The function a name of this file is declared once with and never given again. */
function functionNamed(source: SourceCode, callee: TSESTree.Identifier): FunctionNode | undefined {
  const variable = findVariable(source.getScope(callee) as never, callee) as Variable | null;
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || variable.references.some((reference) => reference.isWrite() && !reference.init)) return undefined;
  return def?.type === 'FunctionName' ? def.node as FunctionNode
    : def?.type === 'Variable' && def.node.init && isFunction(unwrapExpression(def.node.init)) ? unwrapExpression(def.node.init) as FunctionNode : undefined;
}

/** `this.requestOptions(payload)`: the method of the class the call is written in (artillery's metric reporters). */
function ownMethod(callee: TSESTree.Node): FunctionNode | undefined {
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.ThisExpression) return undefined;
  const name = staticPropertyName(callee);
  const method = name === undefined ? undefined : enclosingClassBody(callee)?.body.find((element): element is TSESTree.MethodDefinition =>
    element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'method' && !element.static && memberKeyName(element) === name);
  return method?.value.type === AST_NODE_TYPES.FunctionExpression ? method.value : undefined;
}

/**
 * What a helper's parameters stand for while its returns are read: the arguments of the call being followed. Only
 * plain parameters (`options`, not `{ url }` or `method = 'GET'`) are mapped; a spread argument maps none.
 */
export class HelperArguments {
  /** The argument a parameter was given, or null when the call leaves it out. */
  private readonly given = new Map<Variable, TSESTree.Node | null>();

  constructor(private readonly source: SourceCode) {}

  /** Runs `read` with `helper`'s plain parameters standing for the arguments `call` gives them. */
  during<T>(helper: HelperReturns, call: TSESTree.CallExpression, read: () => T): T {
    const spread = call.arguments.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement);
    const earlier = new Map<Variable, TSESTree.Node | null | undefined>();
    if (!spread) {
      for (const variable of this.source.getDeclaredVariables(helper.fn)) {
        const def = variable.defs[0];
        const index = def?.type === 'Parameter' ? helper.fn.params.indexOf(def.name as TSESTree.Parameter) : -1;
        if (index < 0) continue;
        earlier.set(variable, this.given.get(variable));
        this.given.set(variable, call.arguments[index] ?? null);
      }
    }
    try {
      return read();
    } finally {
      for (const [variable, before] of earlier) {
        if (before === undefined) this.given.delete(variable);
        else this.given.set(variable, before);
      }
    }
  }

  /** What the helper parameter `identifier` names was given (null: left out); undefined when it names no such parameter. */
  argumentOf(identifier: TSESTree.Identifier): TSESTree.Node | null | undefined {
    if (this.given.size === 0) return undefined;
    const variable = findVariable(this.source.getScope(identifier) as never, identifier) as Variable | null;
    return variable ? this.given.get(variable) : undefined;
  }

  /**
   * `const { proxy, ...rest } = options` in a helper outside the function being judged: the object `rest` is
   * taken from, and the keys named before it, which it lacks.
   */
  restOf(identifier: TSESTree.Identifier, judged: FunctionNode): { from: TSESTree.Expression; excluded: ReadonlySet<string> } | undefined {
    const variable = findVariable(this.source.getScope(identifier) as never, identifier) as Variable | null;
    const def = variable?.defs[0];
    if (!variable || variable.defs.length !== 1 || def?.type !== 'Variable' || def.parent.kind !== 'const') return undefined;
    const { id, init } = def.node;
    if (!init || id.type !== AST_NODE_TYPES.ObjectPattern || contains(judged, def.node)) return undefined;
    const excluded = new Set<string>();
    for (const property of id.properties) {
      if (property.type === AST_NODE_TYPES.RestElement) return property.argument === def.name ? { from: init, excluded } : undefined;
      const key = propertyKey(property);
      if (key === undefined) return undefined;
      excluded.add(key);
    }
    return undefined;
  }
}
