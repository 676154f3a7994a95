import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { roleFromPath } from '../project/file-roles.js';
import { importersOf } from '../project/importers.js';
import { parseModule } from '../project/module-source.js';
import { readProjectFile } from '../project/files.js';
import { resolveProjectModule } from '../project/resolution.js';
import { callerParameters, getFileNodes } from './loops.js';
import { isUntimedControllerSignal } from './controller-signals.js';
import { instanceMethodCalls } from './instance-method-callers.js';
import { signalMayBeUndefined } from './optional-signals.js';
import { isSet, propertyKey, unwrapExpression } from './syntax.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type FunctionLike = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/**
 * Whether the optional signal a call is given (`signal: init.signal`, `{ signal }` from `signal?: AbortSignal`) is
 * always there: the function whose parameter it comes from is called, in this file or in the modules importing it,
 * only by callers that pass one (trigger.dev's `safeWebhookFetch(url, { ..., signal: AbortSignal.timeout(5000) })`
 * at each of its three call sites, forwarded through a same-file `requestOnce(url, init)` to `https.request`). Then
 * the bound is the callers' and set; the layer between is no gap. A caller handing on its own optional parameter is
 * followed up to `MAX_HOPS` functions; a function nobody in view calls (a library's API) is not known to be given one.
 */
export function callersAlwaysGiveSignal(sourceCode: SourceCode, signal: TSESTree.Node, filename: string): boolean {
  const source = parameterValueSource(sourceCode, signal);
  return source !== undefined && everyCallerGives(sourceCode, filename, source, 0);
}

/** How far callers are followed, and how many are read: a layer's callers, not the whole program. */
export const MAX_HOPS = 2;
export const MAX_CALLERS = 16;

/** Where a value comes from: the whole parameter (`signal`), or one key of an options parameter (`init.signal`). */
export interface ParameterSource {
  readonly fn: FunctionLike;
  readonly index: number;
  /** The option holding the value, when the parameter is an options object. */
  readonly key?: string;
}

/** The parameter a name or an option read from one stands for (`signal`, `{ signal }: Options`, `init.signal`). */
export function parameterValueSource(sourceCode: SourceCode, node: TSESTree.Node): ParameterSource | undefined {
  let target = unwrapExpression(node);
  if (target.type === AST_NODE_TYPES.ChainExpression) target = target.expression;
  if (target.type === AST_NODE_TYPES.Identifier) {
    const found = parameterOf(sourceCode, target);
    if (!found) return undefined;
    // `{ signal }: Options`: the `signal` key of that parameter
    return found.destructuredKey === undefined ? { fn: found.fn, index: found.index } : { fn: found.fn, index: found.index, key: found.destructuredKey };
  }
  if (target.type === AST_NODE_TYPES.MemberExpression && !target.computed && target.property.type === AST_NODE_TYPES.Identifier) {
    const object = unwrapExpression(target.object);
    if (object.type !== AST_NODE_TYPES.Identifier) return undefined;
    const found = parameterOf(sourceCode, object);
    return found && found.destructuredKey === undefined ? { fn: found.fn, index: found.index, key: target.property.name } : undefined;
  }
  return undefined;
}

/**
 * The function parameter a name stands for, never written to: the whole parameter (`init`, or the rest of it,
 * `{ retries, ...init }`), or one option destructured from it (`{ signal }: Options`, `destructuredKey` 'signal'), in
 * the parameter list or in the body (`const { signal } = options`, `const signal = options.signal`).
 */
export function parameterOf(sourceCode: SourceCode, identifier: TSESTree.Identifier): { fn: FunctionLike; index: number; destructuredKey?: string } | undefined {
  const variable = findVariable(sourceCode.getScope(identifier) as never, identifier) as TSESLint.Scope.Variable | null;
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || variable.references.some((reference) => reference.isWrite() && !reference.init)) return undefined;
  // `const { timeoutMs, ...init } = options` in the body: the rest of the parameter, as when destructured in place
  if (def?.type === 'Variable' && def.name.parent?.type === AST_NODE_TYPES.RestElement && def.name.parent.parent === def.node.id) {
    const init = def.node.init && unwrapExpression(def.node.init);
    const whole = init?.type === AST_NODE_TYPES.Identifier ? parameterOf(sourceCode, init) : undefined;
    return whole?.destructuredKey === undefined ? whole : undefined;
  }
  // `const dispatcher = obj.dispatcher`, `const { dispatcher } = obj` in the body: that option of the parameter
  if (def?.type === 'Variable' && def.node.init) {
    const init = unwrapExpression(def.node.init);
    const key = def.node.id === def.name && init.type === AST_NODE_TYPES.MemberExpression && !init.computed && init.property.type === AST_NODE_TYPES.Identifier ? init.property.name
      : def.node.id.type === AST_NODE_TYPES.ObjectPattern ? keyBinding(def.node.id, def.name) : undefined;
    const object = init.type === AST_NODE_TYPES.MemberExpression && def.node.id === def.name ? unwrapExpression(init.object) : init;
    const whole = key !== undefined && object.type === AST_NODE_TYPES.Identifier ? parameterOf(sourceCode, object) : undefined;
    return whole && whole.destructuredKey === undefined ? { ...whole, destructuredKey: key } : undefined;
  }
  if (def?.type !== 'Parameter') return undefined;
  const fn = def.node as FunctionLike;
  for (const [index, raw] of callerParameters(fn).entries()) {
    const param = raw.type === AST_NODE_TYPES.AssignmentPattern ? raw.left : raw;
    if (param === def.name) return { fn, index };
    if (param.type === AST_NODE_TYPES.ObjectPattern) {
      // `{ retries = 0, ...init }`: the rest is the options the function does not take for itself, handed on as given
      if (param.properties.some((candidate) => candidate.type === AST_NODE_TYPES.RestElement && candidate.argument === def.name)) return { fn, index };
      const property = param.properties.find((candidate) => candidate.type === AST_NODE_TYPES.Property && unwrapPattern(candidate.value) === def.name);
      if (property?.type === AST_NODE_TYPES.Property) {
        const key = propertyKey(property);
        return key === undefined ? undefined : { fn, index, destructuredKey: key };
      }
    }
  }
  return undefined;
}

