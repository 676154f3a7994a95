import type { Linter } from 'eslint/universal';

/**
 * Which suggestion is a finding's preferred quick fix: the first one the rule offers (rules order their suggestions
 * from the most local fix to the broadest) that works in this document as it is. A suggestion that imports the
 * runtime where the document cannot import it yet only works with one of its runtime variants, so it is passed over
 * for a later one that needs nothing; undefined when every suggestion needs the runtime.
 */
export function preferredSuggestion(suggestions: readonly Linter.LintSuggestion[], needsRuntime: (suggestion: Linter.LintSuggestion) => boolean): number | undefined {
  const index = suggestions.findIndex((suggestion) => !needsRuntime(suggestion));
  return index === -1 ? undefined : index;
}

/**
 * More findings of one rule than this, and a file (most likely generated: see `resilint.exclude`) gets no "Fix all"
 * for it: the light bulb would build every one of their fixes each time it asks, on every version of the file.
 */
export const FIX_ALL_LIMIT = 1_000;

/** The findings "Fix all" for `ruleId` would fix: none when fewer than two, or more than `FIX_ALL_LIMIT`. */
export function fixAllCandidates(messages: readonly Linter.LintMessage[], ruleId: string): number[] {
  const indexes = messages.flatMap((message, index) => (message.ruleId === ruleId ? [index] : []));
  return indexes.length >= 2 && indexes.length <= FIX_ALL_LIMIT ? indexes : [];
}

/** "Fix all <rule> problems in this file": the preferred fix of each finding of the rule that can go in one edit. */
export interface FixAllPlan {
  ruleId: string;
  /** The fixes to apply, in document order, none touching another. */
  fixes: { messageIndex: number; fix: Linter.LintSuggestion['fix'] }[];
  /** Findings of the rule in the file. */
  total: number;
  /** Skipped: their fix overlaps (or touches) one applied before it, as ESLint's own `--fix` skips such fixes. */
  overlapping: number;
  /** Skipped: every fix they have imports the runtime, which this document cannot import yet. */
  needingRuntime: number;
  /** Skipped: the rule offers no fix for them. */
  withoutFix: number;
}

/**
 * Plans fixing every finding of `ruleId` with its preferred suggestion. Each fix was built against the same text,
 * so only fixes that do not overlap can be applied together; the others are counted, and applying the plan again
 * after a re-lint picks them up.
 */
export function planFixAll(
  ruleId: string,
  messages: readonly Linter.LintMessage[],
  suggestionsOf: (messageIndexes: readonly number[]) => (readonly Linter.LintSuggestion[] | undefined)[],
  needsRuntime: (suggestion: Linter.LintSuggestion) => boolean,
): FixAllPlan {
  const indexes = fixAllCandidates(messages, ruleId);
  const plan: FixAllPlan = { ruleId, fixes: [], total: indexes.length, overlapping: 0, needingRuntime: 0, withoutFix: 0 };
  const candidates: FixAllPlan['fixes'] = [];
  suggestionsOf(indexes).forEach((suggestions, position) => {
    if (!suggestions || suggestions.length === 0) {
      plan.withoutFix += 1;
      return;
    }
    const preferred = preferredSuggestion(suggestions, needsRuntime);
    if (preferred === undefined) plan.needingRuntime += 1;
    else candidates.push({ messageIndex: indexes[position]!, fix: suggestions[preferred]!.fix });
  });
  let lastEnd = -1;
  for (const candidate of candidates.sort((a, b) => a.fix.range[0] - b.fix.range[0] || a.fix.range[1] - b.fix.range[1])) {
    if (candidate.fix.range[0] <= lastEnd) {
      plan.overlapping += 1;
      continue;
    }
    plan.fixes.push(candidate);
    lastEnd = candidate.fix.range[1];
  }
  return plan;
}

/** "Fix all 3 resilint/x problems in this file", or "Fix 2 of 3 … (1 skipped: its fix overlaps another)". */
export function fixAllTitle(plan: FixAllPlan): string {
  const skipped = plan.total - plan.fixes.length;
  if (skipped === 0) return `Fix all ${plan.fixes.length} ${plan.ruleId} problems in this file`;
  const reasons = [
    plan.overlapping > 0 ? `${plan.overlapping} whose fix overlaps another` : undefined,
    plan.needingRuntime > 0 ? `${plan.needingRuntime} needing the runtime` : undefined,
    plan.withoutFix > 0 ? `${plan.withoutFix} without a fix` : undefined,
  ].filter((reason) => reason !== undefined);
  return `Fix ${plan.fixes.length} of ${plan.total} ${plan.ruleId} problems in this file (${skipped} skipped: ${reasons.join(', ')})`;
}
