import { describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';

// A client that takes an injectable fetch, typed by a signature of its own whose init names no signal (tests hand it
// a fake; the product, the global fetch). Passing `signal` in the init literal would not compile against that type, so
// the fix lets the type take one as well.
const exporter = (fetchType: string, extra = '') => `${fetchType}
${extra}export class Exporter {
  private readonly send: FetchLike;
  constructor(send?: FetchLike) {
    this.send = send ?? (fetch as unknown as FetchLike);
  }
  async push(events: object[]): Promise<number> {
    const answer = await this.send('https://events.example.com/v1/batch', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(events) });
    return answer.status;
  }
}
`;

function firstTimeoutFix(source: string): string {
  const [finding] = lint(source, 'exporter.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
  return applyFix(source, finding!.suggestions[0]!);
}

describe('a signal passed to a fetch-like typed in the file', () => {
  it('is declared in the type literal of its init, and compiles', () => {
    const source = exporter('type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body?: string }) => Promise<{ status: number }>;');
    const fixed = firstTimeoutFix(source);
    expect(fixed).toContain('body?: string; signal?: AbortSignal }');
    expect(fixed).toContain('signal: AbortSignal.timeout(5_000) })');
    expect(typeErrors([source, fixed])).toEqual([[], []]);
  }, 120_000);

  it('is declared in an interface of the file the init is typed by', () => {
    const source = exporter('type FetchLike = (url: string, init: SendInit) => Promise<{ status: number }>;', 'interface SendInit {\n  method: string;\n  headers: Record<string, string>;\n  body?: string;\n}\n');
    const fixed = firstTimeoutFix(source);
    expect(fixed).toContain('  body?: string;\n  signal?: AbortSignal;\n}');
    expect(typeErrors([fixed])).toEqual([[]]);
  }, 120_000);

  it('leaves a type that takes one already as it is', () => {
    const source = exporter('type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal }) => Promise<{ status: number }>;');
    const fixed = firstTimeoutFix(source);
    expect(fixed.match(/signal\?: AbortSignal/g)).toHaveLength(1);
    expect(typeErrors([fixed])).toEqual([[]]);
  }, 120_000);
});
