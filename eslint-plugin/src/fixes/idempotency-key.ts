import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { heldObjectLiteral } from '../analysis/held-literals.js';
import { lastSpreadParameter, type RetriedRequest } from '../analysis/idempotency.js';
import type { LayerRetry } from '../analysis/layer-retries.js';
import type { RetryConstruct } from '../analysis/retries.js';
import { contains, enclosingFunction, isFunction, type FunctionNode } from '../analysis/loops.js';
import { unwrapExpression } from '../analysis/syntax.js';
import { abstractDeclarations } from '../analysis/wrappers.js';
import { optionsArgumentIndex } from './call-options.js';
import { indentOf, lineBreak, quoted, semicolon } from './code-style.js';
import { findProperty, objectTextWith, propertyKey } from './object-literal.js';
import { freeName, namesInUse } from './runtime-import.js';
import { interceptorResendsIdempotentOnly } from './interceptor-fixes.js';
import { SourceEdits } from './source-edits.js';
import type { FixTarget } from './wrap-in-policies.js';

const IDEMPOTENCY_HEADER = /^(?:x-)?idempotency-key$/i;
const NON_IDEMPOTENT_METHODS = /^(?:POST|PATCH)$/i;

/**
 * Sends an `Idempotency-Key` that stays the same across attempts: `const idempotencyKey = crypto.randomUUID()`
 * before the retry, and the header on the request; when the request already makes a key per attempt, that
 * expression moves before the retry instead.
 */
export function addStableIdempotencyKey(target: FixTarget, request: RetriedRequest): SourceEdits | undefined {
  const { sourceCode } = target;
  const call = request.call;
  if (request.retry.kind === 'layer') return keyForLayer(target, request, request.retry);
  const once = keyInHeadersMadeOnce(target, request.retry, call.wrapped ?? call);
  if (once) return once;
  if (call.wrapped) return keyThroughWrapper(target, request, call.wrapped);
  const index = optionsArgumentIndex(call, sourceCode);
  if (index === undefined) return undefined;
  const place = keyPlaceFor(request.retry, call.node);
  if (!place) return undefined;
  // `{ ... } as RequestInit & { dispatcher?: ProxyAgent }` is edited inside its assertion
  const given = call.node.arguments[index];
  const options = given && unwrapExpression(given);
  if (options !== undefined && options.type !== 'ObjectExpression' && options.type !== 'Identifier') return undefined;
  const headers = options?.type === 'ObjectExpression' ? findProperty(options, 'headers') : undefined;
  if (headers && headers.value.type !== 'ObjectExpression') return undefined;
  const existingKey =
    headers?.value.type === 'ObjectExpression'
      ? headers.value.properties.find(
          (property): property is TSESTree.Property =>
            property.type === 'Property' && IDEMPOTENCY_HEADER.test(propertyKey(property) ?? ''),
        )
      : undefined;

  const edits = new SourceEdits();
  const name = freeName('idempotencyKey', namesInUse(sourceCode));
  // a key held in a variable made per attempt: its initialiser is what moves out
  const perAttemptVariable = existingKey && perAttemptDeclaration(sourceCode, existingKey.value, call.node);
  if (existingKey && existingKey.value.type === 'Identifier' && !perAttemptVariable) return undefined;
  const created = perAttemptVariable
    ? sourceCode.getText(perAttemptVariable.init)
    : existingKey
      ? sourceCode.getText(existingKey.value)
      : 'crypto.randomUUID()';
  if (!declareKey(sourceCode, place, name, created, edits)) return undefined;
  if (perAttemptVariable) {
    edits.replace(perAttemptVariable.init.range, name);
    return edits;
  }
  if (existingKey) {
    edits.replace(existingKey.value.range, name);
    return edits;
  }
  return addKeyHeader(sourceCode, call.node, index, name, edits) ? edits : undefined;
}

