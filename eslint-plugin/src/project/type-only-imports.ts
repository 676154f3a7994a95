/**
 * Whether the `from '...'` at `index` of a module's text ends a type-only statement (`import type { A } from`,
 * `export type { A } from`, `import { type A, type B } from`): the build erases it, so the module it names is not
 * loaded by this one.
 */
export function endsTypeOnlyStatement(text: string, index: number): boolean {
  const statement = text.slice(Math.max(text.lastIndexOf('import', index), text.lastIndexOf('export', index), 0), index);
  if (/^(?:import|export)\s+type\s/.test(statement)) return true;
  const names = /^import\s*\{([^}]*)\}\s*$/.exec(statement)?.[1]?.split(',').map((name) => name.trim()).filter(Boolean);
  return !!names?.length && names.every((name) => name.startsWith('type '));
}
