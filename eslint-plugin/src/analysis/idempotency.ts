import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { keyWrittenInto, methodFromCallers, type CallerMethod } from './caller-methods.js';
import { getExternalCalls, type ExternalCall } from './external-calls.js';
import { callerParameters, contains, enclosingFunction, enclosingLoop, isFunction, walkSameFunction, type FunctionNode } from './loops.js';
import type { LayerRetry } from './layer-retries.js';
import { methodFromOptions, propertyKey, unwrapExpression } from './syntax.js';
import { importersOf } from '../project/importers.js';
import { staticPropertyName } from './member-syntax.js';
import { readProjectFile, withoutComments } from '../project/files.js';
import { getRetries, type RetryConstruct } from './retries.js';
import { objectLiteral, option } from './retry-library-options.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** RFC 9110 §9.2.2: GET, HEAD, OPTIONS, TRACE, PUT and DELETE are idempotent; these are not. */
const NON_IDEMPOTENT = new Set(['POST', 'PATCH']);
const IDEMPOTENCY_HEADER = /^(?:x-)?idempotency-key$/i;

export interface RetriedRequest {
  readonly call: ExternalCall;
  readonly method: string;
  /** The innermost retry that sends the request again: in this file, or inside the layer the call goes through. */
  readonly retry: RetryConstruct | LayerRetry;
  /** 'missing': no key; 'per-attempt': a key made anew on each attempt. */
  readonly key: 'missing' | 'per-attempt';
  /** The method is one the layer's declared options allow (`method: 'GET' | 'POST'`), no caller in view naming it. */
  readonly methodDeclared?: true;
}

export interface NonIdempotentRetries {
  readonly requests: readonly RetriedRequest[];
  /** Retry libraries configured to retry POST/PATCH requests themselves. */
  readonly libraries: readonly RetryConstruct[];
}

const cache = new WeakMap<TSESTree.Program, NonIdempotentRetries>();

