import { describe, expect, it } from 'vitest';
import {
  applyFix,
  badFixtures,
  lint,
  PROGRAM,
  read,
  STANDARD_GLOBALS,
  stillReported,
  typeCheck,
  type Finding,
  type TypeCheckInput,
} from './fix-correctness.js';

/**
 * Fix correctness: every suggestion of every finding in every bad fixture, applied alone, gives code that
 * parses, imports what it uses, no longer has the finding it targeted, adds no finding of another rule, and
 * type-checks against the runtime's own types and the real libraries' type definitions (installed as devDependencies).
 */
interface AppliedSuggestion {
  readonly fixture: string;
  readonly finding: Finding;
  readonly title: string;
  readonly output: string;
  readonly after: ReturnType<typeof lint>;
  readonly stillReported: boolean;
}

const fixtures = badFixtures();
const original = new Map(fixtures.map((fixture) => [fixture, read(fixture)] as const));
const before = new Map(fixtures.map((fixture) => [fixture, lint(original.get(fixture) ?? '', fixture)] as const));
const applied: AppliedSuggestion[] = [];
for (const fixture of fixtures) {
  const code = original.get(fixture) ?? '';
  for (const finding of before.get(fixture)?.findings ?? []) {
    for (const suggestion of finding.suggestions) {
      const output = applyFix(code, suggestion);
      const after = lint(output, fixture);
      applied.push({
        fixture,
        finding,
        title: suggestion.title,
        output,
        after,
        stillReported: stillReported(finding, before.get(fixture)?.findings ?? [], after.findings),
      });
    }
  }
}

const name = (entry: AppliedSuggestion): string =>
  `${entry.fixture} @${entry.finding.offset} ${entry.finding.ruleId}: "${entry.title}"`;

function countByRule(findings: readonly Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const finding of findings) counts.set(finding.ruleId, (counts.get(finding.ruleId) ?? 0) + 1);
  return counts;
}

describe('fix correctness over fixtures/<rule>/bad', () => {
  it('has bad fixtures with findings to fix', () => {
    expect(fixtures.length).toBeGreaterThan(0);
    expect(applied.length).toBeGreaterThan(0);
  });

  it('offers at least one suggestion on every finding', () => {
    const without = fixtures.flatMap((fixture) =>
      (before.get(fixture)?.findings ?? [])
        .filter((finding) => finding.suggestions.length === 0)
        .map((finding) => `${fixture} @${finding.offset} ${finding.ruleId}: ${finding.message}`),
    );
    expect(without).toEqual([]);
  });

  it('gives code that parses', () => {
    const broken = applied.filter((entry) => entry.after.fatal.length > 0).map((entry) => `${name(entry)}: ${entry.after.fatal.join('; ')}`);
    expect(broken).toEqual([]);
  });

  it('imports what it uses, once', () => {
    const problems = applied.flatMap((entry) => {
      const previously = before.get(entry.fixture);
      const newlyUnresolved = [...entry.after.unresolved].filter(
        (identifier) => !previously?.unresolved.has(identifier) && !STANDARD_GLOBALS.has(identifier),
      );
      const duplicated = entry.after.runtimeImports > Math.max(1, previously?.runtimeImports ?? 0);
      return [
        ...newlyUnresolved.map((identifier) => `${name(entry)}: uses ${identifier} without declaring or importing it`),
        ...(duplicated ? [`${name(entry)}: imports the runtime more than once`] : []),
      ];
    });
    expect(problems).toEqual([]);
  });

  it('resolves the finding it was offered on', () => {
    const unresolved = applied.filter((entry) => entry.stillReported).map((entry) => `${name(entry)}\n${entry.output}`);
    expect(unresolved).toEqual([]);
  });

  it('adds no finding of another rule', () => {
    const added = applied.flatMap((entry) => {
      const previous = countByRule(before.get(entry.fixture)?.findings ?? []);
      const now = countByRule(entry.after.findings);
      return [...now]
        .filter(([ruleId, count]) => ruleId !== entry.finding.ruleId && count > (previous.get(ruleId) ?? 0))
        .map(([ruleId]) => `${name(entry)}: adds a ${ruleId} finding\n${entry.output}`);
    });
    expect(added).toEqual([]);
  });

  it('type-checks with tsc against the runtime and the real libraries\' types, with no error the fixture did not already have', () => {
    const typescript = (path: string): boolean => /\.[cm]?tsx?$/.test(path);
    const inputs: TypeCheckInput[] = [
      ...fixtures.filter(typescript).map((fixture) => ({ label: `original ${fixture}`, filename: fixture, code: original.get(fixture) ?? '' })),
      ...applied
        .filter((entry) => typescript(entry.fixture))
        .map((entry, index) => ({ label: `${index} ${name(entry)}`, filename: entry.fixture, code: entry.output })),
    ];
    const diagnostics = typeCheck(inputs);
    expect(diagnostics.get(PROGRAM)).toEqual([]);
    // a library or local module a fixture imports must be found, or every error of its fixes would hide behind
    // "cannot find module"
    const missingModules = inputs
      .filter((input) => input.label.startsWith('original '))
      .flatMap((input) => (diagnostics.get(input.label) ?? []).filter((line) => /TS2307: Cannot find module/.test(line)).map((line) => `${input.filename}: ${line}`));
    expect(missingModules).toEqual([]);
    const problems: string[] = [];
    for (const input of inputs) {
      if (input.label.startsWith('original ')) continue;
      const fixture = input.filename;
      const already = diagnostics.get(`original ${fixture}`) ?? [];
      const added = (diagnostics.get(input.label) ?? []).filter((line) => !already.includes(line));
      if (added.length > 0) problems.push(`${input.label}\n  ${added.join('\n  ')}\n${input.code}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('the type check of fixed files', () => {
  it("checks a file with its local modules' types, so a fix misusing what it imports is caught", { timeout: 120_000 }, () => {
    const orders = 'fixtures/sample-project/src/routes/orders.ts';
    const misuse = `${read(orders)}\nexport const misread: number = saveOrder;\n`;
    const diagnostics = typeCheck([{ label: 'orders', filename: orders, code: read(orders) }, { label: 'misuse', filename: orders, code: misuse }]);
    expect(diagnostics.get('orders')).toEqual([]);
    // read from ../db.ts beside it: before, the import resolved to nothing and saveOrder was any
    expect(diagnostics.get('misuse')?.join('\n')).toMatch(/TS2322: Type '\(order: Order\) => Promise<.*>' is not assignable to type 'number'/);
  });
});
