import type { TSESTree } from '@typescript-eslint/utils';
import type { RetryConstruct } from '../analysis/retries.js';
import { isFunction } from '../analysis/loops.js';
import { isPromiseConstructor } from '../analysis/syntax.js';
import { semicolon } from './code-style.js';
import { SourceEdits } from './source-edits.js';
import type { FixTarget } from './wrap-in-policies.js';

/**
 * Fixes for an axios response interceptor that sends failed requests again (`(error) => api.request(error.config)`):
 * statements added first in its rejection handler, which gets a block body if it had none.
 */

/** Counts the re-sends on the request's config and rejects with the error after 3 attempts. */
export function boundInterceptor(target: FixTarget, retry: RetryConstruct): SourceEdits | undefined {
  return guardInterceptor(target, retry, (config, error) => [
    `${config}.retryCount = (${config}.retryCount ?? 0) + 1`,
    `if (${config}.retryCount >= 3) return Promise.reject(${error})`,
  ]);
}

/**
 * Waits before re-sending, longer each time: a count kept on the request's config (axios keeps unknown config keys
 * from one attempt to the next), apart from the one a bound keeps, and the handler made async to wait.
 */
export function backoffInterceptor(target: FixTarget, retry: RetryConstruct): SourceEdits | undefined {
  const handler = rejectionHandler(retry.node);
  // (written for an arrow handler, whose `async` goes before its parameters)
  if (handler?.type !== 'ArrowFunctionExpression') return undefined;
  // (under the request's config: an error with none, a request never sent, is not re-sent either)
  const semi = semicolon(target.sourceCode);
  const edits = guardInterceptor(target, retry, (config) => [
    `if (${config}) { ${config}.backoffAttempt = (${config}.backoffAttempt ?? 0) + 1${semi} `
      + `await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, 100 * 2 ** ${config}.backoffAttempt)))${semi} }`,
  ]);
  if (edits && !handler.async) edits.insert(handler.range[0], 'async ');
  return edits;
}

/** Rejects with the error, instead of re-sending, unless the request's method is idempotent. */
export function interceptorResendsIdempotentOnly(target: FixTarget, retry: RetryConstruct): SourceEdits | undefined {
  return guardInterceptor(target, retry, (config, error) => [
    `if (!['get', 'head', 'options', 'put', 'delete'].includes(String(${config}?.method).toLowerCase())) return Promise.reject(${error})`,
  ]);
}

function guardInterceptor(
  target: FixTarget,
  retry: RetryConstruct,
  statements: (config: string, error: string) => string[],
): SourceEdits | undefined {
  const handler = rejectionHandler(retry.node);
  const error = handler?.params[0];
  const body = handler?.body;
  if (!body || error?.type !== 'Identifier') return undefined;
  const semi = semicolon(target.sourceCode);
  // (a block ends itself)
  const added = statements(`${error.name}.config`, error.name).map((statement) => (statement.endsWith('}') ? statement : `${statement}${semi}`)).join(' ');
  const edits = new SourceEdits();
  if (body.type === 'BlockStatement') {
    edits.insert(body.range[0] + 1, ` ${added}`);
  } else {
    edits.insert(body.range[0], `{ ${added} return `);
    edits.insert(body.range[1], `${semi} }`);
  }
  return edits;
}

/** The function given as `interceptors.response.use(onFulfilled, onRejected)`'s second argument, around `node`. */
function rejectionHandler(node: TSESTree.Node): TSESTree.FunctionLike | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    const owner = current.parent;
    // a re-send in a promise's executor (`new Promise((resolve) => resolve(instance(config)))`) is the handler's
    if (owner?.type === 'NewExpression' && isPromiseConstructor(owner) && owner.arguments[0] === current) continue;
    // ...and so is one once a pause is over (`pause(3_000).then(() => instance(config))`)
    if (owner?.type === 'CallExpression' && owner.arguments[0] === current && owner.callee.type === 'MemberExpression'
      && owner.callee.property.type === 'Identifier' && owner.callee.property.name === 'then') continue;
    const callee = owner?.type === 'CallExpression' ? owner.callee : undefined;
    const isUse = callee?.type === 'MemberExpression' && callee.property.type === 'Identifier' && callee.property.name === 'use';
    return isUse && owner?.type === 'CallExpression' && owner.arguments[1] === current ? current : undefined;
  }
  return undefined;
}
