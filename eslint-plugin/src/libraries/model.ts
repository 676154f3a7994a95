import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import type { ExternalCall } from '../analysis/external-calls.js';
import type { ClientSetting } from '../analysis/settings.js';
import type { Environment } from '../project/file-settings.js';
import { asObject, asOptionsObject, unwrapExpression } from '../analysis/syntax.js';
import type { SourceEdits } from '../fixes/source-edits.js';
import type { FixTarget } from '../fixes/wrap-in-policies.js';

/**
 * What the plugin knows of one client library, behind one interface the analyses and fixes ask: how to recognise
 * it from the call site, which calls do I/O, what bounds a call, how it takes a signal, how it retries, its fix.
 */

/** The library a value belongs to: a model's `kind` ('axios', 'pg', ...), or 'custom' for the user's own clients. */
export type ClientKind = string;

/** Options a client instance was created with: an object literal, or null when they are not statically known. */
export type InstanceOptions = TSESTree.ObjectExpression | null;

/** An abstract value: something a client module exports, or an instance, method or result derived from it. */
export interface ClientValue {
  readonly kind: ClientKind;
  /** Where the value stands in its client's model: 'root', 'instance', 'method', 'pool', 'collection', ... */
  readonly role: string;
  /** Class, method or module name the role needs ('S3Client', 'get', ...). */
  readonly name: string;
  /** Creation options of the instance this value comes from, closest first. */
  readonly options: readonly InstanceOptions[];
  /** The expression that created the instance (identity for `x.defaults.timeout = ...`), if any. */
  readonly origin: TSESTree.Node | undefined;
  readonly flavor?: string;
  readonly custom?: ClientSetting;
  /**
   * Created in a function from options that take in one of its parameters (`axios.create({ ...customConfig })`):
   * that parameter's index and where the function starts. Each call of the function gives its own options.
   */
  readonly callerOptions?: { readonly index: number; readonly fnStart: number };
  /** Made by more than one creation (a field written in several places): setting a bound at one of them is no fix. */
  readonly madeInSeveralPlaces?: boolean;
  /**
   * The global instance a module of the project configures and exports as its one axios (analysis/shared-axios.ts):
   * judged there, where its default bounds every call through it.
   */
  readonly sharedByModule?: true;
}

export interface IoCall {
  label: string;
  httpMethod: string | undefined;
  /** Index of the argument holding this call's own options; -1 when the call takes none. */
  optionsIndex: number;
  signalOption: 'signal' | 'abortSignal' | undefined;
  /** It returns a stream whose failure is an `'error'` event, not a rejected promise (`got.stream(url)`). */
  emitsErrors?: true;
  /** A POST that only reads (an RPC-style API's `accountsGet`): sending it again changes nothing. */
  readsOnly?: true;
  /**
   * It returns at once a result whose answer streams in (the AI SDK's `streamText`): its failure goes to an `onError`
   * callback and the stream, never to a rejection or an `'error'` event, and there is no promise for a policy to wrap.
   */
  streamsResult?: true;
}

export interface CallOutcome {
  io?: IoCall;
  result?: ClientValue;
  /** The result is configured like the client passed as this argument (`DynamoDBDocumentClient.from(client)`). */
  optionsFromArgument?: number;
}

/** Where a library lets a call be bounded: on the call, where the client is created, only at the pool or connection, nowhere. */
export type BoundLevel = 'call' | 'client' | 'pool' | 'none';

export type OptionFacts = ReadonlyMap<string, TSESTree.Node>;

/** Where options are read: the value's flavor (the module it came from, for some libraries) and the file linted. */
export interface OptionContext {
  readonly flavor: string | undefined;
  readonly filename: string | undefined;
  /** The file linted, to see where an option's value comes from (a caller's optional `fetch` bounds nothing). */
  readonly sourceCode?: Readonly<TSESLint.SourceCode>;
}

