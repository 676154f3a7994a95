import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { signalMayBeUndefined } from '../analysis/optional-signals.js';
import { isSet, readOptions, unwrapExpression } from '../analysis/syntax.js';
import { isTypeScript } from '../fixes/code-style.js';
import { objectTextWith } from '../fixes/object-literal.js';
import type { FixTarget } from '../fixes/wrap-in-policies.js';
import { clientLeavesItsFunction } from './client-escapes.js';
import { creationLabel, creationOptions, setNestedCreationOption } from './creation-options.js';
import { dependencyVersion } from '../project/dependency-versions.js';
import { derive, instanceFrom, io, value, type ClientValue, type CreationModel, type LibraryModel, type OptionContext, type OptionFacts } from './model.js';
import { OCTOKIT_POST_METHODS } from './octokit-endpoints.js';

/**
 * Octokit (`@octokit/rest`, `@octokit/core`, `octokit`): `octokit.rest.repos.get({ ..., request: { signal } })`,
 * `octokit.request('GET /repos/{owner}/{repo}', { request: { signal } })`. Requests go through fetch with no timeout;
 * a call is bounded by `request.signal`, a client by a `request.fetch` of its own where it is created. `request.timeout`
 * and `request.agent` only worked with the node-fetch transport (before @octokit/request 8, @octokit/rest 20): the
 * fetch-based Octokit ignores them, so they bound nothing. `Octokit.plugin(retry)` (`@octokit/plugin-retry`, built
 * into `octokit`) retries server errors 3 times.
 *
 * A client used where it is made is judged call by call. One that leaves the function making it (returned by a
 * `getGitHubClient(token)`, kept in a field, handed on) is used where its creation cannot be seen, by a parameter
 * typed `Octokit` that may hold a bounded client: that creation is judged instead, and its fix gives the client a
 * `request.fetch` with a timeout, so every call it makes anywhere is bounded. A GitHub App (`octokit`'s `App`) hands
 * out installation clients made the same way, judged call by call.
 *
 * The same requests without a client: `@octokit/request`'s `request(route, parameters)` and `@octokit/graphql`'s
 * `graphql(query, parameters)`, and the functions their `.defaults({...})` return (a token set once, reused), bounded
 * the same way: `request: { signal }` on the call, `request: { fetch }` or `request: { signal }` in the defaults.
 *
 * Before the packages moved to fetch they sent through node-fetch, which read `request.timeout`: a file written against
 * such a version (`FETCH_SINCE`) may bound a call with it.
 */

const MODULES = ['@octokit/rest', '@octokit/core', 'octokit'];

/**
 * The REST methods whose POST a second send leaves as the first left it, so retrying it is safe: it only reads
 * (`markdown.render`, `apps.checkToken`), sets a state already set (`issues.addLabels`, `actions.cancelWorkflowRun`,
 * `codespaces.stopForAuthenticatedUser`), makes a content-addressed git object (`git.createBlob`), or makes a named
 * thing GitHub refuses to make twice (`pulls.create` for the same head, `git.createRef`, `repos.createRelease` for the
 * same tag, `issues.createLabel`). The others (`issues.createComment`, `issues.create`, `repos.createDispatchEvent`,
 * `actions.createWorkflowDispatch`) act again on each send.
 */
const POSTS_SAFE_TO_REPEAT = new Set([
  'apps.checkToken', 'markdown.render', 'markdown.renderRaw', 'orgs.listAttestationsBulk', 'users.listAttestationsBulk', 'repos.generateReleaseNotes',
  'actions.approveWorkflowRun', 'actions.cancelWorkflowRun', 'actions.forceCancelWorkflowRun', 'codespaces.startForAuthenticatedUser',
  'codespaces.stopForAuthenticatedUser', 'codespaces.stopInOrganization', 'copilot.addCopilotSeatsForTeams', 'copilot.addCopilotSeatsForUsers',
  'issues.addAssignees', 'issues.addLabels', 'pulls.requestReviewers', 'repos.addAppAccessRestrictions', 'repos.addStatusCheckContexts',
  'repos.addTeamAccessRestrictions', 'repos.addUserAccessRestrictions', 'repos.mergeUpstream', 'repos.setAdminBranchProtection',
  'orgs.pingWebhook', 'repos.pingWebhook', 'repos.testPushWebhook', 'orgs.deleteAttestationsBulk', 'users.deleteAttestationsBulk',
  'git.createBlob', 'git.createTree',
  'git.createRef', 'gists.fork', 'issues.createLabel', 'issues.createMilestone', 'pulls.create', 'repos.createFork', 'repos.createForAuthenticatedUser',
  'repos.createInOrg', 'repos.createUsingTemplate', 'repos.createRelease', 'repos.createPagesSite', 'repos.renameBranch', 'repos.transfer',
  'repos.merge', 'teams.create', 'orgs.createInvitation',
]);

