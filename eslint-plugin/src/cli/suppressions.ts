import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import type { ESLint, Linter } from 'eslint';
import { resultCounts } from './result-counts.js';

/**
 * Bulk suppressions, the way to adopt Resilint in a code base that already has gaps: the findings of today are
 * counted per file and rule in ESLint's own suppressions file (`eslint-suppressions.json`, same format, same paths
 * relative to the working directory, same key order), so `eslint` and `resilint` read and write one file and agree.
 * A file whose count of a rule's errors stays at or below its entry reports none of them; one more, and all of them
 * are reported again (counts, not lines, so moving code does not break the baseline). ESLint's CLI keeps this logic
 * to itself (its API only applies a file), hence this small copy of the behaviour.
 */

/** `{ "src/a.ts": { "resilint/require-timeout": { "count": 2 } } }` */
export type Suppressions = Record<string, Record<string, { count: number }>>;

export const DEFAULT_SUPPRESSIONS_FILE = 'eslint-suppressions.json';

export interface SuppressionRequest {
  /** The file, relative to the working directory or absolute. */
  location: string;
  /** Given on the command line: then it must exist unless this run writes it. */
  locationGiven: boolean;
  /** Suppress every finding of today (`--suppress-all`), or those of some rules (`--suppress-rule`). */
  suppress: 'all' | readonly string[] | undefined;
  /** Drop the entries no finding uses any more (`--prune-suppressions`). */
  prune: boolean;
  /** Do not fail the run when entries are left that no finding uses (`--pass-on-unpruned-suppressions`). */
  passOnUnpruned: boolean;
}

export interface SuppressionOutcome {
  results: ESLint.LintResult[];
  /** How many findings the file kept out of the report. */
  suppressed: number;
  /** Entries that no finding uses any more: the gap was fixed, so the baseline should shrink with it. */
  unused: Suppressions;
}

/**
 * Writes what the request asks to the suppressions file, then applies the file to the results. Undefined when
 * there is no file and none was asked for (nothing to do).
 */
export async function withSuppressions(results: ESLint.LintResult[], request: SuppressionRequest, cwd: string): Promise<SuppressionOutcome | undefined> {
  const path = resolve(cwd, request.location);
  const exists = existsSync(path);
  if (request.locationGiven && !exists && request.suppress === undefined) {
    throw new Error(`the suppressions file ${request.location} does not exist. Create it with --suppress-all or --suppress-rule <rule>.`);
  }
  if (!exists && request.suppress === undefined && !request.prune) return undefined;
  let suppressions = exists ? await loadSuppressions(path) : {};
  if (request.suppress !== undefined) {
    suppressions = suppress(suppressions, results, cwd, request.suppress === 'all' ? undefined : request.suppress);
    await saveSuppressions(path, suppressions);
  } else if (request.prune) {
    suppressions = prune(suppressions, results, cwd);
    await saveSuppressions(path, suppressions);
  }
  return applySuppressions(results, suppressions, cwd);
}

async function loadSuppressions(path: string): Promise<Suppressions> {
  const text = await readFile(path, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`the suppressions file ${path} is not valid JSON (${(error as Error).message}). Fix it, or delete it and run --suppress-all again.`);
  }
  if (!isSuppressions(parsed)) {
    throw new Error(
      `the suppressions file ${path} is not in ESLint's format: { "<file>": { "<rule>": { "count": <number> } } }. Fix it, or delete it and run --suppress-all again.`,
    );
  }
  return parsed;
}

function isSuppressions(value: unknown): value is Suppressions {
  const isObject = (candidate: unknown): candidate is Record<string, unknown> => typeof candidate === 'object' && candidate !== null && !Array.isArray(candidate);
  return (
    isObject(value) &&
    Object.values(value).every(
      (rules) => isObject(rules) && Object.values(rules).every((entry) => isObject(entry) && Number.isInteger(entry['count']) && (entry['count'] as number) > 0),
    )
  );
}

/** Keys sorted at every level and two-space indentation, as ESLint writes the file, so either tool leaves no diff. */
async function saveSuppressions(path: string, suppressions: Suppressions): Promise<void> {
  await writeFile(path, JSON.stringify(sortedKeys(suppressions), null, 2));
}

function sortedKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
  );
}

/** Errors per rule in one file; like ESLint, warnings are never suppressed. */
function errorsByRule(messages: readonly Linter.LintMessage[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const message of messages) {
    if (message.severity === 2 && message.ruleId) counts.set(message.ruleId, (counts.get(message.ruleId) ?? 0) + 1);
  }
  return counts;
}

/** The file's key: its path from the working directory, with forward slashes on every system. */
function fileKey(filePath: string, cwd: string): string {
  return relative(cwd, filePath).split(sep).join('/');
}

function suppress(previous: Suppressions, results: readonly ESLint.LintResult[], cwd: string, rules: readonly string[] | undefined): Suppressions {
  const suppressions = structuredClone(previous);
  for (const result of results) {
    for (const [ruleId, count] of errorsByRule(result.messages)) {
      if (rules && !rules.includes(ruleId)) continue;
      (suppressions[fileKey(result.filePath, cwd)] ??= {})[ruleId] = { count };
    }
  }
  return suppressions;
}

/** Lowers each entry to the findings left, drops those left with none, and files that no longer exist. */
function prune(previous: Suppressions, results: readonly ESLint.LintResult[], cwd: string): Suppressions {
  const suppressions = structuredClone(previous);
  const { unused } = applySuppressions(results, suppressions, cwd);
  for (const [file, rules] of Object.entries(unused)) {
    for (const [ruleId, { count }] of Object.entries(rules)) {
      const entry = suppressions[file]?.[ruleId];
      if (!entry) continue;
      if (entry.count === count) delete suppressions[file]![ruleId];
      else entry.count -= count;
    }
    if (suppressions[file] && Object.keys(suppressions[file]).length === 0) delete suppressions[file];
  }
  for (const file of Object.keys(suppressions)) {
    if (!existsSync(resolve(cwd, file))) delete suppressions[file];
  }
  return suppressions;
}

function applySuppressions(results: readonly ESLint.LintResult[], suppressions: Suppressions, cwd: string): SuppressionOutcome {
  const unused: Suppressions = {};
  let suppressed = 0;
  const applied = results.map((result) => {
    const file = fileKey(result.filePath, cwd);
    const entries = suppressions[file];
    if (!entries) return result;
    const counts = errorsByRule(result.messages);
    const quiet = new Set<string>();
    for (const [ruleId, { count: allowed }] of Object.entries(entries)) {
      const found = counts.get(ruleId) ?? 0;
      if (found > 0 && found <= allowed) quiet.add(ruleId);
      if (found < allowed) (unused[file] ??= {})[ruleId] = { count: allowed - found };
    }
    if (quiet.size === 0) return result;
    const kept = result.messages.filter((message) => !(message.ruleId && quiet.has(message.ruleId)));
    const moved = result.messages
      .filter((message) => message.ruleId && quiet.has(message.ruleId))
      .map((message) => ({ ...message, suppressions: [{ kind: 'file' as const, justification: '' }] }));
    suppressed += moved.length;
    return { ...result, ...resultCounts(kept), messages: kept, suppressedMessages: [...result.suppressedMessages, ...moved] };
  });
  return { results: applied, suppressed, unused };
}
