import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { dependencyVersion, olderThan } from '../project/dependency-versions.js';
import { objectTextWith } from '../fixes/object-literal.js';
import { SourceEdits } from '../fixes/source-edits.js';
import { requestTimeoutOnlyWarns } from './aws-handlers.js';
import { creationLabel, creationOptions, setCreationOption } from './creation-options.js';
import { readOptions } from '../analysis/syntax.js';
import { judgedWhereMade, value, type CreationFile, type CreationFinding } from './model.js';

/**
 * Parse Server's S3 files adapter (`@parse/s3-files-adapter`): `new S3Adapter({ bucket, region, s3overrides })`, or
 * `new S3Adapter(options, s3overrides)`, handed to `new ParseServer({ filesAdapter })`. It makes one S3 client from
 * `s3overrides` (AWS SDK v3 from version 4, the v2 `aws-sdk` before) and sends every file save, read and delete
 * through it with no timeout of its own: a storage endpoint that stops answering holds each upload and download.
 */

const MODULE = '@parse/s3-files-adapter';
/** Version 4 moved to the AWS SDK v3, whose handler takes the timeouts; the v2 SDK took `httpOptions`. */
const SDK_V3_SINCE = { major: 4, minor: 0 };
/** The client it makes, whose version says whether its handler's `requestTimeout` only warns (see aws-handlers.ts). */
const S3_CLIENT = '@aws-sdk/client-s3';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** What bounds the S3 client the adapter makes, and where it goes in `s3overrides`, for the SDK it uses. */
function boundFor(file: CreationFile): { readonly option: string; readonly value: string } {
  const v2 = file.filename !== undefined && olderThan(dependencyVersion(file.filename, MODULE), SDK_V3_SINCE);
  return v2
    ? { option: 'httpOptions', value: '{ timeout: 30_000, connectTimeout: 5_000 }' }
    : { option: 'requestHandler', value: `{ requestTimeout: 30_000, connectionTimeout: 5_000${requestTimeoutOnlyWarns(file.filename, S3_CLIENT) ? ', throwOnRequestTimeout: true' : ''} }` };
}

function check(node: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: SourceCode, file: CreationFile): CreationFinding | undefined {
  if (node.type !== AST_NODE_TYPES.NewExpression) return undefined;
  // `new S3Adapter(accessKey, secretKey, bucket, { ... })`: the old form, left alone
  const first = node.arguments[0];
  if (first?.type === AST_NODE_TYPES.Literal || first?.type === AST_NODE_TYPES.TemplateLiteral || node.arguments.length > 2) return undefined;
  const options = creationOptions(sourceCode, node, 0);
  if (options === 'unknown') return undefined;
  const bound = boundFor(file);
  // the overrides: the second argument, else `s3overrides` in the options
  const overridesIndex = node.arguments.length === 2 ? 1 : undefined;
  let overrides: TSESTree.Node | undefined;
  if (overridesIndex !== undefined) {
    const given = creationOptions(sourceCode, node, 1);
    if (given === 'unknown' || given === 'absent') return undefined;
    overrides = given;
  } else if (options !== 'absent') {
    const facts = readOptions(options);
    if (facts === 'unknown') return undefined;
    overrides = facts.get('s3overrides');
  }
  if (overrides !== undefined) {
    if (overrides.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
    const facts = readOptions(overrides);
    // a handler (or the v2 SDK's http options) is the user's choice of transport
    if (facts === 'unknown' || facts.has('requestHandler') || facts.has('httpOptions')) return undefined;
  }
  const literal = overrides as TSESTree.ObjectExpression | undefined;
  return {
    label: creationLabel(sourceCode, node),
    remedy: `give the S3 client it makes a timeout: \`${bound.option}: ${bound.value}\` in \`s3overrides\` (the adapter sets none, and its file saves, reads and deletes take no signal)`,
    fix: (target) => {
      if (!literal) return setCreationOption(target, node, 0, 's3overrides', `{ ${bound.option}: ${bound.value} }`);
      const edits = new SourceEdits();
      edits.replace(literal.range, objectTextWith(target.sourceCode, literal, { set: [[bound.option, bound.value]] }));
      return { edits, option: `s3overrides.${bound.option}` };
    },
  };
}

export const parseS3FilesAdapterLibrary = judgedWhereMade({
  kind: 'parse-s3-files-adapter',
  title: 'Parse Server S3 files adapter (`@parse/s3-files-adapter`)',
  modules: [MODULE],
  dependencyName: 's3',
  signal: 'none',
  retries: 'the AWS SDK\'s: 3 attempts with backoff',
  fromModule: (module, imported) => (module === MODULE && imported === 'default' ? value('parse-s3-files-adapter', 'class', 'S3Adapter') : undefined),
  instanceOptions: ['s3overrides'],
  remedy: 'set `requestHandler: { requestTimeout, connectionTimeout }` (from @smithy/node-http-handler 4.4 on, with `throwOnRequestTimeout: true`) in `s3overrides` where the adapter is created',
  defaultBound: 'none',
  creation: {
    sites: [{ module: MODULE, path: ['default'], how: 'new' }],
    check,
  },
});