/**
 * The request is sent by a wrapper of this file (`createOrder(base, body)` around `fetch(..., { method: 'POST' })`),
 * so the header goes where the wrapper sends it: the wrapper takes the key as a last parameter, defaulting to a new
 * key (its other callers send one key per call, as before), sends it as `Idempotency-Key`, and the retry makes the
 * key once and hands it to every attempt. Only when the call passes every parameter, so the key lands in its place.
 */
function keyThroughWrapper(target: FixTarget, request: RetriedRequest, inner: NonNullable<RetriedRequest['call']['wrapped']>): SourceEdits | undefined {
  const { sourceCode } = target;
  const wrapper = enclosingFunction(inner.node);
  const call = request.call.node;
  if (!wrapper || wrapper.range[0] <= call.range[0] && call.range[1] <= wrapper.range[1]) return undefined;
  const index = optionsArgumentIndex(inner, sourceCode);
  if (index === undefined) return undefined;
  const given = inner.node.arguments[index];
  const options = given?.type === 'ObjectExpression' ? given : given && heldOptions(sourceCode, given, wrapper);
  if (given !== undefined && !options) return undefined;
  // options spread from the caller (`{ method: 'POST', ...init }`): the key goes in what the caller gives
  if (options?.properties.some((property) => property.type === 'SpreadElement')) return keyInForwardedOptions(target, request, wrapper, options);
  if (options !== given) return undefined;
  const last = wrapper.params.at(-1);
  if (!last || last.type === 'RestElement' || wrapper.params.length !== call.arguments.length) return undefined;
  if (call.arguments.some((argument) => argument.type === 'SpreadElement')) return undefined;
  // `order => send(order)`: a lone parameter with no parentheses has nowhere to put a second one
  if (sourceCode.getTokenAfter(last)?.value !== ')') return undefined;
  const headers = options && findProperty(options, 'headers');
  if (headers && headers.value.type !== 'ObjectExpression' && headers.value.type !== 'Identifier') return undefined;
  const place = keyPlaceFor(request.retry, call);
  if (!place) return undefined;
  // a key the wrapper makes on each call (`'Idempotency-Key': randomUUID()`) becomes the new parameter's default
  const existingKey = headers?.value.type === 'ObjectExpression' ? headers.value.properties.find(
    (property): property is TSESTree.Property => property.type === 'Property' && IDEMPOTENCY_HEADER.test(propertyKey(property) ?? ''),
  ) : undefined;
  if (existingKey?.value.type === 'Identifier') return undefined;
  const created = existingKey ? sourceCode.getText(existingKey.value) : 'crypto.randomUUID()';
  const edits = new SourceEdits();
  const name = freeName('idempotencyKey', namesInUse(sourceCode));
  if (!declareKey(sourceCode, place, name, created, edits)) return undefined;
  edits.insert(last.range[1], `, ${name} = ${created}`);
  // a method a base class declares abstract (and calls): its signature takes the key too
  if (!declareInAbstractSignatures(sourceCode, wrapper, name, edits)) return undefined;
  const lastArgument = call.arguments.at(-1)!;
  edits.insert(lastArgument.range[1], `, ${name}`);
  if (existingKey) {
    edits.replace(existingKey.value.range, name);
    return edits;
  }
  return addKeyHeader(sourceCode, inner.node, index, name, edits) ? edits : undefined;
}

/**
 * `const headers = { 'Content-Type': 'application/json' }` made once, before the retry, in the function that retries,
 * and sent by each attempt (`fetch(url, { method: ep.method, headers })`): the key goes in that object, made with it.
 */