/** The key `{ key: name }` (or `{ name }`, `{ name = fallback }`) binds `name` by, at the top of a pattern. */
function keyBinding(pattern: TSESTree.ObjectPattern, name: TSESTree.Node): string | undefined {
  const property = pattern.properties.find((candidate) => candidate.type === AST_NODE_TYPES.Property && unwrapPattern(candidate.value) === name);
  return property?.type === AST_NODE_TYPES.Property ? propertyKey(property) : undefined;
}

function unwrapPattern(node: TSESTree.Node): TSESTree.Node {
  return node.type === AST_NODE_TYPES.AssignmentPattern ? node.left : node;
}

function everyCallerGives(sourceCode: SourceCode, filename: string, source: ParameterSource, hops: number): boolean {
  const name = functionName(source.fn);
  if (!name) {
    // a method of a class other modules are handed (a NestJS service) or make: its calls through what holds an instance
    const calls = instanceMethodCalls(sourceCode, filename, source.fn);
    return calls !== undefined && calls.length > 0 && calls.every(({ call, source: module }) => {
      const argument = call.arguments[source.index];
      return argument !== undefined && argument.type !== AST_NODE_TYPES.SpreadElement && givesSignal(module, argument, source.key);
    });
  }
  const local = getFileNodes(sourceCode).calls.filter((call) => call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name === name);
  const exportedAs = exportedName(source.fn, name, sourceCode);
  const remote = exportedAs === undefined ? [] : importedCalls(filename, exportedAs);
  if (remote === undefined || local.length + remote.length === 0 || local.length + remote.length > MAX_CALLERS) return false;
  const givesHere = (call: TSESTree.CallExpression): boolean => {
    const argument = call.arguments[source.index];
    if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return false;
    if (givesSignal(sourceCode, argument, source.key)) return true;
    // handed on from the caller's own parameter: its callers decide
    const outer = hops < MAX_HOPS ? parameterValueSource(sourceCode, argument) : undefined;
    // an options parameter is handed on whole (`requestOnce(url, init)`); a signal parameter as itself or as `opts.signal`
    if (outer === undefined || (source.key !== undefined && outer.key !== undefined)) return false;
    return everyCallerGives(sourceCode, filename, source.key === undefined ? outer : { ...outer, key: source.key }, hops + 1);
  };
  return local.every(givesHere) && remote.every(({ call, source: module }) => {
    const argument = call.arguments[source.index];
    return argument !== undefined && argument.type !== AST_NODE_TYPES.SpreadElement && givesSignal(module, argument, source.key);
  });
}