/** The modules that export Octokit's `RequestError`, the class of an answered request's failure. */
const REQUEST_ERROR_MODULES = ['@octokit/request-error', 'octokit'];

/** The local name a module's export is imported under as a value (`import { RequestError } from '@octokit/request-error'`). */
function importedValueName(sourceCode: Readonly<TSESLint.SourceCode>, modules: readonly string[], exported: string): string | undefined {
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || !modules.includes(String(statement.source.value)) || statement.importKind === 'type') continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type !== AST_NODE_TYPES.ImportSpecifier || specifier.importKind === 'type') continue;
      const imported = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
      if (imported === exported) return specifier.local.name;
    }
  }
  return undefined;
}

/** The HTTP method of a REST method (`issues.createComment`), where it is a POST that acts again on each send. */
function endpointMethod(name: string): 'POST' | undefined {
  return OCTOKIT_POST_METHODS.has(name) && !POSTS_SAFE_TO_REPEAT.has(name) ? 'POST' : undefined;
}
/** The request functions of the client-less packages, by module: `import { request } from '@octokit/request'`. */
const STANDALONE: Readonly<Record<string, string>> = { '@octokit/request': 'request', '@octokit/graphql': 'graphql' };
/**
 * The first major version of each package that sends through fetch (which ignores `request.timeout`); the ones
 * before sent through node-fetch, which honoured it (@octokit/request 7, which @octokit/graphql 6, @octokit/core 5,
 * @octokit/rest 20 and octokit 3 build on, dropped node-fetch).
 */
const FETCH_SINCE: Readonly<Record<string, number>> = { '@octokit/request': 7, '@octokit/graphql': 6, '@octokit/core': 5, '@octokit/rest': 20, octokit: 3 };
/** Where the GitHub App class comes from: `new App({ appId, privateKey, Octokit })`. */
const APP_MODULES = ['octokit', '@octokit/app'];

/**
 * The Octokit a GitHub App hands out (`await app.getInstallationOctokit(id)`, `app.octokit`): made from the App's
 * `Octokit` option (`Octokit.defaults({ request: { fetch } })` may bound it, so it is not known then), else from the
 * package's own Octokit, which sets no timeout.
 */
function appClient(app: ClientValue): ClientValue {
  const [created] = app.options;
  const facts = created ? readOptions(created) : 'unknown';
  const ownClass = facts === 'unknown' || facts.has('Octokit');
  return { ...app, role: 'client', name: 'Octokit', options: ownClass ? [null] : [] };
}
const NON_CALLS = new Set(['hook', 'auth', 'log', 'constructor']);
const ROUTE = /^\s*(GET|HEAD|POST|PUT|PATCH|DELETE)\s/;

/** Whether the file is written against a version of this Octokit module that sent through node-fetch. */
function sendsThroughNodeFetch(module: string | undefined, filename: string | undefined): boolean {
  const since = module === undefined ? undefined : FETCH_SINCE[module];
  const version = since !== undefined && filename ? dependencyVersion(filename, module!) : undefined;
  return version !== undefined && version.major < since!;
}

/** The `request` options that bound a call: `timeout` too where the file is written against a node-fetch version. */
function bounding(names: readonly string[], context: OptionContext | undefined): readonly string[] {
  return sendsThroughNodeFetch(context?.flavor, context?.filename) ? [...names, 'timeout'] : names;
}