/** POST/PATCH requests inside a retry that lack a stable Idempotency-Key, and libraries told to retry them. */
export function findNonIdempotentRetries(context: Context): NonIdempotentRetries {
  const cached = cache.get(context.sourceCode.ast);
  if (cached) return cached;
  const retries = getRetries(context);
  const requests: RetriedRequest[] = [];
  for (const call of getExternalCalls(context).calls) {
    // the layer the call goes through sends it again itself, whatever this file does around it
    const layered = call.retriedInLayer && retriedInLayer(context, call, call.retriedInLayer);
    if (layered) {
      requests.push(layered);
      continue;
    }
    // (most requests are in no retry: that is asked first, their callers only then)
    const retry = innermostRetry(retries, call.node);
    if (!retry) continue;
    // Through a wrapper of this file, the headers that count are those of the request it sends.
    const request = call.wrapped?.httpMethod ? call.wrapped : call.httpMethod ? call : call.wrapped ?? call;
    // a layer sending the method its caller names: a caller in view may name a POST
    const caller = request.httpMethod ? undefined : methodFromCallers(context.sourceCode, context.physicalFilename, request, NON_IDEMPOTENT, call.handedThrough);
    const method = request.httpMethod ?? caller?.method;
    // A GraphQL query sent by POST reads: a mutation, or a body not readable here, stays a write.
    if (!method || !NON_IDEMPOTENT.has(method) || request.readsOnly || urlSays(context, call, PRESIGNED) || urlSays(context, call, SETS_FINAL_STATE) || urlSays(context, call, ONLY_READS)
      || pollsDeviceGrant(context, call.node) || namesReadAction(call.node) || callerSendsRead(context, caller)) continue;
    // A new value after a conflict makes a new request; a 429 or a refusal of the credentials says the server did
    // not act on the first one; a poll asking again after an answer that says "not yet" asks for a state (a JSON-RPC
    // or GraphQL status read sent as a POST), and asking again changes nothing.
    // (so does a poll on a timer, each tick asking again whatever the last one heard)
    if (retry.cause === 'conflict' || retry.cause === 'rate-limited' || retry.cause === 'reauthenticated' || retry.answerGuard || retry.kind === 'interval' || asksAgainWhenAnswered(context, retry, call.node) || sentOnceOnLeaving(retry, call.node)
      || madeByFailureHandler(retry, call.node)) continue;
    // a layer that tries again only the methods it may (`if (again && left > 0 && idempotent(req.method))`)
    if (caller && retriesByMethod(context, retry)) continue;
    // a catch that rethrows every failure but the ones the server refused (`if (!(... status === 429 ...)) throw error`)
    if (rethrowsUnlessRefused(context, retry, call.node)) continue;
    const region = retry.retried.find((node) => contains(node, call.node))!;
    let key = idempotencyKey(context, request, region, request === call ? undefined : enclosingFunction(request.node), undefined, caller);
    // callers in other modules name the POST: none of the modules on its way naming a key, it goes without one
    if (key === 'unknown' && caller?.modules) key = caller.modules.some(namesKey) || namesKey(context.sourceCode) ? 'unknown' : 'missing';
    // a layer of this module sending the POST its own callers name, with headers they hand it (`API.post({ url,
    // headers })`): neither it nor any module importing it names a key
    else if (key === 'unknown' && caller && !namesKey(context.sourceCode) && !importersNameKey(context.physicalFilename)) key = 'missing';
    // A wrapper spreading its caller's options into its request: the caller's options say whether there is a key.
    const forwarded = key === 'unknown' && request !== call ? forwardedOptions(context, call.node, request) : undefined;
    if (forwarded) key = idempotencyKey(context, request, region, undefined, forwarded, caller);
    // A retrying helper sending its caller's init (`fetch(url, init)`, `fetch(url, { ...init, signal })`), the caller
    // naming the POST: the headers are that init's too (also when the options forwarded spread them in).
    if (key === 'unknown' && caller?.options && takesCallerInit(request)) key = idempotencyKey(context, request, region, undefined, caller.options, caller);
    if (key === 'stable' || key === 'unknown') continue;
    requests.push({ call, method, retry, key, ...(caller?.declared ? { methodDeclared: true as const } : {}) });
  }
  const libraries = retries.filter((retry) => retry.retriesNonIdempotent !== undefined);
  // one request retried where it is written and again where a helper it is handed to calls it through its parameter
  // (`again(3, send)` calling `work()`): one finding, where the request and its key are written
  const written = new Set(requests.filter(({ call }) => !call.wrapped).map(({ call }) => call.node));
  const handedIn = (call: ExternalCall): boolean => call.wrapped !== undefined && written.has(call.wrapped.node) && callsParameter(context, call.node);
  const result = { requests: requests.filter(({ call }) => !handedIn(call)), libraries };
  cache.set(context.sourceCode.ast, result);
  return result;
}

/** `work()`, the callee a parameter of the function calling it: a function its caller handed in. */
function callsParameter(context: Context, call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  return callee.type === AST_NODE_TYPES.Identifier && ASTUtils.findVariable(context.sourceCode.getScope(callee), callee)?.defs[0]?.type === 'Parameter';
}

/** Some module importing `file` names an idempotency key; undefined importers (no project in view) may. */
function importersNameKey(file: string): boolean {
  const importers = importersOf(file);
  if (!importers) return true;
  return importers.some((importer) => IDEMPOTENCY_TEXT.test(withoutComments(readProjectFile(importer.file) ?? '')));
}

const IDEMPOTENCY_TEXT = /idempoten/i;
/** The module's text names an idempotency key (a header, an option, a variable holding one). */
function namesKey(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return IDEMPOTENCY_TEXT.test(sourceCode.text);
}

/**
 * A polling loop whose try around the request goes round again after an answer too (`if (state === 'Checking')
 * continue`): the request is the poll's question, not work the loop re-does after it failed.
 */