/**
 * The argument sets a signal that cannot be undefined and that something may abort on time: `AbortSignal.timeout(5000)`,
 * or `{ ..., signal: ... }` for an options parameter (not the signal of a controller only a Ctrl+C aborts).
 */
function givesSignal(sourceCode: SourceCode, argument: TSESTree.Node, key: string | undefined): boolean {
  const target = unwrapExpression(argument);
  const property = key === undefined || target.type !== AST_NODE_TYPES.ObjectExpression ? undefined
    : target.properties.find((candidate): candidate is TSESTree.Property => candidate.type === AST_NODE_TYPES.Property && propertyKey(candidate) === key);
  const signal = key === undefined ? target : property?.value;
  return signal !== undefined && isSet(signal) && !signalMayBeUndefined(sourceCode, signal) && !isUntimedControllerSignal(sourceCode, signal);
}

function functionName(fn: FunctionLike): string | undefined {
  if (fn.id) return fn.id.name;
  const holder = fn.parent;
  return holder.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier ? holder.id.name : undefined;
}

/** `export function f`, `export const f = ...`, `export { f }`: the name other modules import it by. */
export function exportedName(fn: FunctionLike, name: string, sourceCode: SourceCode): string | undefined {
  const declaration = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn : fn.parent.parent;
  if (declaration?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return name;
  // `export default function instagram(obj)`: imported under any name
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return 'default';
  for (const statement of sourceCode.ast.body) {
    const commonJs = statement.type === AST_NODE_TYPES.ExpressionStatement ? commonJsExportOf(statement.expression, name) : undefined;
    if (commonJs !== undefined) return commonJs;
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration || statement.source) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.local.type === AST_NODE_TYPES.Identifier && specifier.local.name === name) {
        return specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : String(specifier.exported.value);
      }
    }
  }
  return undefined;
}

/** `module.exports = { get, post: send }`, `module.exports.get = get`, `exports.get = get`: the name `name` is exported by. */
export function commonJsExportOf(expression: TSESTree.Expression, name: string): string | undefined {
  if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.operator !== '=') return undefined;
  const target = expression.left;
  const value = unwrapExpression(expression.right);
  if (isModuleExports(target) && value.type === AST_NODE_TYPES.ObjectExpression) {
    for (const property of value.properties) {
      if (property.type === AST_NODE_TYPES.Property && property.value.type === AST_NODE_TYPES.Identifier && property.value.name === name) return propertyKey(property);
    }
    return undefined;
  }
  if (target.type === AST_NODE_TYPES.MemberExpression && !target.computed && target.property.type === AST_NODE_TYPES.Identifier
    && (isModuleExports(target.object) || (target.object.type === AST_NODE_TYPES.Identifier && target.object.name === 'exports'))
    && value.type === AST_NODE_TYPES.Identifier && value.name === name) return target.property.name;
  return undefined;
}

export function isModuleExports(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.object.type === AST_NODE_TYPES.Identifier && node.object.name === 'module'
    && node.property.type === AST_NODE_TYPES.Identifier && node.property.name === 'exports';
}

/**
 * The calls of `exported` in the modules importing `filename` (`import { safeWebhookFetch } from './safeWebhookFetch.server'`,
 * also renamed), or undefined when the importers cannot be told, one cannot be read, or one uses the function other
 * than by calling it (hands it on, re-exports it). With `productOnly`, tests, examples and scripts importing it (a test
 * spying on the module) are passed over: what they hand the function is not what the product runs.
 */
