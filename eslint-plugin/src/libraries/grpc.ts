import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { SourceEdits } from '../fixes/source-edits.js';
import { asObject, readOptions } from '../analysis/syntax.js';
import { objectTextWith } from '../fixes/object-literal.js';
import { isTypeScript } from '../fixes/code-style.js';
import { walk } from '../analysis/loops.js';
import { staticPropertyName } from '../analysis/member-syntax.js';
import { clientLeavesItsFunction } from './client-escapes.js';
import { creationLabel, creationOptions } from './creation-options.js';
import { derive, instanceFrom, io, isFunctionNode, isWholeModule, objectArgumentIndex, value, type CreationModel, type LibraryModel } from './model.js';

/**
 * gRPC: clients built from a loaded package definition or a generated constructor; the deadline goes in the call
 * options. grpc-js sets none by default, and keepalive options bound no call.
 */

const NON_CALLS = new Set(['close', 'getChannel', 'waitForReady', 'constructor']);

/** A unary call's last argument is its callback: a function, or a variable named as one (`cb`, `callback`, `done`). */
function isCallback(node: TSESTree.Node | undefined): boolean {
  return isFunctionNode(node) || (node?.type === AST_NODE_TYPES.Identifier && /^(cb|callback|done)$/i.test(node.name));
}

/**
 * Where a call's options are: `stub.method(request, [metadata], [options], callback)` (`makeUnaryRequest` takes its
 * path and (de)serialisers first). An object literal after the request, or else the argument just before the
 * callback that is no metadata (`opts || {}` handed on by a promise wrapper, `callOptions`); -1 when there are none.
 */
function callOptionsIndex(node: TSESTree.CallExpression, request: number): number {
  const literal = objectArgumentIndex(node, request + 1, -1);
  if (literal !== -1) return literal;
  const last = node.arguments.length - (isCallback(node.arguments.at(-1)) ? 2 : 1);
  const options = last > request ? node.arguments[last] : undefined;
  return options && !isMetadata(options) ? last : -1;
}

/** `new grpc.Metadata()`, `metadata`, `md`: metadata, not call options. */
function isMetadata(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.NewExpression) return true;
  const name = node.type === AST_NODE_TYPES.Identifier ? node.name
    : node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : '';
  return /^md$|meta/i.test(name);
}

/** Channel options that change what a call waits for: an interceptor may set a deadline on each call. */
const INTERCEPTORS = ['interceptors', 'interceptor_providers'];

/** The name the file gives grpc-js's namespace (`import * as grpc`, `const grpc = require(...)`), for the fix. */
function grpcNamespace(program: TSESTree.Program): string | undefined {
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && statement.source.value === '@grpc/grpc-js' && statement.importKind !== 'type') {
      const whole = statement.specifiers.find((specifier) => specifier.type !== AST_NODE_TYPES.ImportSpecifier);
      if (whole) return whole.local.name;
    }
    if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        const init = declarator.init;
        if (declarator.id.type === AST_NODE_TYPES.Identifier && init?.type === AST_NODE_TYPES.CallExpression && init.callee.type === AST_NODE_TYPES.Identifier
          && init.callee.name === 'require' && init.arguments[0]?.type === AST_NODE_TYPES.Literal && init.arguments[0].value === '@grpc/grpc-js') return declarator.id.name;
      }
    }
  }
  return undefined;
}

/**
 * `this._client = new ServiceClient(address, credentials)` in a class whose every call through that field passes a
 * `deadline` in its call options (`this._client.export(request, metadata, { deadline }, callback)`): the calls the
 * client is kept for are all in view, and all bounded.
 */
function fieldCallsAllSetDeadline(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.NewExpression): boolean {
  const assignment = node.parent;
  if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.right !== node) return false;
  const field = thisField(assignment.left);
  let owner: TSESTree.Node | undefined = assignment.parent;
  while (owner && owner.type !== AST_NODE_TYPES.ClassBody) owner = owner.parent;
  if (field === undefined || !owner) return false;
  let calls = 0;
  let unbounded = false;
  walk(owner, sourceCode.visitorKeys, (inner) => {
    if (inner.type !== AST_NODE_TYPES.CallExpression || inner.callee.type !== AST_NODE_TYPES.MemberExpression) return true;
    const method = staticPropertyName(inner.callee);
    if (thisField(inner.callee.object) !== field || method === undefined || NON_CALLS.has(method)) return true;
    calls++;
    if (!inner.arguments.some((argument) => {
      const options = asObject(argument);
      const facts = options && readOptions(options);
      return facts !== undefined && facts !== 'unknown' && facts.has('deadline');
    })) unbounded = true;
    return true;
  });
  return calls > 0 && !unbounded;
}

/** `this._client`, `this.#client`, `(this.client as Service)`: the name of a field of `this`. */
function thisField(node: TSESTree.Node): string | undefined {
  const inner = node.type === AST_NODE_TYPES.TSNonNullExpression || node.type === AST_NODE_TYPES.TSAsExpression ? node.expression : node;
  if (inner.type !== AST_NODE_TYPES.MemberExpression || inner.object.type !== AST_NODE_TYPES.ThisExpression) return undefined;
  return inner.property.type === AST_NODE_TYPES.PrivateIdentifier ? `#${inner.property.name}` : staticPropertyName(inner);
}

