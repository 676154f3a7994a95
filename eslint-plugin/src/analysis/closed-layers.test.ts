import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';

// A request layer only its module can call (a private method, a function the module does not export) spreads its
// caller's options into fetch: when no caller gives a bound, the bound belongs in the layer, and its fetch is reported
// once there, not at each caller. A caller that passes a signal, or a layer other modules may call, keeps the callers judged.

function lines(code: string): number[] {
  const config = [...(plugin.configs.recommended as unknown as Linter.Config[])];
  return new Linter({ configType: 'flat' }).verify(code, config, { filename: 'src/worker.ts' })
    .filter((message) => message.ruleId === 'resilint/require-timeout' || message.fatal)
    .map((message) => message.line);
}

const worker = (modifier: string, secondOptions: string): string => `export class Worker {
  constructor(private readonly base: string) {}
  ${modifier}async call(path: string, options: any = {}) {
    const response = await fetch(this.base + path, { ...options, headers: { accept: 'application/json', ...options.headers } });
    return response.json();
  }
  list() { return this.call('/items'); }
  start(id: string) { return this.call('/items/' + id, ${secondOptions}); }
}
`;

const moduleLayer = (exported: string): string => `${exported}async function call(path: string, options: RequestInit = {}) {
  return (await fetch('https://api.example.com' + path, { ...options })).json();
}
export const list = () => call('/items');
export const start = (id: string) => call('/items/' + id, { method: 'POST' });
`;

describe('a layer only its module calls', () => {
  it("reports a private method's fetch once when no caller bounds it", () => {
    expect(lines(worker('private ', "{ method: 'POST' }"))).toEqual([4]);
  });

  it('reports a module function it does not export the same way', () => {
    expect(lines(moduleLayer(''))).toEqual([2]);
  });
});

describe('a layer whose callers may bound it (control)', () => {
  it('judges each caller when one of them passes a signal', () => {
    expect(lines(worker('private ', "{ method: 'POST', signal: AbortSignal.timeout(5_000) }"))).toEqual([7]);
  });

  it('judges each caller of a public method or an exported function', () => {
    expect(lines(worker('', "{ method: 'POST' }"))).toEqual([7, 8]);
    expect(lines(moduleLayer('export '))).toEqual([4, 5]);
  });
});
