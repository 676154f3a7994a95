// Builds dist/: ESM and CJS bundles, one declaration file (also shipped as .d.cts), and the vendored copy
// the VS Code extension drops into a workspace (dist/resilint-runtime.js + .d.ts, importing nothing).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const require = createRequire(import.meta.url);
const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

rmSync(dist, { recursive: true, force: true });

const shared = { entryPoints: [join(root, 'src/index.ts')], bundle: true, platform: 'neutral', target: 'es2022' };
await build({ ...shared, format: 'esm', outfile: join(dist, 'index.js') });
// platform 'node' for the CommonJS build only: it makes esbuild annotate the exports so that Node's
// cjs-module-lexer finds them, and `import { retry } from '.../index.cjs'` gets named exports, not only default.
// The code itself uses no Node API (test/portability.test.ts).
await build({ ...shared, platform: 'node', format: 'cjs', outfile: join(dist, 'index.cjs') });

execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
const declarations = bundleDeclarations(join(dist, 'types'));
rmSync(join(dist, 'types'), { recursive: true });
writeFileSync(join(dist, 'index.d.ts'), declarations);
writeFileSync(join(dist, 'index.d.cts'), declarations);

const banner = `// @resilint/runtime ${version}, vendored by Resilint. MIT licence. Self-contained: it imports nothing.\n`;
writeFileSync(join(dist, 'resilint-runtime.js'), banner + readFileSync(join(dist, 'index.js'), 'utf8'));
writeFileSync(join(dist, 'resilint-runtime.d.ts'), banner + declarations);
checkStandalone(join(dist, 'resilint-runtime.d.ts'));

/**
 * Joins tsc's per-file declarations into one module: drops the relative imports and re-exports between our
 * own files (every name they refer to is declared in the joined file), and refuses to publish a name that
 * index.ts does not export (mark internals with @internal so tsc strips them).
 */
function bundleDeclarations(typesDir) {
  const files = readdirSync(typesDir).filter((file) => file.endsWith('.d.ts')).sort();
  const index = readFileSync(join(typesDir, 'index.d.ts'), 'utf8');
  const publicNames = new Set(
    [...index.matchAll(/export (?:type )?\{([^}]*)\}/g)].flatMap(([, names]) =>
      names.split(',').map((name) => name.replace(/^\s*type\s+/, '').trim()).filter(Boolean),
    ),
  );
  const parts = [];
  for (const file of files) {
    if (file === 'index.d.ts') continue;
    const text = readFileSync(join(typesDir, file), 'utf8')
      .replace(/^import [\s\S]*?from '\.\/[^']+';\n/gm, '')
      .replace(/^export (?:type )?\{[\s\S]*?\} from '\.\/[^']+';\n/gm, '')
      .replace(/import\("\.\/[^"]+"\)\./g, '')
      .replace(/^export \{\};\n/gm, '');
    for (const [, name] of text.matchAll(/^export (?:declare )?(?:abstract )?(?:class|function|const|type|interface) (\w+)/gm)) {
      if (!publicNames.has(name)) throw new Error(`build: ${file} exports ${name}, which index.ts does not; mark it @internal`);
    }
    if (/^\s*import\b/m.test(text)) throw new Error(`build: ${file} still imports something after bundling`);
    parts.push(`// ${file.replace(/\.d\.ts$/, '.ts')}\n${text.trim()}\n`);
  }
  return parts.join('\n');
}

/** The vendored declaration must type-check on its own, under strict mode, with no other file. */
function checkStandalone(file) {
  const probeDir = join(dist, '.probe');
  mkdirSync(probeDir);
  copyFileSync(file, join(probeDir, 'resilint-runtime.d.ts'));
  writeFileSync(
    join(probeDir, 'use.ts'),
    [
      "import { pipeline, fallback, circuitBreaker, retry, exponentialBackoff, timeout } from './resilint-runtime.js';",
      'const policy = pipeline(fallback(() => null as string | null), circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 }),',
      "  retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) }), timeout(5_000));",
      "export const result: Promise<string | null> = policy.execute(async ({ signal, attempt }) => `${signal.aborted} ${attempt}`);",
    ].join('\n'),
  );
  // No @types at all: the file must stand on the standard library (dom lib for AbortSignal) alone.
  writeFileSync(
    join(probeDir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, skipLibCheck: false, target: 'es2022', module: 'nodenext', lib: ['es2022', 'dom'], types: [] },
      files: ['use.ts', 'resilint-runtime.d.ts'],
    }),
  );
  try {
    execFileSync(process.execPath, [tsc, '-p', probeDir], { stdio: 'inherit' });
  } finally {
    rmSync(probeDir, { recursive: true, force: true });
  }
}
