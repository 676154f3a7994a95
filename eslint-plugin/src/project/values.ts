import type { ClientKind, ClientValue } from '../libraries/index.js';
import type { CreationBound, WrapperBoundOptions } from '../analysis/caller-options.js';
import type { ClientSetting } from '../analysis/settings.js';
import type { CreationPath } from '../analysis/creation-base.js';
import type { LayerRetry } from '../analysis/layer-retries.js';
import type { RaceHelper } from '../analysis/race-helpers.js';

/**
 * What the project model knows of a value that comes from the project's own code (another module, or a class of the
 * module being summarised), beside the client values the library models give.
 */
export type ProjectValue =
  | { readonly kind: 'project-wrapper'; readonly wrapper: WrapperFact }
  | { readonly kind: 'project-class'; readonly cls: ClassFact }
  /** An instance; `destination` when it was made with the page's origin (or this machine) as its base (see creation-base.ts). */
  | { readonly kind: 'project-instance'; readonly cls: ClassFact; readonly destination?: 'page' | 'loopback' }
  | { readonly kind: 'project-object'; readonly name: string; readonly members: { get(name: string): Value | undefined } }
  /**
   * A function that returns a client (`export function createApi() { return axios.create({...}) }`); where it
   * creates the client from options that take in one of its parameters, that parameter's index.
   */
  | { readonly kind: 'project-factory'; readonly result: Value; readonly optionsParameter?: number }
  /**
   * A function that returns the options object it was given, adding nothing that bounds a call
   * (`getAxiosConfigWithProxy(config)` adding proxy agents): the options are the caller's argument, or, when it
   * passes none, the parameter's default (`defaultUnbounded`: none, or `{}`, which bounds nothing).
   */
  | { readonly kind: 'project-passthrough'; readonly parameter: number; readonly defaultUnbounded: boolean }
  /**
   * A function that returns a function calling the one it is given with its own arguments (`retryOnDNSFailure(fetch)`,
   * `withRetry(fn)` returning `(...args) => retry(() => fn(...args))`): calling what it returns is calling what it
   * was given at `parameter`, with the caller's arguments, options included.
   */
  | { readonly kind: 'project-decorator'; readonly parameter: number }
  /**
   * A function whose every return is an object literal with no spread at its top (`getGithubHeaders(token)` returning
   * `{ headers: { ... } }`): the option names it can set, whatever its arguments; spread into a call's options or
   * given as them, it sets no other.
   */
  | { readonly kind: 'project-options'; readonly keys: readonly string[] }
  /** A function that never returns normally (`throwApiError(error)` builds a message and throws). */
  | { readonly kind: 'project-thrower' }
  /** A function that only waits on a timer (`export const timer = (ms) => new Promise((res) => setTimeout(res, ms))`). */
  | { readonly kind: 'project-delay' }
  /**
   * A function that stops waiting for the promise it is handed when a timer of its own rejects, and cancels nothing
   * (`withTimeout(promise, ms)`: see race-helpers.ts): what its callers hand it keeps running after the timer wins.
   */
  | { readonly kind: 'project-race'; readonly race: RaceHelper };

export type Value = ClientValue | ProjectValue;

export function isProjectValue(value: Value): value is ProjectValue {
  return value.kind.startsWith('project-');
}

/**
 * A function or method of the project that makes an external call and hands its failure on to its caller. Its
 * callers inherit what it does itself (bounds the call, retries); where it forwards its caller's options or signal
 * into the call, each caller is judged by what it passes.
 */
export interface WrapperFact {
  /** For messages: the name it is declared with ('getJson', 'UsersClient.find'). */
  readonly name: string;
  readonly client: ClientKind;
  readonly httpMethod: string | undefined;
  /** The wrapper bounds its call itself (its options, its instance, or it forwards nothing a caller could set). */
  readonly bounded: boolean;
  /** The caller's argument that becomes the call's options (`init` in `apiFetch(path, init)`). */
  readonly optionsParameter?: number;
  /** The caller's argument that becomes the call's signal (`signal` in `apiFetch(path, signal)`). */
  readonly signalParameter?: number;
  /**
   * That parameter has a default that bounds the call (`timeout = 60_000`): a caller leaving it out gets the default,
   * one passing `null` or `0` turns it off.
   */
  readonly signalDefaulted?: true;
  /**
   * The wrapper's own options that bound its call when a caller passes one (`timeout`, `signal`), where nothing
   * else does: callers are judged by these rather than by the wrapped client's options.
   */
  readonly boundOptions?: WrapperBoundOptions;
  /** How the wrapped client takes a signal, for the caller's options. */
  readonly signalOption: 'signal' | 'abortSignal' | undefined;
  /**
   * Reported in the wrapper for the optional signal it hands its call (layer-signals.ts): its callers are not judged
   * by what they pass, yet a caller can still hand it a signal (a race around it could cancel the work).
   */
  readonly takesCallerSignal?: true;
  /** Where the wrapped call goes when the wrapper itself says so: the page's own origin, or this machine. */
  readonly destination?: 'page' | 'loopback';
  /**
   * Its call requests a path (`client.post('/auth/refresh')`) on the client its caller hands it as this argument:
   * where the call goes is that client's base (see `handedClientDestination` in the evaluator).
   */
  readonly clientParameter?: number;
  /** Its POST only reads (a GraphQL query): sending it again changes nothing. */
  readonly readsOnly?: true;
  /** It sends its request again itself, inside a retry library's call: what its callers' POSTs go through. */
  readonly retriedBy?: LayerRetry;
  readonly flavor?: string;
  readonly setting?: ClientSetting;
}

/**
 * A class of the project: its methods that are wrappers, the clients or project instances its fields hold, the
 * client class it extends. Answered on demand (and remembered), so classes that refer to each other summarise.
 */
export interface ClassFact {
  readonly name: string;
  /** What calling the method gives: a wrapper, a factory of a client, or a pass-through of options. */
  method(name: string): Value | undefined;
  field(name: string): Value | undefined;
  /** What `Class.name` is, for a static field: the value it is made with (`static backoff = new Backoff()`). */
  staticMember(name: string): Value | undefined;
  /** The client class it extends (`class PrismaService extends PrismaClient`), if any. */
  clientBase(): ClientValue | undefined;
  /** Its methods' calls are bounded only by the options it is created with: those, judged at each `new`. */
  creationBound(): ClassCreationBound | undefined;
  /** Its calls all go to a base URL it is given when it is made: the creation arguments that hold it. */
  creationBase(): readonly CreationPath[] | undefined;
}

export interface ClassCreationBound extends CreationBound {
  readonly client: ClientKind;
  /** For messages: the method whose call they bound (`Timestamps.stamp`). */
  readonly method: string;
}
