import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';

/** The browser's own objects: code that reads them runs in a page. */
const DOM_GLOBALS = new Set(['window', 'document', 'localStorage', 'sessionStorage', 'navigator']);
/**
 * The browser's media and peer-connection objects: a module making one (`new RTCPeerConnection(...)`, `new
 * window.RTCPeerConnection(...)`, `new MediaStream()`) runs where a page does, whatever else it tests for (an SDK's
 * calls module asking `typeof window` only to say whether calls are supported). Node has none (a WebRTC package for
 * Node is imported, not a global).
 */
export const MEDIA_CONSTRUCTORS = ['RTCPeerConnection', 'MediaStream', 'MediaRecorder', 'AudioContext'] as const;
const MEDIA_CONSTRUCTOR_NAMES: ReadonlySet<string> = new Set(MEDIA_CONSTRUCTORS);
/** A browser extension's namespaces and the APIs only an extension has (`chrome.runtime`, `browser.storage`). */
const EXTENSION_NAMESPACES = new Set(['chrome', 'browser']);
const EXTENSION_APIS = new Set([
  'runtime', 'storage', 'tabs', 'alarms', 'cookies', 'scripting', 'action', 'webRequest', 'declarativeNetRequest',
  'contextMenus', 'identity',
]);

/**
 * Whether the module reads the DOM's globals (`document.querySelector`, `window.location`), not merely tests for
 * them (`typeof window !== 'undefined'` is how isomorphic code avoids them), or a browser extension's APIs. Read
 * from the scopes, so a variable of the same name (a `document` parameter holding a database row, a Puppeteer
 * `browser`) and the text of a string (`'<script>window.close()</script>'`) do not count.
 */
export function readsBrowserGlobals(scopeManager: TSESLint.Scope.ScopeManager): boolean {
  const globalScope = scopeManager.globalScope;
  if (!globalScope) return false;
  const references = [...globalScope.through];
  // Where the parser declares the DOM's types and values (`lib: ['dom']`), the references resolve to those.
  for (const name of [...DOM_GLOBALS, ...EXTENSION_NAMESPACES, ...MEDIA_CONSTRUCTORS]) {
    references.push(...(globalScope.set.get(name)?.references ?? []));
  }
  let readsDom = false;
  let testsDom = false;
  for (const { identifier } of references) {
    if (runsInDrivenPage(identifier)) continue;
    const parent = identifier.parent;
    const member = parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier ? parent : undefined;
    if (identifier.type === AST_NODE_TYPES.Identifier && makesMediaObject(identifier, member)) return true;
    if (DOM_GLOBALS.has(identifier.name)) {
      if (isTypeofOperand(identifier)) testsDom = true;
      // `typeof window.fetch === 'function'` tests for the page's fetch, and what the test guards runs only there: an
      // isomorphic module's branch for the page, not a page's module
      else if (member && !isTypeofOperand(member) && !guardedByDomTest(member)) readsDom = true;
    } else if (EXTENSION_NAMESPACES.has(identifier.name) && member && EXTENSION_APIS.has(propertyName(member) ?? '')) {
      return true;
    }
  }
  return readsDom && !testsDom;
}

/** `new RTCPeerConnection(...)`, `new window.MediaStream()`. */
function makesMediaObject(identifier: TSESTree.Identifier, member: TSESTree.MemberExpression | undefined): boolean {
  const made = MEDIA_CONSTRUCTOR_NAMES.has(identifier.name) ? identifier
    : identifier.name === 'window' && member && MEDIA_CONSTRUCTOR_NAMES.has(propertyName(member) ?? '') ? member : undefined;
  return made !== undefined && made.parent?.type === AST_NODE_TYPES.NewExpression && made.parent.callee === made;
}

function isTypeofOperand(node: TSESTree.Node): boolean {
  return node.parent?.type === AST_NODE_TYPES.UnaryExpression && node.parent.operator === 'typeof';
}

