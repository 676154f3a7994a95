import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { ExternalCall } from '../analysis/external-calls.js';
import { objectTextWith } from './object-literal.js';
import { SourceEdits } from './source-edits.js';
import type { FixTarget } from './wrap-in-policies.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Timeouts a client takes in a shape of its own, not as a call option: superagent's chained `.timeout(ms)`,
 * mysql2's `{ sql, timeout }` query form, node:http(s) and gRPC options inserted before the callback, and
 * pg and ioredis instances created in this file without options. Returns the edit and what it sets.
 */
export function clientSpecificTimeout(target: FixTarget, call: ExternalCall): { edits: SourceEdits; option: string } | undefined {
  if (call.wrapped) return undefined;
  const { sourceCode } = target;
  const node = call.node;
  const edits = new SourceEdits();
  switch (call.client) {
    case 'superagent':
      edits.insert(node.range[1], '.timeout(5_000)');
      return { edits, option: '.timeout(5_000)' };
    case 'mysql': {
      const query = node.arguments[0];
      if (!query || query.type === 'SpreadElement') return undefined;
      const text =
        query.type === 'ObjectExpression'
          ? objectTextWith(sourceCode, query, { set: [['timeout', '5_000']] })
          : `{ sql: ${sourceCode.getText(query)}, timeout: 5_000 }`;
      edits.replace(query.range, text);
      return { edits, option: '{ sql, timeout: 5_000 }' };
    }
    case 'http': {
      // http.get(url, callback) -> http.get(url, { signal }, callback)
      const [url, callback] = node.arguments;
      if (node.arguments.length !== 2 || !url || !callback || !/Function/.test(callback.type) || url.type === 'ObjectExpression') {
        return undefined;
      }
      edits.insert(url.range[1], ', { signal: AbortSignal.timeout(5_000) }');
      return { edits, option: 'signal: AbortSignal.timeout(5_000)' };
    }
    case 'grpc': {
      // client.method(request, callback) -> client.method(request, { deadline }, callback)
      const [request, callback] = node.arguments;
      if (node.arguments.length !== 2 || !request || !callback || !/Function/.test(callback.type)) return undefined;
      edits.insert(request.range[1], ', { deadline: Date.now() + 5_000 }');
      return { edits, option: 'deadline: Date.now() + 5_000' };
    }
    case 'pg':
    case 'redis': {
      const created = creationOf(sourceCode, node);
      if (!created) return undefined;
      const options =
        call.client === 'pg'
          ? '{ statement_timeout: 5_000, query_timeout: 10_000 }'
          : call.flavor === 'ioredis'
            ? '{ commandTimeout: 5_000 }'
            : undefined;
      const last = created.arguments.at(-1);
      // pg takes one config object; ioredis takes its options last, after a port/host or URL
      if (!options || last?.type === 'ObjectExpression' || last?.type === 'SpreadElement') return undefined;
      if (call.client === 'pg' && last) return undefined;
      const closing = sourceCode.getLastToken(created);
      if (!closing || closing.value !== ')') return undefined;
      edits.insert(last ? last.range[1] : closing.range[0], last ? `, ${options}` : options);
      return { edits, option: options.slice(2, -2) };
    }
    default:
      return undefined;
  }
}

/** `const pool = new Pool(...)` (or `new pg.Pool`, `new Redis`) behind `pool.query(...)`, when it is a const of this file. */
function creationOf(sourceCode: SourceCode, call: TSESTree.CallExpression): TSESTree.NewExpression | undefined {
  const callee = call.callee;
  if (callee.type !== 'MemberExpression' || callee.object.type !== 'Identifier') return undefined;
  const object = callee.object;
  const variable = sourceCode.getScope(object).references.find((reference) => reference.identifier === object)?.resolved;
  const declarator = variable?.defs[0]?.node;
  if (declarator?.type !== 'VariableDeclarator' || declarator.parent.type !== 'VariableDeclaration' || declarator.parent.kind !== 'const') {
    return undefined;
  }
  return declarator.init?.type === 'NewExpression' ? declarator.init : undefined;
}
