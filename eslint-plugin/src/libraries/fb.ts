import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { insertModuleStatement } from '../fixes/runtime-import.js';
import { SourceEdits } from '../fixes/source-edits.js';
import { derive, instanceFrom, isWholeModule, value, type CallOutcome, type LibraryModel } from './model.js';
import { programOf, sharedSetUpOf, sourceText, type SetUp, type SharedSetUpScan } from './package-set-ups.js';

/**
 * fb (the Node Facebook Graph API SDK): `import FB from 'fb'` (or `require('fb')`, `{ FB }`) is one shared
 * `Facebook` instance, then `FB.api(path, method?, params?, cb?)` (a promise when no callback is given) and
 * `FB.napi(...)` (a Node-style callback); `new Facebook(options)`, `FB.extend(options)` and
 * `FB.withAccessToken(token)` make instances of their own (the last two inheriting the shared one's options). Read
 * in 2.0.0 (`lib/fb.js`, `lib/index.js`): every call is a `request(requestOptions, cb)` whose `timeout` is set only
 * when the instance's `timeout` option is (`defaultOptions.timeout: null`), and a call takes no options or signal of
 * its own. So a call is judged where it is made, by the instance it goes through: the shared one is bounded when some
 * file of the package gives it a `timeout` through `FB.options({ timeout })` (its only setter, process-wide), an
 * instance of its own by the options it is made with. The fix sets the option once, where the module loads.
 */

const MODULE = 'fb';
const CALLS = new Set(['api', 'napi']);
const REMEDY = 'give it a `timeout` (milliseconds, for each request) with `FB.options({ timeout })` where the app sets it up, or in the options of an instance of its own: fb sends with `request` and sets none, and its calls take no signal';
const TIMEOUT = '10_000';
/** `.options({ ..., timeout ... })`: the instance's only setter, given a timeout (read loosely). */
const SETS_TIMEOUT = /\.\s*options\s*\(\s*\{[^)]*\btimeout\b/;
/** `.options(settings)`: options read elsewhere, which may hold one. */
const SETS_UNKNOWN = /\.\s*options\s*\(\s*(?![\s'"`{)])/;
const IMPORTS_FB = /(?:from\s*|require\s*\(\s*)['"]fb['"]/;
/** What a file's text does to an fb instance's options. */
function setUpIn(text: string): SetUp {
  if (SETS_TIMEOUT.test(text)) return 'bounded';
  return SETS_UNKNOWN.test(text) ? 'unknown' : 'unbounded';
}

const FB_SCAN: SharedSetUpScan = { key: 'fb', imports: IMPORTS_FB, setUpIn };


/** `FB.api('/me/feed', 'post', { message })`: the verb the second argument names, GET otherwise. */
function verbOf(node: TSESTree.CallExpression): string {
  const second = node.arguments[1];
  return second?.type === AST_NODE_TYPES.Literal && typeof second.value === 'string' ? second.value.toUpperCase() : 'GET';
}

/** The shared instance the call goes through, as a name bound at the module's top (`import FB from 'fb'`), if it is one. */
function sharedName(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.CallExpression): string | undefined {
  const callee = node.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = findVariable(sourceCode.getScope(callee.object) as never, callee.object) as TSESLint.Scope.Variable | null;
  const scope = variable?.scope.type;
  return scope === 'module' || scope === 'global' ? callee.object.name : undefined;
}

export const fbLibrary: LibraryModel = {
  kind: 'fb',
  title: 'Facebook Graph API (`fb`)',
  modules: [MODULE],
  typeNames: ['Facebook'],
  takesUrl: false,
  dependencyName: 'facebook',
  signal: 'none',
  retries: 'never',
  fromModule(module, imported) {
    if (module !== MODULE) return undefined;
    if (isWholeModule(imported) || imported === 'FB') return value('fb', 'client', 'FB', [], undefined, 'shared');
    if (imported === 'Facebook') return value('fb', 'class', 'Facebook');
    // `import { api } from 'fb'`: the shared instance's methods, bound to it
    return CALLS.has(imported) ? value('fb', 'operation', imported, [], undefined, 'shared') : undefined;
  },
  member(v, name) {
    if (v.role !== 'client') return undefined;
    if (CALLS.has(name)) return derive(v, 'operation', name);
    if (name === 'extend' || name === 'withAccessToken') return derive(v, 'maker', name);
    if (v.flavor === 'shared' && (name === 'FB' || name === 'default')) return v;
    if (v.flavor === 'shared' && name === 'Facebook') return value('fb', 'class', 'Facebook');
    return undefined;
  },
  call(v, node): CallOutcome | undefined {
    if (v.role === 'operation') return { io: { label: `FB.${v.name}`, httpMethod: verbOf(node), optionsIndex: -1, signalOption: undefined } };
    // an instance inheriting the options of the one it is made from, `extend`'s own beside them
    if (v.role === 'maker') return { result: instanceFrom(v, 'client', node, v.name === 'extend' ? [node.arguments[0]] : [], 'FB') };
    return undefined;
  },
  construct: (v, node) => (v.role === 'class' ? { ...instanceFrom(v, 'client', node, [node.arguments[0]]), flavor: 'own' } : undefined),
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'client', options: [], flavor: 'typed' } : undefined),
  timeout: {
    levels: ['client'],
    callOptions: [],
    instanceOptions: ['timeout'],
    chainMethods: [],
    remedy: REMEDY,
    defaultBound: 'none (`timeout: null`)',
    instanceBound(call, filename) {
      if (call.flavor === 'shared') return sharedSetUpOf(call.node, filename, FB_SCAN);
      const program = programOf(call.node);
      const here = program ? setUpIn(sourceText(program)) : 'unknown';
      if (here !== 'unbounded') return here;
      // an instance made here is judged by its options; one handed in (a typed parameter) may be set up elsewhere
      return call.flavor === 'own' ? 'unbounded' : 'unknown';
    },
  },
  fix: {
    instanceTimeout: (call) => (call.flavor === 'own' ? [['timeout', TIMEOUT]] : undefined),
    clientTimeout({ sourceCode }, call) {
      if (call.flavor !== 'shared') return undefined;
      const name = sharedName(sourceCode, call.node);
      if (!name) return undefined;
      const option = `${name}.options({ timeout: ${TIMEOUT} })`;
      const edits = new SourceEdits();
      insertModuleStatement(sourceCode, `${option};`, edits);
      return { edits, option };
    },
  },
};