function asksAgainWhenAnswered(context: Context, retry: RetryConstruct, request: TSESTree.Node): boolean {
  if (retry.cause !== 'not-ready' || retry.kind !== 'loop') return false;
  for (let current = request.parent; current && current !== retry.node; current = current.parent) {
    if (current.type !== AST_NODE_TYPES.TryStatement || !contains(current.block, request)) continue;
    let goesRound = false;
    walkSameFunction(current.block, context.sourceCode.visitorKeys, (node) => {
      if (node.type === AST_NODE_TYPES.ContinueStatement && !node.label && enclosingLoop(node) === retry.node) goesRound = true;
    });
    return goesRound;
  }
  return false;
}

/**
 * `await finish(job); return` in a loop, outside any try of it: the request is sent once, as the loop ends, and its
 * failure leaves the loop; no turn of the loop sends it again.
 */
function sentOnceOnLeaving(retry: RetryConstruct, request: TSESTree.Node): boolean {
  if (retry.kind !== 'loop') return false;
  let statement: TSESTree.Node | undefined;
  for (let current: TSESTree.Node = request, parent = request.parent; parent && current !== retry.node; current = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.TryStatement && parent.block === current && parent.handler) return false;
    if (!statement && parent.type === AST_NODE_TYPES.BlockStatement) statement = current;
    if (isFunction(parent)) return false;
  }
  if (!statement) return false;
  if (statement.type === AST_NODE_TYPES.ReturnStatement) return true;
  const block = statement.parent as TSESTree.BlockStatement;
  const next = block.body[block.body.indexOf(statement as TSESTree.Statement) + 1];
  return next?.type === AST_NODE_TYPES.ReturnStatement || next?.type === AST_NODE_TYPES.BreakStatement;
}

/**
 * A POST handed to a layer of another module that sends it again itself (`http.send(url, { method: 'POST', body },
 * { retries: 3 })`), as many times as the caller or the layer says, with the options the caller gives: its headers
 * are the ones each attempt carries, made once for all of them.
 */
function retriedInLayer(context: Context, call: ExternalCall, layer: LayerRetry): RetriedRequest | undefined {
  // without the options the caller gives, its headers cannot be read: it may send a key
  if (layer.optionsIndex === undefined) return undefined;
  const given = call.node.arguments[layer.optionsIndex];
  if (given?.type === AST_NODE_TYPES.SpreadElement) return undefined;
  const method = call.httpMethod ?? methodFromOptions(given) ?? methodHeldIn(context, given);
  if (!method || !NON_IDEMPOTENT.has(method) || call.readsOnly || urlSays(context, call, PRESIGNED) || urlSays(context, call, SETS_FINAL_STATE) || urlSays(context, call, ONLY_READS)) return undefined;
  const retries = givenRetries(context, call.node, layer);
  if (retries === undefined || retries === 0) return undefined;
  // the caller's arguments are made once, before the layer's first attempt: a fresh key among them is stable
  const key = idempotencyKey(context, call, call.node.callee, undefined, given ?? 'none');
  return key === 'missing' ? { call, method, retry: layer, key } : undefined;
}

/**
 * The method options held in a `const` name (`const options: RequestInit = { headers, method, body }`), where the
 * method is a literal or a `const` choosing between literals (`const method = existing ? 'PUT' : 'POST'`): a POST or
 * PATCH when it may be one (the request that creates is retried as surely as the one that replaces).
 */
function methodHeldIn(context: Context, given: TSESTree.Node | undefined): string | undefined {
  const options = given && objectLiteral(context, given);
  const written = options && option(options, 'method');
  if (!written?.property) return undefined;
  const methods = literalChoices(context, written.property.value, 0);
  return methods?.find((method) => NON_IDEMPOTENT.has(method));
}

