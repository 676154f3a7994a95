import tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { rules } from '../rules/index.js';

type RuleName = keyof typeof rules;
type RuleEntries = Partial<Record<`resilint/${RuleName}`, TSESLint.SharedConfig.RuleEntry>>;

/** What `strict` changes beyond turning every rule on: stricter options for the rules that have them. */
const STRICT_OPTIONS: Record<string, TSESLint.SharedConfig.RuleEntry> = {
  'resilint/no-unprotected-call': ['error', { scope: 'function', checkOwnOrigin: true, checkPages: true, checkLoggedRejections: true }],
  'resilint/no-try-outside-loop': ['error', { checkDataStores: true }],
  'resilint/require-timeout': ['error', { checkOwnOrigin: true }],
  'resilint/no-unbounded-retry': ['error', { checkPages: true }],
  'resilint/retry-requires-backoff': ['error', { requireJitter: true, allowFixedDelayUpTo: 0, checkPages: true }],
  'resilint/timeout-requires-cancellation': ['error', { checkOwnOrigin: true }],
};

function ruleEntries(include: (name: RuleName) => boolean): RuleEntries {
  const entries: RuleEntries = {};
  for (const name of Object.keys(rules) as RuleName[]) {
    if (include(name)) entries[`resilint/${name}`] = 'error';
  }
  return entries;
}

const isRecommended = (name: RuleName): boolean => rules[name].meta.docs?.recommended === true;

/** Builds the flat configs once the plugin object exists, since each config registers the plugin itself. */
export function createConfigs(plugin: TSESLint.FlatConfig.Plugin): Record<'recommended' | 'strict' | 'all', TSESLint.FlatConfig.Config[]> {
  const base = (name: string, configRules: RuleEntries): TSESLint.FlatConfig.Config[] => [
    {
      name: `resilint/${name}/typescript-parser`,
      files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
      languageOptions: { parser: tsParser as TSESLint.FlatConfig.Parser },
    },
    { name: `resilint/${name}`, plugins: { resilint: plugin }, rules: configRules },
  ];
  const strictRules: RuleEntries = {
    ...ruleEntries((name) => isRecommended(name) || (name as string) === 'prefer-all-settled'),
  };
  for (const [name, entry] of Object.entries(STRICT_OPTIONS)) {
    if (name.slice('resilint/'.length) in rules) strictRules[name as keyof RuleEntries] = entry;
  }
  return {
    recommended: base('recommended', ruleEntries(isRecommended)),
    strict: base('strict', strictRules),
    all: base('all', ruleEntries(() => true)),
  };
}
