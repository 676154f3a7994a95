import type { TSESTree } from '@typescript-eslint/utils';
import type { ExternalCall } from '../analysis/external-calls.js';
import { libraryOf } from '../libraries/index.js';

/** Words that name a transport or a role, not the dependency behind it. */
const GENERIC_WORDS = new Set([
  'api', 'app', 'axios', 'base', 'client', 'endpoint', 'fetch', 'got', 'host', 'http', 'https', 'instance',
  'ky', 'localhost', 'request', 'service', 'this', 'uri', 'url', 'v1', 'v2', 'v3', 'www', 'self', 'window',
  'global', 'globalThis', 'options', 'config', 'res', 'response', 'pool', 'db', 'conn', 'connection', 'redis',
  'sdk', 'aws', 'pg', 'mysql', 'mongo', 'mongodb', 'knex', 'prisma',
]);

/**
 * A camelCase name for the dependency a call reaches, for naming its circuit breaker: the first meaningful
 * host label or path segment of a literal URL (`https://payments.example.com` -> `payments`), else the
 * variable the URL or client comes from (`ordersUrl`, `inventoryClient.get` -> `orders`, `inventory`), else
 * the kind of client (`http`, `postgres`, `aws`).
 */
export function dependencyName(call: ExternalCall): string {
  let name = dependencyNames.get(call);
  if (name === undefined) {
    name = nameDependency(call);
    dependencyNames.set(call, name);
  }
  return name;
}

// Each breaker suggestion of each reported call asks again.
const dependencyNames = new WeakMap<ExternalCall, string>();

function nameDependency(call: ExternalCall): string {
  if (call.client === 'aws-sdk') {
    // the service itself: `S3Client.send` -> `s3`, `DynamoDBClient.send` -> `dynamoDB`
    const service = /^([A-Z][A-Za-z0-9]*?)(?:Client)?\./.exec(call.label)?.[1];
    if (service) return service.length <= 3 ? service.toLowerCase() : service[0]?.toLowerCase() + service.slice(1);
  }
  const target = call.node.arguments[0];
  const library = libraryOf(call.client);
  const fromUrl = target && library?.takesUrl ? nameFromUrlExpression(target) : undefined;
  return fromUrl ?? nameFromCallee(call.node.callee) ?? library?.dependencyName ?? 'dependency';
}

function nameFromUrlExpression(node: TSESTree.Node): string | undefined {
  if (node.type === 'Literal' && typeof node.value === 'string') return nameFromUrl(node.value);
  if (node.type === 'TemplateLiteral') {
    const head = node.quasis[0]?.value.cooked ?? '';
    const fromHead = head ? nameFromUrl(head) : undefined;
    if (fromHead) return fromHead;
    const first = node.expressions[0];
    return first ? nameFromIdentifierPath(first) : undefined;
  }
  if (node.type === 'NewExpression' && node.arguments[0]) return nameFromUrlExpression(node.arguments[0]);
  if (node.type === 'ObjectExpression') {
    for (const property of node.properties) {
      if (
        property.type === 'Property' &&
        !property.computed &&
        property.key.type === 'Identifier' &&
        (property.key.name === 'url' || property.key.name === 'baseURL')
      ) {
        return nameFromUrlExpression(property.value);
      }
    }
    return undefined;
  }
  if (node.type === 'BinaryExpression') {
    return nameFromUrlExpression(node.left) ?? nameFromUrlExpression(node.right);
  }
  return nameFromIdentifierPath(node);
}

function nameFromUrl(url: string): string | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)(?::\d+)?([^?#]*)/i.exec(url);
  const host = match?.[1];
  const path = match ? (match[2] ?? '') : url;
  if (host && !/^[\d.]+$/.test(host)) {
    const label = host.split('.').find((part) => !GENERIC_WORDS.has(part.toLowerCase()));
    if (label && host.split('.').indexOf(label) < host.split('.').length - 1) return camelCase(label);
  }
  const segment = path
    .split('/')
    .find((part) => /^[a-z][\w-]*$/i.test(part) && !GENERIC_WORDS.has(part.toLowerCase()));
  return segment ? camelCase(segment) : undefined;
}

function nameFromIdentifierPath(node: TSESTree.Node): string | undefined {
  if (node.type === 'Identifier') return meaningful(node.name);
  // `this.#plaid` names the dependency as `this.plaid` does (a breaker name cannot hold the `#`)
  if (node.type === 'MemberExpression' && !node.computed && (node.property.type === 'Identifier' || node.property.type === 'PrivateIdentifier')) {
    return meaningful(node.property.name) ?? nameFromIdentifierPath(node.object);
  }
  return undefined;
}

function nameFromCallee(callee: TSESTree.Expression): string | undefined {
  if (callee.type === 'MemberExpression') return nameFromIdentifierPath(callee.object);
  return undefined;
}

/** `PAYMENTS_URL` -> `payments`, `ordersClient` -> `orders`; undefined when nothing specific is left. */
function meaningful(name: string): string | undefined {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_$-]+/)
    .filter((word) => word !== '' && !GENERIC_WORDS.has(word.toLowerCase()));
  if (words.length === 0) return undefined;
  return camelCase(words.join('-'));
}

function camelCase(text: string): string | undefined {
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
  if (words.length === 0) return undefined;
  const name = words
    .map((word, index) => {
      const lower = word.toLowerCase();
      return index === 0 ? lower : lower[0]?.toUpperCase() + lower.slice(1);
    })
    .join('');
  return /^\d/.test(name) ? `service${name}` : name;
}