/** The strings a value may be: a literal, either branch of a condition, or what a `const` holds. */
function literalChoices(context: Context, node: TSESTree.Node, depth: number): string[] | undefined {
  if (depth > 3) return undefined;
  const value = node.type === AST_NODE_TYPES.TSAsExpression ? node.expression : node;
  if (value.type === AST_NODE_TYPES.Literal) return typeof value.value === 'string' ? [value.value.toUpperCase()] : undefined;
  if (value.type === AST_NODE_TYPES.ConditionalExpression) {
    const [yes, no] = [literalChoices(context, value.consequent, depth + 1), literalChoices(context, value.alternate, depth + 1)];
    return yes && no ? [...yes, ...no] : undefined;
  }
  if (value.type !== AST_NODE_TYPES.Identifier) return undefined;
  const declarator = ASTUtils.findVariable(context.sourceCode.getScope(value), value)?.defs[0]?.node;
  return declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.parent.kind === 'const' && declarator.init
    ? literalChoices(context, declarator.init, depth + 1) : undefined;
}

/**
 * How many times the layer sends this caller's request again: 'some' for a count the caller hands on (`{ retries }`),
 * undefined when the caller's argument cannot be read.
 */
function givenRetries(context: Context, call: TSESTree.CallExpression, layer: LayerRetry): number | 'some' | undefined {
  const { count } = layer;
  if ('fixed' in count) return count.fixed;
  const argument = call.arguments[count.index];
  if (!argument) return count.fallback;
  const options = objectLiteral(context, argument);
  if (!options) return undefined;
  const found = option(options, count.key);
  if (!found.property) return found.maySpread ? undefined : count.fallback;
  const value = found.property.value;
  return value.type === AST_NODE_TYPES.Literal && typeof value.value === 'number' ? Math.max(value.value, 0) : 'some';
}

/**
 * `fetch(presignedPost.url, { method: 'POST', body: form })`, `axios.post(signedUrl, file)`, `fetch(formAction, { method:
 * 'POST', body: formData })`: an upload to a storage URL signed for one object key (an S3 or GCS presigned POST policy,
 * whose URL an API hands out as the form's action with its fields, or a signed URL). Sent again, it overwrites that
 * same object, so a retry cannot apply it twice.
 */
const PRESIGNED = /pre-?signed|signed_?url|form_?action/i;

/**
 * `POST ${api}/runs/disconnect`, `POST /jobs/42/cancel`, `POST ${local}/percy/stop`: an action URL that moves
 * something into a final state. Sent again, it finds the thing already disconnected, cancelled, revoked or stopped and
 * changes nothing, so a retry cannot apply it twice. Only the URL's last path segment counts (`/disconnect/notify`
 * does other work).
 */
