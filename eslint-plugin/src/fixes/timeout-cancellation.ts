import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { NonCancellingTimeout } from '../analysis/cancellation.js';
import type { ExternalCall, ExternalCallIndex } from '../analysis/external-calls.js';
import { enclosingFunction } from '../analysis/loops.js';
import { callTextWithOption } from './call-options.js';
import { promiseChainOf } from './handle-failure.js';
import { propertyKey } from './object-literal.js';
import { importRuntime } from './runtime-import.js';
import { SourceEdits } from './source-edits.js';
import type { FixTarget } from './wrap-in-policies.js';

/**
 * An AbortController aborted by a timer, or an `AbortSignal.timeout(...)`, that reaches no call: its signal is
 * passed to the external calls made after it in the same function.
 */
export function passSignalToCalls(
  target: FixTarget,
  finding: NonCancellingTimeout,
  calls: ExternalCallIndex,
): SourceEdits | undefined {
  const { sourceCode } = target;
  const declarator = finding.node.parent;
  if (declarator?.type !== 'VariableDeclarator' || declarator.id.type !== 'Identifier') return undefined;
  const signal = finding.kind === 'unusedController' ? `${declarator.id.name}.signal` : declarator.id.name;
  const owner = enclosingFunction(declarator);
  const reached = calls.calls.filter(
    (call) => call.node.range[0] > declarator.range[1] && enclosingFunction(call.node) === owner && call.signalOption !== undefined,
  );
  // calls nested in the arguments of another get the signal through their own edit only
  const outermost = reached.filter(
    (call) => !reached.some((other) => other !== call && other.node.range[0] <= call.node.range[0] && call.node.range[1] <= other.node.range[1]),
  );
  const edits = new SourceEdits();
  for (const call of outermost) {
    const text = call.signalOption && callTextWithOption(sourceCode, call, call.signalOption, signal);
    if (text) edits.replace(call.node.range, text);
  }
  return outermost.length > 0 && outermost.every((call) => call.signalOption) ? edits : undefined;
}

/**
 * `Promise.race([request, timer])` around one request becomes the runtime's `timeout(ms)`, which aborts the
 * request through its signal and clears its own timer. The request may be a call, a `.then` chain on it, or a
 * `const` holding one; a `const` holding the request or the timer, read only by the race, is removed.
 */
export function raceToRuntimeTimeout(
  target: FixTarget,
  finding: NonCancellingTimeout,
  calls: ExternalCallIndex,
): SourceEdits | undefined {
  const { sourceCode } = target;
  const race = finding.node;
  const list = race.type === 'CallExpression' ? race.arguments[0] : undefined;
  if (race.type !== 'CallExpression' || finding.work.length !== 1 || list?.type !== 'ArrayExpression') return undefined;
  const workElement = finding.work[0];
  const timerElement = list.elements.find((element) => element !== null && element !== workElement);
  if (!workElement || !timerElement) return undefined;
  const work = resolveConst(sourceCode, workElement);
  const timer = resolveConst(sourceCode, timerElement);
  const milliseconds = timerDelay(sourceCode, timer.expression);
  // a promise handed in is already running: the helper taking a function of a signal is the fix for it
  if (!milliseconds || work.expression.type === 'Identifier') return undefined;
  const edits = new SourceEdits();
  if (!replaceWithRuntimeTimeout(target, race, work.expression, milliseconds, calls, edits)) return undefined;
  for (const statement of [work.declaration, timer.declaration, helperUsedOnlyBy(sourceCode, timer.expression)]) {
    if (statement) edits.replace(wholeLines(sourceCode, statement), '');
  }
  return edits;
}

/** `pTimeout(request, { milliseconds })` (or p-timeout's older `pTimeout(request, ms)`) becomes the runtime's `timeout(ms)`. */
export function pTimeoutToRuntimeTimeout(target: FixTarget, finding: NonCancellingTimeout, calls: ExternalCallIndex): SourceEdits | undefined {
  const call = finding.node;
  const [input, options] = call.type === 'CallExpression' ? call.arguments : [];
  if (!input || !options || input.type === 'SpreadElement') return undefined;
  const milliseconds =
    options.type === 'ObjectExpression'
      ? options.properties.find((property): property is TSESTree.Property => property.type === 'Property' && propertyKey(property) === 'milliseconds')?.value
      : options;
  if (!milliseconds || milliseconds.type === 'SpreadElement') return undefined;
  const edits = new SourceEdits();
  return replaceWithRuntimeTimeout(target, call, input, milliseconds, calls, edits) ? edits : undefined;
}

