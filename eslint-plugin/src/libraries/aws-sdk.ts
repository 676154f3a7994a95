import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { isSet, lastWrittenAfterSpreads, propertyKey, readOptions, unwrapExpression } from '../analysis/syntax.js';
import { objectTextWith } from '../fixes/object-literal.js';
import { quoted, semicolon } from '../fixes/code-style.js';
import { freeName, insertModuleStatement, isCommonJs, namesInUse } from '../fixes/runtime-import.js';
import { SourceEdits } from '../fixes/source-edits.js';
import type { FixTarget } from '../fixes/wrap-in-policies.js';
import { dependencyVersion, olderThan } from '../project/dependency-versions.js';
import { handlerLiteralsWithoutTimeouts, handlerOptionsBound, requestTimeoutOnlyWarns } from './aws-handlers.js';
import { clientLeavesItsFunction } from './client-escapes.js';
import { onlyPresigns } from './aws-presigning.js';
import { chosenCreationLiterals, creationLabel, creationOptions, setCreationOption } from './creation-options.js';
import { derive, instanceFrom, io, isWholeModule, value, type CreationFile, type CreationFinding, type CreationModel, type LibraryModel, type OptionContext, type OptionFacts } from './model.js';
import { isUnboundedProjectConfig } from '../analysis/project-config-sources.js';

/**
 * AWS SDK v3: `new XClient(config).send(command, { abortSignal })`, or aggregated clients `new S3(config).getObject(...)`.
 * A client used where it is made is judged call by call; one that leaves the function making it (returned, kept in a
 * field, handed on) is judged where it is made, since its calls elsewhere cannot see how it was made: a client with no
 * `requestHandler` is given one with `requestTimeout` and `connectionTimeout`.
 */

function isAwsModule(module: string): boolean {
  return module.startsWith('@aws-sdk/client-') || module === '@aws-sdk/lib-dynamodb';
}
const NON_OPERATIONS = new Set(['send', 'destroy', 'middlewareStack', 'config', 'constructor', 'then']);

/** Only a `requestHandler` whose options bound a request (see aws-handlers.ts) bounds the client's calls. */
function requestHandlerVerdict(facts: OptionFacts, context?: OptionContext): 'bounded' | 'silent' | 'unknown' {
  // the client's module is its values' flavor
  const warnsOnly = requestTimeoutOnlyWarns(context?.filename, context?.flavor);
  const handler = facts.get('requestHandler');
  const unbounded = handler && handlerLiteralsWithoutTimeouts(handler, warnsOnly);
  // a `requestTimeout` that only warns is reported once, where the client is made (see `creation`)
  if (unbounded && warnsOnly && unbounded.some(setsRequestTimeout)) return 'bounded';
  if (!handler || unbounded) return 'silent';
  const target = unwrapExpression(handler);
  const handlerOptions = target.type === AST_NODE_TYPES.NewExpression ? target.arguments[0] : target;
  if (!handlerOptions) return 'silent';
  if (handlerOptions.type !== AST_NODE_TYPES.ObjectExpression) return 'unknown';
  const handlerFacts = readOptions(handlerOptions);
  if (handlerFacts === 'unknown') return 'unknown';
  return handlerOptionsBound(handlerFacts, warnsOnly) ? 'bounded' : 'silent';
}

/** The options a handler is given to bound each request, for the handler the project installs. */
function boundingHandlerOptions(requestTimeout: string, warnsOnly: boolean): [string, string][] {
  const options: [string, string][] = [['requestTimeout', requestTimeout], ['connectionTimeout', '5_000']];
  return warnsOnly ? [...options, ['throwOnRequestTimeout', 'true']] : options;
}

/** The request timeout a fix gives: SQS receives by long polling (up to 20 s a call), which it must outlast. */
function requestTimeoutFor(node: TSESTree.CallExpression | TSESTree.NewExpression): string {
  return node.callee.type === AST_NODE_TYPES.Identifier && /^SQS(Client)?$/.test(importedName(node.callee)) ? '30_000' : '10_000';
}

