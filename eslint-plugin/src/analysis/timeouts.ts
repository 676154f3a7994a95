import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { propertyKey, unwrapExpression, type ClientKind, type InstanceOptions } from './clients.js';
import type { ExternalCall } from './external-calls.js';

/** How each client bounds a call: option names on the call and on the instance (see docs/rules/require-timeout.md). */
interface TimeoutRule {
  callOptions: readonly string[];
  instanceOptions: readonly string[];
  /** Chained methods that set a timeout on the request or cursor (`.timeout(ms)`, `.setTimeout(ms)`, `.maxTimeMS(ms)`). */
  chainMethods: readonly string[];
  remedy: string;
}

const TIMEOUT_RULES: Record<ClientKind, TimeoutRule | undefined> = {
  fetch: { callOptions: ['dispatcher'], instanceOptions: [], chainMethods: [], remedy: 'pass `signal: AbortSignal.timeout(ms)`' },
  'node-fetch': { callOptions: ['timeout', 'agent'], instanceOptions: [], chainMethods: [], remedy: 'pass `signal: AbortSignal.timeout(ms)`' },
  undici: { callOptions: ['headersTimeout', 'bodyTimeout', 'dispatcher'], instanceOptions: ['headersTimeout', 'bodyTimeout'], chainMethods: [], remedy: 'pass `signal` or set `headersTimeout` and `bodyTimeout`' },
  axios: { callOptions: ['timeout', 'cancelToken'], instanceOptions: ['timeout', 'signal'], chainMethods: [], remedy: 'set `timeout` on the call or on the instance, or pass `signal`' },
  got: { callOptions: ['timeout'], instanceOptions: ['timeout', 'signal'], chainMethods: [], remedy: 'set `timeout: { request: ms }` or pass `signal`' },
  ky: { callOptions: ['timeout'], instanceOptions: ['timeout', 'signal'], chainMethods: [], remedy: 'keep ky\'s default `timeout` instead of `timeout: false`, or pass `signal`' },
  superagent: { callOptions: [], instanceOptions: [], chainMethods: ['timeout'], remedy: 'chain `.timeout(ms)`' },
  http: { callOptions: ['timeout', 'agent'], instanceOptions: [], chainMethods: ['setTimeout'], remedy: 'set `timeout` (and handle the \'timeout\' event) or pass `signal`' },
  pg: { callOptions: ['query_timeout', 'statement_timeout'], instanceOptions: ['statement_timeout', 'query_timeout'], chainMethods: [], remedy: 'set `statement_timeout` or `query_timeout` where the pool or client is created' },
  mysql: { callOptions: ['timeout'], instanceOptions: [], chainMethods: [], remedy: 'pass the query as `{ sql, timeout }`' },
  mongodb: { callOptions: ['maxTimeMS', 'timeoutMS'], instanceOptions: ['timeoutMS', 'socketTimeoutMS'], chainMethods: ['maxTimeMS'], remedy: 'set `timeoutMS` on the client or `maxTimeMS` on the operation' },
  redis: { callOptions: [], instanceOptions: ['commandTimeout'], chainMethods: [], remedy: 'set `commandTimeout` where the client is created' },
  'aws-sdk': { callOptions: [], instanceOptions: ['requestHandler'], chainMethods: [], remedy: 'pass `{ abortSignal }` or give the client a `requestHandler` with `requestTimeout`' },
  grpc: { callOptions: ['deadline'], instanceOptions: ['interceptors', 'interceptor_providers'], chainMethods: [], remedy: 'pass a `deadline` in the call options' },
  custom: { callOptions: ['timeout'], instanceOptions: ['timeout'], chainMethods: [], remedy: 'pass a timeout or an abort signal' },
};

/** Calls that only connect or set up: their clients bound them by default, or they are not where a request hangs. */
const NOT_CHECKED_LABELS = new Set(['pg connect', 'mongodb connect', 'MongoClient.connect', 'mysql getConnection']);

export interface TimeoutVerdict {
  bounded: boolean;
  remedy: string;
}

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Whether the call has a timeout or an abort signal. Anything not statically known (options in a variable we cannot
 * read, a spread, an instance created elsewhere) counts as bounded: the rule reports only what it can see.
 */
