import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { environmentAt } from './code-environment.js';
import { calleeName } from './delays.js';
import { contains, getFileNodes } from './loops.js';
import { memberKeyName } from './member-syntax.js';
import { isOwnOriginCall } from './own-origin.js';
import { callDestination, requestTarget, urlDestination } from './url-destination.js';
import { unwrapExpression } from './syntax.js';
import type { ExternalCall } from './external-calls.js';
import type { ResilintSettings } from './settings.js';

/**
 * Calls whose hang only a person at this machine waits on, which `require-timeout` leaves alone unless
 * `checkOwnOrigin` is on: a page's calls (to its own origin, see own-origin.ts, or to anyone's: reviewers wave a
 * browser's spinner through, and act on servers, command-line tools and libraries; where a call runs, see
 * code-environment.ts), and calls to a local process (a command-line tool calling `localhost`, or an address it does
 * not spell out while answering a request to its own dev server; an emulator calling itself or its siblings). A
 * timeout there protects no server's sockets or pool slots.
 */
export function hangCostsNoService(call: ExternalCall, sourceCode: Readonly<TSESLint.SourceCode>, filename: string, settings: ResilintSettings): boolean {
  const environment = environmentAt(call.node, sourceCode, filename, settings);
  // A page's call, to its own back end or to anyone else's: a hang costs the person at the page a spinner.
  if (environment === 'browser') return true;
  if (isOwnOriginCall(call, sourceCode, filename, settings)) return true;
  const destination = callDestination(call, sourceCode, filename);
  if (destination === 'loopback') return environment === 'cli' || isEmulatorCall(call);
  if (destination === 'remote') return false;
  return isEmulatorCall(call) || (environment === 'cli' && servesLocalRequest(sourceCode, call.node, 0));
}

/**
 * A client a command-line tool opens to a process on this machine: its address (the creation's first argument) a
 * loopback one, or what a function or method of the file that starts a child process resolves with (a browser's
 * DevTools socket, read from the browser it launched). A timeout there protects no service.
 */
export function opensToLocalProcess(creation: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, filename: string, settings: ResilintSettings): boolean {
  if (creation.type !== AST_NODE_TYPES.NewExpression && creation.type !== AST_NODE_TYPES.CallExpression) return false;
  const address = creation.arguments[0];
  return address !== undefined && address.type !== AST_NODE_TYPES.SpreadElement && environmentAt(creation, sourceCode, filename, settings) === 'cli'
    && urlDestination(address, sourceCode, filename) === 'loopback';
}

/**
 * Whether a command-line tool makes this call while answering a request to an HTTP server of its own (a dev server
 * or proxy it started: `netlify dev` checking its framework's server for a path): the one waiting is the developer's
 * browser tab. The handler is a function taking a request and a response (`(req, res)`, `{ req, res }`), this one or
 * one around it, or, for a function of this file, every place that calls it.
 */
function servesLocalRequest(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, hops: number): boolean {
  let named: FunctionLike | undefined;
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (!isAnyFunction(current)) continue;
    if (handlesRequest(current)) return true;
    named ??= ownerName(current) ? current : undefined;
  }
  if (!named || hops >= MAX_HANDLER_HOPS) return false;
  const name = ownerName(named)!;
  const callers = getFileNodes(sourceCode).calls.filter((call) => calleeName(call.callee) === name && !contains(named, call));
  return callers.length > 0 && callers.length <= MAX_CALLERS && callers.every((caller) => servesLocalRequest(sourceCode, caller, hops + 1));
}

const MAX_HANDLER_HOPS = 2;
const MAX_CALLERS = 16;
const REQUEST_PARAMETER = /^(?:req|request)$/;
const RESPONSE_PARAMETER = /^(?:res|response|reply)$/;

type FunctionLike = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

function isAnyFunction(node: TSESTree.Node): node is FunctionLike {
  return node.type === AST_NODE_TYPES.FunctionDeclaration || isFunction(node);
}

