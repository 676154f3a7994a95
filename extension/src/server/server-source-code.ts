import { VisitNodeStep } from '@eslint/plugin-kit';
import { SourceCode } from 'eslint';

/** ESLint's steps: node visits, and (from code path analysis) calls of code path event listeners. */
type TraversalSteps = ReturnType<SourceCode['traverse']>;
type Node = { type: string; parent?: Node | null } & Record<string, unknown>;
type VisitorKeys = Readonly<Record<string, readonly string[] | undefined>>;

/** Whether a rule of the lint listens to code path events, per source code (ESLint freezes a source code object). */
const codePathsNeeded = new WeakMap<object, () => boolean>();
/**
 * The steps of each top-level statement and class member, kept while the node is: the incremental parser hands on
 * the ones an edit left alone.
 */
const stepsByItem = new WeakMap<object, readonly VisitNodeStep[]>();
/** The nodes whose children are the items the incremental parser splices. */
const ITEM_LISTS = new Set(['Program', 'ClassBody']);

/**
 * ESLint's `SourceCode` for the server's lints. What the rules see is ESLint's own; only the traversal is cheaper:
 * - Code path analysis, which ESLint runs on every lint whether or not a rule listens to its events, runs only when a
 *   rule does (`needsCodePaths`, asked once the rules have registered their listeners). The plugin's rules never do.
 * - The steps of a top-level statement or class member are kept with its node, so one the incremental parser
 *   carried over unchanged from the file's last tree is not walked again. What is carried over keeps its node
 *   objects and only has its positions shifted, which steps do not hold.
 * The steps are exactly ESLint's own (same nodes, order and phases) minus the code path events, and every node gets
 * its `parent` as ESLint sets it.
 * - The index of token positions that answers `getTokenAfter` and the like (a sixth of a lint of a 1,000-line file) is
 *   built when a rule first asks such a question, which only fixes do. `tokensAndComments`, which only ESLint's core
 *   formatting rules read and the server never runs, holds the comments alone.
 */
export class ServerSourceCode extends SourceCode {
  constructor(config: SourceCode.Config, needsCodePaths: () => boolean) {
    // ESLint indexes every token's position as it constructs a source code; the tokens are hidden from it here and
    // indexed only if a rule asks a token question (`tokenStoreOf`).
    const { tokens } = config.ast;
    config.ast.tokens = [];
    try {
      super(config);
    } finally {
      config.ast.tokens = tokens;
    }
    codePathsNeeded.set(this, needsCodePaths);
  }

  override traverse(): TraversalSteps {
    const program = this.ast as unknown as Node;
    const visitorKeys = this.visitorKeys as VisitorKeys;
    // ESLint asks for the steps before it creates the rules, and sets parents while walking, which rules may read
    // as soon as they are created: walk now, choose the steps when they are iterated.
    const nodeSteps = visitSteps(program, visitorKeys);
    const withCodePaths = (): TraversalSteps => super.traverse();
    const needsCodePaths = codePathsNeeded.get(this)!;
    return {
      [Symbol.iterator]: () => (nodeSteps === undefined || needsCodePaths() ? withCodePaths() : nodeSteps)[Symbol.iterator](),
    };
  }
}

/** ESLint's node steps for the tree, reusing kept items' steps; undefined for a node type without visitor keys. */
function visitSteps(program: Node, visitorKeys: VisitorKeys): VisitNodeStep[] | undefined {
  const steps: VisitNodeStep[] = [];
  const visit = (node: Node, parent: Node | null): boolean => {
    node.parent = parent;
    const kept = parent && ITEM_LISTS.has(parent.type) ? stepsByItem.get(node) : undefined;
    if (kept) {
      for (const step of kept) steps.push(step);
      return true;
    }
    const first = steps.length;
    steps.push(new VisitNodeStep({ target: node, phase: 1, args: [node] }));
    const keys = visitorKeys[node.type];
    if (!keys) return false;
    for (const key of keys) {
      const child = node[key];
      if (Array.isArray(child)) {
        for (const item of child) if (isNode(item) && !visit(item, node)) return false;
      } else if (isNode(child) && !visit(child, node)) {
        return false;
      }
    }
    steps.push(new VisitNodeStep({ target: node, phase: 2, args: [node] }));
    if (parent && ITEM_LISTS.has(parent.type)) stepsByItem.set(node, steps.slice(first));
    return true;
  };
  return visit(program, null) ? steps : undefined;
}

function isNode(value: unknown): value is Node {
  return value !== null && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string';
}

/** ESLint's token index, the class `SourceCode` extends (not exported on its own). */
type TokenStore = Record<string, (...args: unknown[]) => unknown>;
const TokenStoreClass = Object.getPrototypeOf(SourceCode) as new (tokens: unknown[], comments: unknown[]) => TokenStore;
const tokenStores = new WeakMap<object, TokenStore>();

function tokenStoreOf(sourceCode: ServerSourceCode): TokenStore {
  let store = tokenStores.get(sourceCode);
  if (!store) {
    store = new TokenStoreClass(sourceCode.ast.tokens, sourceCode.ast.comments);
    tokenStores.set(sourceCode, store);
  }
  return store;
}

for (const name of Object.getOwnPropertyNames(TokenStoreClass.prototype)) {
  if (name === 'constructor') continue;
  Object.defineProperty(ServerSourceCode.prototype, name, {
    value(this: ServerSourceCode, ...args: unknown[]) {
      return tokenStoreOf(this)[name]!(...args);
    },
    writable: true,
    configurable: true,
  });
}
