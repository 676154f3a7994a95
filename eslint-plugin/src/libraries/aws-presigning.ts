import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { unwrapExpression } from '../analysis/syntax.js';
import { readProjectFile, withoutComments } from '../project/files.js';
import { importersOf } from '../project/importers.js';

/** Functions that sign a URL with a client's credentials, locally: they send no request through the client. */
const PRESIGNERS: readonly { module: string; name: string }[] = [
  { module: '@aws-sdk/s3-request-presigner', name: 'getSignedUrl' },
  { module: '@aws-sdk/s3-presigned-post', name: 'createPresignedPost' },
];

/**
 * `const client = new S3Client(config); return getSignedUrl(client, new GetObjectCommand(...))`: a client kept in a
 * variable whose every use is handed to a presigner sends nothing, so it has nothing to bound (a client that also
 * sends, or is kept elsewhere, is judged as any other; one returned, by what the module and its importers do).
 */
export function onlyPresigns(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, filename: string | undefined): boolean {
  if (node.parent?.type === AST_NODE_TYPES.AssignmentExpression && node.parent.right === node) return privateFieldOnlyPresigns(sourceCode, node.parent.left);
  if (node.parent?.type === AST_NODE_TYPES.ReturnStatement || (node.parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && node.parent.body === node)) return returnedToPresigners(sourceCode, filename);
  const declarator = unwrapExpression(node) === node ? node.parent : undefined;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== node || declarator.id.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = sourceCode.getDeclaredVariables(declarator).find((declared) => declared.name === (declarator.id as TSESTree.Identifier).name);
  const reads = (variable?.references ?? []).filter((reference) => reference.identifier !== declarator.id);
  return reads.length > 0 && reads.every((reference) => {
    const use = reference.identifier.parent;
    return use?.type === AST_NODE_TYPES.CallExpression && use.arguments[0] === reference.identifier && isPresigner(sourceCode, use.callee);
  });
}

/**
 * `this.s3 = new S3Client(config)` in a class that keeps it in a private field and only ever hands `this.s3` to a
 * presigner (a NestJS service making upload URLs): no code outside the class can send through it either.
 */
function privateFieldOnlyPresigns(sourceCode: Readonly<TSESLint.SourceCode>, target: TSESTree.Node): boolean {
  if (target.type !== AST_NODE_TYPES.MemberExpression || target.object.type !== AST_NODE_TYPES.ThisExpression || target.computed) return false;
  const name = target.property.type === AST_NODE_TYPES.PrivateIdentifier ? `#${target.property.name}` : target.property.name;
  let body: TSESTree.Node | undefined = target.parent;
  while (body && body.type !== AST_NODE_TYPES.ClassBody) body = body.parent;
  if (!body || body.type !== AST_NODE_TYPES.ClassBody) return false;
  const declared = body.body.find((member) => (member.type === AST_NODE_TYPES.PropertyDefinition) && !member.computed
    && (member.key.type === AST_NODE_TYPES.PrivateIdentifier ? `#${member.key.name}` : member.key.type === AST_NODE_TYPES.Identifier ? member.key.name : undefined) === name);
  const isPrivate = name.startsWith('#') || (declared?.type === AST_NODE_TYPES.PropertyDefinition && declared.accessibility === 'private');
  if (!isPrivate) return false;
  const reads: TSESTree.MemberExpression[] = [];
  const visit = (current: TSESTree.Node): void => {
    if (current.type === AST_NODE_TYPES.MemberExpression && current.object.type === AST_NODE_TYPES.ThisExpression && !current.computed && current !== target
      && (current.property.type === AST_NODE_TYPES.PrivateIdentifier ? `#${current.property.name}` : current.property.name) === name) reads.push(current);
    for (const key of sourceCode.visitorKeys[current.type] ?? []) {
      const child = (current as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof item === 'object' && 'type' in item) visit(item as TSESTree.Node);
      }
    }
  };
  visit(body);
  return reads.length > 0 && reads.every((read) => {
    const use = read.parent;
    return use?.type === AST_NODE_TYPES.CallExpression && use.arguments[0] === read && isPresigner(sourceCode, use.callee);
  });
}

/** `getSignedUrl` imported from `@aws-sdk/s3-request-presigner` (under any local name). */
function isPresigner(sourceCode: Readonly<TSESLint.SourceCode>, callee: TSESTree.Node): boolean {
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  const definition = sourceCode.getScope(callee).references.find((reference) => reference.identifier === callee)?.resolved?.defs[0];
  if (definition?.type !== 'ImportBinding' || definition.node.type !== AST_NODE_TYPES.ImportSpecifier) return false;
  const imported = definition.node.imported;
  const name = imported.type === AST_NODE_TYPES.Identifier ? imported.name : imported.value;
  const module = definition.node.parent.source?.value;
  return PRESIGNERS.some((presigner) => presigner.module === module && presigner.name === name);
}


/**
 * `createS3Client(config) { return new S3Client(config) }` in a module that signs URLs with the clients it is handed
 * (a NestJS helper making upload links): neither it nor any module importing it sends a command (`.send(`), so the
 * client it returns signs URLs only. Unknown importers (no project in view) may send.
 */
function returnedToPresigners(sourceCode: Readonly<TSESLint.SourceCode>, filename: string | undefined): boolean {
  if (filename === undefined) return false;
  const presigns = sourceCode.ast.body.some((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration
    && PRESIGNERS.some((presigner) => presigner.module === statement.source.value));
  if (!presigns || SENDS.test(withoutComments(sourceCode.text))) return false;
  const importers = importersOf(filename);
  return importers !== undefined && importers.length > 0 && importers.every((importer) => !SENDS.test(withoutComments(readProjectFile(importer.file) ?? '.send(')));
}

const SENDS = /\.send\(/;