function keyInHeadersMadeOnce(target: FixTarget, retry: RetryConstruct, request: RetriedRequest['call']): SourceEdits | undefined {
  const { sourceCode } = target;
  const index = optionsArgumentIndex(request, sourceCode);
  const given = index === undefined ? undefined : request.node.arguments[index];
  const options = given && unwrapExpression(given);
  const headers = options?.type === 'ObjectExpression' ? findProperty(options, 'headers') : undefined;
  if (headers?.value.type !== 'Identifier') return undefined;
  const variable = findVariable(sourceCode.getScope(headers.value) as never, headers.value) as TSESLint.Scope.Variable | null;
  const declarator = variable?.defs.length === 1 && variable.defs[0]!.type === 'Variable' ? variable.defs[0]!.node as TSESTree.VariableDeclarator : undefined;
  if (!declarator?.init) return undefined;
  const made = unwrapExpression(declarator.init);
  const maker = enclosingFunction(declarator);
  if (made.type !== 'ObjectExpression' || !maker || !contains(maker, retry.node) || retry.retried.some((region) => contains(region, declarator))) return undefined;
  if (made.properties.some((property) => property.type === 'Property' && IDEMPOTENCY_HEADER.test(propertyKey(property) ?? ''))) return undefined;
  const edits = new SourceEdits();
  const header = `${quoted(sourceCode, 'Idempotency-Key')}: crypto.randomUUID()`;
  const last = made.properties.at(-1);
  if (last) edits.insert(last.range[1], `, ${header}`);
  else edits.replace(made.range, `{ ${header} }`);
  return edits;
}

function declareInAbstractSignatures(sourceCode: Readonly<TSESLint.SourceCode>, wrapper: TSESTree.FunctionLike, name: string, edits: SourceEdits): boolean {
  const method = wrapper.parent;
  if (method?.type !== 'MethodDefinition' || method.computed || method.key.type !== 'Identifier' || method.parent.type !== 'ClassBody') return true;
  for (const declaration of abstractDeclarations(sourceCode, method.parent, method.key.name)) {
    const last = declaration.value.params.at(-1);
    if (!last || last.type === 'RestElement' || declaration.value.params.length !== wrapper.params.length) return false;
    edits.insert(last.range[1], `, ${name}?: string`);
  }
  return true;
}

/**
 * `postJson(url, body, init)` sending `fetch(url, { method: 'POST', ...init })`: the caller's options are spread into
 * the request, so the retrier makes the key once and puts the header in the options it gives. Not when the wrapper
 * writes headers of its own (the caller's `headers` would replace them).
 */
function keyInForwardedOptions(target: FixTarget, request: RetriedRequest, wrapper: FunctionNode, options: TSESTree.ObjectExpression): SourceEdits | undefined {
  const { sourceCode } = target;
  const index = findProperty(options, 'headers') ? undefined : lastSpreadParameter(options, wrapper);
  const call = request.call.node;
  if (index === undefined || call.arguments.slice(0, index + 1).some((argument) => argument.type === 'SpreadElement')) return undefined;
  const given = call.arguments[index];
  if (given && given.type !== 'ObjectExpression') return undefined;
  const headers = given && findProperty(given, 'headers');
  if (headers && headers.value.type !== 'ObjectExpression') return undefined;
  // `{ ...options, headers: { ...options.headers, authorization } }`: only headers written out take the key
  if (!headers && given?.properties.some((property) => property.type === 'SpreadElement')) return undefined;
  const place = keyPlaceFor(request.retry, call);
  if (!place) return undefined;
  const edits = new SourceEdits();
  const key = freeName('idempotencyKey', namesInUse(sourceCode));
  if (!declareKey(sourceCode, place, key, 'crypto.randomUUID()', edits)) return undefined;
  return addKeyHeader(sourceCode, call, index, key, edits) ? edits : undefined;
}

/**
 * `const options = { ...DEFAULTS, ...requestOptions, dispatcher }` in the wrapper, sent as `fetch(options.url,
 * options)`: the object the wrapper sends, when a constant of its own holds it.
 */
function heldOptions(sourceCode: Readonly<TSESLint.SourceCode>, sent: TSESTree.Node, wrapper: TSESTree.FunctionLike): TSESTree.ObjectExpression | undefined {
  const held = sent.type === 'Identifier' ? heldObjectLiteral(sourceCode, sent) : undefined;
  return held && enclosingFunction(held.object) === wrapper ? held.object : undefined;
}

