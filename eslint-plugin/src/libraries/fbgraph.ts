import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { unwrapExpression } from '../analysis/syntax.js';
import { findProperty, objectTextWith } from '../fixes/object-literal.js';
import { insertModuleStatement } from '../fixes/runtime-import.js';
import { SourceEdits } from '../fixes/source-edits.js';
import { withoutComments } from '../project/files.js';
import { sharedSetUpOf, type SetUp, type SharedSetUpScan } from './package-set-ups.js';
import { derive, io, isWholeModule, value, type CallOutcome, type ClientValue, type LibraryModel } from './model.js';

/**
 * fbgraph (a Facebook Graph API client): `const graph = require('fbgraph')` (or `import * as graph`, a default import)
 * is the module itself, one process-wide client: `graph.setAccessToken(token)`, `graph.setVersion('19.0')`,
 * `graph.setOptions(requestOptions)`, then `graph.get(path, params?, cb)`, `post(path, data?, cb)`, `del(path, data?,
 * cb)`, `search(options, cb)`, `batch(requests, data?, cb)`, `fql(query, params?, cb)`, `authorize(params, cb)`,
 * `extendAccessToken(params, cb)`, each with a Node-style callback. Read in 1.4.4 (`lib/graph.js`): the module keeps
 * `requestOptions = {}` (line 38); every call makes a `Graph` (line 57) whose options are a copy of them with the
 * method and URL set (67-73), sent with `request.get(options, cb)` or `request(options, cb)` (181, 219) of `request`
 * 2.x, whose `timeout` (connect and read) is the only bound; `setOptions(options)` (479) replaces them wholesale, and
 * no call takes options or a signal of its own. `get`, `search` (353), `fql` (401), `authorize` (440) and
 * `extendAccessToken` (463) GET; `post` and `batch` (377) POST; `del` POSTs with `method=delete` (330), which the Graph
 * API takes for a DELETE. `getOauthUrl` builds a URL, the other setters and getters send nothing.
 *
 * So a call is bounded when the app gives the module a `timeout` through `setOptions`: in the file of the call, or in
 * some file of its package (the scan fb's shared instance is judged by, see fb.ts). The fix sets it where the module
 * is loaded, merged into the options this file already gives `setOptions` (a second call would replace them); none is
 * offered when another file gives it options, which whichever call runs last would replace. It retries nothing.
 */

