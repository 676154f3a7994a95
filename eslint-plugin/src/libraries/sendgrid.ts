import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { isTypeScript } from '../fixes/code-style.js';
import { freeName, insertModuleStatement, namesInUse } from '../fixes/runtime-import.js';
import { SourceEdits } from '../fixes/source-edits.js';
import { inEsmPackage, sharedMailSetUp } from './sendgrid-setup.js';
import { wholeModuleName } from './module-names.js';
import { derive, instanceFrom, io, isWholeModule, value, type LibraryModel } from './model.js';

/**
 * SendGrid: `sgMail.setApiKey(key); await sgMail.send(msg)` (`@sendgrid/mail`, whose default export is one shared
 * `MailService`; `new MailService()` makes another), and `client.request({ method, url })` (`@sendgrid/client`).
 * Requests go through axios with no timeout; a call takes no options or signal of its own. The mail service's
 * `setTimeout(ms)` (the client's `setDefaultRequest('timeout', ms)`) bounds every request it sends.
 * `@ntegral/nestjs-sendgrid`'s injected `SendGridService` sends through `@sendgrid/mail`'s shared service, which its
 * module sets up with the API key and nothing else: bounded only where the app gives that shared service a timeout.
 */

const MAIL = '@sendgrid/mail';
const CLIENT = '@sendgrid/client';
const NEST_MODULE = '@ntegral/nestjs-sendgrid';
const OPERATIONS: Record<string, readonly string[]> = { mail: ['send', 'sendMultiple'], client: ['request'] };
/** The mail service's sends (the shared client's `request` takes its timeout through `setDefaultRequest`). */
const MAIL_OPERATIONS = /^sgMail\.send(?:Multiple)?$/;
const CLIENT_OPERATIONS = /\.request$/;
const NEST_REMEDY = 'call `setTimeout(ms)` on `@sendgrid/mail`\'s default export where the app starts: the Nest module\'s `SendGridService` sends through that shared service, which has no timeout, and its calls take no signal';
const REMEDY = 'call `setTimeout(ms)` on the mail service where it is set up (the client\'s `setDefaultRequest(\'timeout\', ms)`): SendGrid sends through axios with no timeout, and its calls take no signal';

interface FileFacts {
  /** `.setTimeout(` or `setDefaultRequest('timeout'` is called on something. */
  readonly setsTimeout: boolean;
  /** `.setApiKey(` is called on something: the service is set up here. */
  readonly setsUp: boolean;
}

const factsByProgram = new WeakMap<TSESTree.Program, FileFacts>();