/** `AwsSdkSQSClient` imported as `import { SQSClient as AwsSdkSQSClient }`: the name the SDK exports. */
function importedName(identifier: TSESTree.Identifier): string {
  let program: TSESTree.Node = identifier;
  while (program.parent) program = program.parent;
  if (program.type !== AST_NODE_TYPES.Program) return identifier.name;
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.local.name === identifier.name) {
        return specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
      }
    }
  }
  return identifier.name;
}

/**
 * `new S3Client(this.config)` made again later from the same field (docmost's driver recreating its client for
 * imports): the config is fixed once, so only the first creation from it in the class is reported.
 */
function laterCreationFromSameField(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const argument = node.arguments[0] && unwrapExpression(node.arguments[0]);
  if (argument?.type !== AST_NODE_TYPES.MemberExpression || argument.object.type !== AST_NODE_TYPES.ThisExpression) return false;
  const field = sourceCode.getText(argument);
  let body: TSESTree.Node | undefined = node.parent;
  while (body && body.type !== AST_NODE_TYPES.ClassBody) body = body.parent;
  if (!body) return false;
  let earlier = false;
  const visit = (current: TSESTree.Node): void => {
    if (earlier || current.range[0] >= node.range[0]) return;
    if (current.type === AST_NODE_TYPES.NewExpression && current.arguments[0] && sourceCode.getText(unwrapExpression(current.arguments[0])) === field
      && sourceCode.getText(current.callee) === sourceCode.getText(node.callee)) earlier = true;
    for (const key of sourceCode.visitorKeys[current.type] ?? []) {
      const child = (current as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof item === 'object' && 'type' in item) visit(item as TSESTree.Node);
      }
    }
  };
  visit(body);
  return earlier;
}

/**
 * Handler options shared by several clients (one helper's handler given to the client and to a second one for signed
 * URLs) are reported at the first creation that uses them: one fix, in those options, bounds them all.
 */
const handlerClaims = new WeakMap<TSESTree.ObjectExpression, TSESTree.Node>();

function claimsHandler(literals: readonly TSESTree.ObjectExpression[], node: TSESTree.Node): boolean {
  const claimant = handlerClaims.get(literals[0]!) ?? node;
  for (const literal of literals) handlerClaims.set(literal, claimant);
  return claimant === node;
}

