import tsParser from '@typescript-eslint/parser';
import { Linter, type ESLint } from 'eslint';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, parse, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { rules } from '../eslint-plugin/src/rules/index.js';

export const REPOSITORY = fileURLToPath(new URL('..', import.meta.url));
const SOURCE_EXTENSIONS = /\.(?:[cm]?[jt]sx?)$/;
const RUNTIME_MODULE = '@resilint/runtime';

const plugin = { rules } as unknown as ESLint.Plugin;
const config: Linter.Config[] = [
  {
    files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
    languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' },
    plugins: { resilint: plugin },
    rules: Object.fromEntries(Object.keys(rules).map((name) => [`resilint/${name}`, 'error'])),
  },
];

export interface Finding {
  readonly ruleId: string;
  readonly offset: number;
  readonly message: string;
  readonly suggestions: readonly { readonly title: string; readonly range: readonly [number, number]; readonly text: string }[];
}

export interface LintResult {
  readonly findings: readonly Finding[];
  readonly fatal: readonly string[];
  /** names the file reads that nothing in it declares */
  readonly unresolved: ReadonlySet<string>;
  /** import declarations and requires of the runtime module */
  readonly runtimeImports: number;
}

/**
 * The code to fix, as paths relative to the repository: every fixture under fixtures/<rule>/bad/, and the
 * sources of the sample project (a realistic service whose files the rules were not written against).
 */
export function badFixtures(): string[] {
  const root = join(REPOSITORY, 'fixtures');
  const found: string[] = [];
  const visit = (directory: string): void => {
    for (const entry of readdirSync(directory).sort()) {
      const path = join(directory, entry);
      if (statSync(path).isDirectory()) visit(path);
      else if (SOURCE_EXTENSIONS.test(entry) && !entry.endsWith('.d.ts')) found.push(relative(REPOSITORY, path));
    }
  };
  for (const rule of readdirSync(root).sort()) {
    const bad = join(root, rule, 'bad');
    if (statSync(join(root, rule)).isDirectory() && safeIsDirectory(bad)) visit(bad);
  }
  const sample = join(root, 'sample-project', 'src');
  if (safeIsDirectory(sample)) visit(sample);
  return found;
}

function safeIsDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Lints `code` as `filename` with every Resilint rule on, through ESLint's own Linter. A path outside this repository
 * (a sample project made in a temporary folder) is linted from its file system's root, since a flat config matches
 * only files under the folder it is given.
 */
export function lint(code: string, filename: string): LintResult {
  const outside = isAbsolute(filename) && relative(REPOSITORY, filename).startsWith('..');
  const linter = new Linter({ cwd: outside ? parse(filename).root : REPOSITORY });
  const messages = linter.verify(code, config, { filename });
  const sourceCode = linter.getSourceCode();
  const unresolved = new Set<string>();
  let runtimeImports = 0;
  if (sourceCode) {
    for (const reference of sourceCode.scopeManager?.globalScope?.through ?? []) unresolved.add(reference.identifier.name);
    for (const statement of sourceCode.ast.body) {
      if (statement.type === 'ImportDeclaration' && statement.source.value === RUNTIME_MODULE && (statement as { importKind?: string }).importKind !== 'type') {
        runtimeImports++;
      }
    }
    runtimeImports += code.split(`require('${RUNTIME_MODULE}')`).length - 1 + code.split(`require("${RUNTIME_MODULE}")`).length - 1;
  }
  const lineStarts = [0];
  for (let index = 0; index < code.length; index++) if (code[index] === '\n') lineStarts.push(index + 1);
  return {
    fatal: messages.filter((message) => message.fatal || message.ruleId === null).map((message) => message.message),
    unresolved,
    runtimeImports,
    findings: messages
      .filter((message) => message.ruleId?.startsWith('resilint/'))
      .map((message) => ({
        ruleId: message.ruleId ?? '',
        offset: (lineStarts[message.line - 1] ?? 0) + message.column - 1,
        message: message.message,
        suggestions: (message.suggestions ?? []).map((suggestion) => ({
          title: suggestion.desc,
          range: suggestion.fix.range,
          text: suggestion.fix.text,
        })),
      })),
  };
}

export function applyFix(code: string, fix: { readonly range: readonly [number, number]; readonly text: string }): string {
  return code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);
}

/**
 * Whether `after` still has `finding`. ESLint merges a suggestion's edits (an import at the top, the wrap at
 * the call) into one range, so positions inside it cannot be mapped back; instead the fix must leave fewer
 * findings of the targeted rule than there were (it touches only the code of its own finding).
 */
export function stillReported(finding: Finding, before: readonly Finding[], after: readonly Finding[]): boolean {
  const count = (findings: readonly Finding[]): number => findings.filter((other) => other.ruleId === finding.ruleId).length;
  return count(after) >= count(before);
}

/** Globals of Node 20 and browsers that fixes may write (`console`, `AbortSignal.timeout`, timers). */
export const STANDARD_GLOBALS: ReadonlySet<string> = new Set([
  'console', 'AbortSignal', 'AbortController', 'setTimeout', 'clearTimeout', 'Promise', 'Math', 'Error', 'crypto',
]);