const SETS_FINAL_STATE = /\/(?:disconnect|cancel|revoke|unsubscribe|logout|sign-?out|stop|shutdown)(?:\?[^/]*)?[`'"]?$/i;

/**
 * `POST /sessions/validate`, `POST /tokens/introspect`, `POST /search`: an action URL that reads, sent as a POST for its
 * body. Sent again, it answers again and changes nothing. Only the last path segment counts, as above.
 */
/**
 * An RPC endpoint every call POSTs to, the body naming what to do (`{ request: { action: 'listQueue' } }` to a phone
 * system, `{ operation: 'getBalance' }`): an action named for reading reads, however it is sent.
 */
function namesReadAction(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const names = (node: TSESTree.Node, depth: number): boolean => {
    const object = unwrapExpression(node);
    // `body: JSON.stringify({ operation: 'queryAll' })`: the body as it is written
    if (object.type === AST_NODE_TYPES.CallExpression && object.callee.type === AST_NODE_TYPES.MemberExpression && object.callee.object.type === AST_NODE_TYPES.Identifier
      && object.callee.object.name === 'JSON' && staticPropertyName(object.callee) === 'stringify') {
      return object.arguments[0] !== undefined && names(object.arguments[0], depth);
    }
    if (object.type !== AST_NODE_TYPES.ObjectExpression) return false;
    return object.properties.some((property) => property.type === AST_NODE_TYPES.Property && (
      (ACTION_KEYS.has(propertyKey(property) ?? '') && property.value.type === AST_NODE_TYPES.Literal && typeof property.value.value === 'string'
        && READ_ACTION.test(property.value.value.charAt(0).toLowerCase() + property.value.value.slice(1)))
      || (depth < 2 && names(property.value, depth + 1))));
  };
  return call.arguments.some((argument) => argument.type !== AST_NODE_TYPES.SpreadElement && names(argument, 0));
}

/**
 * The call of the layer that writes the POST (`this.send('/jobs/query', { method: 'POST', body: JSON.stringify({
 * operation: 'queryAll', query }) })`) asks for a read: its URL, or the action its body names.
 */
function callerSendsRead(context: Context, caller: CallerMethod | undefined): boolean {
  const call = caller?.options?.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression) return false;
  const url = requestUrl(call.arguments[0]);
  return namesReadAction(call) || (url !== undefined && ONLY_READS.test(context.sourceCode.getText(url)));
}

const ACTION_KEYS = new Set(['action', 'operation', 'op', 'command', 'cmd']);
/** A reading verb, then a new word (`listQueue`, `get_status`), not more letters of another (`listen`, `showcase`). */
const READ_ACTION = /^(?:get|list|query|search|find|fetch|read|describe|count|lookup|show)(?![a-z])/;

const ONLY_READS = /\/(?:validate|verify|introspect|check|search|query|lookup|preview|estimate)(?:\?[^/]*)?[`'"]?$/i;

/**
 * `fetch(url, init)`, `fetch(url, { ...init, signal })`: the request's options are a whole init, or spread one and set
 * no headers of their own.
 */
function takesCallerInit(request: ExternalCall): boolean {
  const options = request.optionsArgument ?? request.optionsExpression;
  const literal = options && unwrapExpression(options);
  if (literal?.type === AST_NODE_TYPES.Identifier) return true;
  return literal?.type === AST_NODE_TYPES.ObjectExpression && literal.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement)
    && !literal.properties.some((property) => property.type === AST_NODE_TYPES.Property && propertyKey(property) === 'headers');
}

/**
 * `postForm(tokenUrl, new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:device_code', ... }))`: an
 * OAuth device-flow token request (RFC 8628), which a client sends again by design until the user approves; the
 * server answers "pending" until then and issues the grant once.
 */
function pollsDeviceGrant(context: Context, call: TSESTree.CallExpression): boolean {
  let found = false;
  for (const argument of call.arguments) {
    walkSameFunction(argument, context.sourceCode.visitorKeys, (node) => {
      if (!found && node.type === AST_NODE_TYPES.Property && propertyKey(node) === 'grant_type') found = DEVICE_GRANT.test(context.sourceCode.getText(node.value));
    });
  }
  return found;
}

const DEVICE_GRANT = /device[_-]?code/i;

/** Whether the URL of the request, or of the one inside the wrapper of this file it calls (`callDisconnect(ids)`), says so. */
function urlSays(context: Context, call: ExternalCall, pattern: RegExp): boolean {
  for (let request: ExternalCall | undefined = call; request; request = request.wrapped) {
    const url = requestUrl(request.node.arguments[0]);
    if (url !== undefined && pattern.test(context.sourceCode.getText(url))) return true;
    // `let stop = `http://localhost:${port}/percy/stop``, then `request(stop, ...)`: the URL the variable holds
    const held = url?.type === AST_NODE_TYPES.Identifier ? onlyValue(context, url) : undefined;
    if (held !== undefined && pattern.test(context.sourceCode.getText(held))) return true;
  }
  return false;
}

/** The value a variable is given where it is declared and never again. */
function onlyValue(context: Context, identifier: TSESTree.Identifier): TSESTree.Expression | undefined {
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(identifier), identifier);
  const declarator = variable?.defs[0]?.node;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier
    || variable!.references.some((reference) => reference.isWrite() && !reference.init)) return undefined;
  return declarator.init ?? undefined;
}

