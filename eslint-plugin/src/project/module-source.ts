import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { loadModuleParser, type ModuleParser } from './typescript.js';

/**
 * Another module of the project, parsed for its summary by @typescript-eslint's parser and scope analysis (no program,
 * no type information, no tokens or comments) and shaped like the SourceCode the analyses read (text, ast,
 * scopeManager, visitorKeys, getScope), so that the same Evaluator and protection analysis run on it unchanged.
 */
export type ModuleSource = Readonly<TSESLint.SourceCode>;

/** Larger files are generated code or bundles, not where a project keeps its wrappers: they are not summarised. */
export const MAX_MODULE_SIZE = 400_000;

export function parseModule(path: string, text: string): ModuleSource | undefined {
  const parser = loadModuleParser();
  if (text.length > MAX_MODULE_SIZE || !parser) return undefined;
  let ast: TSESTree.Program;
  let scopeManager: ReturnType<ModuleParser['scopes']['analyze']>;
  try {
    ast = parser.estree.parse(text, {
      filePath: path,
      range: true,
      loc: true, // computed in any case: asking for none only adds a walk deleting them
      comment: false,
      tokens: false,
      jsDocParsingMode: 'none',
      // `<T>x` is a cast in .ts files; everywhere else `<` may open JSX.
      jsx: !/\.[mc]?ts$/.test(path),
    });
    // No lib globals: an unresolved `fetch` is the global one all the same, and they are a third of the analysis.
    scopeManager = parser.scopes.analyze(ast, { sourceType: 'module', lib: [] });
  } catch {
    return undefined; // a module that does not parse has no summary
  }
  const visitorKeys = parser.visitorKeys;
  setParents(ast, visitorKeys as TSESLint.SourceCode.VisitorKeys);
  const source = {
    text,
    ast,
    scopeManager,
    visitorKeys,
    getScope(node: TSESTree.Node) {
      const inner = node.type !== 'Program';
      for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
        const scope = scopeManager.acquire(current, inner);
        if (scope) return scope.type === 'function-expression-name' ? scope.childScopes[0]! : scope;
      }
      return scopeManager.scopes[0]!;
    },
    getDeclaredVariables: (node: TSESTree.Node) => scopeManager.getDeclaredVariables(node),
    getText: (node?: TSESTree.Node) => (node ? text.slice(node.range[0], node.range[1]) : text),
  };
  notePath(ast, path);
  return source as unknown as ModuleSource;
}

/** Where each parsed module (and linted file the project model reads) lives, for readings that follow its imports. */
const paths = new WeakMap<TSESTree.Program, string>();

export function notePath(program: TSESTree.Program, path: string): void {
  paths.set(program, path);
}

/** The path of a module parsed here, or of a linted file noted by the external-call index. */
export function pathOf(program: TSESTree.Program): string | undefined {
  return paths.get(program);
}

/** ESLint sets `parent` during its traversal; a module parsed here gets them in one walk. */
function setParents(root: TSESTree.Node, visitorKeys: TSESLint.SourceCode.VisitorKeys): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const key of visitorKeys[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const child of value) {
          if (child && typeof child === 'object') {
            (child as { parent: TSESTree.Node }).parent = node;
            stack.push(child as TSESTree.Node);
          }
        }
      } else if (value && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string') {
        (value as { parent: TSESTree.Node }).parent = node;
        stack.push(value as TSESTree.Node);
      }
    }
  }
}

/**
 * A parse of modules kept by path while their text stays the same (an editor's change or a write parses again), for
 * analyses that read a few modules beside the project's summaries; past `max` modules the oldest are dropped, as a
 * process lints many apps.
 */
export function parsedModuleCache(max: number): (path: string, text: string) => ModuleSource | undefined {
  const modules = new Map<string, { readonly text: string; readonly sourceCode: ModuleSource | undefined }>();
  return (path, text) => {
    const known = modules.get(path);
    if (known?.text === text) return known.sourceCode;
    if (modules.size >= max) modules.delete(modules.keys().next().value!);
    const sourceCode = parseModule(path, text);
    modules.set(path, { text, sourceCode });
    return sourceCode;
  };
}