/** `(req, res) => ...`, `function ({ req, res, options })`. */
function handlesRequest(fn: FunctionLike): boolean {
  const names = fn.params.flatMap((param) => parameterNames(param));
  return names.some((name) => REQUEST_PARAMETER.test(name)) && names.some((name) => RESPONSE_PARAMETER.test(name));
}

function parameterNames(param: TSESTree.Parameter): string[] {
  const target = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
  if (target.type === AST_NODE_TYPES.Identifier) return [target.name];
  if (target.type !== AST_NODE_TYPES.ObjectPattern) return [];
  return target.properties.flatMap((property) =>
    property.type === AST_NODE_TYPES.Property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier ? [property.key.name] : []);
}

/**
 * Naming, as the data flow to an emulator's host is rarely in one file: the request's URL or host mentions an
 * emulator (`process.env.FIRESTORE_EMULATOR_HOST`, `emulatorHost`, `getEmulatorUrl()`), or the call sits in an
 * emulator's own code (a class named `…Emulator`, a function whose name says emulator and not download or install).
 */
function isEmulatorCall(call: ExternalCall): boolean {
  const target = requestTarget(call.node);
  if (target && mentionsEmulator(target.expression, 0)) return true;
  for (let node: TSESTree.Node | undefined = call.node.parent; node; node = node.parent) {
    const name = ownerName(node);
    if (!name) continue;
    if ((node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) && EMULATOR_CLASS.test(name)) return true;
    if (EMULATOR_WORD.test(name) && !FETCHES_THE_EMULATOR.test(name)) return true;
  }
  return false;
}

const EMULATOR_WORD = /emulator/i;
const EMULATOR_CLASS = /Emulator$/;
/** Functions about an emulator that fetch it from elsewhere. */
const FETCHES_THE_EMULATOR = /download|install|update|upgrade|fetch|release/i;
const MAX_MENTION_DEPTH = 6;

function mentionsEmulator(expression: TSESTree.Node, depth: number): boolean {
  if (depth > MAX_MENTION_DEPTH) return false;
  const node = unwrapExpression(expression);
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return EMULATOR_WORD.test(node.name);
    case AST_NODE_TYPES.MemberExpression:
      return (!node.computed && node.property.type === AST_NODE_TYPES.Identifier && EMULATOR_WORD.test(node.property.name))
        || (node.computed && node.property.type === AST_NODE_TYPES.Literal && EMULATOR_WORD.test(String(node.property.value)))
        || mentionsEmulator(node.object, depth + 1);
    case AST_NODE_TYPES.CallExpression:
      return mentionsEmulator(node.callee, depth + 1) || node.arguments.some((argument) => mentionsEmulator(argument, depth + 1));
    case AST_NODE_TYPES.TemplateLiteral:
      return node.expressions.some((part) => mentionsEmulator(part, depth + 1));
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.LogicalExpression:
      return mentionsEmulator(node.left, depth + 1) || mentionsEmulator(node.right, depth + 1);
    case AST_NODE_TYPES.NewExpression:
      return node.arguments.some((argument) => mentionsEmulator(argument, depth + 1));
    default:
      return false;
  }
}

/** The name a class or function is known by: its own, or the variable, property or method holding it. */
function ownerName(node: TSESTree.Node): string | undefined {
  switch (node.type) {
    case AST_NODE_TYPES.ClassDeclaration:
    case AST_NODE_TYPES.ClassExpression:
    case AST_NODE_TYPES.FunctionDeclaration:
      return node.id?.name;
    case AST_NODE_TYPES.FunctionExpression:
    case AST_NODE_TYPES.ArrowFunctionExpression: {
      if (node.type === AST_NODE_TYPES.FunctionExpression && node.id) return node.id.name;
      const holder = node.parent;
      if (holder.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier) return holder.id.name;
      if ((holder.type === AST_NODE_TYPES.MethodDefinition || holder.type === AST_NODE_TYPES.Property || holder.type === AST_NODE_TYPES.PropertyDefinition)
        && !holder.computed) return memberKeyName(holder);
      return undefined;
    }
    default:
      return undefined;
  }
}

function isFunction(node: TSESTree.Node): node is TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression {
  return node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression;
}