/**
 * The Octokit module a file making a client is written against: the first of the client packages it declares (a
 * package depends on one of them; `octokit` builds on `@octokit/core`, `@octokit/rest` too).
 */
function clientModule(filename: string | undefined): string | undefined {
  return filename === undefined ? undefined : MODULES.find((module) => dependencyVersion(filename, module) !== undefined);
}

/** The client-less package a file making a `.defaults()` function is written against. */
function standaloneModule(filename: string | undefined): string | undefined {
  return filename === undefined ? undefined : Object.keys(STANDALONE).find((module) => dependencyVersion(filename, module) !== undefined);
}

/** Octokit 18 and its kin honour `request.timeout` (node-fetch): the message says so rather than that it is ignored. */
const NODE_FETCH_REMEDY = 'pass `request: { timeout: ms }` or `request: { signal: AbortSignal.timeout(ms) }`, or set `request: { timeout: ms }` where the client (or the `.defaults()` the function comes from) is made: the Octokit this file is written against sends through node-fetch, which honours `request.timeout`';
const NODE_FETCH_CREATION_REMEDY = 'give it `request: { timeout: ms }` where it is created: its calls elsewhere carry no signal, and Octokit sets no timeout of its own (the version this file is written against sends through node-fetch, which honours `request.timeout`)';

/**
 * The `request` option: bounded by a signal, a timeout or a fetch of one's own; not readable here counts as bounded.
 * A value this file shows may be missing bounds nothing: `request: { fetch: options.fetch }` where `options.fetch` is
 * the caller's optional fetch (undefined unless they give one, so Octokit falls back to the global fetch).
 */
function requestOption(facts: OptionFacts, names: readonly string[], sourceCode?: Readonly<TSESLint.SourceCode>): 'bounded' | undefined {
  const request = facts.get('request');
  if (!request) return undefined;
  const target = unwrapExpression(request);
  if (target.type !== AST_NODE_TYPES.ObjectExpression) return 'bounded';
  const inner = readOptions(target);
  if (inner === 'unknown') return 'bounded';
  return names.some((name) => isSet(inner.get(name)) && !mayBeMissing(inner.get(name)!, sourceCode)) ? 'bounded' : undefined;
}

/** A value of the file linted that may be undefined there (an optional parameter or option property). */
function mayBeMissing(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode> | undefined): boolean {
  let root: TSESTree.Node = node;
  while (root.parent) root = root.parent;
  return sourceCode !== undefined && root === sourceCode.ast && signalMayBeUndefined(sourceCode, node);
}

/** `request: { fetch }`: the global fetch with a timeout unless the call brings its own signal. */
function boundedFetch(target: Pick<FixTarget, 'filename'>): string {
  const parameters = isTypeScript(target.filename) ? '(url: string | URL | Request, init?: RequestInit)' : '(url, init)';
  return `${parameters} => fetch(url, { ...init, signal: init?.signal ?? AbortSignal.timeout(10_000) })`;
}

/** `request: { fetch: options.fetch }`: the fetch given where the client is made, if any. */
function givenFetch(facts: OptionFacts | undefined): TSESTree.Node | undefined {
  const request = facts?.get('request');
  const inner = request && unwrapExpression(request).type === AST_NODE_TYPES.ObjectExpression ? readOptions(unwrapExpression(request) as TSESTree.ObjectExpression) : undefined;
  const given = inner && inner !== 'unknown' ? inner.get('fetch') : undefined;
  return given && isSet(given) ? given : undefined;
}

/** The caller's optional fetch stays first when they give one: `request: { fetch: options.fetch ?? (bounded) }`. */
function withCallersFetch(target: FixTarget, facts: OptionFacts | undefined, bounded: string): string {
  const given = givenFetch(facts);
  return given ? `${target.sourceCode.getText(given)} ?? (${bounded})` : bounded;
}

/**
 * `new Octokit({...})`, and `graphql.defaults({...})` / `request.defaults({...})` (a function made once with the token),
 * that leave the function making them: their calls elsewhere carry no signal, so the bound belongs where they are made.
 */
