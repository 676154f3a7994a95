import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { lineBreak, semicolon } from '../fixes/code-style.js';
import { importNames } from '../fixes/runtime-import.js';
import { SourceEdits } from '../fixes/source-edits.js';
import { dependencyVersion, olderThan } from '../project/dependency-versions.js';
import { creationLabel } from './creation-options.js';
import { judgedWhereMade, value, type CreationFile, type CreationFinding } from './model.js';

/**
 * jsforce, the Salesforce client: `new jsforce.Connection({ oauth2 })`, then `conn.authorize(code)`, `conn.query(soql)`,
 * `conn.sobject('Account').describe()`. `Connection` takes no timeout and no call takes a signal; every request goes
 * through one fetch wrapper whose defaults the process sets once (`setDefaults` of `jsforce/lib/request`, read at
 * each request; jsforce fills them from `HTTP_TIMEOUT` when it loads). Before 3.10 the wrapper waited for ever unless
 * given a timeout there; from 3.10.8 it gives up after 30 minutes by itself (the versions read here stop at the minor,
 * so 3.10 counts as bounded). A connection made against an older jsforce is reported where it is made, unless its
 * file sets the defaults' `timeout`.
 */

const MODULE = 'jsforce';
/** The fetch wrapper's module: its `setDefaults` replaces the defaults every request starts from. */
const REQUEST_MODULE = 'jsforce/lib/request.js';
const BOUNDED_SINCE = { major: 3, minor: 10 };
/** What jsforce itself sets when it loads, kept beside the timeout: `setDefaults` replaces them all. */
const LOADED_DEFAULTS = 'followRedirect: true, httpProxy: process.env.https_proxy ?? process.env.http_proxy ?? process.env.HTTPS_PROXY ?? process.env.HTTP_PROXY';
const REMEDY = 'give jsforce\'s requests a timeout where the process sets their defaults (`setDefaults` of `jsforce/lib/request`): before 3.10 they wait for ever, `Connection` takes no timeout and no call takes a signal';

type SourceCode = Readonly<TSESLint.SourceCode>;

function isRequestModule(source: unknown): boolean {
  return typeof source === 'string' && /^jsforce\/lib\/request(?:\.js)?$/.test(source);
}

/** Local names bound to the fetch wrapper's `setDefaults` (imported, or destructured from `require`). */
function setDefaultsNames(program: TSESTree.Program): Set<string> {
  const names = new Set<string>();
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && isRequestModule(statement.source.value)) {
      for (const specifier of statement.specifiers) {
        if (specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.imported.type === AST_NODE_TYPES.Identifier && specifier.imported.name === 'setDefaults') names.add(specifier.local.name);
      }
    }
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of statement.declarations) {
      const init = declarator.init;
      const required = init?.type === AST_NODE_TYPES.CallExpression && init.callee.type === AST_NODE_TYPES.Identifier && init.callee.name === 'require' ? init.arguments[0] : undefined;
      if (required?.type !== AST_NODE_TYPES.Literal || !isRequestModule(required.value) || declarator.id.type !== AST_NODE_TYPES.ObjectPattern) continue;
      for (const property of declarator.id.properties) {
        if (property.type === AST_NODE_TYPES.Property && property.key.type === AST_NODE_TYPES.Identifier && property.key.name === 'setDefaults' && property.value.type === AST_NODE_TYPES.Identifier) names.add(property.value.name);
      }
    }
  }
  return names;
}

/** Whether the file sets the requests' default timeout at its top level (`setDefaults({ timeout: 60_000, ... })`). */
function setsDefaultTimeout(program: TSESTree.Program): boolean {
  const names = setDefaultsNames(program);
  if (names.size === 0) return false;
  return program.body.some((statement) => {
    const call = statement.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : undefined;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.Identifier || !names.has(call.callee.name)) return false;
    const [given] = call.arguments;
    // defaults built elsewhere are the user's to know
    return given?.type !== AST_NODE_TYPES.ObjectExpression || given.properties.some((property) => property.type !== AST_NODE_TYPES.Property || (property.key.type === AST_NODE_TYPES.Identifier && property.key.name === 'timeout'));
  });
}

/** The statement of the program that holds `node`: the fix sets the defaults just before it, after jsforce has loaded. */
function topLevelStatement(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent && current.parent.type !== AST_NODE_TYPES.Program) current = current.parent;
  return current;
}

function check(node: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: SourceCode, file: CreationFile): CreationFinding | undefined {
  if (file.filename === undefined || !olderThan(dependencyVersion(file.filename, MODULE), BOUNDED_SINCE)) return undefined;
  if (setsDefaultTimeout(sourceCode.ast)) return undefined;
  return {
    label: creationLabel(sourceCode, node),
    remedy: REMEDY,
    fix(target) {
      const edits = new SourceEdits();
      const { setDefaults } = importNames(target.sourceCode, REQUEST_MODULE, ['setDefaults'], edits);
      const before = topLevelStatement(node);
      const text = `${setDefaults}({ timeout: 60_000, ${LOADED_DEFAULTS} })${semicolon(target.sourceCode)}${lineBreak(target.sourceCode)}`;
      edits.insert(before.range[0], text);
      return { edits, option: 'setDefaults({ timeout })' };
    },
  };
}

export const jsforceLibrary = judgedWhereMade({
  kind: 'jsforce',
  title: 'Salesforce (`jsforce`)',
  modules: [MODULE],
  dependencyName: 'salesforce',
  signal: 'none',
  retries: 'network errors and 420/429/5xx, 5 times with backoff (3.x)',
  fromModule: (module, imported) => (module === MODULE && imported === 'Connection' ? value('jsforce', 'class', 'Connection') : undefined),
  levels: ['none'],
  instanceOptions: [],
  remedy: REMEDY,
  defaultBound: 'none before 3.10; 30 minutes from 3.10.8',
  creation: {
    sites: [
      { module: MODULE, path: ['Connection'], how: 'new' },
      { module: MODULE, path: ['default', 'Connection'], how: 'new' },
    ],
    check,
  },
});
