import type { RuleContext } from '@typescript-eslint/utils/ts-eslint';
import { NO_FILE_SETTINGS, parseFileSettings, type FileSettings } from '../project/file-settings.js';

/**
 * A client the user wrote or wraps themselves, so that their calls count as external.
 * - `{ module, export? }`: an import (ESM or CommonJS). Without `export`, the module's default/namespace.
 *   Calling it, calling a method on it, or calling a method on an instance it creates is an external call.
 * - `{ member }`: a dotted path as written at the call site (`'api'`, `'this.api.client'`); calls of it or of its
 *   methods are external calls.
 * `timeoutOptions` / `signalOption` name the call or creation options that bound the call (defaults: `timeout`, `signal`).
 * `bounded` says where its calls are bounded: on each call (the default), where the client is created ('client'),
 * only at the pool or connection, with no per-call timeout ('pool'), or always by the client itself ('always').
 * `httpMethod` is the HTTP method of its calls, one for all or per method name (`{ create: 'POST', list: 'GET' }`).
 */
export type ClientSetting = (
  | { module: string; export?: string; member?: undefined }
  | { member: string; module?: undefined; export?: undefined }
) & {
  timeoutOptions: string[];
  signalOption: 'signal' | 'abortSignal';
  bounded?: ClientBound;
  httpMethod?: string | Readonly<Record<string, string>>;
};

export type ClientBound = 'call' | 'client' | 'pool' | 'always';
const CLIENT_BOUNDS: readonly ClientBound[] = ['call', 'client', 'pool', 'always'];
const HTTP_METHOD_NAMES = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * A function of the user's that turns failure into a value or handles it (like a fallback): a call made inside a
 * callback passed to it, or passed to it directly, cannot escape. Same forms as a client: `{ module, export? }` or
 * `{ member }` (a string in settings is short for `{ member }`).
 */
export type WrapperSetting = { module: string; export?: string; member?: undefined } | { member: string; module?: undefined; export?: undefined };

export interface ResilintSettings {
  clients: ClientSetting[];
  wrappers: WrapperSetting[];
  /** Names as called (`'sleep'`, `'utils.delay'`) or module exports written `'module#export'`. */
  sleepHelpers: string[];
  /** Where fixes import the policies from. */
  runtimeModule: string;
  /** Globs that override the role and the environment of files (see project/file-settings.ts). */
  files: FileSettings;
}

export const DEFAULT_RUNTIME_MODULE = '@resilint/runtime';

const DEFAULT_SETTINGS: ResilintSettings = Object.freeze({
  clients: [],
  wrappers: [],
  sleepHelpers: [],
  runtimeModule: DEFAULT_RUNTIME_MODULE,
  files: NO_FILE_SETTINGS,
}) as ResilintSettings;

const KNOWN_KEYS = ['clients', 'wrappers', 'sleepHelpers', 'runtimeModule', 'files'];

export class ResilintSettingsError extends Error {
  override name = 'ResilintSettingsError';
}

const cache = new WeakMap<object, ResilintSettings>();

/** The validated `settings.resilint`, cached per settings object; throws a ResilintSettingsError naming the bad key. */
export function getSettings(context: Readonly<RuleContext<string, readonly unknown[]>>): ResilintSettings {
  const raw = (context.settings as Record<string, unknown> | undefined)?.['resilint'];
  if (raw === undefined) return DEFAULT_SETTINGS;
  if (typeof raw === 'object' && raw !== null) {
    const cached = cache.get(raw);
    if (cached) return cached;
  }
  const parsed = parseSettings(raw);
  cache.set(raw as object, parsed);
  return parsed;
}

export function parseSettings(raw: unknown): ResilintSettings {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    fail('settings.resilint', 'must be an object such as { clients: [], wrappers: [], sleepHelpers: [] }');
  }
  const input = raw as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!KNOWN_KEYS.includes(key)) {
      fail(`settings.resilint.${key}`, `is not a known setting; use one of ${KNOWN_KEYS.join(', ')}`);
    }
  }
  return {
    clients: arrayOf(input['clients'], 'settings.resilint.clients', parseClient),
    wrappers: arrayOf(input['wrappers'], 'settings.resilint.wrappers', parseWrapper),
    sleepHelpers: arrayOf(input['sleepHelpers'], 'settings.resilint.sleepHelpers', (value, path) => {
      if (typeof value !== 'string' || value.trim() === '') fail(path, "must be a non-empty string such as 'sleep' or 'my-utils#delay'");
      return value;
    }),
    runtimeModule: parseRuntimeModule(input['runtimeModule']),
    files: parseFileSettings(input['files'], fail),
  };
}

