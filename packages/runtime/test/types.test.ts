import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

describe('types', () => {
  it('type the code the quick-fixes generate precisely, under strict mode', () => {
    const file = fileURLToPath(new URL('./fixtures/generated-code.ts', import.meta.url));
    const otelExample = fileURLToPath(new URL('./fixtures/observability-otel.ts', import.meta.url));
    const program = ts.createProgram([file, otelExample], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      types: ['node'],
      skipLibCheck: true,
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n') + (d.file ? ` (${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1})` : ''));
    expect(diagnostics).toEqual([]);
  }, 60_000);
});