/** How a library bounds its calls (see docs/rules/require-timeout.md). */
export interface TimeoutModel {
  readonly levels: readonly BoundLevel[];
  /** Options of a call that bound it. */
  readonly callOptions: readonly string[];
  /** Options of the client's creation that bound every call it makes. */
  readonly instanceOptions: readonly string[];
  /**
   * Other creation options `readInstanceOptions` reads (Octokit's `request`, holding `request.fetch`): where the
   * options are an object filled in by assignments, writing one of these may bound the client, writing others not.
   */
  readonly instanceOptionsRead?: readonly string[];
  /**
   * Other call options `readCallOptions` reads (Octokit's `request`, holding `request.signal`): options not written as
   * one literal leave the call unbounded only when these, too, are visibly unset.
   */
  readonly callOptionsRead?: readonly string[];
  /** Chained methods that set a timeout on the request or cursor (`.timeout(ms)`, `.setTimeout(ms)`, `.maxTimeMS(ms)`). */
  readonly chainMethods: readonly string[];
  /**
   * Methods of the request object a call returns that end it (`req.destroy()`): called from a timer, directly or
   * from the 'abort' listener of a signal a timer aborts, they bound the call.
   */
  readonly cancelMethods?: readonly string[];
  /** What the message tells the user to do. */
  readonly remedy: string;
  /** What it tells the user instead for the version (or module) the file is written against, when that differs. */
  remedyFor?(context: OptionContext): string | undefined;
  /** The library's own default, for the docs ('none', '10 s', ...). */
  readonly defaultBound: string;
  /** A client created without a timeout option is bounded anyway (the library's default is finite). */
  readonly boundedByDefault?: boolean;
  /**
   * Words a config built by a function of the project (`new S3Client(await loadConfiguration(context))`) needs in
   * that function's module, or a module it imports, to bound the client: where none appears, the config sets no bound.
   */
  readonly projectConfigBounds?: readonly string[];
  /**
   * An option naming the dispatcher the call goes through (undici's `Agent`, `Pool`): the call is bounded as that
   * dispatcher was created (`instanceOptions` are its options), and an unknown dispatcher counts as bounded.
   */
  readonly dispatcher?: { readonly option: string; readonly remedy: string };
  /**
   * The option naming the Node agent the request goes through (node-fetch's and node:http's `agent`). An agent's
   * socket `timeout` only makes the request emit 'timeout' (node:http, whose callers handle that event as they do for
   * the request's own `timeout`, counts it; node-fetch listens to no such event, so for it it bounds nothing), and an
   * agent the rule cannot see (a parameter, a proxy agent) is no bound: most set none.
   */
  readonly agent?: { readonly option: string; readonly socketTimeoutCounts: boolean };
  /** The first argument may be a `Request`, which carries its own signal. */
  readonly requestInput?: boolean;
  /** The first argument may be the URL rather than the options (`http.get(url, callback)`). */
  readonly urlMayTakeOptionsPlace?: boolean;
  /** Whether this call is checked at all (connect and set-up calls, variants with no timeout to set are not). */
  isChecked?(call: ExternalCall): boolean;
  /** A library's own reading of a call's options, before the common one; undefined to fall through. */
  readCallOptions?(facts: OptionFacts, context?: OptionContext): 'bounded' | 'unbounded' | undefined;
  /** What bounds the client beyond this file (a NestJS module's registration): consulted when the call's own options do not. */
  instanceBound?(call: ExternalCall, filename: string | undefined): 'bounded' | 'unbounded' | 'unknown';
  /** A library's own reading of creation options, replacing the common one when it returns a verdict. */
  readInstanceOptions?(facts: OptionFacts, context?: OptionContext): 'bounded' | 'unbounded' | 'silent' | 'unknown' | undefined;
}

/** How a finding's fix sets a timeout the library's own way. */
export interface FixModel {
  /** Which argument holds the call's options, by the library's documented signature; undefined to leave it alone. */
  optionsIndex?(call: ExternalCall, method: string | undefined, sourceCode: Readonly<TSESLint.SourceCode>): number | undefined;
  /** The option through which a call takes a timeout itself (`signal: AbortSignal.timeout(ms)`, `timeout: ms`). */
  nativeTimeout?(call: ExternalCall, milliseconds: string): { key: string; value: string } | undefined;
  /**
   * The timeout a fix writes for this call, as source text, where the library's calls take far longer than an
   * ordinary request's 5 s (a model's answer): a fix whose bound fails every healthy call is worse than none.
   */
  timeoutMs?(call: ExternalCall): string | undefined;
  /** The options that bound every call where the client is created (`target`: the file, for its library's version). */
  instanceTimeout?(call: ExternalCall, target?: Pick<FixTarget, 'filename' | 'sourceCode'>): (readonly [string, string])[] | undefined;
  /**
   * A timeout in a shape of the library's own (a chained `.timeout(ms)`, `{ sql, timeout }`), with what it sets;
   * `milliseconds` is the length chosen for the call (its library's, the code's own, or an ordinary request's).
   */
  clientTimeout?(target: FixTarget, call: ExternalCall, milliseconds: string): { edits: SourceEdits; option: string } | undefined;
}

