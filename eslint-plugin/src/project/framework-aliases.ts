import { basename, dirname, join, resolve } from 'node:path';
import { projectDirectoryExists, projectFileExists } from './files.js';

/**
 * Path aliases a framework declares in a tsconfig it generates at build time, which a fresh clone does not hold: the
 * project's own tsconfig `extends` it, so without it `$lib/client/status` (SvelteKit) or `~/composables/api` (Nuxt)
 * resolves to nothing, and a module only pages import reads as one nothing imports. Data, one row a framework: the
 * generated file the project's tsconfig extends, and the aliases the framework writes there by default (patterns and
 * targets as in `paths`, the targets relative to the project's root, the folder of the tsconfig that extends it).
 */
interface GeneratedConfig {
  /** The folder the framework writes its tsconfig to, beside the project's own. */
  readonly folder: string;
  /** The aliases the generated tsconfig declares by default; `{src}` is the framework's source folder. */
  readonly paths: Readonly<Record<string, readonly string[]>>;
  /** The source folder, when the framework has one apart from the root. */
  readonly sourceFolder?: (root: string) => string;
}

const GENERATED_CONFIGS: readonly GeneratedConfig[] = [
  // SvelteKit: `kit.files.lib` defaults to src/lib.
  { folder: '.svelte-kit', paths: { $lib: ['src/lib'], '$lib/*': ['src/lib/*'] } },
  // Nuxt: `~`/`@` are the source folder (app/ from Nuxt 4 on, the root before), `~~`/`@@` the root.
  {
    folder: '.nuxt',
    paths: { '~': ['{src}'], '~/*': ['{src}/*'], '@': ['{src}'], '@/*': ['{src}/*'], '~~': ['.'], '~~/*': ['./*'], '@@': ['.'], '@@/*': ['./*'] },
    sourceFolder: (root) => (projectDirectoryExists(join(root, 'app')) ? 'app' : '.'),
  },
];

/**
 * The default aliases of the framework whose generated tsconfig `configPath` extends, when that file is not there
 * (once built, TypeScript reads the real one). Absolute targets, so they hold whatever `baseUrl` says.
 */
export function missingGeneratedPaths(configPath: string, extendsField: unknown): Record<string, string[]> | undefined {
  const root = dirname(configPath);
  for (const extended of [extendsField].flat()) {
    if (typeof extended !== 'string' || !extended.startsWith('.')) continue;
    const target = resolve(root, extended);
    const generated = GENERATED_CONFIGS.find((config) => basename(dirname(target)) === config.folder);
    if (!generated || projectFileExists(target)) continue;
    const source = generated.sourceFolder?.(root) ?? '.';
    const paths: Record<string, string[]> = {};
    for (const [pattern, targets] of Object.entries(generated.paths)) {
      paths[pattern] = targets.map((path) => join(root, path.replace('{src}', source)));
    }
    return paths;
  }
  return undefined;
}
