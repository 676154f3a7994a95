import { derive, instanceFrom, io, value, type LibraryModel } from './model.js';

/**
 * Prisma Client: `new PrismaClient()`, `prisma.user.findMany()`, `prisma.$transaction(...)`. A query takes no
 * timeout of its own: it waits at most `pool_timeout` (10 s) for a connection, and a running query is bounded only
 * by the database URL (`socket_timeout`, PostgreSQL's `statement_timeout`), which lives outside the code, or by an
 * interactive `$transaction`'s `timeout` (5 s by default). So require-timeout reports none of its calls.
 */

const OPERATIONS = new Set([
  'findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findMany', 'create', 'createMany',
  'createManyAndReturn', 'update', 'updateMany', 'updateManyAndReturn', 'upsert', 'delete', 'deleteMany', 'count',
  'aggregate', 'groupBy',
]);
const CLIENT_OPERATIONS = new Set(['$transaction', '$queryRawUnsafe', '$executeRawUnsafe', '$runCommandRaw', '$connect']);

export const prismaLibrary: LibraryModel = {
  kind: 'prisma',
  dataStore: true,
  title: 'Prisma Client',
  modules: ['@prisma/client'],
  typeNames: ['PrismaClient'],
  takesUrl: false,
  dependencyName: 'database',
  signal: 'none',
  retries: 'never (interactive transactions: none; `P2034` write conflicts are left to the caller)',
  fromModule(module, imported) {
    if (module !== '@prisma/client' || imported !== 'PrismaClient') return undefined;
    return value('prisma', 'class', 'PrismaClient');
  },
  member(v, name) {
    if (v.role === 'client') {
      if (name === '$extends') return derive(v, 'extends', name);
      if (CLIENT_OPERATIONS.has(name)) return derive(v, 'operation', name);
      return /^[a-z]/.test(name) ? derive(v, 'model', name) : undefined;
    }
    if (v.role === 'model' && OPERATIONS.has(name)) return derive(v, 'operation', `${v.name}.${name}`);
    return undefined;
  },
  call(v) {
    if (v.role === 'operation') return io(`prisma ${v.name}`, undefined, -1, undefined);
    if (v.role === 'extends') return { result: derive(v, 'client', 'prisma') };
    return undefined;
  },
  construct: (v, node) => (v.role === 'class' ? instanceFrom(v, 'client', node, node.arguments.length ? [node.arguments[0]] : []) : undefined),
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'client', options: [null] } : undefined),
  timeout: {
    levels: ['pool'],
    callOptions: [],
    instanceOptions: [],
    chainMethods: [],
    remedy: 'set `socket_timeout` (or PostgreSQL `statement_timeout`) in the database URL',
    defaultBound: '10 s to get a connection (`pool_timeout`); queries: none unless the URL sets one',
    // nothing in the code bounds a query: no finding a reviewer could act on at the call
    isChecked: () => false,
  },
  fix: {},
};
