import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import type { ExternalCall } from './external-calls.js';
import { enclosingFunction, walkSameFunction } from './loops.js';
import { staticPropertyName } from './member-syntax.js';
import { nameWords, propertyKey, unwrapExpression } from './syntax.js';

/**
 * A request whose body is a file read from disk: a read stream (`body: fs.createReadStream(path)`), or a multipart
 * form a read stream or a file's blob is appended to in the same function (`form.append('file',
 * fs.createReadStream(path))`, erxes' uploads to Cloudflare Stream), or a whole file read into a `const` first (`const
 * body = fs.readFileSync(archivePath)`), or a body whose name says it holds a file (`body: streamOrBuffer`, happo's
 * archive upload). It lasts as long as the file takes to send, so a
 * fix bounding it gives it a transfer's time, not an ordinary request's.
 */
export function sendsFile(call: ExternalCall): boolean {
  const body = bodyOf(call);
  if (!body) return false;
  if (readsFile(body)) return true;
  if (body.type !== AST_NODE_TYPES.Identifier) return false;
  if (heldFileRead(body) || namesFileContent(body.name)) return true;
  const fn = enclosingFunction(call.node);
  if (!fn) return false;
  let appended = false;
  walkSameFunction(fn.body, visitorKeys as TSESLint.SourceCode.VisitorKeys, (node) => {
    if (appended || node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return;
    const form = unwrapExpression(node.callee.object);
    appended = form.type === AST_NODE_TYPES.Identifier && form.name === body.name && staticPropertyName(node.callee) === 'append'
      && node.arguments.some((argument) => readsFile(unwrapExpression(argument)));
  });
  return appended;
}

/** `const body = fs.readFileSync(archivePath)`, then `body` sent: the whole file, read before the request. */
function heldFileRead(body: TSESTree.Identifier): boolean {
  const fn = enclosingFunction(body);
  let held = false;
  if (fn) walkSameFunction(fn.body, visitorKeys as TSESLint.SourceCode.VisitorKeys, (node) => {
    if (!held && node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier && node.id.name === body.name
      && node.init && node.parent.kind === 'const') held = readsFile(unwrapExpression(node.init));
  });
  return held;
}

/** Words of a body's name that say it holds a file's bytes (`streamOrBuffer`, `archive`, `videoFile`, `imageBlob`). */
const CONTENT_WORDS = new Set(['stream', 'buffer', 'archive', 'blob', 'zip', 'tarball', 'file', 'media', 'image', 'video', 'attachment', 'bytes']);

/** `body: streamOrBuffer`, a parameter whose name says it is a file's content (happo's assets archive). */
function namesFileContent(name: string): boolean {
  return nameWords(name).some((word) => CONTENT_WORDS.has(word));
}

/** The body the call sends: a fetch-style init's `body`, or axios' and got's `data`/`body`/`form`. */
function bodyOf(call: ExternalCall): TSESTree.Node | undefined {
  const options = call.optionsArgument;
  const property = options?.properties.find((candidate): candidate is TSESTree.Property =>
    candidate.type === AST_NODE_TYPES.Property && BODY_KEYS.has(propertyKey(candidate) ?? ''));
  return property && unwrapExpression(property.value);
}

const BODY_KEYS = new Set(['body', 'data', 'form', 'formData']);

/**
 * `fs.createReadStream(path)`, `createReadStream(path)`, `await fs.openAsBlob(path)`, `await fileFrom(path)`, a whole
 * file read first (`fs.readFileSync(path)`, `await readFile(path)`).
 */
function readsFile(node: TSESTree.Node): boolean {
  const inner = node.type === AST_NODE_TYPES.AwaitExpression ? unwrapExpression(node.argument) : node;
  if (inner.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = inner.callee;
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? staticPropertyName(callee) : undefined;
  return name !== undefined && FILE_READERS.has(name);
}

const FILE_READERS = new Set(['createReadStream', 'openAsBlob', 'fileFrom', 'fileFromSync', 'readFile', 'readFileSync']);