/** An export whose call or `new` creates a client: `{ module: '@slack/web-api', path: ['WebClient'], how: 'new' }`. */
export interface CreationSite {
  readonly module: string;
  /** Export names from the module ('default' for what `import x from` and `require` give). */
  readonly path: readonly string[];
  readonly how: 'call' | 'new';
}

/** A creation that leaves every call of its client unbounded, reported where the fix belongs. */
export interface CreationFinding {
  /** For messages: '`new WebClient(...)`'. */
  readonly label: string;
  /** What the message tells the user to do. */
  readonly remedy: string;
  /** The option the fix sets and its edit. */
  fix(target: FixTarget): { edits: SourceEdits; option: string } | undefined;
  /**
   * What the client waits on that the fix's option bounds, where that is less than every call (a WebSocket's
   * `handshakeTimeout` bounds its opening, not a wait for a message after it): the fix's title says so.
   */
  readonly fixBounds?: string;
  /** Where the finding points, when not at the creation the site names (the `.client()` a factory object's `new` makes). */
  readonly at?: TSESTree.CallExpression | TSESTree.NewExpression;
}

/** What a creation check may ask of the file the creation is in. */
export interface CreationFile {
  /** Where the file's code runs, as the project's file roles say (computed when asked). */
  environment(): Environment;
  /** The file's path, for the versions of the libraries it is written against. */
  readonly filename?: string;
  /** The parameter whose options a helper called by `callee` hands back with nothing added that bounds a call. */
  passedThroughParameter?(callee: TSESTree.Node): number | undefined;
}

/** For libraries bounded where the client, pool or connection is created: which creations to check, and how. */
export interface CreationModel {
  readonly sites: readonly CreationSite[];
  /**
   * Checked at every `new` of one of the library's client classes, wherever the class comes from: a client class
   * generated in another package of the project (grpc-js `makeGenericClientConstructor` in a workspace's `lib/`).
   */
  readonly anyClass?: boolean;
  /** A finding when this creation leaves the client's calls unbounded; undefined when it bounds them or cannot be read. */
  check(node: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: Readonly<TSESLint.SourceCode>, file: CreationFile): CreationFinding | undefined;
}

export interface LibraryModel {
  readonly kind: ClientKind;
  /** The library's name in docs and tables. */
  readonly title: string;
  /** Modules whose import may bring this library into a file. */
  readonly modules: readonly string[];
  /** Modules recognised by pattern, beyond `modules`, and the pattern as the docs write it (`@aws-sdk/client-*`). */
  ownsModule?(module: string): boolean;
  readonly modulePattern?: string;
  /** Class or type names whose annotation (`http: HttpService`) makes a parameter or field one of its clients (docs). */
  readonly typeNames: readonly string[];
  /** Its calls take a URL first: a breaker can be named after the host. */
  readonly takesUrl: boolean;
  /** Breaker name when nothing better is found ('http', 'postgres', ...). */
  readonly dependencyName: string;
  /**
   * A database or cache driver, or an ORM: the application's own data store. When it fails, it fails for every item of a batch
   * alike (see `no-try-outside-loop`), unlike a third-party API called once per customer.
   */
  readonly dataStore?: boolean;
  /** How it takes an abort signal (docs). */
  readonly signal: string;
  /** How it retries by itself (docs). */
  readonly retries: string;
  /** It retries a failed call by itself unless told not to: a fix does not wrap its calls in a retry of its own. */
  readonly retriesByDefault?: boolean;
  /**
   * It retries every failed call by itself with growing waits unless its client is created with this option (the
   * OpenAI SDK's `maxRetries`, the AWS SDK's `maxAttempts`): a hand-written retry around its calls need not wait.
   */
  readonly backsOffUnlessSet?: string;
  /**
   * A retry a call's own options turn on (urllib's `retry: 3`): the option counting the retries, the option setting a
   * fixed pause between them (none when it is not written), and the options that leave the call unretried (given the
   * options' static values, `undefined` for one written but not known).
   */
  readonly retryOption?: {
    readonly count: string;
    readonly pause: string;
    notRetried(options: ReadonlyMap<string, unknown>): boolean;
  };
  /** Its calls take a signal only from this version of its package (its first module) on: against an older one, none. */
  readonly signalSince?: { readonly major: number; readonly minor: number };
  /**
   * Whether nothing can bound this call in the version the file (`filename`) is written against, though later versions
   * take a bound (google-auth-library's token calls before 9.2): only the wait can be bounded then.
   */
  takesNoBound?(call: { readonly label: string }, filename: string): boolean;
  /**
   * From this version of its package on its calls never reject: every failure, a lost connection included, resolves as
   * `{ data: null, error }` (Resend 3.4). A call nobody awaits then lets no failure escape.
   */
  readonly resolvesWithErrorSince?: { readonly major: number; readonly minor: number };

