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

/** One replacement in the document's text: offsets into the text the findings were reported on. */
export interface TextFix {
  range: [number, number];
  text: string;
}

/** "Fix all <rule> problems in this file": the preferred fix of each finding of the rule that can go in one edit. */
export interface FixAllPlan {
  ruleId: string;
  /** The findings fixed, in document order. */
  fixes: { messageIndex: number }[];
  /** Their edits, in document order, none touching another; an edit several fixes make (the same import) once. */
  edits: TextFix[];
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
 * so only fixes whose edits do not overlap can be applied together, except edits that are the same in several
 * fixes (the import a fix adds at the top), applied once; the others are counted, and applying the plan again after
 * a re-lint picks them up.
 */
export function planFixAll(
  ruleId: string,
  text: string,
  messages: readonly Linter.LintMessage[],
  suggestionsOf: (messageIndexes: readonly number[]) => (readonly Linter.LintSuggestion[] | undefined)[],
  needsRuntime: (suggestion: Linter.LintSuggestion) => boolean,
): FixAllPlan {
  const indexes = fixAllCandidates(messages, ruleId);
  const plan: FixAllPlan = { ruleId, fixes: [], edits: [], total: indexes.length, overlapping: 0, needingRuntime: 0, withoutFix: 0 };
  const candidates: { messageIndex: number; edits: TextFix[] }[] = [];
  suggestionsOf(indexes).forEach((suggestions, position) => {
    if (!suggestions || suggestions.length === 0) {
      plan.withoutFix += 1;
      return;
    }
    const preferred = preferredSuggestion(suggestions, needsRuntime);
    if (preferred === undefined) plan.needingRuntime += 1;
    else candidates.push({ messageIndex: indexes[position]!, edits: splitFix(text, suggestions[preferred]!.fix) });
  });
  const localEdit = (candidate: (typeof candidates)[number]) => candidate.edits[candidate.edits.length - 1]!.range;
  for (const candidate of candidates.sort((a, b) => localEdit(a)[0] - localEdit(b)[0] || localEdit(a)[1] - localEdit(b)[1])) {
    const added = candidate.edits.filter((edit) => !plan.edits.some((applied) => sameEdit(applied, edit)));
    if (added.some((edit) => plan.edits.some((applied) => touches(applied, edit)))) {
      plan.overlapping += 1;
      continue;
    }
    plan.fixes.push({ messageIndex: candidate.messageIndex });
    plan.edits.push(...added);
  }
  plan.edits.sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  return plan;
}

/** Lines of a fix's text searched for an import it adds before the code it changes. */
const LINES_SEARCHED = 20;

/**
 * A suggestion's fix as ESLint gives it, one replacement from the first to the last of the rule's edits, split back
 * into those edits: the text the fix leaves unchanged is taken out, and a part added at the start (an import) becomes
 * an edit of its own, so two fixes that add the same import and change different calls can go in together.
 */
export function splitFix(text: string, fix: Linter.LintSuggestion['fix']): TextFix[] {
  const [start, end] = fix.range;
  const before = text.slice(start, end);
  const unchangedStart = commonPrefix(before, fix.text);
  const suffix = commonSuffix(before.slice(unchangedStart), fix.text.slice(unchangedStart));
  // An added part is searched for from a line start: `import { retry }` becoming `import { timeout }` is one line's change.
  const prefix = before.lastIndexOf('\n', unchangedStart - 1) + 1;
  const changedBefore = before.slice(prefix, before.length - suffix);
  const changedAfter = fix.text.slice(prefix, fix.text.length - suffix);
  const at = start + prefix;
  // The longest stretch of the old text kept after whole lines added at the start (or replacing its first lines).
  let best: { removed: number; added: number; kept: number } | undefined;
  for (const removed of lineStarts(changedBefore, 5)) {
    for (const added of lineStarts(changedAfter, LINES_SEARCHED)) {
      if (removed === 0 && added === 0) continue;
      const kept = commonPrefix(changedBefore.slice(removed), changedAfter.slice(added));
      if (kept > 0 && (!best || kept > best.kept)) best = { removed, added, kept };
    }
  }
  if (!best) return [{ range: [start + unchangedStart, end - suffix], text: fix.text.slice(unchangedStart, fix.text.length - suffix) }];
  const head: TextFix = { range: [at, at + best.removed], text: changedAfter.slice(0, best.added) };
  const tail: TextFix = { range: [at + best.removed + best.kept, end - suffix], text: changedAfter.slice(best.added + best.kept) };
  return tail.range[0] === tail.range[1] && tail.text === '' ? [head] : [head, tail];
}

/** 0 and the offset after each of the first `limit` line breaks. */
function lineStarts(text: string, limit: number): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1 && starts.length <= limit; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

function commonPrefix(a: string, b: string): number {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length += 1;
  return length;
}

function commonSuffix(a: string, b: string): number {
  let length = 0;
  while (length < a.length && length < b.length && a[a.length - 1 - length] === b[b.length - 1 - length]) length += 1;
  return length;
}

function sameEdit(a: TextFix, b: TextFix): boolean {
  return a.range[0] === b.range[0] && a.range[1] === b.range[1] && a.text === b.text;
}

/** Overlapping or touching edits cannot go in together (as ESLint's `--fix`): which goes first is not known. */
function touches(a: TextFix, b: TextFix): boolean {
  return a.range[0] <= b.range[1] && b.range[0] <= a.range[1];
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
