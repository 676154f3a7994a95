import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import type { RuleContext } from '@typescript-eslint/utils/ts-eslint';
import { unwrapExpression, type ClientKind, type InstanceOptions } from '../libraries/index.js';
import { racedParameter, type RaceHelper } from './race-helpers.js';
import { fetchesInlineData } from './inline-data-urls.js';
import { firstStartingAt, getFileNodes, isFunction, walkSameFunction, type FunctionNode } from './loops.js';
import { getSettings, type ClientSetting, type ResilintSettings } from './settings.js';
import { findWrapperCalls } from './wrappers.js';
import type { WrapperBoundOptions } from './caller-options.js';
import { importsProjectExternals, linted, projectHelperImport, type ProjectContext } from '../project/summaries.js';
import { usesPackageFields } from '../project/fields.js';
import { importBindsClient } from '../project/client-imports.js';
import { neverReturns } from '../project/summarize.js';
import { returnedExpression } from '../project/function-returns.js';
import { passedThroughParameter } from '../project/passed-through-options.js';
import { Evaluator } from './evaluator.js';
import { ProjectImportCallees } from './project-import-callees.js';
import { notePath } from '../project/module-source.js';
import { isProjectValue, type Value } from '../project/values.js';
import { enclosingClassBody, memberKeyName, staticPropertyName } from './member-syntax.js';
import { waitsOnTimer } from './promised-timers.js';
import type { LayerRetry } from './layer-retries.js';

export type { ClientKind, InstanceOptions } from '../libraries/index.js';

export interface ExternalCall {
  /** The call that performs the I/O (e.g. `axios.get(url)`, `client.send(cmd)`). */
  node: TSESTree.CallExpression;
  client: ClientKind;
  /** For messages: 'fetch', 'axios.get', 'pg query', 'S3Client.send', ... */
  label: string;
  /** Upper-case HTTP method when statically known ('GET', 'POST', ...). */
  httpMethod: string | undefined;
  /** The call's own options object literal, if any. */
  optionsArgument: TSESTree.ObjectExpression | undefined;
  /** Option name through which this client takes an AbortSignal on this call (undefined when it cannot take one). */
  signalOption: 'signal' | 'abortSignal' | undefined;
  /** The argument in the options position as written (an object literal, a variable, a spread...), if present. */
  optionsExpression: TSESTree.CallExpressionArgument | undefined;
  /** Options the client instance was created with, closest first; null where they are not statically known. */
  instanceOptions: readonly InstanceOptions[];
  /** The expression that created the client instance, when it is known. */
  createdBy?: TSESTree.Node;
  /**
   * The client was created, in the function starting at `fnStart`, from options its caller gives as argument `index`
   * (`this.instance = axios.create({ ...config })` in a constructor): its bound is whatever that caller passes.
   */
  createdFromCallerOptions?: { readonly index: number; readonly fnStart: number };
  /** The client is made in several places (a field written more than once): no one creation is its fix. */
  madeInSeveralPlaces?: boolean;
  /** axios's global instance as a module of the project configures and exports it: judged in that module. */
  sharedByModule?: true;
  /** A value assigned in this file to the client's `defaults.timeout` (axios), if any. */
  defaultsTimeout: TSESTree.Expression | undefined;
  /**
   * Set when this is a call of a same-file function that hands on the failure of an external call (a simple wrapper
   * such as `const getJson = (url) => fetch(url).then(r => r.json())`): the external call inside it.
   */
  wrapped: ExternalCall | undefined;
  /** For a call of a same-file wrapper of a wrapper: the calls of the wrappers between it and `wrapped`, innermost first. */
  handedThrough?: readonly TSESTree.CallExpression[];
  /** Which variant of the client library ('ioredis' or 'node-redis'; 'promise' or 'callback' for mysql), when it matters. */
  flavor?: string;
  /** For the user's own clients: their entry in `settings.resilint.clients`. */
  setting?: ClientSetting;
  /** It returns a stream whose failure is an `'error'` event (`got.stream(url)`), not a rejected promise. */
  emitsErrors?: true;
  /** It never rejects: its failures resolve as a result (`{ data: null, error }`, Resend 3.4 and later). */
  resolvesWithError?: true;
  /** It returns a result whose answer streams in, its failure going to a callback (see `IoCall.streamsResult`). */
  streamsResult?: true;
  /**
   * A call of a wrapper in another module that forwards its caller's options into its external call: the argument
   * (this call's) that becomes those options, so a fix adds the timeout there.
   */
  forwardedOptionsIndex?: number;
  /** A call of a wrapper in another module that forwards its caller's signal: the argument that becomes the signal. */
  forwardedSignalIndex?: number;
  /** The wrapper's parameter for it has a bounding default (see `WrapperFact.signalDefaulted`). */
  forwardedSignalDefaulted?: true;
  /**
   * Its options are a parameter of a function that does not hand the call's failure on to its callers: none of them
   * is judged, so only what the function visibly sets on them (or their default) bounds the call.
   */
  optionsUnseen?: boolean;
  /**
   * The call's failure is handled where it is made (a wrapper that answers `{ success: false }`), so no caller of its
   * function is judged for the options it passes: the callers in view judge the call itself (layer-callers.ts).
   */
  failureHandledHere?: boolean;
  /** A call of a wrapper bounded only by options of its own (`timeout`) that its caller may pass: those options. */
  wrapperOptions?: WrapperBoundOptions;
  /** A call of a wrapper in another module whose own call goes to the page's origin or to this machine. */
  wrapperDestination?: 'page' | 'loopback';
  /** A POST that only reads: its body is a GraphQL query (not a mutation), so sending it again changes nothing. */
  readsOnly?: true;
  /** A call of a wrapper in another module that sends its request again itself, in a retry library's call. */
  retriedInLayer?: LayerRetry;
}

