import type { TSESLint } from '@typescript-eslint/utils';

/** Every rule of the plugin, one line each (kebab-case name -> rule module); the configs are generated from this. */
export const rules = {
} satisfies Record<string, TSESLint.RuleModule<string, readonly unknown[]>>;