const creation: CreationModel = {
  sites: [
    ...MODULES.map((module) => ({ module, path: ['Octokit'], how: 'new' as const })),
    ...Object.entries(STANDALONE).map(([module, name]) => ({ module, path: [name, 'defaults'], how: 'call' as const })),
  ],
  check(node, sourceCode, file) {
    if (!clientLeavesItsFunction(sourceCode, node)) return undefined;
    // `const params = {}; params.auth = token; new Octokit(params)`: filled in without a `request`
    const options = creationOptions(sourceCode, node, 0, octokitLibrary.timeout!.instanceOptionsRead);
    if (options === 'unknown') return undefined;
    const facts = options === 'absent' ? undefined : readOptions(options);
    const standalone = node.type === AST_NODE_TYPES.CallExpression;
    const nodeFetch = sendsThroughNodeFetch(standalone ? standaloneModule(file.filename) : clientModule(file.filename), file.filename);
    if (facts === 'unknown' || (facts && requestOption(facts, nodeFetch ? ['fetch', 'signal', 'timeout'] : ['fetch', 'signal'], sourceCode))) return undefined;
    const made = standalone ? 'the function it returns is called elsewhere with no signal' : 'its calls elsewhere carry no signal';
    const optional = givenFetch(facts);
    return {
      label: creationLabel(sourceCode, node),
      remedy: nodeFetch ? NODE_FETCH_CREATION_REMEDY
        : optional ? `give it a fetch with a timeout for when \`${sourceCode.getText(optional)}\` is not given: that is the caller's optional fetch, and without it Octokit sends through the global fetch with no timeout`
        : `give it a \`request.fetch\` with a timeout where it is created: ${made}, and Octokit sets no timeout of its own (the fetch-based Octokit ignores \`request.timeout\`)`,
      fix(target) {
        // `request.timeout` for the versions that honour it, else a fetch of its own that bounds every request
        const [key, value] = nodeFetch ? ['timeout', '10_000'] : ['fetch', withCallersFetch(target, facts, boundedFetch(target))];
        const edit = setNestedCreationOption(target, node, 0, facts, ['request', key], value);
        return edit && { edits: edit.edits, option: `request.${key}` };
      },
    };
  },
};