export interface ExternalCallIndex {
  /** Every external call in the file, in source order. */
  readonly calls: readonly ExternalCall[];
  /** The external call at this CallExpression, if it is one. */
  get(node: TSESTree.Node): ExternalCall | undefined;
  /** Some external call lies within node's range. */
  containsExternalCall(node: TSESTree.Node): boolean;
}

type Context = Readonly<RuleContext<string, readonly unknown[]>>;

/**
 * Whether the call fails by an `'error'` event rather than a rejected promise: a node:http(s) request, a stream
 * (`got.stream(url)`). Such a failure is handled by a listener, and there is no promise for a policy to wrap.
 */
export function failsByEvent(call: ExternalCall): boolean {
  return (call.client === 'http' || call.emitsErrors === true) && !call.wrapped && !isLayerCall(call);
}

/** A call of a layer judged by the options it forwards: no request itself, the layer hands the failure on in its promise. */
export function isLayerCall(call: ExternalCall): boolean {
  return call.forwardedOptionsIndex !== undefined || call.forwardedSignalIndex !== undefined;
}

const indexes = new WeakMap<TSESTree.Program, ExternalCallIndex>();

/** The external calls of the file being linted, computed once per file and shared by all rules. */
export function getExternalCalls(context: Context): ExternalCallIndex {
  const { sourceCode } = context;
  const cached = indexes.get(sourceCode.ast);
  if (cached) return cached;
  const settings = getSettings(context);
  const index = buildIndex(sourceCode, settings, linted(context.physicalFilename ?? context.filename, settings, sourceCode));
  indexes.set(sourceCode.ast, index);
  return index;
}

const evaluators = new WeakMap<TSESTree.Program, Evaluator>();

/**
 * The option names a function of another module of the project can set, when every return of it is an object literal
 * (`getGithubHeaders(token)` imported from `./utils`), asked of the project model for a file whose external calls are
 * being read; undefined when the callee is anything else, or the file has no evaluator.
 */
export function importedOptionKeys(sourceCode: Readonly<TSESLint.SourceCode>, callee: TSESTree.Node): readonly string[] | undefined {
  const target = unwrapExpression(callee);
  if (target.type !== AST_NODE_TYPES.Identifier) return undefined;
  const value = evaluators.get(sourceCode.ast)?.evaluateHelper(target) ?? reexportedHelper(sourceCode, target, projects.get(sourceCode.ast));
  return value && isProjectValue(value) && value.kind === 'project-options' ? value.keys : undefined;
}

/** The projects of the files whose evaluators are kept, for helpers imported through a barrel. */
const projects = new WeakMap<TSESTree.Program, ProjectContext>();

/** `import { helper } from './forge'` with `./forge` re-exporting a module with nothing external in it (`export * from './headers'`). */
function reexportedHelper(sourceCode: Readonly<TSESLint.SourceCode>, callee: TSESTree.Identifier, project: ProjectContext | undefined): Value | undefined {
  if (!project) return undefined;
  const variable = findVariable(sourceCode.getScope(callee) as never, callee) as TSESLint.Scope.Variable | null;
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'ImportBinding' || def.parent?.type !== AST_NODE_TYPES.ImportDeclaration) return undefined;
  const specifier = def.node;
  const imported = specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier ? 'default'
    : specifier.type === AST_NODE_TYPES.ImportSpecifier ? (specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : String(specifier.imported.value)) : undefined;
  return imported === undefined ? undefined : projectHelperImport(project, def.parent.source.value, imported);
}