export function importedCalls(
  filename: string, exported: string, { enough, productOnly = false }: { enough?: number; productOnly?: boolean } = {},
): { call: TSESTree.CallExpression; source: SourceCode; file: string }[] | undefined {
  const importers = importersOf(filename);
  if (!importers) return undefined;
  const calls: { call: TSESTree.CallExpression; source: SourceCode; file: string }[] = [];
  for (const { file, relativePath } of importers) {
    if (productOnly && roleFromPath(relativePath) !== 'product') continue;
    const text = readProjectFile(file);
    // (a default export is imported under any name)
    if (text === undefined || (exported !== 'default' && !text.includes(exported))) continue;
    const module = parseModule(file, text);
    if (!module) return undefined;
    const fromFile = (specifier: unknown): boolean => typeof specifier === 'string' && resolveProjectModule(specifier, file) === filename;
    // the function's own name, bound by an import or a destructured require, and the whole module, bound as a namespace
    const direct: TSESLint.Scope.Variable[] = [];
    const wholeModule: TSESLint.Scope.Variable[] = [];
    for (const statement of module.ast.body) {
      if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.source && statement.specifiers.some((specifier) => specifier.local.type === AST_NODE_TYPES.Identifier && specifier.local.name === exported)) return undefined;
      if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of statement.declarations) {
          const init = declarator.init && unwrapExpression(declarator.init);
          const required = init?.type === AST_NODE_TYPES.CallExpression && init.callee.type === AST_NODE_TYPES.Identifier && init.callee.name === 'require' ? init.arguments[0] : undefined;
          if (required?.type !== AST_NODE_TYPES.Literal || !fromFile(required.value)) continue;
          if (declarator.id.type === AST_NODE_TYPES.Identifier) wholeModule.push(...module.getDeclaredVariables(declarator));
          if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern) continue;
          for (const property of declarator.id.properties) {
            if (property.type === AST_NODE_TYPES.Property && propertyKey(property) === exported && property.value.type === AST_NODE_TYPES.Identifier) {
              direct.push(...module.getDeclaredVariables(declarator).filter((variable) => variable.name === (property.value as TSESTree.Identifier).name));
            }
          }
        }
      }
      if (statement.type !== AST_NODE_TYPES.ImportDeclaration) continue;
      for (const specifier of statement.specifiers) {
        // `import middleware from './middleware'` of a module whose default export is the function asked for
        if (specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier && exported === 'default') {
          if (fromFile(statement.source.value)) direct.push(...module.getDeclaredVariables(specifier));
          continue;
        }
        if (specifier.type !== AST_NODE_TYPES.ImportSpecifier) {
          if (fromFile(statement.source.value)) wholeModule.push(...module.getDeclaredVariables(specifier));
          continue;
        }
        const imported = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
        if (imported === exported) direct.push(...module.getDeclaredVariables(specifier));
      }
    }
    for (const variable of direct) {
      for (const reference of variable.references) {
        if (reference.init) continue;
        const parent = reference.identifier.parent;
        // `ReturnType<typeof makeSender>` names its type, and hands the function nowhere
        if (parent?.type === AST_NODE_TYPES.TSTypeQuery) continue;
        if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.callee !== reference.identifier) return undefined;
        calls.push({ call: parent, source: module, file });
      }
    }
    // `http.get(...)` of `import * as http from './http'` or `const http = require('./http')`; its other members are
    // not this function, but the module handed on whole may be called anywhere
    for (const variable of wholeModule) {
      for (const reference of variable.references) {
        if (reference.init) continue;
        const member = reference.identifier.parent;
        if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier) return undefined;
        if (member.computed || member.property.type !== AST_NODE_TYPES.Identifier || member.property.name !== exported) continue;
        if (member.parent?.type !== AST_NODE_TYPES.CallExpression || member.parent.callee !== member) return undefined;
        calls.push({ call: member.parent, source: module, file });
      }
    }
    // (a question some callers answer stops at `enough` of them; one every caller must answer gives up past the bound)
    if (enough !== undefined && calls.length >= enough) return calls.slice(0, enough);
    if (calls.length > MAX_CALLERS) return undefined;
  }
  return calls;
}