export const octokitLibrary: LibraryModel = {
  kind: 'octokit',
  title: 'Octokit (`@octokit/rest`, `@octokit/core`, `octokit`, `@octokit/request`, `@octokit/graphql`)',
  modules: [...MODULES, ...Object.keys(STANDALONE)],
  typeNames: ['Octokit'],
  takesUrl: false,
  dependencyName: 'github',
  signal: '`request: { signal }` in the call\'s parameters',
  retries: 'with `@octokit/plugin-retry` (built into `octokit`): 3 retries of server errors',
  // GitHub takes no idempotency key; its rate-limit refusals (403, 429) say the request was not acted on
  notAppliedCondition(error, sourceCode) {
    const requestError = importedValueName(sourceCode, REQUEST_ERROR_MODULES, 'RequestError');
    return requestError && `${error} instanceof ${requestError} && (${error}.status === 403 || ${error}.status === 429)`;
  },
  fromModule(module, imported) {
    if (MODULES.includes(module) && imported === 'Octokit') return value('octokit', 'class', 'Octokit', [], undefined, module);
    if (STANDALONE[module] === imported) return value('octokit', 'standalone', imported, [], undefined, module);
    return APP_MODULES.includes(module) && imported === 'App' ? value('octokit', 'app-class', 'App') : undefined;
  },
  member(v, name) {
    if (v.role === 'app') {
      if (name === 'getInstallationOctokit') return derive(v, 'installation-factory', name);
      return name === 'octokit' ? appClient(v) : undefined;
    }
    if (v.role === 'class' && (name === 'plugin' || name === 'defaults')) return derive(v, 'class-factory', name);
    if (v.role === 'client') {
      if (name === 'request' || name === 'graphql' || name === 'paginate') return derive(v, 'request', name);
      if (NON_CALLS.has(name)) return undefined;
      // `octokit.rest.users.get()`, and the older spelling `octokit.users.get()` that @octokit/rest still offers.
      return derive(v, name === 'rest' ? 'namespace' : 'group', name);
    }
    if (v.role === 'namespace') return derive(v, 'group', name);
    if (v.role === 'group') return derive(v, 'endpoint', `${v.name}.${name}`);
    if (v.role === 'request' && name === 'iterator') return derive(v, 'request', 'paginate.iterator');
    if (v.role === 'standalone' && name === 'defaults') return derive(v, 'standalone-defaults');
    return undefined;
  },
  call(v, node) {
    if (v.role === 'class-factory') return { result: derive(v, 'class') };
    if (v.role === 'installation-factory') return { result: appClient(v) };
    if (v.role === 'endpoint') return io(`octokit ${v.name}`, endpointMethod(v.name), 0, undefined);
    // `request.defaults({ headers })`: the same function with these options under every call's own
    if (v.role === 'standalone-defaults') return { result: instanceFrom(v, 'standalone', node, [node.arguments[0]]) };
    if (v.role === 'request' || v.role === 'standalone') {
      const first = node.arguments[0];
      const route = first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string' ? first.value
        : first?.type === AST_NODE_TYPES.TemplateLiteral ? first.quasis[0]?.value.cooked ?? undefined : undefined;
      const method = route === undefined ? undefined : ROUTE.exec(route)?.[1];
      // `request({ method, url, ... })`, `graphql({ query, ... })`: the options come first
      const index = first && unwrapExpression(first).type === AST_NODE_TYPES.ObjectExpression ? 0 : 1;
      return io(`octokit.${v.name}`, method ?? (v.name === 'graphql' ? 'POST' : undefined), index, undefined);
    }
    return undefined;
  },
  construct(v, node) {
    if (v.role === 'app-class') return instanceFrom(v, 'app', node, [node.arguments[0]]);
    return v.role === 'class' ? instanceFrom(v, 'client', node, [node.arguments[0]]) : undefined;
  },
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'client', options: [null] } : undefined),
  timeout: {
    levels: ['call', 'client'],
    callOptions: [],
    callOptionsRead: ['request'],
    instanceOptions: [],
    instanceOptionsRead: ['request'],
    chainMethods: [],
    remedy: 'pass `request: { signal: AbortSignal.timeout(ms) }` (the fetch-based Octokit ignores `request.timeout`), or give the client (or the `.defaults()` the function comes from) a `request.fetch` with a timeout',
    remedyFor: (context) => (sendsThroughNodeFetch(context.flavor, context.filename) ? NODE_FETCH_REMEDY : undefined),
    defaultBound: 'none',
    readCallOptions: (facts, context) => requestOption(facts, bounding(['signal'], context), context?.sourceCode),
    readInstanceOptions: (facts, context) => requestOption(facts, bounding(['fetch', 'signal'], context), context?.sourceCode),
  },
  creation,
  fix: {
    optionsIndex: (call) => {
      const first = call.node.arguments[0];
      return call.label.startsWith('octokit.') && !(first && unwrapExpression(first).type === AST_NODE_TYPES.ObjectExpression) ? 1 : 0;
    },
    nativeTimeout: (_call, milliseconds) => ({ key: 'request', value: `{ signal: AbortSignal.timeout(${milliseconds}) }` }),
    // where the client is made (that says nothing of `request` yet), bounding every call: `request.timeout` on the
    // versions that honour it, else a fetch of its own
    instanceTimeout: (call, target) => {
      const created = call.instanceOptions[0];
      const facts = created ? readOptions(created) : 'unknown';
      if (facts === 'unknown' || !target) return undefined;
      const option: readonly [string, string] = sendsThroughNodeFetch(call.flavor, target.filename) ? ['timeout', '10_000'] : ['fetch', boundedFetch(target)];
      const request = facts.get('request');
      if (!request) return [['request', `{ ${option[0]}: ${option[1]} }`]];
      // `request: { agent }`: the bound joins what the client's requests already carry
      const inner = unwrapExpression(request);
      if (inner.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
      return [['request', objectTextWith(target.sourceCode, inner, { set: [option] })]];
    },
  },
};
