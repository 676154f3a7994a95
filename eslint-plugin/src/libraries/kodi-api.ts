import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { staticPropertyName } from '../analysis/member-syntax.js';
import { readOptions, unwrapExpression } from '../analysis/syntax.js';
import { SourceEdits } from '../fixes/source-edits.js';
import { creationLabel, creationOptions, optionsBound, setNestedCreationOption } from './creation-options.js';
import { judgedWhereMade, value, type CreationModel } from './model.js';

/**
 * kodi-api 0.2: `new KodiClient({ clientType, clientOptions })` (or `KodiClient.http()`, `.https()`, `.tcp()`), then
 * `kodi.Player.GetActivePlayers()`, each method a JSON-RPC request through jayson. Read in 0.2.1
 * (`dist/lib/KodiClient.js`, `KodiMethodNamespace.js`, `WebSocketClient.js`) and jayson 3.4.4 and 3.7.0 (its range
 * `^3.4.4`; `lib/client/http.js`, `https.js`, `tcp.js`): the `clientOptions` are spread into jayson's client, whose
 * HTTP(S) client hands them to `http.request` and aborts the request on its 'timeout' event, so `clientOptions.timeout`
 * (socket idle milliseconds) bounds each call, and nothing else does: no call takes options. jayson's TCP client (the
 * default `clientType`) passes them to `net.connect` and listens to no 'timeout', so nothing where it is made bounds it,
 * and it is left alone, as is the WebSocket client, which answers within rpc-websocket-client's `responseTimeout`
 * (10 s by default).
 */

const MODULE = 'kodi-api';
const CLASS = 'KodiClient';
const REMEDY = 'set `clientOptions: { timeout }` (milliseconds of silence, after which jayson aborts the request) where the KodiClient is created: kodi-api and jayson set none';


/**
 * The transport `clientType` names: 'tcp' when it is left out (kodi-api's default), 'http' when it is one of the HTTP
 * ones, written as a string, chosen between strings (`secure ? 'https' : 'http'`) or asserted to be one of them
 * (`url.protocol.replace(':', '') as 'http' | 'https'`), undefined when it cannot be told.
 */
function clientType(facts: ReadonlyMap<string, TSESTree.Node>): string | undefined {
  const given = facts.get('clientType');
  if (!given) return 'tcp';
  const named = transports(given);
  if (!named || named.length === 0) return undefined;
  if (named.every((type) => type === 'http' || type === 'https')) return 'http';
  return named.length === 1 ? named[0] : undefined;
}

/** The strings an expression may be, by its literals, its branches or the literal types it is asserted to be. */
function transports(node: TSESTree.Node): string[] | undefined {
  if (node.type === AST_NODE_TYPES.TSAsExpression) {
    const types = node.typeAnnotation.type === AST_NODE_TYPES.TSUnionType ? node.typeAnnotation.types : [node.typeAnnotation];
    const names = types.map((type) => (type.type === AST_NODE_TYPES.TSLiteralType && type.literal.type === AST_NODE_TYPES.Literal && typeof type.literal.value === 'string' ? type.literal.value : undefined));
    if (names.every((name) => name !== undefined)) return names as string[];
  }
  const inner = unwrapExpression(node);
  if (inner.type === AST_NODE_TYPES.Literal) return typeof inner.value === 'string' ? [inner.value] : undefined;
  if (inner.type !== AST_NODE_TYPES.ConditionalExpression) return undefined;
  const [yes, no] = [transports(inner.consequent), transports(inner.alternate)];
  return yes && no ? [...yes, ...no] : undefined;
}

const creation: CreationModel = {
  sites: [
    { module: MODULE, path: [CLASS], how: 'new' },
    ...['http', 'https'].map((factory) => ({ module: MODULE, path: [CLASS, factory], how: 'call' as const })),
  ],
  check(node, sourceCode) {
    if (node.type === AST_NODE_TYPES.CallExpression) {
      // the static shorthands take no options: the HTTP ones are replaced by the `new` they stand for, with a timeout
      const factory = node.callee.type === AST_NODE_TYPES.MemberExpression ? staticPropertyName(node.callee) : undefined;
      if ((factory !== 'http' && factory !== 'https') || node.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const made = `new ${sourceCode.getText(node.callee.object)}({ clientType: '${factory}', clientOptions: { timeout: 10_000 } })`;
      return {
        label: creationLabel(sourceCode, node),
        remedy: REMEDY,
        fix() {
          const edits = new SourceEdits();
          edits.replace(node.range, made);
          return { edits, option: 'clientOptions.timeout: 10_000' };
        },
      };
    }
    const options = creationOptions(sourceCode, node, 0);
    if (options === 'unknown' || options === 'absent') return undefined;
    const facts = readOptions(options);
    if (facts === 'unknown') return undefined;
    const type = clientType(facts);
    // a transport chosen at run time; the WebSocket one (bounded by its library's own response timeout); the TCP one,
    // where no option where it is made would bound it (its calls, by dynamic names, are not modelled): left alone
    if (type !== 'http' && type !== 'https') return undefined;
    // `clientOptions` held in a variable, or spread in, may carry the timeout: only a visibly missing one is reported
    if (optionsBound(options, ['clientOptions.timeout']) !== 'unbounded') return undefined;
    return {
      label: creationLabel(sourceCode, node),
      remedy: REMEDY,
      fix: (target) => setNestedCreationOption(target, node, 0, facts, ['clientOptions', 'timeout'], '10_000'),
    };
  },
};

export const kodiApiLibrary = judgedWhereMade({
  kind: 'kodi-api',
  title: 'Kodi (`kodi-api`)',
  modules: [MODULE],
  dependencyName: 'kodi',
  signal: 'none',
  retries: 'never',
  fromModule: (module, imported) => (module === MODULE && imported === CLASS ? value('kodi-api', 'class', CLASS) : undefined),
  instanceOptions: ['clientOptions.timeout'],
  remedy: REMEDY,
  defaultBound: 'none',
  creation,
});