/** The URL a request is sent to: its first argument, or the `url` of a config object (`http.request({ method, url })`). */
function requestUrl(first: TSESTree.CallExpressionArgument | undefined): TSESTree.Node | undefined {
  if (first?.type !== AST_NODE_TYPES.ObjectExpression) return first;
  const property = first.properties.find((candidate): candidate is TSESTree.Property => candidate.type === AST_NODE_TYPES.Property && propertyKey(candidate) === 'url');
  return property?.value;
}

/**
 * A request made in the catch that calls the function again (refreshing a token, reporting the failure) is sent
 * once per failure, fresh: only the requests whose failure the catch handles are re-sent.
 */
function madeByFailureHandler(retry: RetryConstruct, node: TSESTree.Node): boolean {
  if (retry.kind !== 'recursion') return false;
  for (let current = retry.node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CatchClause) return contains(current, node);
  }
  return false;
}

/** A test on the way to the retry's self-call or loop that reads the request's method or idempotency. */
function retriesByMethod(context: Context, retry: RetryConstruct): boolean {
  for (let current = retry.node.parent; current && !isFunction(current); current = current.parent) {
    const test = current.type === AST_NODE_TYPES.IfStatement || current.type === AST_NODE_TYPES.ConditionalExpression ? current.test
      : current.type === AST_NODE_TYPES.LogicalExpression ? current.left : undefined;
    if (test && /\bmethod\b|idempoten/i.test(context.sourceCode.getText(test))) return true;
  }
  return false;
}

/**
 * The loop's catch around the request starts over only after a refusal: it holds `if (<...> !(<a test naming 429>))
 * throw <error>` (the fix `retryOnlyWhenRefused` writes), so a failure that may have been applied leaves the loop.
 */
function rethrowsUnlessRefused(context: Context, retry: RetryConstruct, request: TSESTree.Node): boolean {
  if (retry.kind !== 'loop') return false;
  for (let current = request.parent; current && current !== retry.node; current = current.parent) {
    if (current.type !== AST_NODE_TYPES.TryStatement || !current.handler || !contains(current.block, request)) continue;
    return current.handler.body.body.some((statement) => {
      if (statement.type !== AST_NODE_TYPES.IfStatement) return false;
      const consequent = statement.consequent.type === AST_NODE_TYPES.BlockStatement && statement.consequent.body.length === 1 ? statement.consequent.body[0] : statement.consequent;
      if (consequent?.type !== AST_NODE_TYPES.ThrowStatement) return false;
      const test = unwrapExpression(statement.test);
      const negated = test.type === AST_NODE_TYPES.LogicalExpression && test.operator === '&&' ? unwrapExpression(test.right) : test;
      if (negated.type !== AST_NODE_TYPES.UnaryExpression || negated.operator !== '!') return false;
      // what goes round names 429 and no other status (`status === 429 || status === 500` retries a 500 too)
      const statuses = context.sourceCode.getText(negated.argument).match(/\b\d{3}\b/g) ?? [];
      return statuses.length > 0 && statuses.every((status) => status === '429');
    });
  }
  return false;
}

function innermostRetry(retries: readonly RetryConstruct[], node: TSESTree.Node): RetryConstruct | undefined {
  let best: { retry: RetryConstruct; size: number } | undefined;
  for (const retry of retries) {
    for (const region of retry.retried) {
      if (!contains(region, node)) continue;
      const size = region.range[1] - region.range[0];
      // two ways round the same code (a 401 answered by a new sign-in, a 504 by a pause): the one re-sending what may
      // have been applied is the one that counts
      if (!best || size < best.size || (size === best.size && sentUnapplied(best.retry) && !sentUnapplied(retry))) best = { retry, size };
    }
  }
  return best?.retry;
}

/** A retry whose cause says the server did not act on the request (a conflict, a 429, refused credentials). */
function sentUnapplied(retry: RetryConstruct): boolean {
  return retry.cause === 'conflict' || retry.cause === 'rate-limited' || retry.cause === 'reauthenticated';
}

/**
 * Whether the request carries an Idempotency-Key that stays the same across attempts: 'stable' (made before the
 * retried code), 'per-attempt' (made inside it, or inside the wrapper each attempt calls), 'missing', or
 * 'unknown' when the headers come from somewhere we cannot read.
 */