/** The key under which `typeCheck` returns diagnostics outside the checked files (the runtime's own sources). */
export const PROGRAM = '(runtime)';

export interface TypeCheckInput {
  /** where the file came from, to name it in failures */
  readonly label: string;
  readonly filename: string;
  readonly code: string;
}

/**
 * Type-checks files in one TypeScript program. Each file lies, in memory only, in a copy of the repository's tree
 * of its own under test/fix-check/<n>/, so that its library imports resolve to the real packages' type definitions
 * installed as this repository's devDependencies (a library's own or `@types/*`), its relative imports to its real
 * neighbours (the sample project's modules, read from disk into that copy), and the runtime to its own sources
 * (mapped by `paths`, not the built package). Returns the diagnostics of each file as `TS<code>: <message>` lines, a
 * neighbour's counted as the file's own (prefixed with the neighbour's path), since the file's fix can change them.
 */
export function typeCheck(inputs: readonly TypeCheckInput[]): Map<string, string[]> {
  const checkRoot = join(REPOSITORY, 'test', 'fix-check');
  const files = new Map<string, { readonly label: string; readonly code: string }>();
  inputs.forEach((input, index) => {
    files.set(join(checkRoot, String(index), input.filename), input);
  });
  /** The file on disk a path in a copy stands for: a neighbour of a checked file, under fixtures/. */
  const onDisk = (name: string): string | undefined => {
    const inCopy = relative(checkRoot, name).split(/[\\/]/).slice(1);
    return inCopy[0] === 'fixtures' ? join(REPOSITORY, ...inCopy) : undefined;
  };
  /** The checked file whose copy of the tree `name` lies in. */
  const copyIndex = (name: string): number | undefined => {
    const copy = relative(checkRoot, name).split(/[\\/]/)[0];
    return copy === undefined || !/^\d+$/.test(copy) ? undefined : Number(copy);
  };
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    esModuleInterop: true,
    allowJs: true,
    checkJs: false,
    types: ['node'],
    typeRoots: [join(REPOSITORY, 'node_modules', '@types')],
    paths: { [RUNTIME_MODULE]: [join(REPOSITORY, 'packages', 'runtime', 'src', 'index.ts')] },
  };
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  const neighbour = (name: string): string | undefined => {
    const real = onDisk(name);
    return real === undefined ? undefined : readFile.call(host, real);
  };
  host.fileExists = (name) => files.has(name) || fileExists.call(host, name) || neighbour(name) !== undefined;
  // module resolution looks for a folder before the files in it: a copy's folders exist where the real ones do
  const { directoryExists } = host;
  host.directoryExists = (name) => {
    const real = onDisk(name);
    return directoryExists?.call(host, name) !== false || (real !== undefined && directoryExists?.call(host, real) === true);
  };
  host.readFile = (name) => files.get(name)?.code ?? readFile.call(host, name) ?? neighbour(name);
  host.getSourceFile = (name, language) => {
    const code = files.get(name)?.code ?? (fileExists.call(host, name) ? undefined : neighbour(name));
    return code === undefined ? getSourceFile.call(host, name, language) : ts.createSourceFile(name, code, language);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  const result = new Map<string, string[]>([[PROGRAM, []]]);
  for (const { label } of files.values()) result.set(label, []);
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const path = diagnostic.file?.fileName;
    const own = path === undefined ? undefined : files.get(path)?.label;
    const line = `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
    const copy = path === undefined || own !== undefined ? undefined : copyIndex(path);
    if (own !== undefined) {
      result.get(own)?.push(line);
    } else if (copy !== undefined && path !== undefined) {
      result.get(inputs[copy]!.label)?.push(`${relative(join(checkRoot, String(copy)), path)}: ${line}`);
    } else {
      // in the runtime: reported on its own, since it would make every file's check meaningless
      result.set(PROGRAM, [...(result.get(PROGRAM) ?? []), `${path ?? 'program'}: ${line}`]);
    }
  }
  return result;
}

/**
 * Type errors of each source, compiled in one program as if it lay in this repository, so that its imports resolve to
 * the type definitions installed here (a library's own or `@types/*`): for fixes whose code must fit a library's
 * real declarations.
 */
export function typeErrorsAgainstInstalledTypes(sources: readonly string[]): string[][] {
  const files = sources.map((_, index) => join(REPOSITORY, 'test', `installed-types-${index}.check.ts`));
  const text = new Map(files.map((file, index) => [file, sources[index]!]));
  const options: ts.CompilerOptions = {
    strict: true, noEmit: true, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'], types: ['node'], skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (name) => text.has(name) || fileExists.call(host, name);
  host.readFile = (name) => text.get(name) ?? readFile.call(host, name);
  host.getSourceFile = (name, language) => (text.has(name) ? ts.createSourceFile(name, text.get(name)!, language) : getSourceFile.call(host, name, language));
  const diagnostics = ts.getPreEmitDiagnostics(ts.createProgram(files, options, host));
  return files.map((file) => diagnostics.filter((diagnostic) => diagnostic.file?.fileName === file)
    .map((diagnostic) => `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`));
}

export function read(path: string): string {
  return readFileSync(join(REPOSITORY, path), 'utf8');
}
