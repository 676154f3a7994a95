import { ESLintUtils } from '@typescript-eslint/utils';

const REPOSITORY_DOCS = 'https://github.com/resilint/resilint/blob/main/eslint-plugin/docs/rules';

export interface ResilintRuleDocs {
  /** Whether the rule is in the `recommended` config (otherwise only `strict` and `all`). */
  recommended: boolean;
  /** Whether the rule needs type information; Resilint rules never do, they may only use it when present. */
  requiresTypeChecking?: false;
}

export const createRule = ESLintUtils.RuleCreator<ResilintRuleDocs>(
  (name) => `${REPOSITORY_DOCS}/${name}.md`,
);