function idempotencyKey(
  context: Context,
  request: ExternalCall,
  region: TSESTree.Node,
  wrapper: TSESTree.Node | undefined,
  given?: TSESTree.Node | 'none',
  caller?: CallerMethod,
): 'stable' | 'per-attempt' | 'missing' | 'unknown' {
  if (given === 'none') return 'missing';
  const optionsNode = given ?? request.optionsArgument ?? request.optionsExpression;
  if (!optionsNode) return 'missing';
  const options = objectLiteral(context, optionsNode);
  if (!options) return 'unknown';
  const headers = option(options, 'headers');
  if (headers.maySpread) return 'unknown';
  if (!headers.property) return 'missing';
  let headerValue: TSESTree.Node = headers.property.value;
  if (headerValue.type === AST_NODE_TYPES.NewExpression && headerValue.arguments[0]) headerValue = headerValue.arguments[0];
  // `const headers = new Headers({ authorization })`, given more by `headers.set(name, value)`
  const headersObject = headerValue.type === AST_NODE_TYPES.Identifier ? madeAsHeaders(context, headerValue) : undefined;
  if (headersObject) {
    const set = keySetOn(context, headersObject.variable);
    if (set === 'unknown') return 'unknown';
    if (set) return madePerAttempt(context, set, [region, ...(wrapper ? [wrapper] : [])]) ? 'per-attempt' : 'stable';
    if (!headersObject.init) return 'missing';
    headerValue = headersObject.init;
  }
  const headerObject = objectLiteral(context, headerValue);
  if (!headerObject) return 'unknown';
  // the object the headers are made in, given more after (`headers['Idempotency-Key'] = key`)
  const written = headerValue.type === AST_NODE_TYPES.Identifier ? keyWrittenInto(context.sourceCode, headerValue, IDEMPOTENCY_HEADER, caller) : undefined;
  if (written === 'unknown') return 'unknown';
  let keyValue: TSESTree.Node | undefined = written === 'absent' ? undefined : written;
  let spread = false;
  for (const member of headerObject.properties) {
    if (member.type === AST_NODE_TYPES.SpreadElement) {
      spread = true;
      continue;
    }
    const name =
      member.key.type === AST_NODE_TYPES.Identifier && !member.computed
        ? member.key.name
        : member.key.type === AST_NODE_TYPES.Literal
          ? String(member.key.value)
          : undefined;
    if (name !== undefined && IDEMPOTENCY_HEADER.test(name)) keyValue = member.value;
    else if (name === undefined) spread = true;
  }
  if (!keyValue) return spread ? 'unknown' : 'missing';
  return madePerAttempt(context, keyValue, [region, ...(wrapper ? [wrapper] : [])]) ? 'per-attempt' : 'stable';
}

/** `const headers = new Headers({ ... })` (the global Headers): the variable, and the object it starts from. */
function madeAsHeaders(context: Context, name: TSESTree.Identifier): { variable: TSESLint.Scope.Variable; init: TSESTree.Node | undefined } | undefined {
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(name), name);
  const declarator = variable?.defs.length === 1 ? variable.defs[0]?.node : undefined;
  const made = declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.parent.kind === 'const' ? declarator.init : undefined;
  if (!variable || made?.type !== AST_NODE_TYPES.NewExpression || made.callee.type !== AST_NODE_TYPES.Identifier || made.callee.name !== 'Headers'
    || ASTUtils.findVariable(context.sourceCode.getScope(made.callee), made.callee)?.defs.length) return undefined;
  const start = made.arguments[0];
  return { variable, init: start?.type === AST_NODE_TYPES.SpreadElement ? made : start };
}

