import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { expect, it } from 'vitest';
import { planBreaker } from './circuit-breaker.js';

function sourceOf(code: string) {
  const linter = new Linter({ configType: 'flat' });
  linter.verify(code, [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }], { filename: 'queue.ts' });
  return linter.getSourceCode();
}

it("names a dependency's breaker as an identifier, whatever characters the dependency's name holds", () => {
  // a fix declaring `const azure-queueBreaker = ...` would not parse
  expect(planBreaker(sourceOf('export {};') as never, 'azure-queue').name).toBe('azureQueueBreaker');
  expect(planBreaker(sourceOf('export {};') as never, 'http').name).toBe('httpBreaker');
});

it('reuses the breaker an earlier fix declared for the same dependency, and picks a free name otherwise', () => {
  const declared = sourceOf("import { circuitBreaker } from '@resilint/runtime';\nconst azureQueueBreaker = circuitBreaker({ failureThreshold: 5 });\n");
  expect(planBreaker(declared as never, 'azure-queue')).toEqual({ name: 'azureQueueBreaker', declare: false });
  const taken = sourceOf('const templateRegistryBreaker = 1;\nexport { templateRegistryBreaker };\n');
  expect(planBreaker(taken as never, 'template-registry')).toEqual({ name: 'resilintTemplateRegistryBreaker', declare: true });
});