/** Whether `node` runs only when a test for a DOM global's member passed: the branch of an `if`, `?:` or `&&` it guards. */
function guardedByDomTest(node: TSESTree.Node): boolean {
  for (let child: TSESTree.Node = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    const test = (parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) && parent.consequent === child ? parent.test
      : parent.type === AST_NODE_TYPES.LogicalExpression && parent.operator === '&&' && parent.right === child ? parent.left : undefined;
    if (test && testsDomMember(test)) return true;
  }
  return false;
}

/** `typeof window.fetch === 'function'`, alone or among the terms of an `&&`. */
function testsDomMember(test: TSESTree.Node): boolean {
  if (test.type === AST_NODE_TYPES.LogicalExpression && test.operator === '&&') return testsDomMember(test.left) || testsDomMember(test.right);
  const operand = test.type === AST_NODE_TYPES.BinaryExpression ? [test.left, test.right].find((side) => side.type === AST_NODE_TYPES.UnaryExpression && side.operator === 'typeof') : undefined;
  const argument = operand?.type === AST_NODE_TYPES.UnaryExpression ? operand.argument : undefined;
  return argument?.type === AST_NODE_TYPES.MemberExpression && argument.object.type === AST_NODE_TYPES.Identifier && DOM_GLOBALS.has(argument.object.name);
}

/**
 * Methods of a browser-automation driver that run the function they are given in the page it drives, not in the
 * module: Puppeteer's and Playwright's `page.evaluate(() => document.title)`, `evaluateHandle`, `waitForFunction`,
 * `addInitScript`, `evaluateOnNewDocument`, `$eval` / `$$eval` (after a selector), Selenium's `executeScript`.
 */
const PAGE_RUN_METHODS = new Set(['evaluate', 'evaluateHandle', 'waitForFunction', 'addInitScript', 'evaluateOnNewDocument', '$eval', '$$eval', 'executeScript', 'executeAsyncScript']);

/**
 * Whether the reference sits in a function handed to such a method: a Node worker driving a headless browser reads
 * the page's `document` there, and stays Node code itself.
 */
function runsInDrivenPage(identifier: TSESTree.Node): boolean {
  for (let child: TSESTree.Node = identifier, node = identifier.parent; node; child = node, node = node.parent) {
    const handedFunction = child.type === AST_NODE_TYPES.ArrowFunctionExpression || child.type === AST_NODE_TYPES.FunctionExpression;
    if (
      handedFunction &&
      node.type === AST_NODE_TYPES.CallExpression &&
      node.arguments.includes(child as TSESTree.CallExpressionArgument) &&
      node.callee.type === AST_NODE_TYPES.MemberExpression &&
      PAGE_RUN_METHODS.has(propertyName(node.callee) ?? '')
    ) {
      return true;
    }
  }
  return false;
}

const PAGE_RUN_CALL = new RegExp(`\\.(?:${[...PAGE_RUN_METHODS].map((name) => name.replace(/\$/g, '\\$')).join('|')})\\s*\\(`, 'g');

/**
 * The text without the arguments of such calls (up to the matching parenthesis, strings and comments not told
 * apart): where no scopes are at hand, a module driving a page reads as the rest of its code says.
 */
export function withoutDrivenPageCode(text: string): string {
  let kept = '';
  let from = 0;
  for (const match of text.matchAll(PAGE_RUN_CALL)) {
    if (match.index < from) continue;
    let depth = 0;
    let end = match.index + match[0].length - 1;
    for (; end < text.length; end++) {
      if (text[end] === '(') depth++;
      else if (text[end] === ')' && --depth === 0) break;
    }
    kept += text.slice(from, match.index);
    from = end + 1;
  }
  return kept + text.slice(from);
}

function propertyName(member: TSESTree.MemberExpression): string | undefined {
  return !member.computed && member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : undefined;
}