/** `withTimeout(request, ms)` of a helper that cancels nothing becomes the runtime's `timeout(ms)` around the request. */
export function helperRaceToRuntimeTimeout(target: FixTarget, finding: NonCancellingTimeout, calls: ExternalCallIndex): SourceEdits | undefined {
  const [work] = finding.work;
  if (!work || !finding.helper) return undefined;
  const edits = new SourceEdits();
  return replaceWithRuntimeTimeout(target, finding.node, work, finding.helper.delay, calls, edits) ? edits : undefined;
}

/**
 * Replaces `replaced` with `timeout(ms).execute(({ signal }) => work)`, the signal passed into the work's request; work
 * that takes no signal (a cache client's `get`, a function of the app) runs as `execute(() => work)`, which at least
 * clears the timer when the work wins and stops waiting when it does not.
 */
function replaceWithRuntimeTimeout(
  target: FixTarget,
  replaced: TSESTree.Node,
  work: TSESTree.Node,
  milliseconds: TSESTree.Node,
  calls: ExternalCallIndex,
  edits: SourceEdits,
): boolean {
  const { sourceCode } = target;
  if (/\bsignal\b/.test(sourceCode.getText(work))) return false;
  const call = callOfChain(work, calls);
  const threaded = call?.signalOption && callTextWithOption(sourceCode, call, call.signalOption, 'signal');
  const names = importRuntime(sourceCode, target.runtimeModule, ['timeout'], edits);
  const policy = `${names.timeout}(${sourceCode.getText(milliseconds)})`;
  if (!call || !threaded) {
    edits.replace(replaced.range, `${policy}.execute(() => ${sourceCode.getText(work)})`);
    return true;
  }
  const workText = sourceCode.text.slice(work.range[0], call.node.range[0]) + threaded + sourceCode.text.slice(call.node.range[1], work.range[1]);
  edits.replace(replaced.range, `${policy}.execute(({ signal }) => ${workText})`);
  return true;
}

/**
 * The external call whose promise chain (`call`, `call.then(…)`, `call?.finally(…)`) is `expression`, found by going
 * down the chain from it rather than up from every call of the file; the first in the file's order if several are.
 */
function callOfChain(expression: TSESTree.Node, calls: ExternalCallIndex): ExternalCall | undefined {
  const candidates: ExternalCall[] = [];
  let current: TSESTree.Node = expression;
  for (;;) {
    const call = calls.get(current);
    if (call && promiseChainOf(call.node) === expression) candidates.push(call);
    if (current.type === 'ChainExpression') {
      current = current.expression;
    } else if (
      current.type === 'CallExpression' &&
      current.callee.type === 'MemberExpression' &&
      !current.callee.computed &&
      current.callee.property.type === 'Identifier' &&
      (current.callee.property.name === 'then' || current.callee.property.name === 'finally')
    ) {
      current = current.callee.object;
    } else {
      break;
    }
  }
  if (candidates.length <= 1) return candidates[0];
  return candidates.sort((a, b) => calls.calls.indexOf(a) - calls.calls.indexOf(b))[0];
}

/** An identifier read only here, naming a `const` of this function: its initialiser (and the declaration to drop). */
function resolveConst(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
): { expression: TSESTree.Node; declaration?: TSESTree.VariableDeclaration } {
  if (node.type !== 'Identifier') return { expression: node };
  const variable = sourceCode.getScope(node).references.find((reference) => reference.identifier === node)?.resolved;
  const declarator = variable?.defs[0]?.node;
  const declaration = declarator?.parent;
  if (
    declarator?.type !== 'VariableDeclarator' ||
    !declarator.init ||
    declaration?.type !== 'VariableDeclaration' ||
    declaration.kind !== 'const' ||
    declaration.declarations.length !== 1 ||
    variable?.references.some((reference) => reference.identifier !== node && reference.isRead())
  ) {
    return { expression: node };
  }
  return { expression: declarator.init, declaration };
}

/** A statement with its indentation and line break, when it has its lines to itself. */
function wholeLines(sourceCode: Readonly<TSESLint.SourceCode>, statement: TSESTree.Node): [number, number] {
  const text = sourceCode.text;
  const lineStart = text.lastIndexOf('\n', statement.range[0] - 1) + 1;
  const lineEnd = text.indexOf('\n', statement.range[1]);
  const alone = text.slice(lineStart, statement.range[0]).trim() === '' && text.slice(statement.range[1], lineEnd === -1 ? text.length : lineEnd).trim() === '';
  return alone ? [lineStart, lineEnd === -1 ? text.length : lineEnd + 1] : [statement.range[0], statement.range[1]];
}

/**
 * The delay of the timer: the `setTimeout` in it, or, for a timer helper of this file (`timeoutAfter(5_000)`), the
 * argument that becomes its `setTimeout`'s delay.
 */
