import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { unwrapExpression, type ClientValue, type InstanceOptions } from '../libraries/index.js';
import { getFileNodes, isFunction, type FunctionNode } from './loops.js';
import { returnedExpression } from '../project/function-returns.js';
import { passedThroughParameter } from '../project/passed-through-options.js';
import { enclosingFunction } from './protection.js';
import { creationArgument, type CreationScope } from './creation-arguments.js';
import { isUnboundedProjectConfig } from './project-config-sources.js';
import { isProjectValue, type Value } from '../project/values.js';
import { enclosingClassBody, methodFunction, staticPropertyName } from './member-syntax.js';
import { asOptionsObject, isEmptyStart } from './syntax.js';

type References = ReadonlyMap<TSESTree.Identifier | TSESTree.JSXIdentifier, TSESLint.Scope.Reference>;

/**
 * Clients made in this file: by a function or method of the file that returns one (with the options its caller gives),
 * and with their creation options read through local objects and spreads.
 */
export class SameFileFactories {
  private scope: CreationScope | undefined;
  private rootDefaultsTimeout: boolean | undefined;

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly references: References,
    private readonly evaluate: (node: TSESTree.Node) => Value | undefined,
    private readonly evaluateHelper: (node: TSESTree.Node) => Value | undefined,
    private readonly filename?: string,
  ) {}

  /** A same-file factory: `function makeClient() { return axios.create({...}) }`, or such a method of this class. */
  result(node: TSESTree.CallExpression, callee: TSESTree.Node): Value | undefined {
    const factory = this.singleReturnedExpression(callee);
    const result = factory && this.evaluate(factory.returned);
    if (!result || isProjectValue(result) || result.callerOptions?.fnStart !== factory!.fn.range[0]) return result;
    return this.givenOptions(result, node, result.callerOptions.index);
  }

  /** A factory's client created from options its caller gives (`createInstance({ baseURL })`): those first. */
  givenOptions(client: ClientValue, call: TSESTree.CallExpression, parameter: number): ClientValue {
    const given = call.arguments[parameter];
    const { callerOptions: _, ...rest } = client;
    if (given === undefined || (given.type !== AST_NODE_TYPES.SpreadElement && isEmptyStart(given))) return rest;
    // `cond ? { bodyTimeout } : undefined`: either way, what the literal sets
    const literal = given.type === AST_NODE_TYPES.SpreadElement ? undefined : asOptionsObject(given) ?? given;
    const read = literal === undefined ? undefined : creationArgument(literal, client, this.creationScope());
    return { ...rest, options: [read && read.parameter === undefined ? read.options : null, ...client.options] };
  }

  /**
   * A client created here: its options read through a local object and spreads (`axios.create(config)` with
   * `const config = { ...axios.defaults, ...customConfig }`), where the library kept them unread.
   */
  readCreationArguments(client: ClientValue, node: TSESTree.CallExpression | TSESTree.NewExpression): ClientValue {
    if (client.options.length < node.arguments.length) return client;
    let options: InstanceOptions[] | undefined;
    let callerOptions: ClientValue['callerOptions'];
    node.arguments.forEach((argument, index) => {
      const own = client.options[index];
      if (own !== null && (own === undefined || own.properties.every((property) => property.type !== AST_NODE_TYPES.SpreadElement))) return;
      if (own !== null && unwrapExpression(argument) !== own) return; // the library read its options elsewhere
      const read = creationArgument(argument, client, this.creationScope());
      if (!read) return;
      options ??= [...client.options];
      options[index] = read.options;
      if (read.parameter !== undefined) callerOptions = { index: read.parameter, fnStart: enclosingFunction(node)!.range[0] };
    });
    if (!options) return client;
    return callerOptions ? { ...client, options, callerOptions } : { ...client, options };
  }

  /** The function a callee names in this file: a function or `const` of it, or `this.method` of the enclosing class. */
  calledFunction(callee: TSESTree.Node): TSESTree.Node | null | undefined {
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const name = unwrapExpression(callee.object).type === AST_NODE_TYPES.ThisExpression ? staticPropertyName(callee) : undefined;
      const classBody = name === undefined ? undefined : enclosingClassBody(callee);
      return classBody && methodFunction(classBody, name!);
    }
    if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = this.references.get(callee)?.resolved;
    const def = variable?.defs[0];
    if (!def || variable!.defs.length > 1) return undefined;
    if (def.type === 'FunctionName') return def.node;
    return def.type === 'Variable' && def.node.id.type === AST_NODE_TYPES.Identifier ? def.node.init : undefined;
  }

  private creationScope(): CreationScope {
    this.scope ??= {
      variableOf: (identifier) => this.references.get(identifier)?.resolved ?? undefined,
      evaluate: (node) => this.evaluate(node),
      passedThroughParameter: (callee) => {
        const fn = this.calledFunction(callee);
        if (fn && isFunction(fn)) {
          const returned = returnedExpression(fn, this.sourceCode.visitorKeys);
          return returned && passedThroughParameter(this.sourceCode, fn, returned);
        }
        const helper = this.evaluateHelper(callee);
        return helper && isProjectValue(helper) && helper.kind === 'project-passthrough' ? helper.parameter : undefined;
      },
      unboundedProjectConfig: (node, words) => isUnboundedProjectConfig(node, this.sourceCode, this.filename, words),
      setsRootDefaultsTimeout: () => {
        this.rootDefaultsTimeout ??= getFileNodes(this.sourceCode).assignments.some((assignment) => {
          const left = assignment.left;
          if (left.type !== AST_NODE_TYPES.MemberExpression || staticPropertyName(left) !== 'timeout' || left.object.type !== AST_NODE_TYPES.MemberExpression
            || staticPropertyName(left.object) !== 'defaults') return false;
          const owner = this.evaluate(left.object.object);
          return owner !== undefined && !isProjectValue(owner) && owner.role === 'root';
        });
        return this.rootDefaultsTimeout;
      },
    };
    return this.scope;
  }

  private singleReturnedExpression(callee: TSESTree.Node): { fn: FunctionNode; returned: TSESTree.Expression } | undefined {
    const fn = this.calledFunction(callee);
    if (!fn || (fn.type !== AST_NODE_TYPES.FunctionDeclaration && fn.type !== AST_NODE_TYPES.FunctionExpression && fn.type !== AST_NODE_TYPES.ArrowFunctionExpression)) return undefined;
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return { fn, returned: fn.body };
    const returns = fn.body.body.filter((statement): statement is TSESTree.ReturnStatement => statement.type === AST_NODE_TYPES.ReturnStatement);
    const returned = returns.length === 1 ? returns[0]!.argument ?? undefined : undefined;
    return returned && { fn, returned };
  }
}
