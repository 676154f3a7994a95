import type { TSESTree } from '@typescript-eslint/utils';
import type { RuleContext } from '@typescript-eslint/utils/ts-eslint';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { requireCreationOption } from '../libraries/creation-options.js';
import { libraryOf, type ClientValue } from '../libraries/index.js';
import type { CreationFile, CreationFinding } from '../libraries/model.js';
import { fileEnvironment } from '../project/file-environment.js';
import { getSettings } from './settings.js';
import { isProjectValue } from '../project/values.js';
import { fileValue } from './external-calls.js';
import { DEFAULT_TIMEOUT_MS } from '../fixes/wrap-in-policies.js';

/**
 * `new Timestamps({ baseUrl })` of a class of the project whose calls take their only bound from the options it is
 * created with (`signal: this.signal`, set in its constructor from `options.signal`), created without one: the
 * creator chooses the bound, so it is reported there, once, and not at the calls its methods make.
 */

type Context = Readonly<RuleContext<string, readonly unknown[]>>;

export function findUnboundedProjectCreations(context: Context, creations: readonly TSESTree.NewExpression[]): { node: TSESTree.NewExpression; finding: CreationFinding; library?: true }[] {
  const found: { node: TSESTree.NewExpression; finding: CreationFinding; library?: true }[] = [];
  for (const node of creations) {
    if (node.callee.type !== AST_NODE_TYPES.Identifier && node.callee.type !== AST_NODE_TYPES.MemberExpression) continue;
    const value = fileValue(context, node.callee);
    if (value && !isProjectValue(value)) {
      const finding = libraryClassCreation(context, node, value);
      if (finding) found.push({ node, finding, library: true });
      continue;
    }
    if (!value || value.kind !== 'project-class') continue;
    const bound = value.cls.creationBound();
    if (!bound) continue;
    // the fix sets an option it takes in milliseconds, else the signal it reads: a signal made once, where the client
    // is, aborts every call made after it fires, so a client kept longer than the timeout would fail for good
    const fixKey = bound.names.find((name) => /ms$|millis/i.test(name) || name === 'timeout') ?? bound.signalOption;
    if (fixKey === undefined) continue;
    const fixValue = fixKey === bound.signalOption ? `AbortSignal.timeout(${DEFAULT_TIMEOUT_MS})` : DEFAULT_TIMEOUT_MS;
    const options = bound.names.map((name) => `\`${name}\``).join(' or ');
    const remedy = `pass ${options} where it is created: the calls of \`${bound.method}\` take the one it is given and set none of their own`;
    const finding = requireCreationOption(bound.index, bound.names, fixKey, fixValue, remedy)(node, context.sourceCode);
    if (finding) found.push({ node, finding });
  }
  return found;
}

/**
 * A library's client class wherever it comes from (a class generated in another package of the project and imported
 * from it), for the libraries whose creation model asks to be checked so (`anyClass`).
 */
function libraryClassCreation(context: Context, node: TSESTree.NewExpression, value: ClientValue): CreationFinding | undefined {
  const model = libraryOf(value.kind)?.creation;
  if (!model?.anyClass || !libraryOf(value.kind)!.construct?.(value, node)) return undefined;
  let environment: ReturnType<CreationFile['environment']> | undefined;
  const file: CreationFile = {
    environment: () => (environment ??= fileEnvironment(context.physicalFilename, context.sourceCode.text, getSettings(context).files, context.sourceCode.scopeManager)),
    filename: context.physicalFilename,
  };
  return model.check(node, context.sourceCode, file);
}
