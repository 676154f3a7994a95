import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';

/**
 * The shape of a script by its code: a module that exports nothing and runs itself when loaded, by calling a
 * function of its own at its top level (`main()`, `main().catch(fail)`, `void run()`), by an immediately invoked
 * function (`(async () => { ... })()`), or by awaiting at its top level. Such a module is run, not imported: whether
 * it is product code (a package's command, a service's entry) or a one-off script kept among the sources (a
 * configuration push, a data fix) is for its package and its importers to say (see `isUnshippedEntryScript`).
 */
export function runsItselfAtTopLevel(program: TSESTree.Program): boolean {
  const ownFunctions = new Set<string>();
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.FunctionDeclaration && statement.id) ownFunctions.add(statement.id.name);
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of statement.declarations) {
      const init = declarator.init;
      if (declarator.id.type === AST_NODE_TYPES.Identifier && init && (init.type === AST_NODE_TYPES.ArrowFunctionExpression || init.type === AST_NODE_TYPES.FunctionExpression)) {
        ownFunctions.add(declarator.id.name);
      }
    }
  }
  let runs = false;
  for (const statement of program.body) {
    if (exports(statement)) return false;
    runs ||= runsOwnCode(statement, ownFunctions);
  }
  return runs;
}

/** `export ...`, `module.exports = ...`, `exports.x = ...`: the module gives something to its importers. */
function exports(statement: TSESTree.ProgramStatement): boolean {
  if (
    statement.type === AST_NODE_TYPES.ExportNamedDeclaration
    || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration
    || statement.type === AST_NODE_TYPES.ExportAllDeclaration
    || statement.type === AST_NODE_TYPES.TSExportAssignment
  ) {
    return true;
  }
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.AssignmentExpression) return false;
  let target: TSESTree.Node = statement.expression.left;
  while (target.type === AST_NODE_TYPES.MemberExpression) target = target.object;
  return target.type === AST_NODE_TYPES.Identifier && (target.name === 'module' || target.name === 'exports');
}

/**
 * A top-level statement that runs the module's own work: a call of one of its functions or of a function written in
 * place, possibly chained (`.then`, `.catch`, `.finally`), voided or awaited; any top-level `await`; either of them
 * under `if (require.main === module)` or a like test.
 */
function runsOwnCode(statement: TSESTree.ProgramStatement, ownFunctions: ReadonlySet<string>): boolean {
  if (statement.type === AST_NODE_TYPES.IfStatement) {
    const branches = [statement.consequent, statement.alternate].flatMap((branch) =>
      !branch ? [] : branch.type === AST_NODE_TYPES.BlockStatement ? branch.body : [branch]);
    return branches.some((branch) => runsOwnCode(branch as TSESTree.ProgramStatement, ownFunctions));
  }
  if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
    return statement.declarations.some((declarator) => declarator.init?.type === AST_NODE_TYPES.AwaitExpression);
  }
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  let expression: TSESTree.Expression = statement.expression;
  if (expression.type === AST_NODE_TYPES.AwaitExpression) return true;
  if (expression.type === AST_NODE_TYPES.UnaryExpression && expression.operator === 'void') expression = expression.argument;
  // `main().catch(fail)`, `run().then(() => process.exit(0))`: the chain starts at the module's own call
  while (
    expression.type === AST_NODE_TYPES.CallExpression
    && expression.callee.type === AST_NODE_TYPES.MemberExpression
    && expression.callee.property.type === AST_NODE_TYPES.Identifier
    && CHAIN_METHODS.has(expression.callee.property.name)
  ) {
    expression = expression.callee.object;
  }
  if (expression.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = expression.callee;
  return (callee.type === AST_NODE_TYPES.Identifier && ownFunctions.has(callee.name))
    || callee.type === AST_NODE_TYPES.ArrowFunctionExpression
    || callee.type === AST_NODE_TYPES.FunctionExpression;
}

const CHAIN_METHODS = new Set(['then', 'catch', 'finally']);

/**
 * What a process that keeps running does: listens, schedules work, handles a stop signal, serves as a worker thread
 * or a forked child. A module doing one of these is a service or a worker's entry, however it is started.
 */
export const LONG_RUNNING = /\.listen\s*\(|\bcreateServer\s*\(|\bNestFactory\b|\bsetInterval\s*\(|['"]SIG(?:TERM|INT|HUP)['"]|\bparentPort\b|\bworkerData\b|process\.on\s*\(\s*['"]message['"]|\bnew\s+Worker\s*\(|\bcron\.schedule\s*\(/;