export function timeoutVerdict(sourceCode: SourceCode, call: ExternalCall): TimeoutVerdict {
  const rule = TIMEOUT_RULES[call.client];
  if (!rule || call.wrapped || NOT_CHECKED_LABELS.has(call.label)) return { bounded: true, remedy: '' };
  const bounded = { bounded: true, remedy: rule.remedy };
  const unbounded = { bounded: false, remedy: rule.remedy };
  if (call.client === 'redis' && call.flavor !== 'ioredis') return bounded; // node-redis has no per-command timeout to set
  // a wrapper in another module that passes its caller's signal on: bounded when the caller gives one
  if (call.forwardedSignalIndex !== undefined) return isSet(call.node.arguments[call.forwardedSignalIndex]) ? bounded : unbounded;
  // `(...args) => fetch(...args)`: the arguments, options included, come from the caller, who chooses the timeout.
  if (call.node.arguments.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement && argument.argument.type !== AST_NODE_TYPES.ArrayExpression)) {
    return bounded;
  }

  const custom = call.setting;
  const callOptions = custom?.timeoutOptions ?? rule.callOptions;
  const instanceOptions = custom?.timeoutOptions ?? rule.instanceOptions;
  const signalOption = call.signalOption;

  // The call's own options (http's first argument may be the URL instead).
  const urlInOptionsPlace = call.client === 'http' && call.optionsExpression === call.node.arguments[0]
    && call.optionsExpression !== undefined && looksLikeUrl(sourceCode, call.optionsExpression);
  if (call.optionsExpression && !urlInOptionsPlace) {
    const options = resolveObject(sourceCode, call.optionsExpression);
    if (options === 'unknown') return bounded;
    if (options) {
      const facts = readOptions(options);
      if (facts === 'unknown') return bounded;
      if (signalOption && isSet(facts.get(signalOption))) return bounded;
      if (call.client === 'ky' && facts.has('timeout')) return isSet(facts.get('timeout')) ? bounded : unbounded;
      if (callOptions.some((name) => isSet(facts.get(name)))) return bounded;
      if (call.client === 'pg' && pgOptionsString(facts)) return bounded;
    }
  } else if (call.client === 'fetch' || call.client === 'node-fetch') {
    const input = call.node.arguments[0];
    if (input && isRequestObject(sourceCode, input)) return bounded; // a Request may carry a signal
  }

  // How the instance was created.
  for (const created of call.instanceOptions) {
    const verdict = instanceVerdict(created, call.client, instanceOptions);
    if (verdict === 'unknown' || verdict === 'bounded') return bounded;
    if (verdict === 'unbounded') return unbounded;
  }
  if (call.client === 'ky') return bounded; // ky's default timeout is 10 s
  if (call.defaultsTimeout && isSet(call.defaultsTimeout)) return bounded;
  if (rule.chainMethods.length && chainOrHolderCalls(sourceCode, call.node, rule.chainMethods)) return bounded;
  return unbounded;
}

function instanceVerdict(created: InstanceOptions, client: ClientKind, names: readonly string[]): 'unknown' | 'bounded' | 'unbounded' | 'silent' {
  if (created === null) return 'unknown';
  const facts = readOptions(created);
  if (facts === 'unknown') return 'unknown';
  if (client === 'ky' && facts.has('timeout')) return isSet(facts.get('timeout')) ? 'bounded' : 'unbounded';
  if (client === 'aws-sdk') {
    const handler = facts.get('requestHandler');
    if (!handler) return 'silent';
    const target = unwrapExpression(handler);
    const handlerOptions = target.type === AST_NODE_TYPES.NewExpression ? target.arguments[0] : target;
    if (!handlerOptions) return 'silent';
    if (handlerOptions.type !== AST_NODE_TYPES.ObjectExpression) return 'unknown';
    const handlerFacts = readOptions(handlerOptions);
    if (handlerFacts === 'unknown') return 'unknown';
    return isSet(handlerFacts.get('requestTimeout')) || isSet(handlerFacts.get('connectionTimeout')) ? 'bounded' : 'silent';
  }
  if (names.some((name) => isSet(facts.get(name)))) return 'bounded';
  if (client === 'pg' && pgOptionsString(facts)) return 'bounded';
  return 'silent';
}

/** pg: `options: '-c statement_timeout=5s'`, or a connection string literal that sets it. */
function pgOptionsString(facts: Map<string, TSESTree.Node>): boolean {
  for (const key of ['options', 'connectionString']) {
    const value = facts.get(key);
    if (!value) continue;
    const target = unwrapExpression(value);
    if (target.type === AST_NODE_TYPES.Literal && typeof target.value === 'string' && /statement_timeout|query_timeout/.test(target.value)) return true;
    if (target.type === AST_NODE_TYPES.TemplateLiteral && target.quasis.some((quasi) => /statement_timeout|query_timeout/.test(quasi.value.raw))) return true;
  }
  return false;
}

/** Property name -> value of an options literal; 'unknown' if a spread may add anything. */
function readOptions(object: TSESTree.ObjectExpression): Map<string, TSESTree.Node> | 'unknown' {
  const facts = new Map<string, TSESTree.Node>();
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) return 'unknown';
    const key = propertyKey(property);
    if (key === undefined) return 'unknown';
    facts.set(key, property.value);
  }
  return facts;
}

/** Whether an option value actually bounds the call: not absent, 0, Infinity, null, undefined or false. */
function isSet(value: TSESTree.Node | undefined): boolean {
  if (!value) return false;
  const target = unwrapExpression(value);
  if (target.type === AST_NODE_TYPES.Literal) return target.value !== 0 && target.value !== null && target.value !== false;
  if (target.type === AST_NODE_TYPES.Identifier) return target.name !== 'undefined' && target.name !== 'Infinity';
  if (target.type === AST_NODE_TYPES.MemberExpression && target.object.type === AST_NODE_TYPES.Identifier && target.object.name === 'Number'
    && !target.computed && target.property.type === AST_NODE_TYPES.Identifier && ['POSITIVE_INFINITY', 'MAX_VALUE', 'MAX_SAFE_INTEGER'].includes(target.property.name)) {
    return false;
  }
  if (target.type === AST_NODE_TYPES.ObjectExpression) return target.properties.length > 0;
  return true;
}