/** Makes the key once where `place` says: before the retry, as a parameter the self-call hands on, or in a new block. */
function declareKey(sourceCode: Readonly<TSESLint.SourceCode>, place: KeyPlace, name: string, created: string, edits: SourceEdits): boolean {
  const declaration = `const ${name} = ${created}${semicolon(sourceCode)}`;
  if (place.kind === 'parameter') {
    // made once by the first call, handed on by every retry
    const last = place.fn.params.at(-1);
    if (!last) return false;
    edits.insert(last.range[1], `, ${name} = ${created}`);
    const lastArgument = place.selfCall.arguments.at(-1);
    const callClosing = sourceCode.getLastToken(place.selfCall);
    if (!callClosing) return false;
    edits.insert(lastArgument ? lastArgument.range[1] : callClosing.range[0], `${lastArgument ? ', ' : ''}${name}`);
  } else if (place.kind === 'before') {
    edits.insert(place.statement.range[0], `${declaration}${lineBreak(sourceCode)}${indentOf(sourceCode, place.statement)}`);
  } else {
    edits.insert(place.body.range[0], `{ ${declaration} return `);
    edits.insert(place.body.range[1], `${semicolon(sourceCode)} }`);
  }
  return true;
}

/** Adds `'Idempotency-Key': name` to the request's headers, creating the headers or the options as needed. */
function addKeyHeader(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression, index: number, name: string, edits: SourceEdits): boolean {
  const given = call.arguments[index];
  const options = given && unwrapExpression(given);
  const headers = options?.type === 'ObjectExpression' ? findProperty(options, 'headers') : undefined;
  const header = `${quoted(sourceCode, 'Idempotency-Key')}: ${name}`;
  if (headers?.value.type === 'ObjectExpression') {
    const object = headers.value;
    const last = object.properties.at(-1);
    if (last) edits.insert(last.range[1], `, ${header}`);
    else edits.replace(object.range, `{ ${header} }`);
  } else if (headers?.value.type === 'Identifier') {
    // headers made beforehand (`const headers = {...}`; `{ method, headers }`): a copy with the key
    edits.replace(headers.range, `headers: { ...${headers.value.name}, ${header} }`);
  } else if (options?.type === 'ObjectExpression') {
    // `{ ...init, signal }`: the headers of the init spread in are kept beside the key
    const spread = options.properties.find((property): property is TSESTree.SpreadElement => property.type === 'SpreadElement');
    const kept = spread ? keptHeaders(sourceCode, call, spread.argument) : '';
    edits.replace(options.range, objectTextWith(sourceCode, options, { set: [['headers', `{ ${kept}${header} }`]] }));
  } else if (options?.type === 'Identifier') {
    // `fetch(url, init)`, the init its caller gave: a copy of it with the key beside its headers
    edits.replace(given!.range, `{ ...${options.name}, headers: { ${keptHeaders(sourceCode, call, options)}${header} } }`);
  } else {
    if (options || call.arguments.length > index) return false;
    const padding = Array.from({ length: index - call.arguments.length }, () => 'undefined');
    const last = call.arguments.at(-1);
    const closing = sourceCode.getLastToken(call);
    if (!closing) return false;
    const added = [...padding, `{ headers: { ${header} } }`].join(', ');
    edits.insert(last ? last.range[1] : closing.range[0], last ? `, ${added}` : added);
  }
  return true;
}

/** The headers of an init spread into a request's options, to keep beside the key (fetch's in any of their forms). */
function keptHeaders(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression, init: TSESTree.Node): string {
  const given = `${sourceCode.getText(init)}${init.type === 'Identifier' ? '?' : ''}.headers`;
  return /\bfetch$/.test(sourceCode.getText(call.callee)) ? `...Object.fromEntries(new Headers(${given})), ` : `...${given}, `;
}

type KeyPlace =
  | { readonly kind: 'before'; readonly statement: TSESTree.Node }
  | { readonly kind: 'parameter'; readonly fn: TSESTree.FunctionLike; readonly selfCall: TSESTree.CallExpression }
  | { readonly kind: 'arrow-body'; readonly body: TSESTree.Expression };

