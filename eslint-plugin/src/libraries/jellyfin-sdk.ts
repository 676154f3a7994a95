import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { staticPropertyName } from '../analysis/member-syntax.js';
import { unwrapExpression } from '../analysis/syntax.js';
import { quoted, semicolon } from '../fixes/code-style.js';
import { freeName, insertModuleStatement, isCommonJs, namesInUse } from '../fixes/runtime-import.js';
import { SourceEdits } from '../fixes/source-edits.js';
import type { FixTarget } from '../fixes/wrap-in-policies.js';
import { creationLabel, creationOptions, optionsBound, setCreationOption } from './creation-options.js';
import { judgedWhereMade, value, type CreationFinding, type CreationModel } from './model.js';

/**
 * @jellyfin/sdk 0.11: `const jf = new Jellyfin({ clientInfo, deviceInfo })`, `const api = jf.createApi(server, token,
 * axiosInstance?)` (or `new Api(server, clientInfo, deviceInfo, token?, axiosInstance?)`), then
 * `getSessionApi(api).getSessions()`. Read in 0.11.0 (`lib/jellyfin.js`, `lib/api.js`, `lib/utils/api/session-api.js`,
 * `lib/generated-client/common.js`): every generated API is built on `api.axiosInstance`, which is the axios instance
 * handed to `createApi`, else axios' global default (`import globalAxios from 'axios'`), whose timeout is 0 unless the
 * app sets `axios.defaults.timeout`. A call's own axios options could carry one, but nobody writes it on each of the
 * generated calls: the fix belongs where the Api is made, handing it `axios.create({ timeout })` (axios is the SDK's
 * peer dependency). An instance handed in counts as bounded unless it is visibly axios' global one or an
 * `axios.create(...)` without `timeout`.
 */

const MODULE = '@jellyfin/sdk';
/** What the message tells the user, for `createApi(...)` or `new Api(...)`. */
const remedy = (made: string): string => `hand ${made} an axios instance with a timeout (\`axios.create({ timeout })\`, milliseconds): without one, every request goes through axios' global instance, which sets none`;
const REMEDY = remedy('`createApi`');

type SourceCode = Readonly<TSESLint.SourceCode>;
type Creation = TSESTree.CallExpression | TSESTree.NewExpression;
type Fix = { edits: SourceEdits; option: string };

/** The local name this file gives axios' default export (`import axios from 'axios'`, `const axios = require('axios')`). */
function axiosDefaultName(sourceCode: SourceCode): string | undefined {
  for (const statement of sourceCode.ast.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      if (statement.source.value !== 'axios' || statement.importKind === 'type') continue;
      const specifier = statement.specifiers.find((candidate) => candidate.type === AST_NODE_TYPES.ImportDefaultSpecifier);
      if (specifier) return specifier.local.name;
    } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        const init = declarator.init && unwrapExpression(declarator.init);
        const source = init?.type === AST_NODE_TYPES.CallExpression && init.callee.type === AST_NODE_TYPES.Identifier && init.callee.name === 'require' ? init.arguments[0] : undefined;
        if (source?.type === AST_NODE_TYPES.Literal && source.value === 'axios' && declarator.id.type === AST_NODE_TYPES.Identifier) return declarator.id.name;
      }
    }
  }
  return undefined;
}

/** `axios.create({ timeout: 10_000 })`, importing axios' default export when the file does not yet. */
function boundedInstance(sourceCode: SourceCode, edits: SourceEdits): string {
  let name = axiosDefaultName(sourceCode);
  if (name === undefined) {
    name = freeName('axios', namesInUse(sourceCode));
    const commonJs = isCommonJs(sourceCode);
    const statement = commonJs ? `const ${name} = require(${quoted(sourceCode, 'axios')})` : `import ${name} from ${quoted(sourceCode, 'axios')}`;
    insertModuleStatement(sourceCode, statement + semicolon(sourceCode), edits, commonJs);
  }
  return `${name}.create({ timeout: 10_000 })`;
}

