import { ESLintUtils } from '@typescript-eslint/utils';
import { getSettings } from './analysis/settings.js';
import { fileRole } from './project/file-roles.js';

const REPOSITORY_DOCS = 'https://github.com/resilint/resilint/blob/main/eslint-plugin/docs/rules';

export interface ResilintRuleDocs {
  /** Whether the rule is in the `recommended` config (otherwise only `strict` and `all`). */
  recommended: boolean;
  /** Whether the rule needs type information; Resilint rules never do, they may only use it when present. */
  requiresTypeChecking?: false;
}

const ruleCreator = ESLintUtils.RuleCreator<ResilintRuleDocs>(
  (name) => `${REPOSITORY_DOCS}/${name}.md`,
);

/**
 * Every rule leaves alone the files that are not product code by their text or the user's `settings.resilint.files`
 * (generated code: its fix belongs in the generator). Which files are linted at all is the CLI's and the editor's
 * choice, from the paths (project/file-roles.ts).
 */
export const createRule: typeof ruleCreator = (rule) => ruleCreator({
  ...rule,
  create: (context, options) => (isProductCode(context) ? rule.create(context, options) : {}),
});

/** Per file (its AST) and settings object, so the rules of one lint decide once. */
const productCode = new WeakMap<object, { settings: object; product: boolean }>();

function isProductCode(context: Parameters<typeof getSettings>[0]): boolean {
  let settings;
  try {
    settings = getSettings(context);
  } catch {
    return true; // invalid settings: the rule itself reports them, where ESLint names the rule
  }
  const cached = productCode.get(context.sourceCode.ast);
  if (cached?.settings === settings) return cached.product;
  const product = fileRole({ path: context.physicalFilename, text: context.sourceCode.text }, settings.files) === 'product';
  productCode.set(context.sourceCode.ast, { settings, product });
  return product;
}
