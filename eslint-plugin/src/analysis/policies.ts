import { CALL, CONSTRUCT, ESM, ReferenceTracker, findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { memberKeyName, staticPropertyName } from './member-syntax.js';
import { unwrapExpression } from './syntax.js';
import type { ResilintSettings, WrapperSetting } from './settings.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Retry libraries whose call takes the work as a callback, by module: the export that is called ('default' too). */
const RETRYING_CALLS: Readonly<Record<string, string>> = {
  'p-retry': 'default',
  'async-retry': 'default',
  'promise-retry': 'default',
  'exponential-backoff': 'backOff',
};

/** What a policy does with a failure: turns it into a value, lets it through, or cannot be told. */
export type PolicyKind = 'fallback' | 'pass-through' | 'unknown';

/**
 * The resilience policies of one file (this runtime's, cockatiel's, opossum's breakers) and the calls of the wrappers
 * the settings name, looked up once per file, the first time a failure path meets a call that may be one.
 */
export class FilePolicies {
  private readonly fallbackPolicies = new Set<TSESTree.Node>();
  private readonly combinators = new Set<TSESTree.Node>();
  private readonly breakers = new Set<TSESTree.Node>();
  private readonly passThroughPolicies = new Set<TSESTree.Node>();
  private readonly wrapperCalls = new Set<TSESTree.Node>();
  private readonly retryingCalls = new Map<TSESTree.Node, string>();

  private found = false;

  constructor(private readonly sourceCode: SourceCode, private readonly settings: ResilintSettings) {}

  /** A call of a wrapper the settings name (`withResilience(() => ...)`): it handles its callback's failure. */
  isWrapperCall(call: TSESTree.CallExpression): boolean {
    this.find();
    return this.wrapperCalls.has(call);
  }

  /**
   * The library of a retry library's call (`pRetry(fn)`, `retry(async (bail) => ...)`): what fails in its callback
   * the last time comes out of the promise the call returns.
   */
  retryingLibrary(call: TSESTree.CallExpression): string | undefined {
    this.find();
    return this.retryingCalls.get(call);
  }

  /**
   * What a policy (`policy` in `policy.execute(fn)`) does with a failure: turns it into a value ('fallback'), lets
   * it through after retrying/timing/breaking ('pass-through'), or cannot be told ('unknown', e.g. an import).
   */
  kind(node: TSESTree.Node): PolicyKind {
    this.find();
    return this.kindOf(node, new Set());
  }

  private kindOf(node: TSESTree.Node, seen: Set<TSESTree.Node>): PolicyKind {
    const target = unwrapExpression(node);
    if (seen.has(target)) return 'unknown';
    seen.add(target);
    if (this.fallbackPolicies.has(target) || this.breakers.has(target)) return 'fallback';
    if (this.passThroughPolicies.has(target)) return 'pass-through';
    if (this.combinators.has(target) && target.type === AST_NODE_TYPES.CallExpression) {
      const kinds = target.arguments.map((arg) => this.kindOf(arg, seen));
      if (kinds.includes('fallback')) return 'fallback';
      return kinds.every((kind) => kind === 'pass-through') ? 'pass-through' : 'unknown';
    }
    if (target.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(this.sourceCode.getScope(target) as never, target) as TSESLint.Scope.Variable | null;
      const def = variable?.defs[0];
      if (def?.type === 'Variable' && def.node.init && def.node.id.type === AST_NODE_TYPES.Identifier) return this.kindOf(def.node.init, seen);
      return 'unknown';
    }
    const field = target.type === AST_NODE_TYPES.MemberExpression && target.object.type === AST_NODE_TYPES.ThisExpression && !target.computed
      ? staticPropertyName(target) : undefined;
    if (field !== undefined) {
      const initializer = classFieldInitializer(target, field);
      return initializer ? this.kindOf(initializer, seen) : 'unknown';
    }
    return 'unknown';
  }

  private find(): void {
    if (this.found) return;
    this.found = true;
    const scope = this.sourceCode.scopeManager?.globalScope;
    if (!scope) return;
    const tracker = new ReferenceTracker(scope as never);
    const policyModule = (names: Record<string, string>): Record<string | symbol, unknown> => {
      const entry: Record<string | symbol, unknown> = { [ESM]: true };
      for (const [name, info] of Object.entries(names)) entry[name] = { [CALL]: info };
      return entry;
    };
    const traceMap: Record<string, unknown> = {
      [this.settings.runtimeModule]: policyModule({
        fallback: 'fallback', pipeline: 'combinator', retry: 'policy', timeout: 'policy', circuitBreaker: 'policy', bulkhead: 'policy',
      }),
      cockatiel: policyModule({
        fallback: 'fallback', wrap: 'combinator', retry: 'policy', timeout: 'policy', circuitBreaker: 'policy', bulkhead: 'policy', noop: 'policy',
      }),
      opossum: { [ESM]: true, [CONSTRUCT]: 'breaker', default: { [CONSTRUCT]: 'breaker' } },
    };
    for (const [module, path] of Object.entries(RETRYING_CALLS)) {
      const call = { [CALL]: `retrying:${module}` };
      traceMap[module] = path === 'default' ? { [ESM]: true, ...call, default: call } : { [ESM]: true, [path]: call, default: { [path]: call } };
    }
    for (const { node, info } of [...tracker.iterateEsmReferences(traceMap as never), ...tracker.iterateCjsReferences(traceMap as never)]) {
      if (info === 'fallback') this.fallbackPolicies.add(node as TSESTree.Node);
      else if (info === 'combinator') this.combinators.add(node as TSESTree.Node);
      else if (info === 'policy') this.passThroughPolicies.add(node as TSESTree.Node);
      else if (typeof info === 'string' && info.startsWith('retrying:')) this.retryingCalls.set(node as TSESTree.Node, info.slice('retrying:'.length));
      else if (info === 'breaker') (this.breakerHasFallback(node as TSESTree.NewExpression) ? this.breakers : this.passThroughPolicies).add(node as TSESTree.Node);
    }
    for (const wrapper of this.settings.wrappers) this.findWrapperCalls(wrapper, tracker);
  }

  /** opossum: `const breaker = new CircuitBreaker(fn); breaker.fallback(...)`. */
  private breakerHasFallback(node: TSESTree.NewExpression): boolean {
    const holder = node.parent;
    let id: TSESTree.Node | undefined;
    if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.init === node) id = holder.id;
    if (holder?.type === AST_NODE_TYPES.MemberExpression && holder.object === node) {
      return !holder.computed && holder.property.type === AST_NODE_TYPES.Identifier && holder.property.name === 'fallback';
    }
    if (id?.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = findVariable(this.sourceCode.getScope(holder!) as never, id as TSESTree.Identifier) as TSESLint.Scope.Variable | null;
    return (variable?.references ?? []).some((reference) => {
      const member = reference.identifier.parent;
      return member?.type === AST_NODE_TYPES.MemberExpression && !member.computed && member.property.type === AST_NODE_TYPES.Identifier
        && member.property.name === 'fallback' && member.parent?.type === AST_NODE_TYPES.CallExpression;
    });
  }

  private findWrapperCalls(wrapper: WrapperSetting, tracker: ReferenceTracker): void {
    if (wrapper.module !== undefined) {
      const path = wrapper.export === undefined ? { [CALL]: 'wrapper' } : { [wrapper.export]: { [CALL]: 'wrapper' } };
      const entry = wrapper.export === undefined ? { [ESM]: true, [CALL]: 'wrapper', default: { [CALL]: 'wrapper' } } : { [ESM]: true, ...path, default: path };
      const traceMap = { [wrapper.module]: entry };
      for (const { node } of [...tracker.iterateEsmReferences(traceMap as never), ...tracker.iterateCjsReferences(traceMap as never)]) {
        this.wrapperCalls.add(node as TSESTree.Node);
      }
      return;
    }
    walkCalls(this.sourceCode, (call) => {
      if (calleeText(call.callee) === wrapper.member) this.wrapperCalls.add(call);
    });
  }
}

function walkCalls(sourceCode: SourceCode, visit: (call: TSESTree.CallExpression) => void): void {
  const stack: TSESTree.Node[] = [sourceCode.ast];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === AST_NODE_TYPES.CallExpression) visit(node);
    for (const key of sourceCode.visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) for (const item of child) { if (item) stack.push(item as TSESTree.Node); }
      else if (child && typeof child === 'object') stack.push(child as TSESTree.Node);
    }
  }
}

function calleeText(node: TSESTree.Node): string | undefined {
  const target = unwrapExpression(node);
  if (target.type === AST_NODE_TYPES.Identifier) return target.name;
  if (target.type === AST_NODE_TYPES.ThisExpression) return 'this';
  if (target.type === AST_NODE_TYPES.MemberExpression && !target.computed && target.property.type === AST_NODE_TYPES.Identifier) {
    const object = calleeText(target.object);
    return object === undefined ? undefined : `${object}.${target.property.name}`;
  }
  return undefined;
}
function classFieldInitializer(node: TSESTree.Node, name: string): TSESTree.Expression | undefined {
  let current = node.parent;
  while (current && current.type !== AST_NODE_TYPES.ClassBody) current = current.parent;
  if (!current) return undefined;
  for (const element of current.body) {
    if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.computed && memberKeyName(element) === name && element.value) {
      return element.value;
    }
  }
  return undefined;
}