/** The `const` initialiser an identifier stands for, when it is declared once and never assigned again. */
function constInit(sourceCode: SourceCode, node: TSESTree.Node): TSESTree.Node {
  const target = unwrapExpression(node);
  if (target.type !== AST_NODE_TYPES.Identifier) return target;
  const variable = sourceCode.getScope(target).references.find((reference) => reference.identifier === target)?.resolved;
  const declarator = variable?.defs.length === 1 ? variable.defs[0]?.node : undefined;
  return declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.parent.kind === 'const' && declarator.init ? unwrapExpression(declarator.init) : target;
}

/**
 * How the axios instance at `index` leaves the Api: a fix when it is visibly unbounded (absent, `undefined`, axios'
 * global instance, `axios.create(...)` without `timeout`), undefined when it may be bounded.
 */
function unboundedInstance(sourceCode: SourceCode, made: Creation, index: number): { fix: (target: FixTarget) => Fix | undefined; global: boolean } | undefined {
  const given = made.arguments[index];
  const option = 'axios.create({ timeout: 10_000 })';
  if (!given) {
    if (made.arguments.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return undefined;
    return { global: true, fix: (target) => {
      const closing = target.sourceCode.getLastToken(made);
      if (closing?.value !== ')') return undefined;
      const edits = new SourceEdits();
      const text = boundedInstance(target.sourceCode, edits);
      const padding = Array.from({ length: index - made.arguments.length }, () => 'undefined');
      const last = made.arguments.at(-1);
      const added = [...padding, text].join(', ');
      edits.insert(last ? last.range[1] : closing.range[0], last ? `, ${added}` : added);
      return { edits, option };
    } };
  }
  const axios = axiosDefaultName(sourceCode);
  const instance = constInit(sourceCode, given);
  const replaceGiven = (target: FixTarget): Fix => {
    const edits = new SourceEdits();
    edits.replace(given.range, boundedInstance(target.sourceCode, edits));
    return { edits, option };
  };
  if (instance.type === AST_NODE_TYPES.Identifier && (instance.name === 'undefined' || instance.name === axios)) return { global: true, fix: replaceGiven };
  if (axios === undefined || instance.type !== AST_NODE_TYPES.CallExpression || instance.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const callee = instance.callee;
  if (callee.object.type !== AST_NODE_TYPES.Identifier || callee.object.name !== axios || staticPropertyName(callee) !== 'create') return undefined;
  const options = creationOptions(sourceCode, instance, 0);
  if (options === 'unknown' || (options !== 'absent' && optionsBound(options, ['timeout']) !== 'unbounded')) return undefined;
  return { global: false, fix: (target) => setCreationOption(target, instance, 0, 'timeout', '10_000') };
}

/** The `.createApi(...)` calls made on this `new Jellyfin(...)`: on it, on the `const` that holds it, or on the class field it is stored in. */
function createApiCalls(sourceCode: SourceCode, node: TSESTree.NewExpression): TSESTree.CallExpression[] {
  const holders: TSESTree.Node[] = [node];
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node && parent.id.type === AST_NODE_TYPES.Identifier) {
    const name = parent.id.name;
    const variable = sourceCode.getDeclaredVariables(parent).find((declared) => declared.name === name);
    for (const reference of variable?.references ?? []) if (reference.identifier !== parent.id) holders.push(reference.identifier);
  }
  const field = fieldName(parent, node);
  if (field !== undefined) holders.push(...thisFieldReads(sourceCode, node, field));
  return holders.flatMap((holder) => {
    const member = holder.parent;
    return member?.type === AST_NODE_TYPES.MemberExpression && member.object === holder && staticPropertyName(member) === 'createApi'
      && member.parent?.type === AST_NODE_TYPES.CallExpression && member.parent.callee === member ? [member.parent] : [];
  });
}

/** `this.jellyfin = new Jellyfin(...)` or a field `jellyfin = new Jellyfin(...)`: the field's name. */
function fieldName(parent: TSESTree.Node | undefined, node: TSESTree.Node): string | undefined {
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node && parent.left.type === AST_NODE_TYPES.MemberExpression
    && parent.left.object.type === AST_NODE_TYPES.ThisExpression) return staticPropertyName(parent.left);
  if (parent?.type === AST_NODE_TYPES.PropertyDefinition && parent.value === node && !parent.computed && parent.key.type === AST_NODE_TYPES.Identifier) return parent.key.name;
  return undefined;
}