/** What an expression of the linted file holds, when the file may use clients at all (undefined otherwise). */
export function fileValue(context: Context, node: TSESTree.Node): Value | undefined {
  getExternalCalls(context);
  return evaluators.get(context.sourceCode.ast)?.evaluate(node);
}

/**
 * Whether `call` never returns normally: it calls a function that ends in a `throw` or `process.exit`, or is declared
 * to return `never`, in this file (a function, a method of the class) or in another module of the project (an
 * inherited `this.throwApiError(error)`, a CLI's `fail(code, message): never`).
 */
export function alwaysThrowingCall(context: Context, call: TSESTree.CallExpression): boolean {
  const callee = unwrapExpression(call.callee);
  const local = callee.type === AST_NODE_TYPES.Identifier ? functionOfBinding(context.sourceCode, callee)
    : callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.ThisExpression ? methodOfEnclosingClass(callee) : undefined;
  if (local) return neverReturns(local);
  return helperValue(context, callee)?.kind === 'project-thrower';
}

/**
 * What a function of the project called here is (a thrower, a delay, ...), asked of the project model. A file that
 * uses no client has no evaluator of its own (nothing in it is external), but the question still has an answer: a
 * retry helper handed its work calls a sleep helper from a workspace package (`await timeout(backoffMs)`).
 */
function helperValue(context: Context, callee: TSESTree.Node): Value | undefined {
  getExternalCalls(context);
  const { sourceCode } = context;
  let helpers = helperQuestions.get(sourceCode.ast);
  if (!helpers) {
    const settings = getSettings(context);
    const project = linted(context.physicalFilename ?? context.filename, settings, sourceCode);
    helpers = { project, evaluator: evaluators.get(sourceCode.ast) ?? (project && new Evaluator(sourceCode, settings, project)) };
    helperQuestions.set(sourceCode.ast, helpers);
  }
  const value = helpers.evaluator?.evaluateHelper(callee);
  if (value || callee.type !== AST_NODE_TYPES.Identifier) return value;
  // Imported through a barrel that re-exports a module with nothing external in it (`export * from './timing'`).
  return reexportedHelper(sourceCode, callee, helpers.project);
}

/**
 * The parameter whose options object the function called here hands back with nothing added that bounds a call (a
 * proxy helper of this file or of the project: `withProxy(url, { baseURL })`), if it is such a function.
 */
export function passedThroughParameterOf(context: Context, callee: TSESTree.Node): number | undefined {
  const target = unwrapExpression(callee);
  if (target.type !== AST_NODE_TYPES.Identifier) return undefined;
  const local = functionOfBinding(context.sourceCode, target);
  if (local) {
    const returned = returnedExpression(local, context.sourceCode.visitorKeys);
    return returned && passedThroughParameter(context.sourceCode, local, returned);
  }
  const helper = helperValue(context, target);
  return helper && isProjectValue(helper) && helper.kind === 'project-passthrough' ? helper.parameter : undefined;
}

const helperQuestions = new WeakMap<TSESTree.Program, { project: ProjectContext | undefined; evaluator: Evaluator | undefined }>();

/**
 * What `sleepLike(ms)` is, read from its body wherever the body can be seen: 'waits' for a function of the project
 * that only waits on a timer (in this file, a method of the enclosing class, or imported from another module or
 * workspace package, however it is named); 'other' for a function of this file that does something else (it makes
 * an external call, or goes near no timer at all); 'unseen' when the body cannot be read (a library, a parameter, a
 * value built by a call such as `promisify(setTimeout)`).
 */
export function timerHelperCall(context: Context, call: TSESTree.CallExpression): 'waits' | 'other' | 'unseen' {
  const callee = unwrapExpression(call.callee);
  const local = callee.type === AST_NODE_TYPES.Identifier ? functionOfBinding(context.sourceCode, callee)
    : callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.ThisExpression ? methodOfEnclosingClass(callee) : undefined;
  if (local) {
    if (waitsOnTimer(local, context.sourceCode.visitorKeys)) return 'waits';
    return getExternalCalls(context).containsExternalCall(local.body) || !nearTimer(context, local) ? 'other' : 'unseen';
  }
  if (callee.type !== AST_NODE_TYPES.Identifier) return 'unseen';
  return helperValue(context, callee)?.kind === 'project-delay' ? 'waits' : 'unseen';
}