const creation: CreationModel = {
  // the client classes are the names a file imports from one of the `@aws-sdk/client-*` modules
  sites: [],
  check(node, sourceCode, file) {
    // `DynamoDBDocumentClient.from(new DynamoDBClient(...))`: the wrapping client's calls are judged with these options
    const wrapper = node.parent;
    if (wrapper?.type === AST_NODE_TYPES.CallExpression && wrapper.callee.type === AST_NODE_TYPES.MemberExpression
      && !wrapper.callee.computed && wrapper.callee.property.type === AST_NODE_TYPES.Identifier && wrapper.callee.property.name === 'from') return undefined;
    if (laterCreationFromSameField(sourceCode, node) || onlyPresigns(sourceCode, node, file.filename)) return undefined;
    // a client used where it is made is judged at its calls, unless its handler's `requestTimeout` only warns: that
    // one flag, where it is made, is the fix for all of them
    const leaves = clientLeavesItsFunction(sourceCode, node);
    // a config completed by assignments of other options (`config.endpoint = ...`) is read as written; so is one kept
    // in a field of the class, as docmost's storage driver keeps it for the clients it makes again later
    const options = creationOptions(sourceCode, node, 0, ['requestHandler'], { fields: true });
    const given = node.arguments[0];
    // `new SQSClient(region ? { region } : {})`: each literal it may be made with sets no handler, then it has none
    const chosen = options === 'unknown' ? chosenCreationLiterals(sourceCode, node, 0, ['requestHandler']) : undefined;
    if (chosen) {
      if (!leaves || chosen.some((literal) => { const facts = readOptions(literal); return facts === 'unknown' || facts.has('requestHandler'); })) return undefined;
      return unboundedCreation(sourceCode, node);
    }
    if (options === 'unknown' && (!leaves || !given || !isUnboundedProjectConfig(given, sourceCode, file.filename, PROJECT_CONFIG_BOUNDS))) return undefined;
    let handler: TSESTree.Node | undefined;
    if (options !== 'absent' && options !== 'unknown') {
      const facts = readOptions(withoutUnboundedSpreads(options, sourceCode, file));
      // options spread from elsewhere may bring a handler, unless one written after them replaces it
      handler = facts === 'unknown' ? lastWrittenAfterSpreads(options, 'requestHandler') : facts.get('requestHandler');
      if (facts === 'unknown' && !handler) return undefined;
    }
    if (handler) {
      // a handler made by the user is their choice of transport; only handler options (agent pool sizes) that leave
      // both timeouts unset, written here or in the helper building the handler, are reported, and the fix completes them
      const warnsOnly = requestTimeoutOnlyWarns(file.filename, node.callee.type === AST_NODE_TYPES.Identifier ? importedFrom(sourceCode, node.callee.name) : undefined);
      const literals = handlerLiteralsWithoutTimeouts(handler, warnsOnly);
      if (!literals || !claimsHandler(literals, node)) return undefined;
      const warned = warnsOnly && literals.some(setsRequestTimeout);
      if (!leaves && !warned) return undefined;
      return {
        label: creationLabel(sourceCode, node),
        remedy: warned
          ? 'add `throwOnRequestTimeout: true` to its `requestHandler` options: from @smithy/node-http-handler 4.4 on, a `requestTimeout` without it only logs a warning and the request goes on waiting, its calls pass no `abortSignal`, and the SDK sets no other timeout of its own'
          : `set ${warnsOnly ? '`requestTimeout` with `throwOnRequestTimeout: true`' : '`requestTimeout` and `connectionTimeout`'} in its \`requestHandler\` options: what they set bounds nothing, its calls pass no \`abortSignal\`, and the SDK sets no socket or request timeout of its own`,
        fix: ({ sourceCode: code }) => {
          const edits = new SourceEdits();
          const set = boundingHandlerOptions(requestTimeoutFor(node), warnsOnly);
          const added = new Map<string, string>();
          for (const literal of literals) {
            // a timeout already written stays as its author chose it
            const facts = readOptions(literal);
            const missing = set.filter(([key]) => facts === 'unknown' || !isSet(facts.get(key)));
            for (const [key, text] of missing) added.set(key, text);
            edits.replace(literal.range, objectTextWith(code, literal, { set: missing }));
          }
          return { edits, option: [...added].map(([key, text]) => `${key}: ${text}`).join(', ') };
        },
      };
    }
    return leaves ? unboundedCreation(sourceCode, node) : undefined;
  },
};

/** Handler options with a `requestTimeout` written: a bound meant, which the handler may only warn about. */
function setsRequestTimeout(literal: TSESTree.ObjectExpression): boolean {
  const facts = readOptions(literal);
  return facts !== 'unknown' && isSet(facts.get('requestTimeout'));
}

/** A client made with no `requestHandler`: the fix gives it one with both timeouts, whatever form its options take. */
function unboundedCreation(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.CallExpression | TSESTree.NewExpression): CreationFinding {
  return {
    label: creationLabel(sourceCode, node),
    remedy: 'give it a `requestHandler` with `requestTimeout` where it is created: its calls elsewhere pass no `abortSignal`, and the SDK sets no socket or request timeout of its own',
    fix: (target) => {
      const edits = new SourceEdits();
      const handler = handlerWithTimeouts(target, node, edits);
      return setCreationOption(target, node, 0, 'requestHandler', handler, edits) ?? spreadCalledConfig(target.sourceCode, node, `requestHandler: ${handler}`, edits);
    },
  };
}

/** From 3.521 a client takes its `requestHandler` as the handler's options; before, only as a handler made with them. */
const HANDLER_OPTIONS_SINCE = { major: 3, minor: 521 };
/** The Node handler's package: `@smithy/node-http-handler` from 3.363, `@aws-sdk/node-http-handler` before. */
const SMITHY_SINCE = { major: 3, minor: 363 };