/** What the file does to SendGrid's services, read once from its tokens. */
function fileFacts(node: TSESTree.Node): FileFacts | undefined {
  let program: TSESTree.Node = node;
  while (program.parent) program = program.parent;
  if (program.type !== AST_NODE_TYPES.Program || !program.tokens) return undefined;
  const cached = factsByProgram.get(program);
  if (cached) return cached;
  const tokens = program.tokens;
  let setsTimeout = false;
  let setsUp = false;
  tokens.forEach((token, index) => {
    if (token.type !== 'Identifier' || tokens[index - 1]?.value !== '.' || tokens[index + 1]?.value !== '(') return;
    if (token.value === 'setTimeout') setsTimeout = true;
    else if (token.value === 'setDefaultRequest' && /^['"`]timeout['"`]$/.test(tokens[index + 2]?.value ?? '')) setsTimeout = true;
    else if (token.value === 'setApiKey') setsUp = true;
  });
  const facts = { setsTimeout, setsUp };
  factsByProgram.set(program, facts);
  return facts;
}

/** The `x.setApiKey(...);` statement of the object the call is made on, where a `setTimeout` call belongs after it. */
function setUpStatement(sourceCode: Readonly<TSESLint.SourceCode>, objectText: string): TSESTree.Node | undefined {
  const at = sourceCode.text.indexOf(`${objectText}.setApiKey(`);
  if (at < 0) return undefined;
  for (let node: TSESTree.Node | null | undefined = sourceCode.getNodeByRangeIndex(at); node; node = node.parent) {
    if (node.type === AST_NODE_TYPES.ExpressionStatement) return node.range[0] === at ? node : undefined;
  }
  return undefined;
}

/** `this.mailer` assigned a variable that is set up before (`this.mailer = mailer` after `mailer.setApiKey(...)`): its name. */
function heldName(sourceCode: Readonly<TSESLint.SourceCode>, object: TSESTree.Node): string | undefined {
  if (object.type !== AST_NODE_TYPES.MemberExpression || object.object.type !== AST_NODE_TYPES.ThisExpression) return undefined;
  const field = sourceCode.getText(object).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const name = new RegExp(`${field}\\s*=\\s*([A-Za-z_$][\\w$]*)\\s*;?\\s*$`, 'm').exec(sourceCode.text)?.[1];
  return name !== undefined && setUpStatement(sourceCode, name) ? name : undefined;
}

/**
 * The Nest module's service sends through `@sendgrid/mail`'s shared service: it is given its timeout when the module
 * that injects it loads, before any send. The import is the shared instance itself (`export =`): `import x = require()`
 * in a TypeScript CommonJS package (Nest's default; a default import would need esModuleInterop there), the default
 * import in an ES module package, `require` in JavaScript.
 */
function sharedServiceTimeout(sourceCode: Readonly<TSESLint.SourceCode>, filename: string): { edits: SourceEdits; option: string } {
  const name = freeName('sgMail', namesInUse(sourceCode));
  const load = inEsmPackage(filename) ? `import ${name} from '${MAIL}';`
    : isTypeScript(filename) ? `import ${name} = require('${MAIL}');` : `const ${name} = require('${MAIL}');`;
  const option = `${name}.setTimeout(10_000)`;
  const edits = new SourceEdits();
  insertModuleStatement(sourceCode, `${load}\n${option};`, edits);
  return { edits, option };
}

export const sendgridLibrary: LibraryModel = {
  kind: 'sendgrid',
  title: 'SendGrid (`@sendgrid/mail`, `@sendgrid/client`)',
  modules: [MAIL, CLIENT, NEST_MODULE],
  typeNames: ['MailService', 'SendGridService'],
  takesUrl: false,
  dependencyName: 'sendgrid',
  signal: 'none',
  retries: 'never',
  fromModule(module, imported) {
    // the Nest module's injectable service, recognised by its type (`@InjectSendGrid() client: SendGridService`)
    if (module === NEST_MODULE) return imported === 'SendGridService' ? value('sendgrid', 'class', 'mail', [], undefined, 'nest') : undefined;
    const kind = module === MAIL ? 'mail' : module === CLIENT ? 'client' : undefined;
    if (!kind) return undefined;
    // the default export is the package's one shared service, set up wherever the app sets it up
    if (isWholeModule(imported)) return value('sendgrid', 'service', kind, [], undefined, 'shared');
    if (imported === 'MailService' || imported === 'Client') return value('sendgrid', 'class', imported === 'Client' ? 'client' : 'mail');
    return undefined;
  },
  member(v, name) {
    if (v.role === 'service' && OPERATIONS[v.name]?.includes(name)) return derive(v, 'operation', name);
    // `import { Client } from '@sendgrid/client'` through the default export's `.Client`, `sgMail.MailService`
    if (v.role === 'service' && (name === 'MailService' || name === 'Client')) return value('sendgrid', 'class', name === 'Client' ? 'client' : 'mail');
    // `require('@sendgrid/mail').default`: the CommonJS module names its shared service again as `default`
    if (v.role === 'service' && name === 'default') return v;
    return undefined;
  },
  call(v) {
    if (v.role !== 'operation') return undefined;
    return io(`${v.flavor === 'shared' ? 'sgMail' : 'SendGrid'}.${v.name}`, v.name === 'request' ? undefined : 'POST', -1, undefined);
  },
  construct: (v, node) => (v.role === 'class' ? { ...instanceFrom(v, 'service', node, []), flavor: 'own' } : undefined),
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'service', options: [], flavor: v.flavor === 'nest' ? 'nest' : 'typed' } : undefined),
  timeout: {
    levels: ['client'],
    callOptions: [],
    instanceOptions: [],
    chainMethods: [],
    remedy: REMEDY,
    remedyFor: ({ flavor }) => (flavor === 'nest' ? NEST_REMEDY : undefined),
    defaultBound: 'none (axios `timeout: 0`)',
    instanceBound(call, filename) {
      const facts = fileFacts(call.node);
      if (!facts || facts.setsTimeout) return 'bounded';
      // the Nest module set the shared service up: unbounded unless the package gives it a timeout somewhere
      if (call.flavor === 'nest') return filename === undefined ? 'unknown' : sharedMailSetUp(filename) === 'bounded' ? 'bounded' : 'unbounded';
      // the shared mail service set up in another file of the package (a worker's entry) and given no timeout there
      if (call.flavor === 'shared' && !facts.setsUp && MAIL_OPERATIONS.test(call.label)) return filename ? sharedMailSetUp(filename) : 'unknown';
      // a service set up elsewhere (one handed in) may be given its timeout there
      if (call.flavor !== 'own' && !facts.setsUp) return 'unknown';
      return 'unbounded';
    },
  },
  fix: {
    clientTimeout({ sourceCode, filename }, call) {
      if (call.flavor === 'nest') return sharedServiceTimeout(sourceCode, filename);
      const callee = call.node.callee;
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      // a field holding the shared service (`this.mailer = sgMail` after `sgMail.setApiKey(key)`): set up by its import's
      // name; a field given a service set up under a name of its own first (`mailer.setApiKey(key); this.mailer = mailer`)
      const imported = call.flavor === 'shared' && callee.object.type !== AST_NODE_TYPES.Identifier ? wholeModuleName(sourceCode, MAIL) : undefined;
      const held = imported ? undefined : heldName(sourceCode, callee.object);
      const objectText = imported ?? held ?? sourceCode.getText(callee.object);
      const setUp = setUpStatement(sourceCode, objectText);
      if (!setUp) {
        // set up in another file: the shared service is given its timeout when this module loads, before any send
        if (call.flavor !== 'shared' || !MAIL_OPERATIONS.test(call.label) || (callee.object.type !== AST_NODE_TYPES.Identifier && !imported)) return undefined;
        const option = `${objectText}.setTimeout(10_000)`;
        const edits = new SourceEdits();
        insertModuleStatement(sourceCode, `${option};`, edits);
        return { edits, option };
      }
      const line = sourceCode.lines[setUp.loc.start.line - 1] ?? '';
      const indent = /^\s*/.exec(line)![0];
      // `@sendgrid/client` has no `setTimeout` (the mail service's, which sets this default on its client)
      const option = CLIENT_OPERATIONS.test(call.label) ? `${objectText}.setDefaultRequest('timeout', 10_000)` : `${objectText}.setTimeout(10_000)`;
      const edits = new SourceEdits();
      edits.insert(setUp.range[1], `\n${indent}${option};`);
      return { edits, option };
    },
  },
};