/**
 * The race helper `withTimeout(promise, ms)` called here is, read from its body: a function of this file or a method of
 * the enclosing class (`local`), or a function of another module of the project.
 */
export function raceHelperOf(context: Context, callee: TSESTree.Node): { race: RaceHelper; local: boolean } | undefined {
  const target = unwrapExpression(callee);
  const local = target.type === AST_NODE_TYPES.Identifier ? functionOfBinding(context.sourceCode, target)
    : target.type === AST_NODE_TYPES.MemberExpression && target.object.type === AST_NODE_TYPES.ThisExpression ? methodOfEnclosingClass(target) : undefined;
  if (local) {
    const race = racedParameter(context.sourceCode, local);
    return race && { race, local: true };
  }
  if (target.type !== AST_NODE_TYPES.Identifier) return undefined;
  const helper = helperValue(context, target);
  return helper && isProjectValue(helper) && helper.kind === 'project-race' ? { race: helper.race, local: false } : undefined;
}

/** Timer primitives: a body that names none of them, and calls nothing named for waiting, cannot be a sleep. */
const TIMER_NAMES = new Set(['setTimeout', 'setImmediate', 'setInterval', 'scheduler', 'promisify']);
const WAIT_CALL = /sleep|delay|wait|pause|timer|timeout/i;

function nearTimer(context: Context, fn: FunctionNode): boolean {
  let found = false;
  walkSameFunction(fn.body, context.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.Identifier && TIMER_NAMES.has(node.name)) found = true;
    // `sleep(ms)`, `this.page.waitForTimeout(ms)`: a wait we may not be able to read
    const callee = node.type === AST_NODE_TYPES.CallExpression ? node.callee : undefined;
    const name = callee?.type === AST_NODE_TYPES.Identifier ? callee.name : callee?.type === AST_NODE_TYPES.MemberExpression ? staticPropertyName(callee) : undefined;
    if (name !== undefined && WAIT_CALL.test(name)) found = true;
  });
  return found;
}

function functionOfBinding(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): FunctionNode | undefined {
  const variable = findVariable(sourceCode.getScope(identifier) as never, identifier) as TSESLint.Scope.Variable | null;
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type === 'FunctionName' && def.node.type === AST_NODE_TYPES.FunctionDeclaration) return def.node;
  const init = def?.type === 'Variable' && def.node.init ? unwrapExpression(def.node.init) : undefined;
  return init && isFunction(init) ? init : undefined;
}

function methodOfEnclosingClass(member: TSESTree.MemberExpression): FunctionNode | undefined {
  const name = staticPropertyName(member);
  const classBody = enclosingClassBody(member);
  for (const element of classBody?.body ?? []) {
    if (element.type === AST_NODE_TYPES.MethodDefinition && !element.static && memberKeyName(element) === name
      && element.value.type === AST_NODE_TYPES.FunctionExpression) return element.value;
  }
  return undefined;
}

/**
 * Another module of the project, for its summary: its Evaluator, and the external call at a call node, evaluated
 * only where the summary asks (the calls in its exported functions and methods), never the whole module.
 */
export function moduleEvaluator(sourceCode: Readonly<TSESLint.SourceCode>, settings: ResilintSettings, project: ProjectContext): {
  evaluator: Evaluator;
  externalCallAt(node: TSESTree.CallExpression): ExternalCall | undefined;
} {
  const evaluator = new Evaluator(sourceCode, settings, project);
  let defaultsTimeouts: Map<TSESTree.Node | 'root', TSESTree.Expression> | undefined;
  return {
    evaluator,
    externalCallAt(node) {
      defaultsTimeouts ??= collectDefaultsTimeouts(getFileNodes(sourceCode).assignments, evaluator);
      return evaluator.externalCall(node, defaultsTimeouts);
    },
  };
}

/**
 * The global fetch used as a value: called (`fetch(`, not `store.fetch(`), through `globalThis.fetch`, aliased
 * (`fetchFn ?? fetch`, `= fetch`) or named as a type (`typeof fetch`, its signature `(input, init?: RequestInit) =>
 * Promise<Response>`).
 */
export const FETCH_USE = /(?:^|[^.\w$])fetch\s*[(<)]|(?:globalThis|window|self|global)\.fetch\b|typeof\s+fetch\b|(?:\?\?|\|\||[=:,(])\s*fetch\b|RequestInit\s*\)\s*=>\s*Promise<\s*Response\s*>/m;

const EMPTY_INDEX: ExternalCallIndex = { calls: [], get: () => undefined, containsExternalCall: () => false };