/**
 * Where the key is made: just outside the retried code (the loop, the function given to the retry library),
 * before the statement that starts the retries, in the same function, so each logical request gets one key.
 * An arrow function with an expression body gets a block for it.
 */
/**
 * The request is sent again by the layer it is handed to (`http.send(url, init, { retries: 3 })`), with the options
 * its caller gives once: a key made in them is the same on every attempt.
 */
function keyForLayer(target: FixTarget, request: RetriedRequest, layer: LayerRetry): SourceEdits | undefined {
  const { sourceCode } = target;
  const index = layer.optionsIndex;
  if (index === undefined) return undefined;
  const given = request.call.node.arguments[index];
  const options = given && unwrapExpression(given);
  if (options?.type === 'Identifier') return keyInHeldHeaders(target, request.call.node, options);
  if (options !== undefined && options.type !== 'ObjectExpression') return undefined;
  const headers = options && findProperty(options, 'headers');
  if (headers && headers.value.type !== 'ObjectExpression') return undefined;
  const edits = new SourceEdits();
  return addKeyHeader(sourceCode, request.call.node, index, 'crypto.randomUUID()', edits) ? edits : undefined;
}

/**
 * `const options = { headers, method, body }` made in the caller's function, `headers` an object it may share with
 * other requests: the request gets a copy of those headers, of the same kind, with a key made once with its options.
 */
function keyInHeldHeaders(target: FixTarget, call: TSESTree.CallExpression, options: TSESTree.Identifier): SourceEdits | undefined {
  const { sourceCode } = target;
  const declarator = findVariable(sourceCode.getScope(options) as never, options)?.defs[0]?.node as TSESTree.Node | undefined;
  const declaration = declarator?.parent;
  if (declarator?.type !== 'VariableDeclarator' || declaration?.type !== 'VariableDeclaration' || declarator.init?.type !== 'ObjectExpression'
    || enclosingFunction(declarator) !== enclosingFunction(call)) return undefined;
  const headers = findProperty(declarator.init, 'headers');
  if (headers?.value.type !== 'Identifier') return undefined;
  // a copy of the same kind: a plain object made a Headers object would lose its entries to a layer spreading it
  const held = findVariable(sourceCode.getScope(headers.value) as never, headers.value)?.defs[0]?.node as TSESTree.Node | undefined;
  const made = held?.type === 'VariableDeclarator' ? held.init : undefined;
  const edits = new SourceEdits();
  if (made?.type !== 'NewExpression' || made.callee.type !== 'Identifier' || made.callee.name !== 'Headers') {
    edits.replace(headers.range, `headers: { ...${headers.value.name}, ${quoted(sourceCode, 'Idempotency-Key')}: crypto.randomUUID() }`);
    return edits;
  }
  const name = freeName('keyedHeaders', namesInUse(sourceCode));
  const indent = indentOf(sourceCode, declaration);
  const end = semicolon(sourceCode);
  edits.insert(declaration.range[0], `const ${name} = new Headers(${headers.value.name})${end}${lineBreak(sourceCode)}${indent}`
    + `${name}.set(${quoted(sourceCode, 'Idempotency-Key')}, crypto.randomUUID())${end}${lineBreak(sourceCode)}${indent}`);
  edits.replace(headers.range, `headers: ${name}`);
  return edits;
}

function keyPlaceFor(retry: RetryConstruct | LayerRetry, call: TSESTree.Node): KeyPlace | undefined {
  if (retry.kind === 'layer') return undefined;
  return retry.kind === 'recursion' ? recursionKeyPlace(retry) : keyPlace(retry, call);
}

