import type { ParserServices, TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { valueFromModule } from '../libraries/index.js';
import type { ClientSetting } from './settings.js';
import type { Value } from '../project/values.js';
import { instanceOf } from './value-operations.js';

/**
 * With type information (`parserOptions.projectService` or `project`), the checker's answer for what an expression
 * holds, where the code itself does not say: a client resolved from a container (`resolve<AxiosInstance>('billing')`),
 * a dependency object typed in another module, a field assigned in a base class. Only types a library declares count
 * (a class or interface from its package, `AxiosInstance`, `S3Client`, `Pool`): those the library models know. Without
 * type information (the editor's keystroke path, oxlint, the zero-config CLI) nothing here runs.
 */
export class CheckedTypes {
  private readonly checker: ts.TypeChecker;

  private constructor(private readonly services: ParserServices & { program: ts.Program }, private readonly clients: readonly ClientSetting[]) {
    this.checker = services.program.getTypeChecker();
  }

  /** The checker of the file's program, or undefined when the file was parsed without type information. */
  static of(sourceCode: Readonly<TSESLint.SourceCode>, clients: readonly ClientSetting[]): CheckedTypes | undefined {
    const services = sourceCode.parserServices as (ParserServices & { program: ts.Program | null }) | undefined;
    return services?.program ? new CheckedTypes(services as ParserServices & { program: ts.Program }, clients) : undefined;
  }

  /** The client instance `node` holds, by its type: `AxiosInstance` from axios is an axios instance. */
  instanceAt(node: TSESTree.Node): Value | undefined {
    const tsNode = this.services.esTreeNodeToTSNodeMap.get(node);
    if (!tsNode) return undefined;
    const type = this.checker.getNonNullableType(this.checker.getTypeAtLocation(tsNode));
    const symbol = type.aliasSymbol ?? type.getSymbol();
    const declaration = symbol?.declarations?.[0];
    if (!symbol || !declaration) return undefined;
    const module = packageOfDeclaration(declaration.getSourceFile().fileName);
    const exported = module === undefined ? undefined : valueFromModule(module, symbol.getName(), this.clients);
    return exported && instanceOf(exported);
  }
}

/**
 * The package a declaration file belongs to, as code imports it: `node_modules/axios/index.d.ts` is `axios`,
 * `node_modules/@types/pg/index.d.ts` is `pg`, `@types/scope__name` is `@scope/name`, Prisma's generated
 * `.prisma/client` is `@prisma/client`. Undefined for the project's own files.
 */
export function packageOfDeclaration(fileName: string): string | undefined {
  const path = fileName.replaceAll('\\', '/');
  const start = path.lastIndexOf('/node_modules/');
  if (start === -1) return undefined;
  const [first, second] = path.slice(start + '/node_modules/'.length).split('/');
  if (!first || !second) return undefined;
  if (first === '.prisma' && second === 'client') return '@prisma/client';
  if (first === '@types') return second.includes('__') ? `@${second.replace('__', '/')}` : second;
  return first.startsWith('@') ? `${first}/${second}` : first;
}