/**
 * The handler with both timeouts as the client's version takes it: its options (`{ requestTimeout, connectionTimeout
 * }`), or, for a client older than 3.521 (a lock file's `@aws-sdk/client-lambda` 3.322.0), a `NodeHttpHandler` made
 * with them, imported from the handler package of the client's version.
 */
function handlerWithTimeouts(target: FixTarget, node: TSESTree.CallExpression | TSESTree.NewExpression, edits: SourceEdits): string {
  const module = node.callee.type === AST_NODE_TYPES.Identifier ? importedFrom(target.sourceCode, node.callee.name) : undefined;
  const set = boundingHandlerOptions(requestTimeoutFor(node), requestTimeoutOnlyWarns(target.filename, module));
  const options = `{ ${set.map(([key, text]) => `${key}: ${text}`).join(', ')} }`;
  const version = module === undefined ? undefined : dependencyVersion(target.filename, module);
  if (!olderThan(version, HANDLER_OPTIONS_SINCE)) return options;
  const { sourceCode } = target;
  const handlerModule = olderThan(version, SMITHY_SINCE) ? '@aws-sdk/node-http-handler' : '@smithy/node-http-handler';
  const name = freeName('NodeHttpHandler', namesInUse(sourceCode));
  const bound = name === 'NodeHttpHandler' ? name : `NodeHttpHandler as ${name}`;
  const commonJs = isCommonJs(sourceCode);
  const statement = commonJs ? `const { ${bound.replace(' as ', ': ')} } = require(${quoted(sourceCode, handlerModule)})` : `import { ${bound} } from ${quoted(sourceCode, handlerModule)}`;
  insertModuleStatement(sourceCode, statement + semicolon(sourceCode), edits, commonJs);
  return `new ${name}(${options})`;
}

/** The module a name is imported from (`import { LambdaClient as _LambdaClient } from '@aws-sdk/client-lambda'`). */
function importedFrom(sourceCode: Readonly<TSESLint.SourceCode>, name: string): string | undefined {
  for (const statement of sourceCode.ast.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && statement.specifiers.some((specifier) => specifier.local.name === name)) return statement.source.value;
  }
  return undefined;
}

/** What a config built by a function of the project must mention to bound a client: the handler's two timeouts. */
const PROJECT_CONFIG_BOUNDS = ['requestTimeout', 'connectionTimeout', 'socketTimeout'];

/** `{ ...credentials, region }` with `credentials` a config of the project that sets no bound: the options without that spread. */
function withoutUnboundedSpreads(options: TSESTree.ObjectExpression, sourceCode: Readonly<TSESLint.SourceCode>, file: CreationFile): TSESTree.ObjectExpression {
  const properties = options.properties.filter((property) => property.type !== AST_NODE_TYPES.SpreadElement
    || !isUnboundedProjectConfig(property.argument, sourceCode, file.filename, PROJECT_CONFIG_BOUNDS));
  return properties.length === options.properties.length ? options : { ...options, properties };
}

/** `new S3Client(await loadConfiguration(context))`: the config kept whole, spread into a literal that adds the option. */
function spreadCalledConfig(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.CallExpression | TSESTree.NewExpression, option: string, edits = new SourceEdits()): { edits: SourceEdits; option: string } | undefined {
  const argument = node.arguments[0];
  if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return undefined;
  edits.replace(argument.range, `{ ...(${sourceCode.getText(argument)}), ${option} }`);
  return { edits, option };
}