/** The reads of `this.<field>` in the class `node` sits in. */
function thisFieldReads(sourceCode: SourceCode, node: TSESTree.Node, field: string): TSESTree.Node[] {
  let body: TSESTree.Node | undefined = node.parent;
  while (body && body.type !== AST_NODE_TYPES.ClassBody) body = body.parent;
  if (!body) return [];
  const found: TSESTree.Node[] = [];
  const visit = (current: TSESTree.Node): void => {
    if (current.type === AST_NODE_TYPES.MemberExpression && current.object.type === AST_NODE_TYPES.ThisExpression && staticPropertyName(current) === field) found.push(current);
    for (const key of sourceCode.visitorKeys[current.type] ?? []) {
      const child = (current as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof item === 'object' && 'type' in item) visit(item as TSESTree.Node);
      }
    }
  };
  visit(body);
  return found;
}

/** Whether this file gives axios' global instance a timeout (`axios.defaults.timeout = 10_000`). */
function globalDefaultsBounded(sourceCode: SourceCode): boolean {
  return /\.defaults\.timeout\s*=/.test(sourceCode.text);
}

/** Which of the two classes a `new` makes, by the export its callee names (imported under any alias, or read off the namespace). */
function exportName(sourceCode: SourceCode, node: TSESTree.NewExpression): string | undefined {
  const callee = node.callee;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return staticPropertyName(callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = sourceCode.getScope(callee).references.find((reference) => reference.identifier === callee)?.resolved;
  const specifier = variable?.defs[0]?.node;
  if (specifier?.type === AST_NODE_TYPES.ImportSpecifier) {
    return specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : String(specifier.imported.value);
  }
  return callee.name;
}

function finding(sourceCode: SourceCode, made: Creation, index: number, what = REMEDY): CreationFinding | undefined {
  const unbounded = unboundedInstance(sourceCode, made, index);
  // axios' global instance given a timeout in this file bounds an Api that uses it
  if (!unbounded || (unbounded.global && globalDefaultsBounded(sourceCode))) return undefined;
  return { label: creationLabel(sourceCode, made), remedy: what, at: made, fix: unbounded.fix };
}

const creation: CreationModel = {
  sites: [
    { module: MODULE, path: ['Jellyfin'], how: 'new' },
    { module: MODULE, path: ['Api'], how: 'new' },
  ],
  check(node, sourceCode) {
    if (node.type !== AST_NODE_TYPES.NewExpression) return undefined;
    // `new Api(basePath, clientInfo, deviceInfo, accessToken, axiosInstance)`
    if (exportName(sourceCode, node) === 'Api') return finding(sourceCode, node, 4, remedy('the `Api`'));
    for (const made of createApiCalls(sourceCode, node)) {
      const found = finding(sourceCode, made, 2);
      if (found) return found;
    }
    return undefined;
  },
};

export const jellyfinSdkLibrary = judgedWhereMade({
  kind: 'jellyfin-sdk',
  title: 'Jellyfin (`@jellyfin/sdk`)',
  modules: [MODULE],
  dependencyName: 'jellyfin',
  signal: 'none',
  retries: 'never',
  fromModule: (module, imported) => (module === MODULE && (imported === 'Jellyfin' || imported === 'Api') ? value('jellyfin-sdk', 'class', imported) : undefined),
  instanceOptions: ['axiosInstance.timeout'],
  remedy: REMEDY,
  defaultBound: 'none (axios\' global instance)',
  creation,
});
