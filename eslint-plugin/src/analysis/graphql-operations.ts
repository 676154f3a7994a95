import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { propertyKey, unwrapExpression } from './syntax.js';

/**
 * What a POST to a GraphQL endpoint asks for, read from its body where the body is visible: a query only reads and
 * may be sent again; a mutation may be applied twice. GraphQL sends both by POST, so the method alone says nothing.
 */

type SourceLike = Pick<Readonly<TSESLint.SourceCode>, 'getScope'>;

export type GraphqlOperation = 'query' | 'mutation';

/** The keys a GraphQL body names its document with (`{ query, variables }`; graphql-request's `document`). */
const DOCUMENT_KEYS = new Set(['query', 'document', 'mutation']);
/** Keys under which the document may sit inside the request (`body`, axios `data`, got/ky `json`, a persisted query). */
const BODY_KEYS = new Set(['body', 'data', 'json', 'extensions', 'persistedQuery', 'sha256Hash']);
/** Tags of a GraphQL document written in a template (`gql\`query { ... }\``). */
const DOCUMENT_TAGS = /^(?:gql|graphql)$/;
/** How many `const`s are followed from a body to its document (`body: JSON.stringify(payload)`, `payload = { query: Q }`). */
const MAX_DEPTH = 4;

/**
 * `fetch(url, { method: 'POST', body: JSON.stringify({ query: REPO_QUERY, variables }) })`,
 * `axios.post(url, { query: gql\`{ viewer { login } }\` })`: 'query' when every document the body visibly carries is
 * a query (or a bare selection set), 'mutation' when one of them is a mutation, undefined when the body carries no
 * document or one that cannot be read here (built at run time, a parameter, an import).
 */
export function graphqlOperation(source: SourceLike, call: TSESTree.CallExpression): GraphqlOperation | undefined {
  const found: (GraphqlOperation | 'unknown')[] = [];
  // the document is in the options or data (`fetch`, axios), or an argument of its own (`octokit.graphql(QUERY)`,
  // graphql-request's `request(url, document)`); a URL or a form body reads as no document and adds nothing
  for (const argument of call.arguments) collect(source, argument, 'container', 0, found);
  if (found.includes('mutation')) return 'mutation';
  if (found.length === 0 || found.includes('unknown')) return undefined;
  return 'query';
}

/**
 * Walks a body: in a container (an object, a `JSON.stringify` argument, a `const` holding one) only the document keys
 * are read as documents; a string body is a document itself or JSON text carrying one.
 */
function collect(source: SourceLike, node: TSESTree.Node, role: 'container' | 'document', depth: number, found: (GraphqlOperation | 'unknown')[]): void {
  const target = unwrapExpression(node);
  if (depth > MAX_DEPTH) {
    if (role === 'document') found.push('unknown');
    return;
  }
  switch (target.type) {
    case AST_NODE_TYPES.ObjectExpression:
      for (const property of target.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const key = propertyKey(property);
        if (key !== undefined && DOCUMENT_KEYS.has(key)) collect(source, property.value, 'document', depth, found);
        else if (key !== undefined && BODY_KEYS.has(key)) collect(source, property.value, 'container', depth, found);
      }
      return;
    case AST_NODE_TYPES.Identifier: {
      const init = constValue(source, target);
      if (init) collect(source, init, role, depth + 1, found);
      else if (role === 'document') found.push('unknown');
      return;
    }
    case AST_NODE_TYPES.CallExpression:
      // `JSON.stringify(payload)`, `sha256(QUERY)` for a persisted query's hash, `print(doc)`
      for (const argument of target.arguments) collect(source, argument, role, depth + 1, found);
      if (role === 'document' && target.arguments.length === 0) found.push('unknown');
      return;
    case AST_NODE_TYPES.TaggedTemplateExpression:
      if (target.tag.type === AST_NODE_TYPES.Identifier && DOCUMENT_TAGS.test(target.tag.name)) found.push(readDocument(templateText(target.quasi)));
      else if (role === 'document') found.push('unknown');
      return;
    case AST_NODE_TYPES.TemplateLiteral:
      readText(templateText(target), role, found);
      return;
    case AST_NODE_TYPES.Literal:
      if (typeof target.value === 'string') readText(target.value, role, found);
      return;
    default:
      if (role === 'document') found.push('unknown');
  }
}

/** The initial value of a `const` of this module (not an import, not a parameter). */
function constValue(source: SourceLike, identifier: TSESTree.Identifier): TSESTree.Expression | undefined {
  const variable = ASTUtils.findVariable(source.getScope(identifier), identifier);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type !== 'Variable' || definition.parent.kind !== 'const') return undefined;
  return definition.node.init ?? undefined;
}

/** A template's text with each interpolation (a fragment, usually) as a blank: what the operations are stays visible. */
function templateText(template: TSESTree.TemplateLiteral): string {
  return template.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw).join(' ');
}

/** Text under a document key is a document; elsewhere it counts only when it reads as GraphQL (not a URL, not a form). */
function readText(text: string, role: 'container' | 'document', found: (GraphqlOperation | 'unknown')[]): void {
  const read = role === 'document' ? readDocument(text) : readBodyText(text);
  if (role === 'document' || read !== 'unknown') found.push(read);
}

/** A whole body written as text: JSON carrying a document (`'{"query":"{ viewer { login } }"}'`), or a document. */
function readBodyText(text: string): GraphqlOperation | 'unknown' {
  const trimmed = text.trim();
  if (/^\{\s*"|^\[/.test(trimmed)) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      const documents = (Array.isArray(parsed) ? parsed : [parsed]).map((entry: unknown) =>
        entry && typeof entry === 'object' && typeof (entry as { query?: unknown }).query === 'string' ? readDocument((entry as { query: string }).query) : 'unknown',
      );
      return documents.includes('mutation') ? 'mutation' : documents.includes('unknown') ? 'unknown' : 'query';
    } catch {
      return 'unknown';
    }
  }
  return readDocument(trimmed);
}

/**
 * A GraphQL document: 'mutation' if any operation in it is one, 'query' if it opens with a query or a bare selection
 * set (`{ viewer { login } }`) or with fragments followed by queries only, 'unknown' for anything else (a subscription,
 * text that is not a document).
 */
function readDocument(text: string): GraphqlOperation | 'unknown' {
  const body = text.replace(/#[^\n]*/g, ' ').trim();
  if (/(?:^|[\s}])mutation\b\s*[\w$({@]/.test(body)) return 'mutation';
  if (/(?:^|[\s}])subscription\b/.test(body)) return 'unknown';
  // `query Name($id: ID!) @cached {`, `query {`, a bare `{ viewer`: not form text (`query=books&exact=true`) or JSON
  const opensQuery = /^query(?=[\s({@])[^{=&]*\{/.test(body) || /^\{\s*[_A-Za-z]/.test(body);
  const fragmentsThenQuery = /^fragment\s/.test(body) && /[\s}]query(?=[\s({@])[^{=&]*\{/.test(body);
  return opensQuery || fragmentsThenQuery ? 'query' : 'unknown';
}