function parseRuntimeModule(value: unknown): string {
  if (value === undefined) return DEFAULT_RUNTIME_MODULE;
  if (typeof value !== 'string' || value.trim() === '') {
    fail('settings.resilint.runtimeModule', `must be a module specifier such as '${DEFAULT_RUNTIME_MODULE}' or './lib/resilience'`);
  }
  return value;
}

function parseClient(value: unknown, path: string): ClientSetting {
  const target = parseTarget(value, path, ['timeoutOptions', 'signalOption', 'bounded', 'httpMethod']);
  const input = value as Record<string, unknown>;
  const timeoutOptions = input['timeoutOptions'] ?? ['timeout'];
  if (!Array.isArray(timeoutOptions) || timeoutOptions.some((name) => typeof name !== 'string' || name === '')) {
    fail(`${path}.timeoutOptions`, "must be an array of option names such as ['timeout']");
  }
  const signalOption = input['signalOption'] ?? 'signal';
  if (signalOption !== 'signal' && signalOption !== 'abortSignal') {
    fail(`${path}.signalOption`, "must be 'signal' or 'abortSignal'");
  }
  const bounded = input['bounded'];
  if (bounded !== undefined && !CLIENT_BOUNDS.includes(bounded as ClientBound)) {
    fail(`${path}.bounded`, "must be 'call' (each call takes a timeout), 'client' (set where the client is created), 'pool' (no per-call timeout: bounded at the pool or connection) or 'always'");
  }
  const httpMethod = parseHttpMethod(input['httpMethod'], `${path}.httpMethod`);
  return {
    ...target,
    timeoutOptions: timeoutOptions as string[],
    signalOption,
    ...(bounded === undefined ? {} : { bounded: bounded as ClientBound }),
    ...(httpMethod === undefined ? {} : { httpMethod }),
  };
}

function parseHttpMethod(value: unknown, path: string): ClientSetting['httpMethod'] {
  if (value === undefined) return undefined;
  const isMethod = (method: unknown): method is string => typeof method === 'string' && HTTP_METHOD_NAMES.includes(method.toUpperCase());
  if (isMethod(value)) return value.toUpperCase();
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(path, `must be an HTTP method such as 'POST', or an object naming the method of each call such as { create: 'POST', list: 'GET' }`);
  }
  const methods: Record<string, string> = {};
  for (const [name, method] of Object.entries(value)) {
    if (!isMethod(method)) fail(`${path}.${name}`, `must be one of ${HTTP_METHOD_NAMES.join(', ')}`);
    methods[name] = method.toUpperCase();
  }
  return methods;
}

function parseWrapper(value: unknown, path: string): WrapperSetting {
  if (typeof value === 'string') value = { member: value };
  return parseTarget(value, path, []);
}

function parseTarget(value: unknown, path: string, extraKeys: string[]): WrapperSetting {
  const example = "{ module: 'my-http', export: 'request' } or { member: 'api.client' }";
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, `must be an object such as ${example}`);
  const input = value as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!['module', 'export', 'member', ...extraKeys].includes(key)) {
      fail(`${path}.${key}`, `is not a known key; use module and export, or member${extraKeys.length ? `, and ${extraKeys.join(', ')}` : ''}`);
    }
  }
  const { module, member } = input;
  const exportName = input['export'];
  if (module !== undefined && member !== undefined) fail(path, 'must have either "module" or "member", not both');
  if (module !== undefined) {
    if (typeof module !== 'string' || module === '') fail(`${path}.module`, "must be a module specifier such as 'my-http'");
    if (exportName !== undefined && (typeof exportName !== 'string' || exportName === '')) {
      fail(`${path}.export`, "must be the name of an export such as 'request' (or 'default')");
    }
    return exportName === undefined ? { module } : { module, export: exportName as string };
  }
  if (member !== undefined) {
    if (typeof member !== 'string' || !/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(member)) {
      fail(`${path}.member`, "must be a dotted name as written at the call site, such as 'api' or 'this.api.client'");
    }
    if (exportName !== undefined) fail(`${path}.export`, 'only goes with "module"');
    return { member };
  }
  fail(path, `must name a "module" or a "member", such as ${example}`);
}

function arrayOf<T>(value: unknown, path: string, parse: (item: unknown, itemPath: string) => T): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(path, 'must be an array');
  return value.map((item, index) => parse(item, `${path}[${index}]`));
}

function fail(path: string, problem: string): never {
  throw new ResilintSettingsError(`Invalid ${path}: it ${problem}.`);
}
