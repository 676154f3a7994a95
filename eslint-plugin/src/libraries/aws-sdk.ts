import { AST_NODE_TYPES } from '../ast-node-types.js';
import { isSet, readOptions, unwrapExpression } from '../analysis/syntax.js';
import { derive, instanceFrom, io, isWholeModule, value, type LibraryModel, type OptionFacts } from './model.js';

/** AWS SDK v3: `new XClient(config).send(command, { abortSignal })`, or aggregated clients `new S3(config).getObject(...)`. */

function isAwsModule(module: string): boolean {
  return module.startsWith('@aws-sdk/client-') || module === '@aws-sdk/lib-dynamodb';
}
const NON_OPERATIONS = new Set(['send', 'destroy', 'middlewareStack', 'config', 'constructor', 'then']);

/** Only a `requestHandler` with `requestTimeout` or `connectionTimeout` bounds the client's calls. */
function requestHandlerVerdict(facts: OptionFacts): 'bounded' | 'silent' | 'unknown' {
  const handler = facts.get('requestHandler');
  if (!handler) return 'silent';
  const target = unwrapExpression(handler);
  const handlerOptions = target.type === AST_NODE_TYPES.NewExpression ? target.arguments[0] : target;
  if (!handlerOptions) return 'silent';
  if (handlerOptions.type !== AST_NODE_TYPES.ObjectExpression) return 'unknown';
  const handlerFacts = readOptions(handlerOptions);
  if (handlerFacts === 'unknown') return 'unknown';
  return isSet(handlerFacts.get('requestTimeout')) || isSet(handlerFacts.get('connectionTimeout')) ? 'bounded' : 'silent';
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
  fromModule(module, imported) {
    if (!isAwsModule(module)) return undefined;
    const root = value('aws-sdk', 'root', module);
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
    remedy: 'pass `{ abortSignal }` or give the client a `requestHandler` with `requestTimeout`',
    defaultBound: 'none (no socket or request timeout)',
    readInstanceOptions: requestHandlerVerdict,
  },
  fix: {
    // `client.send(command, options)` and the aggregated `s3.getObject(input, options)`
    optionsIndex: (_call, method) => (method === undefined ? undefined : 1),
    nativeTimeout: (_call, milliseconds) => ({ key: 'abortSignal', value: `AbortSignal.timeout(${milliseconds})` }),
  },
};
