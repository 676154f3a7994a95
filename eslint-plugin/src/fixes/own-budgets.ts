import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import type { ExternalCall } from '../analysis/external-calls.js';
import { memberKeyName, parameterProperties } from '../analysis/member-syntax.js';
import { nameWords, rootOf } from '../analysis/syntax.js';

/**
 * The code's own timeout for a call, where it names one in milliseconds that the call's place can read: a field of the
 * class whose method makes the call (`this.timeoutMs`), else a constant of the module, declared or imported
 * (`DATA_SOURCE_QUERY_TIMEOUT_IN_MS`). A fix that bounds the call then uses it, so it cuts no work the product allows
 * longer (a dashboard query given 30 s) and follows the setting when it changes. Undefined when none, or when several
 * could be meant and none is named for this kind of call.
 */
export function ownTimeoutBudget(call: ExternalCall): string | undefined {
  const wanted = callWords(call.label);
  const fields = classOf(call.node);
  const fromClass = fields && choose(fieldNames(fields), wanted);
  if (fromClass) return `this.${fromClass}`;
  const root = rootOf(call.node);
  return root.type === AST_NODE_TYPES.Program ? choose(moduleNames(root), wanted) : undefined;
}

const LIMIT_WORDS = new Set(['timeout', 'budget', 'deadline']);
const MILLISECONDS = new Set(['ms', 'millis', 'milliseconds']);
/** Limits of something other than the work a call does: opening a connection, idling, polling, caching, waiting to retry. */
const OTHER_LIMITS = new Set([
  'connect', 'connection', 'idle', 'keepalive', 'socket', 'handshake', 'lock', 'poll', 'polling', 'retry', 'cache', 'ttl', 'session',
  'heartbeat', 'startup', 'shutdown', 'close', 'job', 'interval', 'grace', 'debounce', 'throttle', 'ping', 'wait', 'test', 'acquire',
]);
/** Words that name the ordinary request of a client, preferred when the call's own label names none of the limits. */
const REQUEST_WORDS = ['request', 'http', 'api', 'fetch', 'call'];

function isWorkTimeout(name: string): boolean {
  const words = nameWords(name);
  return words.some((word) => LIMIT_WORDS.has(word)) && words.some((word) => MILLISECONDS.has(word)) && !words.some((word) => OTHER_LIMITS.has(word));
}

/** `connection.query` → ['connection', 'query']: a limit named after the call's own operation is the one meant. */
function callWords(label: string): string[] {
  return nameWords(label.replace(/[^A-Za-z0-9_$]+/g, ' '));
}

/** The only candidate, or the one named for the call (its operation, else an ordinary request). */
function choose(names: readonly string[], wanted: readonly string[]): string | undefined {
  const candidates = names.filter(isWorkTimeout);
  if (candidates.length <= 1) return candidates[0];
  for (const words of [wanted, REQUEST_WORDS]) {
    const named = candidates.filter((name) => nameWords(name).some((word) => words.includes(word)));
    if (named.length === 1) return named[0];
  }
  return undefined;
}

/** The class whose instance `this` is at `node`: only arrow functions between it and a non-static method or field. */
function classOf(node: TSESTree.Node): TSESTree.ClassBody | undefined {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.FunctionDeclaration) return undefined;
    if (current.type === AST_NODE_TYPES.FunctionExpression && current.parent?.type !== AST_NODE_TYPES.MethodDefinition) return undefined;
    const member = current.parent;
    if ((member?.type === AST_NODE_TYPES.MethodDefinition || member?.type === AST_NODE_TYPES.PropertyDefinition) && member.value === current) {
      return member.static || member.parent.type !== AST_NODE_TYPES.ClassBody ? undefined : member.parent;
    }
  }
  return undefined;
}

/**
 * A class's instance fields and constructor parameter properties that always hold a value: given one where declared,
 * or typed as a plain number (an optional one would not type-check as a timeout).
 */
function fieldNames(body: TSESTree.ClassBody): string[] {
  const names: string[] = [];
  for (const element of body.body) {
    if (element.type !== AST_NODE_TYPES.PropertyDefinition || element.static || element.optional) continue;
    const name = memberKeyName(element);
    if (name && (element.value !== null || isNumberType(element.typeAnnotation))) names.push(name);
  }
  for (const named of parameterProperties(body)) {
    if (named.parent.type === AST_NODE_TYPES.AssignmentPattern || (!named.optional && isNumberType(named.typeAnnotation))) names.push(named.name);
  }
  return names;
}

function isNumberType(annotation: TSESTree.TSTypeAnnotation | undefined): boolean {
  return annotation?.typeAnnotation.type === AST_NODE_TYPES.TSNumberKeyword;
}

const moduleNamesCache = new WeakMap<TSESTree.Program, string[]>();

/** Names bound at the module's top level by imports and `const` declarations (exported or not). */
function moduleNames(program: TSESTree.Program): string[] {
  const cached = moduleNamesCache.get(program);
  if (cached) return cached;
  const names: string[] = [];
  for (const statement of program.body) {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    if (declaration?.type === AST_NODE_TYPES.ImportDeclaration && declaration.importKind !== 'type') {
      for (const specifier of declaration.specifiers) names.push(specifier.local.name);
    }
    if (declaration?.type === AST_NODE_TYPES.VariableDeclaration && declaration.kind === 'const') {
      for (const declarator of declaration.declarations) if (declarator.id.type === AST_NODE_TYPES.Identifier) names.push(declarator.id.name);
    }
  }
  moduleNamesCache.set(program, names);
  return names;
}