/** The key `headers.set('Idempotency-Key', key)` (or `append`) gives the Headers object; 'unknown' for a name not read. */
function keySetOn(context: Context, variable: TSESLint.Scope.Variable): TSESTree.Node | 'unknown' | undefined {
  for (const reference of variable.references) {
    const member = reference.identifier.parent;
    const call = member?.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier || call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) continue;
    const method = member.property.type === AST_NODE_TYPES.Identifier && !member.computed ? member.property.name : undefined;
    if (method !== 'set' && method !== 'append') continue;
    const [header, value] = call.arguments;
    const name = header?.type === AST_NODE_TYPES.Literal && typeof header.value === 'string' ? header.value : undefined;
    if (name === undefined) return 'unknown';
    if (IDEMPOTENCY_HEADER.test(name) && value && value.type !== AST_NODE_TYPES.SpreadElement) return value;
  }
  return undefined;
}

/**
 * `postJson(url, body, { headers: { 'Idempotency-Key': key } })` where the wrapper sends `fetch(url, { method: 'POST',
 * ...init })` with `init` its third parameter: the options its caller gives, which the request spreads.
 */
function forwardedOptions(context: Context, call: TSESTree.CallExpression, inner: ExternalCall): TSESTree.Node | 'none' | undefined {
  const wrapper = enclosingFunction(inner.node);
  const options = inner.optionsArgument ?? inner.optionsExpression;
  const literal = options && objectLiteral(context, options);
  if (!wrapper || !literal) return undefined;
  const index = lastSpreadParameter(literal, wrapper);
  if (index === undefined || call.arguments.slice(0, index + 1).some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return undefined;
  // left out: the parameter's default (`init: RequestInit = {}`), or nothing at all
  const parameter = callerParameters(wrapper)[index]!;
  return call.arguments[index] ?? (parameter.type === AST_NODE_TYPES.AssignmentPattern ? parameter.right : 'none');
}

/**
 * The parameter of `wrapper` spread last into the options it sends (`{ ...DEFAULTS, ...init, dispatcher }`): no later
 * spread can replace what its caller gives.
 */
export function lastSpreadParameter(sent: TSESTree.ObjectExpression, wrapper: FunctionNode): number | undefined {
  const spread = sent.properties.filter((property): property is TSESTree.SpreadElement => property.type === AST_NODE_TYPES.SpreadElement).at(-1);
  if (spread?.argument.type !== AST_NODE_TYPES.Identifier) return undefined;
  const name = spread.argument.name;
  const index = callerParameters(wrapper).findIndex((param) => {
    const binding = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
    return binding.type === AST_NODE_TYPES.Identifier && binding.name === name;
  });
  return index < 0 ? undefined : index;
}

/** Calls that make a new value each time (a key derived from the payload, `hash(body)`, stays the same). */
const FRESH_VALUE = /uuid|random|nanoid|ulid|cuid|generate|v4|v7|Date\.now|performance\.now|newId|createId|objectid/i;

/** Whether a key is made anew on every attempt: a fresh-value call inside the retried code, directly or through variables. */
function madePerAttempt(context: Context, value: TSESTree.Node, regions: readonly TSESTree.Node[], depth = 0): boolean {
  let perAttempt = false;
  walkSameFunction(value, context.sourceCode.visitorKeys, (node) => {
    if (perAttempt) return;
    if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) {
      const callee = context.sourceCode.getText(node.callee);
      const fresh = FRESH_VALUE.test(callee) || (node.type === AST_NODE_TYPES.NewExpression && callee === 'Date');
      if (fresh && regions.some((region) => contains(region, node))) perAttempt = true;
      return;
    }
    if (node.type !== AST_NODE_TYPES.Identifier || depth > 3) return;
    const parent = node.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === node && !parent.computed) return;
    const variable = ASTUtils.findVariable(context.sourceCode.getScope(node), node);
    const definition = variable?.defs[0];
    if (!definition || definition.type !== 'Variable') return;
    const declarator = definition.node as TSESTree.VariableDeclarator;
    if (!regions.some((region) => contains(region, declarator))) return;
    if (declarator.init && madePerAttempt(context, declarator.init, regions, depth + 1)) perAttempt = true;
  });
  return perAttempt;
}