const MODULE = 'fbgraph';
/** Calls that send one request, with the method each sends (`del`'s as the Graph API reads it). */
const CALLS: Readonly<Record<string, string>> = {
  get: 'GET', post: 'POST', del: 'DELETE', search: 'GET', batch: 'POST', fql: 'GET', authorize: 'GET', extendAccessToken: 'GET',
};
/** Setters returning the module (`graph.setAccessToken(token).get(...)`). */
const SETTERS = new Set(['setAccessToken', 'setVersion', 'setOptions', 'setAppSecret', 'setGraphUrl']);
const REMEDY = 'give its requests a `timeout` (milliseconds) with `graph.setOptions({ timeout })` where the app sets the module up, merged into the options it gives there (each `setOptions` replaces the last): fbgraph sends with `request`, its options start empty, and its calls take none of their own or a signal';
const TIMEOUT = '10_000';
const IMPORTS_FBGRAPH = /(?:from\s*|require\s*\(\s*|import\s*\(\s*)['"]fbgraph['"]/;
/** `.setOptions({ ..., timeout ... })`, a call or two nested in the literal allowed (read loosely). */
const SETS_TIMEOUT = /\.\s*setOptions\s*\(\s*\{(?:[^()]|\([^()]*\))*?\btimeout\b/;
/** `.setOptions(options)`: options read elsewhere, which may hold one. */
const SETS_UNKNOWN = /\.\s*setOptions\s*\(\s*(?![\s'"`{)])/;
const SETS_ANY = /\.\s*setOptions\s*\(/;

/** Whether the module's requests are given a timeout, by what the files of a package do to its options. */
const TIMEOUT_SCAN: SharedSetUpScan = {
  key: 'fbgraph',
  imports: IMPORTS_FBGRAPH,
  setUpIn(text): SetUp {
    const read = withoutComments(text);
    return SETS_TIMEOUT.test(read) ? 'bounded' : SETS_UNKNOWN.test(read) ? 'unknown' : 'unbounded';
  },
};
/** Whether a file of the package gives the module options at all ('bounded' standing for "it does"), for the fix. */
const OPTIONS_SCAN: SharedSetUpScan = {
  key: 'fbgraph-options',
  imports: IMPORTS_FBGRAPH,
  setUpIn: (text): SetUp => (SETS_ANY.test(withoutComments(text)) ? 'bounded' : 'unbounded'),
};

const shared = (role: string, name: string): ClientValue => value('fbgraph', role, name, [], undefined, 'shared');

/**
 * The module's own name in this file, bound at its top, that the call goes through (`graph.get`, `(graph as any)[m]`,
 * `graph.setAccessToken(token).del`).
 */
function moduleName(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.CallExpression): TSESTree.Identifier | undefined {
  const callee = unwrapExpression(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  let object = unwrapExpression(callee.object);
  while (object.type === AST_NODE_TYPES.CallExpression) {
    const setter = unwrapExpression(object.callee);
    if (setter.type !== AST_NODE_TYPES.MemberExpression || setter.computed || setter.property.type !== AST_NODE_TYPES.Identifier || !SETTERS.has(setter.property.name)) return undefined;
    object = unwrapExpression(setter.object);
  }
  if (object.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = findVariable(sourceCode.getScope(object) as never, object) as TSESLint.Scope.Variable | null;
  const scope = variable?.scope.type;
  return scope === 'module' || scope === 'global' ? object : undefined;
}

/** The object literals this file gives `<name>.setOptions(...)`, or undefined when one of its calls gives something else. */
function optionLiterals(sourceCode: Readonly<TSESLint.SourceCode>, name: TSESTree.Identifier): TSESTree.ObjectExpression[] | undefined {
  const variable = findVariable(sourceCode.getScope(name) as never, name) as TSESLint.Scope.Variable | null;
  const found: TSESTree.ObjectExpression[] = [];
  let readable = true;
  for (const reference of variable?.references ?? []) {
    const member = reference.identifier.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier || member.computed
      || member.property.type !== AST_NODE_TYPES.Identifier || member.property.name !== 'setOptions') continue;
    const call = member.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) continue;
    const given = call.arguments[0] && unwrapExpression(call.arguments[0]);
    if (given?.type === AST_NODE_TYPES.ObjectExpression) found.push(given);
    else readable = false;
  }
  return readable ? found : undefined;
}

export const fbgraphLibrary: LibraryModel = {
  kind: 'fbgraph',
  title: 'Facebook Graph API (`fbgraph`)',
  modules: [MODULE],
  typeNames: [],
  takesUrl: false,
  dependencyName: 'facebook',
  signal: 'none',
  retries: 'never',
  fromModule(module, imported) {
    if (module !== MODULE) return undefined;
    if (isWholeModule(imported)) return shared('client', 'graph');
    // `import { get } from 'fbgraph'`: the module's functions, one by one
    if (Object.hasOwn(CALLS, imported)) return shared('operation', imported);
    return SETTERS.has(imported) ? shared('setter', imported) : undefined;
  },
  member(v, name) {
    if (v.role !== 'client') return undefined;
    if (Object.hasOwn(CALLS, name)) return derive(v, 'operation', name);
    if (SETTERS.has(name)) return derive(v, 'setter', name);
    return name === 'default' ? v : undefined;
  },
  call(v, node): CallOutcome | undefined {
    if (v.role === 'operation') return io(`graph.${v.name}`, CALLS[v.name], -1, undefined);
    // the setters hand the module back, for a chain
    if (v.role === 'setter') return { result: derive(v, 'client', 'graph') };
    return undefined;
  },
  construct: () => undefined,
  timeout: {
    levels: ['client'],
    callOptions: [],
    instanceOptions: ['timeout'],
    chainMethods: [],
    remedy: REMEDY,
    defaultBound: 'none (`requestOptions = {}`)',
    instanceBound: (call, filename) => (call.flavor === 'shared' ? sharedSetUpOf(call.node, filename, TIMEOUT_SCAN) : 'unknown'),
  },
  fix: {
    clientTimeout({ sourceCode, filename }, call) {
      if (call.flavor !== 'shared') return undefined;
      const name = moduleName(sourceCode, call.node);
      if (!name) return undefined;
      const literals = optionLiterals(sourceCode, name);
      if (!literals) return undefined;
      const edits = new SourceEdits();
      if (literals.length > 0) {
        // `setOptions` replaces the options it was given: the timeout joins those this file gives
        for (const literal of literals) {
          if (!findProperty(literal, 'timeout')) edits.replace(literal.range, objectTextWith(sourceCode, literal, { set: [['timeout', TIMEOUT]] }));
        }
        const others = literals.some((literal) => literal.properties.length > 0) ? '..., ' : '';
        return { edits, option: `${name.name}.setOptions({ ${others}timeout: ${TIMEOUT} })` };
      }
      // another file gives the module options: whichever `setOptions` runs last replaces the other's
      if (sharedSetUpOf(call.node, filename, OPTIONS_SCAN) !== 'unbounded') return undefined;
      const option = `${name.name}.setOptions({ timeout: ${TIMEOUT} })`;
      insertModuleStatement(sourceCode, `${option};`, edits);
      return { edits, option };
    },
  },
};