/**
 * Most files of a code base import no client at all: a look at the imports (and for `fetch` and `require`, at the
 * text) settles those without evaluating a single call.
 */
function mayUseClients(sourceCode: Readonly<TSESLint.SourceCode>, settings: ResilintSettings, project: ProjectContext | undefined): 'no' | 'yes' | 'through-project-imports' {
  const { text, ast } = sourceCode;
  if (((text.includes('fetch') || text.includes('RequestInit')) && (FETCH_USE.test(text) || text.includes('$fetch'))) || text.includes('require(') || text.includes('import(') || settings.clients.some((client) => client.member !== undefined)) return 'yes';
  if (ast.body.some((statement) => statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration
    || (statement.type === AST_NODE_TYPES.ImportDeclaration && (importBindsClient(statement, settings.clients)
      || settings.clients.some((client) => client.module === statement.source.value))))) return 'yes';
  // Only a file importing a module of the project that the model says exports something external pays more.
  if (project === undefined) return 'no';
  if (importsProjectExternals(ast, project)) return 'through-project-imports';
  return usesPackageFields(text, project) ? 'yes' : 'no';
}

function buildIndex(sourceCode: Readonly<TSESLint.SourceCode>, settings: ResilintSettings, project: ProjectContext | undefined): ExternalCallIndex {
  const uses = mayUseClients(sourceCode, settings, project);
  if (uses === 'no') return EMPTY_INDEX;
  const evaluator = new Evaluator(sourceCode, settings, project);
  evaluators.set(sourceCode.ast, evaluator);
  if (project) {
    projects.set(sourceCode.ast, project);
    notePath(sourceCode.ast, project.file);
  }
  const { calls: callNodes, assignments } = getFileNodes(sourceCode);
  const defaultsTimeouts = collectDefaultsTimeouts(assignments, evaluator);
  // the file's own clients can only come through those imports: a callee rooted elsewhere need not be evaluated
  const onlyThrough = uses === 'through-project-imports' && !evaluator.typeChecked ? new ProjectImportCallees(evaluator, project!) : undefined;

  const byNode = new Map<TSESTree.Node, ExternalCall>();
  for (const node of callNodes) {
    if (onlyThrough && !onlyThrough.mayBeKnown(node.callee)) continue;
    const call = evaluator.externalCall(node, defaultsTimeouts);
    if (call && !fetchesInlineData(call, sourceCode)) byNode.set(node, call);
  }
  for (const call of findWrapperCalls(sourceCode, settings, byNode, project?.file)) byNode.set(call.node, call);

  const calls = [...byNode.values()].sort((a, b) => a.node.range[0] - b.node.range[0]);
  return {
    calls,
    get: (node) => byNode.get(node),
    containsExternalCall(node) {
      const candidate = calls[firstStartingAt(calls, node.range[0], (call) => call.node)];
      return candidate !== undefined && candidate.node.range[1] <= node.range[1];
    },
  };
}

/** What this file assigns to the `defaults.timeout` of the client a value belongs to (axios), if anything. */
export function fileDefaultsTimeout(context: Context, value: { readonly origin: TSESTree.Node | undefined }): TSESTree.Expression | undefined {
  getExternalCalls(context);
  const evaluator = evaluators.get(context.sourceCode.ast);
  if (!evaluator) return undefined;
  const found = collectDefaultsTimeouts(getFileNodes(context.sourceCode).assignments, evaluator);
  return (value.origin && found.get(value.origin)) ?? found.get('root');
}

/** `axios.defaults.timeout = 5000` / `api.defaults.timeout = ...`: keyed by the instance's creation node ('root' for the module). */
function collectDefaultsTimeouts(assignments: readonly TSESTree.AssignmentExpression[], evaluator: Evaluator): Map<TSESTree.Node | 'root', TSESTree.Expression> {
  const found = new Map<TSESTree.Node | 'root', TSESTree.Expression>();
  for (const assignment of assignments) {
    const left = assignment.left;
    if (left.type !== AST_NODE_TYPES.MemberExpression || staticPropertyName(left) !== 'timeout') continue;
    const defaults = left.object;
    if (defaults.type !== AST_NODE_TYPES.MemberExpression || staticPropertyName(defaults) !== 'defaults') continue;
    const owner = evaluator.evaluate(defaults.object);
    if (!owner || owner.kind !== 'axios') continue;
    found.set(owner.role === 'root' ? 'root' : owner.origin ?? 'root', assignment.right);
  }
  return found;
}
