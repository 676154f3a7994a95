import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { relative } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { ESLint, Linter } from 'eslint';

/**
 * `resilint fix --rule <rule> [--suggestion <kind>] [--dry-run]`: applies one kind of suggestion to every finding of
 * a rule. ESLint applies only autofixes from the command line, and Resilint's fixes are suggestions (each changes what
 * the code does, so the editor asks first); this is the same choice made once for a whole code base. One finding at a
 * time, re-linting after each edit so that fixes never overlap, and an edit is kept only if the file still parses and
 * has one finding of the rule fewer.
 */

export interface FixRequest {
  /** `resilint/require-timeout` */
  ruleId: string;
  /** A suggestion kind (`native-timeout`), or undefined for the first one each finding offers (the most local). */
  kind: string | undefined;
  dryRun: boolean;
}

export interface FixReport {
  /** What to print: the diffs on a dry run, then one line per finding left, then the totals. */
  output: string;
  /** Every finding of the rule was fixed. */
  complete: boolean;
}

/** `fixNativeTimeout` → `native-timeout`: the names a user types. */
export function suggestionKind(messageId: string): string {
  return messageId.replace(/^fix/, '').replace(/[A-Z]/g, (letter, offset: number) => `${offset === 0 ? '' : '-'}${letter.toLowerCase()}`);
}

/** The suggestion kinds a rule can offer, from its messages. */
export function suggestionKinds(messages: Readonly<Record<string, string>> | undefined): string[] {
  return Object.keys(messages ?? {})
    .filter((messageId) => /^fix[A-Z]/.test(messageId))
    .map(suggestionKind);
}

interface Unfixed {
  line: number;
  column: number;
  why: string;
}

const MAX_EDITS_PER_FILE = 500;

export async function fixFiles(eslint: ESLint, results: readonly ESLint.LintResult[], request: FixRequest, cwd: string): Promise<FixReport> {
  const diffs: string[] = [];
  const lines: string[] = [];
  let fixed = 0;
  let left = 0;
  let changedFiles = 0;
  let runtimeMissing = false;
  for (const result of results) {
    if (!result.messages.some((message) => message.ruleId === request.ruleId)) continue;
    const original = await readFile(result.filePath, 'utf8');
    const outcome = await fixText(eslint, result.filePath, original, request);
    const path = relative(cwd, result.filePath) || result.filePath;
    fixed += outcome.fixed;
    left += outcome.unfixed.length;
    for (const finding of outcome.unfixed) lines.push(`${path}:${finding.line}:${finding.column}  not fixed: ${finding.why}`);
    if (outcome.text === original) continue;
    changedFiles++;
    runtimeMissing ||= importsMissingRuntime(result.filePath, original, outcome.text);
    // git's a/ and b/ prefixes, so `git apply` takes the dry run's output as it is
    if (request.dryRun) diffs.push(createTwoFilesPatch(`a/${path}`, `b/${path}`, original, outcome.text, undefined, undefined, { context: 3 }).replace(/^=+\n/, ''));
    else await writeFile(result.filePath, outcome.text);
  }
  const findings = (count: number) => `${count} finding${count === 1 ? '' : 's'}`;
  const how = request.kind ? ` with '${request.kind}'` : '';
  const verb = request.dryRun ? 'Would fix' : 'Fixed';
  lines.push(`${verb} ${findings(fixed)} of ${request.ruleId}${how} in ${changedFiles} file${changedFiles === 1 ? '' : 's'}${left > 0 ? `; ${findings(left)} left unchanged` : ''}.`);
  if (runtimeMissing) lines.push(`The fixes import ${RUNTIME}, which this project does not have yet: npm install ${RUNTIME}.`);
  return { output: `${[...diffs, ...lines].join('\n')}\n`, complete: left === 0 };
}

const RUNTIME = '@resilint/runtime';

/** The fixed text imports the runtime's package (not a copy named in the settings) and it cannot be resolved there. */
function importsMissingRuntime(filePath: string, original: string, fixed: string): boolean {
  const importsIt = (text: string) => text.includes(`'${RUNTIME}'`) || text.includes(`"${RUNTIME}"`);
  if (!importsIt(fixed) || importsIt(original)) return false;
  try {
    createRequire(filePath).resolve(`${RUNTIME}/package.json`);
    return false;
  } catch {
    return true;
  }
}

async function fixText(eslint: ESLint, filePath: string, original: string, request: FixRequest): Promise<{ text: string; fixed: number; unfixed: Unfixed[] }> {
  let text = original;
  let fixed = 0;
  const unfixed: Unfixed[] = [];
  // Findings given up on, by what they say, the code they point at and which of the same they are (their lines
  // move as earlier ones are fixed).
  const givenUp = new Set<string>();
  let findings = await findingsOf(eslint, text, filePath, request.ruleId);
  for (let edits = 0; findings && edits < MAX_EDITS_PER_FILE; edits++) {
    const keys = identities(text, findings);
    const index = keys.findIndex((key) => !givenUp.has(key));
    const target = findings[index];
    if (!target) break;
    const giveUp = (why: string) => {
      givenUp.add(keys[index]!);
      unfixed.push({ line: target.line, column: target.column, why });
    };
    const suggestion = chosenSuggestion(target, request.kind);
    if (!suggestion) {
      giveUp(request.kind ? `no '${request.kind}' suggestion here (${offered(target)})` : 'no suggestion here');
      continue;
    }
    const next = text.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + text.slice(suggestion.fix.range[1]);
    const after = await findingsOf(eslint, next, filePath, request.ruleId);
    if (!after || after.length >= findings.length) {
      giveUp(after ? `'${suggestion.desc}' did not resolve it` : `'${suggestion.desc}' would leave the file unparsable`);
      continue;
    }
    text = next;
    findings = after;
    fixed++;
  }
  return { text, fixed, unfixed };
}

/** The rule's findings in this text, in order; undefined when the text does not parse. */
async function findingsOf(eslint: ESLint, text: string, filePath: string, ruleId: string): Promise<Linter.LintMessage[] | undefined> {
  const [result] = await eslint.lintText(text, { filePath });
  if (!result || result.messages.some((message) => message.fatal)) return undefined;
  return result.messages.filter((message) => message.ruleId === ruleId);
}

function chosenSuggestion(finding: Linter.LintMessage, kind: string | undefined): Linter.LintSuggestion | undefined {
  const suggestions = finding.suggestions ?? [];
  if (kind === undefined) return suggestions[0];
  return suggestions.find((suggestion) => suggestion.messageId !== undefined && suggestionKind(suggestion.messageId) === kind);
}

function offered(finding: Linter.LintMessage): string {
  const kinds = (finding.suggestions ?? []).flatMap((suggestion) => (suggestion.messageId ? [suggestionKind(suggestion.messageId)] : []));
  return kinds.length > 0 ? `it offers ${kinds.join(', ')}` : 'it offers none';
}

function identities(text: string, findings: readonly Linter.LintMessage[]): string[] {
  const lines = text.split('\n');
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const start = offsetOf(lines, finding.line, finding.column);
    const end = finding.endLine === undefined ? start : offsetOf(lines, finding.endLine, finding.endColumn ?? finding.column);
    const key = `${finding.message}\u0000${text.slice(start, end)}`;
    const nth = (seen.get(key) ?? 0) + 1;
    seen.set(key, nth);
    return `${key}\u0000${nth}`;
  });
}

function offsetOf(lines: readonly string[], line: number, column: number): number {
  let offset = 0;
  for (let index = 0; index < line - 1; index++) offset += (lines[index]?.length ?? 0) + 1;
  return offset + column - 1;
}