  /**
   * Its clients take their options wrapped in an object of the library's own, the first argument of `new` of this
   * class (`new PlaidApi(new Configuration({ baseOptions }))`): read there, written inline or kept in a local first.
   */
  readonly optionsHolderClass?: string;

  /**
   * Its requests take no idempotency key (airtable.js): a condition, on the caught error named `error`, that holds when
   * the failure says the request was not applied, for a retry to be limited to; undefined when this file cannot write
   * it (the library's error class is not imported as a value).
   */
  notAppliedCondition?(error: string, sourceCode: Readonly<TSESLint.SourceCode>): string | undefined;

  fromModule(module: string, imported: string): ClientValue | undefined;
  member(v: ClientValue, name: string): ClientValue | undefined;
  call(v: ClientValue, node: TSESTree.CallExpression): CallOutcome | undefined;
  construct(v: ClientValue, node: TSESTree.NewExpression): ClientValue | undefined;
  /** The instance a type annotation `x: T` stands for, when T is one of the client's classes. */
  instanceOfType?(v: ClientValue): ClientValue | undefined;

  readonly timeout: TimeoutModel | undefined;
  /** Creations checked instead of (or beside) each call, for libraries bounded at the client, pool or connection. */
  readonly creation?: CreationModel;
  readonly fix: FixModel;
}

/** A library judged only where its clients are made (see `judgedWhereMade`): what its model says beyond that. */
export interface MadeClientLibrary extends Pick<LibraryModel, 'ownsModule' | 'modulePattern' | 'retriesByDefault'> {
  readonly kind: ClientKind;
  readonly title: string;
  readonly modules: readonly string[];
  readonly dependencyName: string;
  readonly signal: string;
  readonly retries: string;
  /** Its clients take a URL first (a WebSocket, a GraphQL endpoint). */
  readonly takesUrl?: boolean;
  /** The values its modules export, for the few files that read them (none by default). */
  readonly fromModule?: LibraryModel['fromModule'];
  /** Where a call can be bounded: at the client by default. */
  readonly levels?: readonly BoundLevel[];
  readonly callOptions?: readonly string[];
  readonly instanceOptions: readonly string[];
  readonly remedy: string;
  readonly defaultBound: string;
  readonly creation: CreationModel;
}

/**
 * The model of a library whose clients are judged where they are made, and nowhere else: no call of theirs is read
 * (they take the bound their creation gives, or none), so its creation sites and their check say all there is.
 */