export const awsSdkLibrary: LibraryModel = {
  kind: 'aws-sdk',
  title: 'AWS SDK v3 (`@aws-sdk/client-*`, `@aws-sdk/lib-dynamodb`)',
  modules: ['@aws-sdk/lib-dynamodb'],
  ownsModule: isAwsModule,
  modulePattern: '@aws-sdk/client-*',
  typeNames: ['any `*Client` class, and aggregated clients (`S3`, `DynamoDB`)'],
  takesUrl: false,
  dependencyName: 'aws',
  signal: '`abortSignal` in the second argument of `send`',
  retries: '3 attempts by default with backoff (`maxAttempts`)',
  backsOffUnlessSet: 'maxAttempts',
  fromModule(module, imported) {
    if (!isAwsModule(module)) return undefined;
    // the module is the flavor of every value from it: the handler's semantics go by the client's version
    const root = value('aws-sdk', 'root', module, [], undefined, module);
    return isWholeModule(imported) ? root : awsSdkLibrary.member(root, imported);
  },
  member(v, name) {
    if (v.role === 'root') {
      if (!/^[A-Z]/.test(name) || /(Command|Exception|Error|Input|Output)$/.test(name)) return undefined;
      return derive(v, 'class', name);
    }
    if (v.role === 'class' && name === 'from') return derive(v, 'from', v.name);
    if (v.role === 'client' && name === 'send') return derive(v, 'send', v.name);
    if (v.role === 'aggregated' && !NON_OPERATIONS.has(name)) return derive(v, 'operation', `${v.name}.${name}`);
    return undefined;
  },
  call(v, node) {
    if (v.role === 'send') return io(`${v.name}.send`, undefined, 1, 'abortSignal');
    if (v.role === 'operation') return io(v.name, undefined, 1, 'abortSignal');
    if (v.role === 'from') {
      // DynamoDBDocumentClient.from(client, translateConfig): same transport as the client it wraps
      return { result: { ...v, role: v.name.endsWith('Client') ? 'client' : 'aggregated', options: [null], origin: node }, optionsFromArgument: 0 };
    }
    return undefined;
  },
  construct(v, node) {
    if (v.role !== 'class') return undefined;
    return instanceFrom(v, v.name.endsWith('Client') ? 'client' : 'aggregated', node, node.arguments.length ? [node.arguments[0]] : []);
  },
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: v.name.endsWith('Client') ? 'client' : 'aggregated', options: [null] } : undefined),
  timeout: {
    levels: ['call', 'client'],
    callOptions: [],
    instanceOptions: ['requestHandler'],
    chainMethods: [],
    remedy: 'pass `{ abortSignal }` or give the client a `requestHandler` with `requestTimeout` (from @smithy/node-http-handler 4.4 on, with `throwOnRequestTimeout: true`, or it only warns)',
    defaultBound: 'none (no socket or request timeout)',
    projectConfigBounds: PROJECT_CONFIG_BOUNDS,
    readInstanceOptions: requestHandlerVerdict,
  },
  creation,
  fix: {
    // `client.send(command, options)` and the aggregated `s3.getObject(input, options)`
    optionsIndex: (_call, method) => (method === undefined ? undefined : 1),
    nativeTimeout: (_call, milliseconds) => ({ key: 'abortSignal', value: `AbortSignal.timeout(${milliseconds})` }),
    timeoutMs: (call) => (uploadsObject(call.node) ? OBJECT_UPLOAD_TIMEOUT : undefined),
  },
};

/** An object (a media file, an archive) sent whole in one request may take minutes on an ordinary link. */
const OBJECT_UPLOAD_TIMEOUT = '10 * 60_000';
const UPLOAD_COMMANDS = new Set(['PutObjectCommand', 'UploadPartCommand']);

/** `s3.send(new PutObjectCommand({ Bucket, Key, Body }))`, an upload part too: the command sends a body of any size. */
function uploadsObject(call: TSESTree.Node): boolean {
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const command = call.arguments[0] && unwrapExpression(call.arguments[0]);
  if (command?.type !== AST_NODE_TYPES.NewExpression || command.callee.type !== AST_NODE_TYPES.Identifier || !UPLOAD_COMMANDS.has(importedName(command.callee))) return false;
  const input = command.arguments[0] && unwrapExpression(command.arguments[0]);
  return input?.type === AST_NODE_TYPES.ObjectExpression && input.properties.some((property) => property.type === AST_NODE_TYPES.Property
    && propertyKey(property) === 'Body' && !(property.value.type === AST_NODE_TYPES.Literal && typeof property.value.value === 'string'));
}