/** An options argument as an object literal, through a `const` that holds one; 'unknown' when it cannot be read. */
function resolveObject(sourceCode: SourceCode, node: TSESTree.Node): TSESTree.ObjectExpression | undefined | 'unknown' {
  const target = unwrapExpression(node);
  if (target.type === AST_NODE_TYPES.ObjectExpression) return target;
  if (target.type === AST_NODE_TYPES.Identifier) {
    if (target.name === 'undefined') return undefined;
    const variable = findVariable(sourceCode.getScope(target) as never, target) as TSESLint.Scope.Variable | null;
    const def = variable?.defs[0];
    if (variable && variable.defs.length === 1 && def?.type === 'Variable' && def.node.id.type === AST_NODE_TYPES.Identifier && def.node.init
      && !variable.references.some((reference) => reference.isWrite() && !reference.init)) {
      const init = unwrapExpression(def.node.init);
      if (init.type === AST_NODE_TYPES.ObjectExpression) return init;
    }
    return 'unknown';
  }
  if (target.type === AST_NODE_TYPES.Literal || target.type === AST_NODE_TYPES.TemplateLiteral) return undefined; // a URL or SQL text
  return 'unknown';
}

/** A string or URL: a literal, `new URL(...)`, a `string`/`URL`-typed or URL-named variable. */
function looksLikeUrl(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const target = unwrapExpression(node);
  if (target.type === AST_NODE_TYPES.Literal || target.type === AST_NODE_TYPES.TemplateLiteral) return true;
  if (target.type === AST_NODE_TYPES.NewExpression) return target.callee.type === AST_NODE_TYPES.Identifier && target.callee.name === 'URL';
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  const def = (findVariable(sourceCode.getScope(target) as never, target) as TSESLint.Scope.Variable | null)?.defs[0];
  if (def?.type === 'Variable' && def.node.init) return looksLikeUrl(sourceCode, def.node.init);
  const annotation = (def?.name as TSESTree.Identifier | undefined)?.typeAnnotation?.typeAnnotation;
  if (annotation?.type === AST_NODE_TYPES.TSStringKeyword) return true;
  if (annotation?.type === AST_NODE_TYPES.TSTypeReference && annotation.typeName.type === AST_NODE_TYPES.Identifier && annotation.typeName.name === 'URL') return true;
  return /(url|uri|href|endpoint)$/i.test(target.name);
}

/** `new Request(url, init)`, or a variable or parameter holding a Request. */
function isRequestObject(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const target = unwrapExpression(node);
  if (target.type === AST_NODE_TYPES.NewExpression) return true;
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(sourceCode.getScope(target) as never, target) as TSESLint.Scope.Variable | null;
  const def = variable?.defs[0];
  if (def?.type === 'Variable') return def.node.init ? unwrapExpression(def.node.init).type === AST_NODE_TYPES.NewExpression : false;
  if (def?.type === 'Parameter') {
    const annotation = (def.name as TSESTree.Identifier).typeAnnotation?.typeAnnotation;
    return annotation?.type === AST_NODE_TYPES.TSTypeReference && annotation.typeName.type === AST_NODE_TYPES.Identifier
      && annotation.typeName.name === 'Request';
  }
  return false;
}

/** `request.timeout(ms)` in the call's chain, or `req.setTimeout(ms)` on the variable that holds it. */
function chainOrHolderCalls(sourceCode: SourceCode, node: TSESTree.CallExpression, methods: readonly string[]): boolean {
  let current: TSESTree.Node = node;
  for (;;) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === current && parent.parent?.type === AST_NODE_TYPES.CallExpression) {
      if (!parent.computed && parent.property.type === AST_NODE_TYPES.Identifier && methods.includes(parent.property.name)) return true;
      current = parent.parent;
      continue;
    }
    if (parent?.type === AST_NODE_TYPES.AwaitExpression || parent?.type === AST_NODE_TYPES.TSAsExpression || parent?.type === AST_NODE_TYPES.TSNonNullExpression) {
      current = parent;
      continue;
    }
    break;
  }
  const holder = current.parent;
  if (holder?.type !== AST_NODE_TYPES.VariableDeclarator || holder.id.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(sourceCode.getScope(holder) as never, holder.id) as TSESLint.Scope.Variable | null;
  return (variable?.references ?? []).some((reference) => {
    const member = reference.identifier.parent;
    return member?.type === AST_NODE_TYPES.MemberExpression && member.object === reference.identifier && !member.computed
      && member.property.type === AST_NODE_TYPES.Identifier && methods.includes(member.property.name);
  });
}