function timerDelay(sourceCode: Readonly<TSESLint.SourceCode>, timer: TSESTree.Node): TSESTree.Node | undefined {
  const written = setTimeoutDelay(timer);
  if (written || timer.type !== 'CallExpression') return written;
  // `sleep(1000).then(() => { throw new Error('timeout') })`
  if (timer.callee.type === 'MemberExpression' && timer.callee.property.type === 'Identifier' && ['then', 'catch', 'finally'].includes(timer.callee.property.name)) {
    return timerDelay(sourceCode, timer.callee.object);
  }
  if (timer.callee.type !== 'Identifier') return undefined;
  const callee = timer.callee;
  const definition = sourceCode.getScope(callee).references.find((reference) => reference.identifier === callee)?.resolved?.defs[0];
  // `setTimeout` from node:timers/promises, under any local name: its first argument is the delay
  if (
    definition?.type === 'ImportBinding' &&
    definition.node.type === 'ImportSpecifier' &&
    definition.node.imported.type === 'Identifier' &&
    definition.node.imported.name === 'setTimeout' &&
    definition.parent.type === 'ImportDeclaration' &&
    /^(?:node:)?timers\/promises$/.test(definition.parent.source.value)
  ) {
    const delay = timer.arguments[0];
    return delay && delay.type !== 'SpreadElement' ? delay : undefined;
  }
  const helper =
    definition?.node.type === 'FunctionDeclaration'
      ? definition.node
      : definition?.node.type === 'VariableDeclarator' && (definition.node.init?.type === 'ArrowFunctionExpression' || definition.node.init?.type === 'FunctionExpression')
        ? definition.node.init
        : undefined;
  const delay = helper && setTimeoutDelay(helper.body);
  if (!helper || !delay) return undefined;
  const index = delay.type === 'Identifier' ? helper.params.findIndex((param) => param.type === 'Identifier' && param.name === delay.name) : -1;
  if (index >= 0) {
    const argument = timer.arguments[index];
    return argument && argument.type !== 'SpreadElement' ? argument : undefined;
  }
  // A delay of the helper's own (`setTimeout(reject, STARTUP_TIMEOUT_MS)`): written as it is where the race sees it.
  return delay.type === 'Literal' || (delay.type === 'Identifier' && sameVariableAt(sourceCode, delay, timer)) ? delay : undefined;
}

function sameVariableAt(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier, place: TSESTree.Node): boolean {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  return variable !== null && variable === ASTUtils.findVariable(sourceCode.getScope(place), identifier.name);
}

/**
 * The declaration of the timer helper a race calls (`const createTimeoutPromise = () => new Promise(...)`), when this
 * race is its only use and nothing exports it: once the race is replaced nothing calls it.
 */
function helperUsedOnlyBy(sourceCode: Readonly<TSESLint.SourceCode>, timer: TSESTree.Node): TSESTree.Node | undefined {
  if (timer.type !== 'CallExpression' || timer.callee.type !== 'Identifier') return undefined;
  const variable = ASTUtils.findVariable(sourceCode.getScope(timer.callee), timer.callee);
  const definition = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || variable.references.some((reference) => reference.isRead() && reference.identifier !== timer.callee)) return undefined;
  const declaration = definition?.node.type === 'FunctionDeclaration' ? definition.node
    : definition?.node.type === 'VariableDeclarator' && definition.node.parent.declarations.length === 1 ? definition.node.parent
      : undefined;
  const holder = declaration?.parent?.type;
  return holder === 'Program' || holder === 'BlockStatement' ? declaration : undefined;
}

function setTimeoutDelay(timer: TSESTree.Node): TSESTree.Node | undefined {
  let found: TSESTree.Node | undefined;
  const visit = (node: TSESTree.Node): void => {
    if (found) return;
    if (
      node.type === 'CallExpression' &&
      node.callee.type === 'Identifier' &&
      node.callee.name === 'setTimeout' &&
      node.arguments[1] &&
      node.arguments[1].type !== 'SpreadElement'
    ) {
      found = node.arguments[1];
      return;
    }
    for (const value of Object.values(node)) {
      if (value && typeof value === 'object' && value !== node.parent) {
        for (const child of Array.isArray(value) ? value : [value]) {
          if (child && typeof child === 'object' && typeof (child as TSESTree.Node).type === 'string' && child !== node.parent) {
            visit(child as TSESTree.Node);
          }
        }
      }
    }
  };
  visit(timer);
  return found;
}

/**
 * A timeout helper that races a promise it was given (`withTimeout(work: Promise<T>, ms)`) cannot cancel it:
 * the helper takes the work as a function of an abort signal instead and runs it under the runtime's
 * `timeout(ms)`; its calls in this file pass the signal into their request (calls elsewhere must follow).
 */
