import { describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from './fix-correctness.js';

/**
 * A call inside a condition that narrows a property it reads (`typeof reply.output === 'string'`): TypeScript does not
 * carry that narrowing into a callback, so a fix that moves the call into a policy's callback would not compile.
 * Every suggestion offered must compile, and the finding keeps one.
 */
const NARROWED = `type Reply = { output?: string | string[] };

export async function download(reply: Reply, signal?: AbortSignal): Promise<Blob | undefined> {
  if (typeof reply.output === 'string') {
    const file = await fetch(reply.output, { signal });
    return file.blob();
  } else if (Array.isArray(reply.output)) {
    const file = await fetch(reply.output[0]!, { signal });
    return file.blob();
  }
  return undefined;
}
`;

/** A `let` narrowed by a check and reassigned in the loop: the callback would see it possibly undefined. */
const NARROWED_LET = `const mirrors = new Map<string, { url: string }>();

export async function fetchParts(keys: string[]): Promise<number> {
  let total = 0;
  let mirror = mirrors.get(keys[0]!);
  for (const key of keys) {
    if (!mirror) throw new Error('no mirror for ' + key);
    const part = await fetch(mirror.url + '/' + key);
    total += (await part.arrayBuffer()).byteLength;
    mirror = mirrors.get(key);
  }
  return total;
}
`;

describe('fixes of a call reading a narrowed variable', () => {
  it('all compile against the real types, and the finding keeps one', { timeout: 120_000 }, () => {
    const [finding, ...others] = lint(NARROWED_LET, 'src/parts.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    expect(others).toEqual([]);
    expect(finding!.suggestions.length).toBeGreaterThan(0);
    const outputs = finding!.suggestions.map((suggestion) => applyFix(NARROWED_LET, suggestion));
    expect(typeErrors([NARROWED_LET, ...outputs])).toEqual([NARROWED_LET, ...outputs].map(() => []));
  });
});

describe('fixes of a call reading a narrowed property', () => {
  it('all compile against the real types, and each finding keeps one', { timeout: 120_000 }, () => {
    const findings = lint(NARROWED, 'src/download.ts').findings.filter((finding) => finding.ruleId === 'resilint/require-timeout');
    expect(findings).toHaveLength(2);
    for (const finding of findings) expect(finding.suggestions.length).toBeGreaterThan(0);
    const outputs = findings.flatMap((finding) => finding.suggestions.map((suggestion) => applyFix(NARROWED, suggestion)));
    const [original, ...fixed] = typeErrors([NARROWED, ...outputs]);
    expect(original).toEqual([]);
    expect(fixed).toEqual(outputs.map(() => []));
  });
});

/**
 * A call under a condition on `process.env`, reading a value whose type it states itself (`as string`): nothing it
 * reads depends on the narrowing, so the runtime's wraps stay offered (a library with no option of its own, such as
 * an older Resend, has no other fix), and they compile.
 */
const ASSERTED = `export async function addToSegment(contactId: string): Promise<void> {
  if (process.env.NODE_ENV === 'production' && process.env.SEGMENT_ID) {
    await fetch('https://api.mail.example.com/segments/' + (process.env.SEGMENT_ID as string), { method: 'PUT', body: contactId });
  }
}
`;

describe('fixes of a call under a condition it does not depend on', () => {
  it("keep the runtime's wraps, and all compile against the real types", { timeout: 120_000 }, () => {
    const [finding] = lint(ASSERTED, 'src/segments.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    expect(finding!.suggestions.some((suggestion) => /runtime/.test(suggestion.title))).toBe(true);
    const outputs = finding!.suggestions.map((suggestion) => applyFix(ASSERTED, suggestion));
    expect(typeErrors([ASSERTED, ...outputs])).toEqual([ASSERTED, ...outputs].map(() => []));
  });
});