function keyPlace(retry: RetryConstruct, call: TSESTree.Node): KeyPlace | undefined {
  if (retry.kind === 'recursion') return undefined;
  const region = retry.retried.find((node) => node.range[0] <= call.range[0] && call.range[1] <= node.range[1]);
  let child: TSESTree.Node | undefined = region;
  let node = region?.parent;
  // the function handed to the retry library runs once per attempt: start outside it
  if (node && isFunction(node) && node.body === region) {
    child = node;
    node = node.parent;
  }
  while (node) {
    if (node.type === 'ArrowFunctionExpression' && node.body === child && child.type !== 'BlockStatement') {
      return { kind: 'arrow-body', body: child as TSESTree.Expression };
    }
    if (isFunction(node)) return undefined;
    if (/Statement$|Declaration$/.test(node.type) && node.parent && 'body' in node.parent) {
      return node.type === 'ReturnStatement' || node.type === 'ExpressionStatement' || node.type === 'VariableDeclaration' || isLoopLike(node)
        ? { kind: 'before', statement: node }
        : undefined;
    }
    child = node;
    node = node.parent;
  }
  return undefined;
}

/**
 * A function retrying by calling itself: the key becomes a last parameter defaulting to a new key, which the
 * self-call passes on, when the self-call passes every parameter (so the new one lands in its place).
 */
function recursionKeyPlace(retry: RetryConstruct): KeyPlace | undefined {
  const fn = retry.retried[0]?.parent;
  const selfCall = retry.node;
  if (!fn || !isFunction(fn) || selfCall.type !== 'CallExpression') return undefined;
  if (
    fn.params.length === 0 ||
    fn.params.some((param) => param.type === 'RestElement') ||
    selfCall.arguments.length !== fn.params.length
  ) {
    return undefined;
  }
  return { kind: 'parameter', fn, selfCall };
}

function isLoopLike(node: TSESTree.Node): boolean {
  return /^(?:For|ForOf|ForIn|While|DoWhile)Statement$/.test(node.type);
}

/**
 * Stops a library retrying POST/PATCH: drops them from a `methods` list (got, ky), or replaces an accept-all
 * axios-retry `retryCondition` with its idempotent-only default.
 */
export function stopRetryingNonIdempotent(target: FixTarget, retry: RetryConstruct): SourceEdits | undefined {
  const { sourceCode } = target;
  // an axios interceptor re-sending what failed: it learns to look at the method
  if (retry.kind === 'recursion') return interceptorResendsIdempotentOnly(target, retry);
  const option = retry.retriesNonIdempotent?.node;
  if (option?.type !== 'Property') return undefined;
  const edits = new SourceEdits();
  if (option.value.type === 'ArrayExpression') {
    const kept = option.value.elements.filter(
      (element) => !(element?.type === 'Literal' && typeof element.value === 'string' && NON_IDEMPOTENT_METHODS.test(element.value)),
    );
    edits.replace(option.value.range, `[${kept.map((element) => (element ? sourceCode.getText(element) : '')).join(', ')}]`);
    return edits;
  }
  const call = retry.node;
  if (propertyKey(option) === 'retryCondition' && call.type === 'CallExpression') {
    edits.replace(option.value.range, `${sourceCode.getText(call.callee)}.isNetworkOrIdempotentRequestError`);
    return edits;
  }
  return undefined;
}

/** `const key = randomUUID()` inside the retried code, read by the header: the declarator, when it is one. */
function perAttemptDeclaration(
  sourceCode: Readonly<TSESLint.SourceCode>,
  value: TSESTree.Node,
  call: TSESTree.Node,
): (TSESTree.VariableDeclarator & { init: TSESTree.Expression }) | undefined {
  if (value.type !== 'Identifier') return undefined;
  const reference = sourceCode.getScope(value).references.find((candidate) => candidate.identifier === value);
  const definition = reference?.resolved?.defs[0];
  const declarator = definition?.node;
  if (declarator?.type !== 'VariableDeclarator' || !declarator.init || declarator.id.type !== 'Identifier') return undefined;
  // declared in the same function as the request, so it is made on every attempt with it
  return enclosingFunction(declarator) === enclosingFunction(call) ? (declarator as TSESTree.VariableDeclarator & { init: TSESTree.Expression }) : undefined;
}