export function helperTakesSignal(
  target: FixTarget,
  finding: NonCancellingTimeout,
  calls: ExternalCallIndex,
): SourceEdits | undefined {
  const { sourceCode } = target;
  const race = finding.node;
  const work = finding.work[0];
  if (race.type !== 'CallExpression' || finding.work.length !== 1 || work?.type !== 'Identifier') return undefined;
  const fn = enclosingFunction(race);
  // the race, or a `.finally(() => clearTimeout(timer))` chained on it, is what the helper returns
  let result: TSESTree.Node = race;
  while (result.parent?.type === 'MemberExpression' && result.parent.object === result && result.parent.parent.type === 'CallExpression') result = result.parent.parent;
  const returned = result.parent?.type === 'ReturnStatement' || (result.parent?.type === 'ArrowFunctionExpression' && result.parent.body === result);
  if (!fn || !returned) return undefined;
  const parameter = fn.params.find((param) => param.type === 'Identifier' && param.name === work.name);
  const index = parameter ? fn.params.indexOf(parameter) : -1;
  const list = race.arguments[0];
  const timerElement = list?.type === 'ArrayExpression' ? list.elements.find((element) => element !== null && element !== work) : undefined;
  const timer = timerElement ? resolveConst(sourceCode, timerElement) : undefined;
  const milliseconds = timer && timerDelay(sourceCode, timer.expression);
  if (parameter?.type !== 'Identifier' || !milliseconds) return undefined;

  const declared = fn.type === 'FunctionDeclaration' ? fn : fn.parent?.type === 'VariableDeclarator' ? fn.parent : undefined;
  const variable = declared && sourceCode.scopeManager?.getDeclaredVariables(declared)[0];
  const callers = (variable?.references ?? [])
    .map((reference) => reference.identifier.parent)
    .filter((parent): parent is TSESTree.CallExpression => parent?.type === 'CallExpression' && parent.arguments.length > index);

  const edits = new SourceEdits();
  const names = importRuntime(sourceCode, target.runtimeModule, ['timeout'], edits);
  const annotation = parameter.typeAnnotation?.typeAnnotation;
  if (annotation) edits.replace(annotation.range, `(signal: AbortSignal) => ${sourceCode.getText(annotation)}`);
  edits.replace(race.range, `${names.timeout}(${sourceCode.getText(milliseconds)}).execute(({ signal }) => ${work.name}(signal))`);
  // a timer held in a const read only by the race would still fire and reject with no one listening
  if (timer.declaration) edits.replace(wholeLines(sourceCode, timer.declaration), '');
  for (const caller of callers) {
    const argument = caller.arguments[index];
    if (!argument || argument.type === 'SpreadElement') return undefined;
    const request = calls.get(argument);
    const threaded = request?.signalOption && callTextWithOption(sourceCode, request, request.signalOption, 'signal');
    edits.replace(argument.range, threaded ? `(signal) => ${threaded}` : `() => ${sourceCode.getText(argument)}`);
  }
  return edits;
}

/**
 * cockatiel's `TimeoutStrategy.Aggressive` becomes `Cooperative`, and each function of this file the policy
 * executes that makes one request (`() => fetch(url)`) takes the policy's `signal` and passes it on.
 */
export function cooperativeTimeout(target: FixTarget, finding: NonCancellingTimeout, calls: ExternalCallIndex): SourceEdits | undefined {
  const { sourceCode } = target;
  const call = finding.node;
  if (call.type !== 'CallExpression') return undefined;
  let strategy: TSESTree.Identifier | undefined;
  for (const argument of call.arguments) {
    if (argument.type === 'MemberExpression' && argument.property.type === 'Identifier' && argument.property.name === 'Aggressive') strategy = argument.property;
  }
  if (!strategy) return undefined;
  const edits = new SourceEdits();
  edits.replace(strategy.range, 'Cooperative');
  for (const body of finding.work) {
    const fn = body.parent;
    if (fn?.type !== 'ArrowFunctionExpression' || fn.params.length > 0 || fn.body !== body) continue;
    const request = callOfChain(body, calls);
    const threaded = request?.signalOption && callTextWithOption(sourceCode, request, request.signalOption, 'signal');
    if (!request || !threaded) continue;
    const bodyText = sourceCode.text.slice(body.range[0], request.node.range[0]) + threaded + sourceCode.text.slice(request.node.range[1], body.range[1]);
    edits.replace(fn.range, `${fn.async ? 'async ' : ''}({ signal }) => ${bodyText}`);
  }
  return edits;
}
