import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { modify, parse, type Edit } from 'jsonc-parser';

export const RUNTIME_PACKAGE = '@resilint/runtime';

/** The runtime shipped inside the extension: one self-contained ES module and its type declarations. */
export interface BundledRuntime {
  version: string;
  javascript: string;
  declarations: string;
}

export interface RuntimeAvailability {
  /** The document's code can already import `@resilint/runtime` (installed, or declared in its package.json). */
  resolvable: boolean;
  /** The package.json a dependency would go into, if the document lies in a package. */
  packageJson: string | undefined;
}

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

/** Node's lookup, on disk only: nothing from the workspace is executed. */
export function runtimeAvailability(documentPath: string): RuntimeAvailability {
  let packageJson: string | undefined;
  for (let directory = dirname(documentPath); ; directory = dirname(directory)) {
    if (existsSync(join(directory, 'node_modules', ...RUNTIME_PACKAGE.split('/'), 'package.json'))) {
      return { resolvable: true, packageJson: packageJson ?? nearestPackageJson(directory) };
    }
    const candidate = join(directory, 'package.json');
    if (packageJson === undefined && existsSync(candidate)) {
      packageJson = candidate;
      if (declaresRuntime(candidate)) return { resolvable: true, packageJson };
    }
    if (dirname(directory) === directory) return { resolvable: false, packageJson };
  }
}

function nearestPackageJson(from: string): string | undefined {
  for (let directory = from; ; directory = dirname(directory)) {
    const candidate = join(directory, 'package.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(directory) === directory) return undefined;
  }
}

function declaresRuntime(packageJsonPath: string): boolean {
  const manifest = readJson(readFileSync(packageJsonPath, 'utf8'));
  if (manifest?.['name'] === RUNTIME_PACKAGE) return true;
  return DEPENDENCY_FIELDS.some((field) => {
    const dependencies = manifest?.[field];
    return typeof dependencies === 'object' && dependencies !== null && RUNTIME_PACKAGE in dependencies;
  });
}

/**
 * Edits that add `@resilint/runtime` to `dependencies`, keeping the file's own indentation and everything else
 * byte for byte. Undefined when the text is not a JSON object (the user gets the plain fix only).
 */
export function addRuntimeDependency(packageJsonText: string, version: string): Edit[] | undefined {
  if (readJson(packageJsonText) === undefined) return undefined;
  const indentation = /^([ \t]+)"/m.exec(packageJsonText)?.[1] ?? '  ';
  return modify(packageJsonText, ['dependencies', RUNTIME_PACKAGE], `^${version}`, {
    formattingOptions: { insertSpaces: !indentation.includes('\t'), tabSize: indentation.includes('\t') ? 1 : indentation.length, eol: packageJsonText.includes('\r\n') ? '\r\n' : '\n' },
  });
}

/** The module specifier a file at `documentPath` uses to import the copy at `copyPath` (`./x.js`, `../lib/x.js`). */
export function relativeSpecifier(documentPath: string, copyPath: string): string {
  const path = relative(dirname(documentPath), copyPath).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

/** The declaration file that sits beside a runtime copy, so TypeScript sees its types. */
export function declarationPath(copyPath: string): string {
  return copyPath.replace(/\.(m?)js$/, '.d.$1ts');
}

export function loadBundledRuntime(directory: string): BundledRuntime | undefined {
  const javascript = join(directory, 'resilint-runtime.js');
  if (!existsSync(javascript)) return undefined;
  const manifest = readJson(readFileSync(join(directory, 'package.json'), 'utf8'));
  return {
    version: typeof manifest?.['version'] === 'string' ? manifest['version'] : '0.0.0',
    javascript: readFileSync(javascript, 'utf8'),
    declarations: readFileSync(join(directory, 'resilint-runtime.d.ts'), 'utf8'),
  };
}

function readJson(text: string): Record<string, unknown> | undefined {
  const value: unknown = parse(text, [], { allowTrailingComma: true });
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
