import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { semicolon } from './code-style.js';
import { freeName, insertModuleStatement, namesInUse } from './runtime-import.js';
import type { SourceEdits } from './source-edits.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

export const BREAKER_OPTIONS = '{ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 }';

export interface BreakerPlan {
  readonly name: string;
  /** false when an earlier fix already declared this breaker at module level */
  readonly declare: boolean;
}

/**
 * The module-level circuit breaker for a dependency, `<dependency>Breaker`: reused when an earlier fix
 * already declared it (a breaker only protects if every call to the dependency shares its state), else a
 * free name to declare.
 */
export function planBreaker(sourceCode: SourceCode, dependency: string): BreakerPlan {
  // `azure-queue` names `azureQueueBreaker`: a dependency's name may hold what no identifier can
  const wanted = `${dependency.replace(/[^A-Za-z0-9_$]+(.)?/g, (_, next: string | undefined) => next?.toUpperCase() ?? '')}Breaker`;
  if (moduleBreakers(sourceCode).has(wanted)) return { name: wanted, declare: false };
  return { name: freeName(wanted, namesInUse(sourceCode)), declare: true };
}

/** Declares the planned breaker after the imports, with `circuitBreaker` reached as `circuitBreakerName`. */
export function declareBreaker(
  sourceCode: SourceCode,
  plan: BreakerPlan,
  circuitBreakerName: string,
  edits: SourceEdits,
): void {
  if (!plan.declare) return;
  insertModuleStatement(
    sourceCode,
    `const ${plan.name} = ${circuitBreakerName}(${BREAKER_OPTIONS})${semicolon(sourceCode)}`,
    edits,
  );
}

/** The top-level `const <name> = circuitBreaker(…)` declarations of the file (under any import alias). */
function moduleBreakers(sourceCode: SourceCode): ReadonlySet<string> {
  const cached = breakersCache.get(sourceCode.ast);
  if (cached) return cached;
  const names = new Set<string>();
  for (const statement of sourceCode.ast.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const') continue;
    for (const declarator of declaration.declarations) {
      const init = declarator.init;
      if (declarator.id.type !== 'Identifier' || init?.type !== 'CallExpression') continue;
      const callee = init.callee;
      const calleeName =
        callee.type === 'Identifier'
          ? callee.name
          : callee.type === 'MemberExpression' && callee.property.type === 'Identifier'
            ? callee.property.name
            : undefined;
      if (calleeName !== undefined && /circuitBreaker$/i.test(calleeName)) names.add(declarator.id.name);
    }
  }
  breakersCache.set(sourceCode.ast, names);
  return names;
}

const breakersCache = new WeakMap<TSESTree.Program, ReadonlySet<string>>();