/**
 * A client handed on where it is made (bound in a DI container, kept in a field, passed to a proxy): its calls
 * elsewhere go through an interface type where no creation is seen, and grpc-js gives them no deadline. The fix gives
 * the client an interceptor that sets a deadline on every call that has none.
 */
const creation: CreationModel = {
  sites: [],
  anyClass: true,
  check(node, sourceCode) {
    if (node.type !== AST_NODE_TYPES.NewExpression || node.arguments.length < 2 || !clientLeavesItsFunction(sourceCode, node)) return undefined;
    if (fieldCallsAllSetDeadline(sourceCode, node)) return undefined;
    const options = creationOptions(sourceCode, node, 2, INTERCEPTORS);
    if (options === 'unknown') return undefined;
    const facts = options === 'absent' ? undefined : readOptions(options);
    if (facts === 'unknown' || INTERCEPTORS.some((key) => facts?.has(key))) return undefined;
    const grpc = grpcNamespace(sourceCode.ast);
    return {
      label: creationLabel(sourceCode, node),
      remedy: 'give it an interceptor that sets a `deadline` on every call, or pass one in each call\'s options: its calls elsewhere set none, and grpc-js has no default deadline (keepalive options bound no call)',
      fix: ({ sourceCode: code, filename }) => {
        if (grpc === undefined) return undefined;
        const typed = isTypeScript(filename);
        const interceptor = `(${typed ? `options: ${grpc}.InterceptorOptions, next: ${grpc}.NextCall` : 'options, next'}) => new ${grpc}.InterceptingCall(next({ ...options, deadline: options.deadline ?? Date.now() + 10_000 }))`;
        const edits = new SourceEdits();
        if (options === 'absent') {
          edits.insert(node.arguments[1]!.range[1], `, { interceptors: [${interceptor}] }`);
        } else {
          edits.replace(options.range, objectTextWith(code, options, { set: [['interceptors', `[${interceptor}]`]] }));
        }
        return { edits, option: 'interceptors: [one setting a 10 s deadline on each call]' };
      },
    };
  },
};

export const grpcLibrary: LibraryModel = {
  kind: 'grpc',
  title: '@grpc/grpc-js',
  modules: ['@grpc/grpc-js', 'grpc'],
  typeNames: [],
  takesUrl: false,
  dependencyName: 'grpc',
  signal: 'none (`call.cancel()`)',
  retries: 'only with a service config `retryPolicy`',
  fromModule(module, imported) {
    if (module !== '@grpc/grpc-js' && module !== 'grpc') return undefined;
    const root = value('grpc', 'root', 'grpc');
    return isWholeModule(imported) ? root : grpcLibrary.member(root, imported);
  },
  member(v, name) {
    if (v.role === 'root') {
      if (name === 'loadPackageDefinition' || name === 'makeGenericClientConstructor') return derive(v, 'loader', name);
      if (name === 'Client') return derive(v, 'package', name);
      return undefined;
    }
    if (v.role === 'package') return derive(v, 'package', name);
    if (v.role === 'client' && !NON_CALLS.has(name)) return derive(v, 'rpc', name);
    return undefined;
  },
  call(v, node) {
    if (v.role === 'loader') return { result: derive(v, 'package') };
    if (v.role === 'rpc') return io(`gRPC ${v.name}`, undefined, callOptionsIndex(node, v.name === 'makeUnaryRequest' ? 3 : 0), undefined);
    return undefined;
  },
  construct(v, node) {
    return v.role === 'package' ? instanceFrom(v, 'client', node, node.arguments.length > 2 ? [node.arguments[2]] : []) : undefined;
  },
  timeout: {
    levels: ['call', 'client'],
    callOptions: ['deadline'],
    instanceOptions: ['interceptors', 'interceptor_providers'],
    chainMethods: [],
    remedy: 'pass a `deadline` in the call options',
    defaultBound: 'none',
  },
  creation,
  fix: {
    // a promise wrapper handing its caller's options on (`tree: (req, opts) => ... stub.viewTree(req, opts || {}, cb)`):
    // its caller passes the deadline where it passes options
    nativeTimeout: (call) => (call.forwardedOptionsIndex === undefined ? undefined : { key: 'deadline', value: 'Date.now() + 5_000' }),
    clientTimeout(_target, call) {
      // Every unary signature ends `[metadata], [options], callback`: the options go just before the callback
      // (`client.getUser(request, cb)`, `client.makeUnaryRequest(path, serialize, deserialize, request, cb)`).
      const args = call.node.arguments;
      const request = call.label === 'gRPC makeUnaryRequest' ? 3 : 0;
      const callback = args.at(-1);
      if (args.length < request + 2 || !isCallback(callback) || args.slice(request + 1).some((arg) => asObject(arg))) return undefined;
      const edits = new SourceEdits();
      edits.insert(args[args.length - 2]!.range[1], ', { deadline: Date.now() + 5_000 }');
      return { edits, option: 'deadline: Date.now() + 5_000' };
    },
  },
};
