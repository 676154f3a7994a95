import { parse } from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { importBindsClient, textBindsClient } from './client-imports.js';

/** The first import statement of `code`, as ESLint's parser gives it. */
function firstImport(code: string): TSESTree.ImportDeclaration {
  return parse(code, { range: true }).body[0] as TSESTree.ImportDeclaration;
}

// Sequelize's model gives a value to `Sequelize` (and to the default and namespace imports), not to its operators,
// errors or option types: a repository module that only builds `where` clauses with `Op` calls no client of its own.
describe('an import from a client module', () => {
  it('brings no client when every name it binds has no value in the library model', () => {
    expect(importBindsClient(firstImport("import { Op } from 'sequelize';"), [])).toBe(false);
    expect(importBindsClient(firstImport("import type { WhereOptions, FindOptions } from 'sequelize';"), [])).toBe(false);
    expect(importBindsClient(firstImport("import { UniqueConstraintError as Taken } from 'sequelize';"), [])).toBe(false);
  });

  it('brings a client when one of its names is one, or it binds the module whole', () => {
    expect(importBindsClient(firstImport("import { Op, Sequelize } from 'sequelize';"), [])).toBe(true);
    expect(importBindsClient(firstImport("import type { Sequelize } from 'sequelize';"), [])).toBe(true);
    expect(importBindsClient(firstImport("import Sequelize from 'sequelize';"), [])).toBe(true);
    expect(importBindsClient(firstImport("import * as orm from 'sequelize';"), [])).toBe(true);
    expect(importBindsClient(firstImport("import 'sequelize';"), [])).toBe(true);
  });

  it('is not a client import when the module is no client library', () => {
    expect(importBindsClient(firstImport("import { Sequelize } from './database';"), [])).toBe(false);
  });
});

describe("a module's text, before the project model parses it", () => {
  it('names no client when its only client-module imports bind names without a value', () => {
    expect(textBindsClient("import { Op } from 'sequelize';\nimport type {\n  WhereOptions,\n  Transaction,\n} from 'sequelize';\n", [])).toBe(false);
    expect(textBindsClient("import { format } from './dates';\n", [])).toBe(false);
  });

  it('names a client when any mention of a client module may bind one', () => {
    expect(textBindsClient("import { Op } from 'sequelize';\nimport { Sequelize } from 'sequelize';\n", [])).toBe(true);
    expect(textBindsClient("import { Op } from 'sequelize';\nconst orm = require('sequelize');\n", [])).toBe(true);
    expect(textBindsClient("export { Sequelize } from 'sequelize';\n", [])).toBe(true);
    expect(textBindsClient("import db, { Op } from 'sequelize';\n", [])).toBe(true);
  });

  it('counts a clause it cannot split cleanly as binding a client', () => {
    // a comment inside the braces: the names are not read, so the import counts as it did before the check
    expect(textBindsClient("import {\n  Op, // operators for where clauses\n} from 'sequelize';\n", [])).toBe(true);
  });
});