export function judgedWhereMade(library: MadeClientLibrary): LibraryModel {
  const { levels = ['client'], callOptions = [], instanceOptions, remedy, defaultBound, fromModule = () => undefined, takesUrl = false, ...rest } = library;
  return {
    ...rest,
    typeNames: [],
    takesUrl,
    fromModule,
    member: () => undefined,
    call: () => undefined,
    construct: () => undefined,
    timeout: { levels, callOptions, instanceOptions, chainMethods: [], remedy, defaultBound, isChecked: () => false },
    fix: {},
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Building values

/**
 * The timeout model of a library that takes no bound at all, neither at its client nor on a call: only waiting for a
 * call can be bounded (the runtime's `timeout(ms)`), and the message says why. `defaultBound` is for the docs.
 */
export function takesNoBound(remedy: string, defaultBound = 'none'): TimeoutModel {
  return { levels: ['none'], callOptions: [], instanceOptions: [], chainMethods: [], remedy, defaultBound };
}


export const HTTP_METHODS = ['get', 'delete', 'head', 'options', 'post', 'put', 'patch'];

export function value(kind: ClientKind, role: string, name = '', options: readonly InstanceOptions[] = [], origin?: TSESTree.Node, flavor?: string): ClientValue {
  return { kind, role, name, options, origin, ...(flavor === undefined ? {} : { flavor }) };
}

export function derive(from: ClientValue, role: string, name = from.name): ClientValue {
  return { ...from, role, name };
}

/** An instance made by a call or `new`, configured by the given arguments (object literals, or unknown). */
export function instanceFrom(from: ClientValue, role: string, node: TSESTree.CallExpression | TSESTree.NewExpression, optionArgs: readonly (TSESTree.Node | undefined)[], name = from.name): ClientValue {
  const own: InstanceOptions[] = [];
  for (const arg of optionArgs) {
    if (arg === undefined) continue;
    own.push(asOptionsObject(arg) ?? null);
  }
  // (an instance made from a shared one is made here: judged here)
  const { sharedByModule: _shared, ...made } = from;
  return { ...made, role, name, options: [...own, ...from.options], origin: node };
}

export function io(label: string, httpMethod: string | undefined, optionsIndex: number, signalOption: IoCall['signalOption']): CallOutcome {
  return { io: { label, httpMethod, optionsIndex, signalOption } };
}

/** A call that returns a stream: it fails by emitting `'error'`. */
export function streamIo(label: string, httpMethod: string | undefined, optionsIndex: number, signalOption: IoCall['signalOption']): CallOutcome {
  return { io: { label, httpMethod, optionsIndex, signalOption, emitsErrors: true } };
}

/** `new Configuration({...})`, the options holder a library names: its options literal, else undefined. */
export function heldOptions(node: TSESTree.Node, holderClass: string): TSESTree.ObjectExpression | undefined {
  const inner = unwrapExpression(node);
  if (inner.type !== AST_NODE_TYPES.NewExpression || inner.callee.type !== AST_NODE_TYPES.Identifier || inner.callee.name !== holderClass) return undefined;
  const [given] = inner.arguments;
  return given ? asOptionsObject(given) : undefined;
}

/** Index of the first object literal among the arguments from `from` on, or `fallback`. */
export function objectArgumentIndex(call: TSESTree.CallExpression | TSESTree.NewExpression, from: number, fallback: number): number {
  for (let index = from; index < call.arguments.length; index++) {
    const arg = call.arguments[index];
    if (arg && asObject(arg)) return index;
  }
  return fallback;
}

export function isFunctionNode(node: TSESTree.Node | undefined): boolean {
  return node !== undefined && (node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression);
}

/** The value an import stands for when the module's default or namespace is the library's root. */
export function isWholeModule(imported: string): boolean {
  return imported === 'default' || imported === '*';
}

/** The exports a package offers by name, each with the role its value starts in (`{ Svix: 'class' }`). */
export type ExportRoles = Readonly<Record<string, string>> | ((name: string) => string | undefined);

/**
 * The first steps of a model whose package offers its clients, factories or functions by name: an export imported by
 * name (`import { Svix } from 'svix'`) and the same export read off the whole module (`import * as svix`, a CommonJS
 * default, `require('svix').Svix`) start in the same role. `fromModule` is the model's; `member` answers for the whole
 * module and leaves every other value to the model.
 */
export function packageExports(kind: ClientKind, modules: readonly string[], roles: ExportRoles): {
  fromModule: LibraryModel['fromModule'];
  member(v: ClientValue, name: string): ClientValue | undefined;
} {
  const roleOf = typeof roles === 'function' ? roles : (name: string) => (Object.hasOwn(roles, name) ? roles[name] : undefined);
  const member = (v: ClientValue, name: string): ClientValue | undefined => {
    if (v.role !== 'module') return undefined;
    const role = roleOf(name);
    return role === undefined ? undefined : derive(v, role, name);
  };
  return {
    fromModule(module, imported) {
      if (!modules.includes(module)) return undefined;
      const whole = value(kind, 'module', module);
      return isWholeModule(imported) ? whole : member(whole, imported);
    },
    member,
  };
}

/**
 * Whether the query a builder chain starts at `node` is sent: the chain's end is awaited, returned, stored, chained
 * with `.then`, or left floating. A builder handed to another call (`whereIn('id', db('b').select('id'))`,
 * `select(db.raw('count(*)'))`) is part of that query, not a query of its own.
 */
export function isSentQuery(node: TSESTree.Node): boolean {
  let current: TSESTree.Node = node;
  for (;;) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === current && parent.parent.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent) {
      current = parent.parent;
      continue;
    }
    if (parent?.type === AST_NODE_TYPES.TSAsExpression || parent?.type === AST_NODE_TYPES.TSNonNullExpression || parent?.type === AST_NODE_TYPES.ChainExpression) {
      current = parent;
      continue;
    }
    if (!parent) return false;
    if (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) return false;
    if (parent.type === AST_NODE_TYPES.Property || parent.type === AST_NODE_TYPES.MemberExpression) return false;
    return true;
  }
}
