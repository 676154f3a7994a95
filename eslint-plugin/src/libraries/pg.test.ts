import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';
import { lintWithPreset, scratchProject } from '../scratch-project.cases.js';

const ruleTester = new RuleTester();
const atCreation = { messageId: 'missingClientTimeout' as const };

// A health check that connects to a database it was given and runs one query: with no timeout set anywhere, a
// server that accepts the connection and then stalls holds the check, and everything waiting on it, forever.
ruleTester.run('require-timeout (pg clients made from options held in a variable)', requireTimeout, {
  valid: [
    // the connection string is parsed, then the code bounds it
    `const { parse } = require('pg-connection-string');
     const { Client } = require('pg');
     async function probe(url) {
       const config = parse(url);
       config.query_timeout = 5000;
       const client = new Client(config);
       await client.connect();
       return client.query('SELECT 1');
     }`,
    `import { Pool } from 'pg';
     const settings = { host: 'db', database: 'app', statement_timeout: 5_000 };
     export const pool = new Pool(settings);`,
    // options from elsewhere: not readable here
    `import { Pool } from 'pg'; export const open = (settings: PoolConfig) => new Pool(settings);`,
    `import { Pool } from 'pg'; import { loadSettings } from './settings'; const settings = loadSettings(); export const pool = new Pool(settings);`,
    // handed to a helper that may add a timeout before the pool is made
    `import { Pool } from 'pg';
     const settings = { host: 'db' };
     applyDefaults(settings);
     export const pool = new Pool(settings);`,
    // another library's parse
    `import { parse } from 'url'; import { Client } from 'pg'; const config = parse(process.env.DB_URL); export const client = new Client(config);`,
  ],
  invalid: [
    {
      code: `const toConfig = require('pg-connection-string').parse;
const { Client } = require('pg');
function probe(url, sql) {
  return new Promise((resolve, reject) => {
    const config = toConfig(url);
    config.ssl = config.ssl === 'true';
    const client = new Client(config);
    client.connect((error) => {
      if (error) return reject(error);
      client.query(sql, (failure, result) => (failure ? reject(failure) : resolve(result)));
    });
  });
}
module.exports = { probe };`,
      filename: 'probe.js',
      errors: [{
        ...atCreation,
        line: 7,
        suggestions: [{
          messageId: 'fixInstanceTimeout',
          output: `const toConfig = require('pg-connection-string').parse;
const { Client } = require('pg');
function probe(url, sql) {
  return new Promise((resolve, reject) => {
    const config = toConfig(url);
    config.ssl = config.ssl === 'true';
    const client = new Client({ ...config, statement_timeout: 5_000, query_timeout: 10_000, connectionTimeoutMillis: 10_000 });
    client.connect((error) => {
      if (error) return reject(error);
      client.query(sql, (failure, result) => (failure ? reject(failure) : resolve(result)));
    });
  });
}
module.exports = { probe };`,
        }],
      }],
    },
    {
      code: `import pg from 'pg';
const settings = { host: process.env.PGHOST, database: 'reports', max: 4 };
export const pool = new pg.Pool(settings);`,
      errors: [{ ...atCreation, suggestions: 1 }],
    },
  ],
});

// An import worker reading a customer's own Postgres in batches: a pool made from the connection string the customer
// gave, a client taken from it, and a cursor submitted as the query. The cursor is no options object: the query is
// bounded only by the pool's options, which set no timeout, so a database that stops answering holds the worker.
ruleTester.run('require-timeout (pg queries submitted as a cursor)', requireTimeout, {
  valid: [
    `import { Pool } from 'pg';
import Cursor from 'pg-cursor';
export async function firstRows(connectionString: string, sql: string) {
  const pool = new Pool({ connectionString, statement_timeout: 30_000 });
  const client = await pool.connect();
  const cursor = client.query(new Cursor(sql));
  try { return await cursor.read(100); } finally { await cursor.close(); client.release(); }
}`,
  ],
  invalid: [
    {
      code: `import { Pool } from 'pg';
import Cursor from 'pg-cursor';
export async function firstRows(connectionString: string, sql: string) {
  const pool = new Pool({ connectionString });
  const client = await pool.connect();
  const cursor = client.query(new Cursor(sql));
  try { return await cursor.read(100); } finally { await cursor.close(); client.release(); }
}`,
      errors: [{ ...atCreation, line: 4, suggestions: [{
        messageId: 'fixInstanceTimeout',
        output: `import { Pool } from 'pg';
import Cursor from 'pg-cursor';
export async function firstRows(connectionString: string, sql: string) {
  const pool = new Pool({ connectionString, statement_timeout: 5_000, query_timeout: 10_000, connectionTimeoutMillis: 10_000 });
  const client = await pool.connect();
  const cursor = client.query(new Cursor(sql));
  try { return await cursor.read(100); } finally { await cursor.close(); client.release(); }
}`,
      }] }],
    },
  ],
});

// A worker's store modules querying the one pool its `db.ts` exports (the forty-second held-out round: five findings,
// one per query, none with a fix, as the pool was made in another module): one finding, at the pool, with its fix.
describe('require-timeout: a pg pool exported to the modules that query it', () => {
  const files = scratchProject('pg-exported-pool');
  files.write('worker/package.json', JSON.stringify({ name: 'feed-worker', dependencies: { pg: '^8.11.0' } }));
  const db = files.write('worker/src/db.ts', "import { Pool } from 'pg';\nexport const db = new Pool({ connectionString: process.env.PG_URL });\n");
  const feeds = files.write('worker/src/feeds.ts', `import { db } from './db';
export async function activeFeeds() {
  const result = await db.query('SELECT id, link FROM feeds WHERE active');
  return result.rows;
}
export const markSeen = (id: string) => db.query('UPDATE feeds SET seen_at = now() WHERE id = $1', [id]);
`);
  const timeouts = (file: string) => lintWithPreset(file).filter((message) => message.ruleId === 'resilint/require-timeout');

  it('is reported once, where the pool is made, with the options that bound every query', () => {
    expect(timeouts(feeds)).toEqual([]);
    const [finding, ...others] = timeouts(db);
    expect(others).toEqual([]);
    expect(finding).toMatchObject({ line: 2, message: expect.stringContaining('`new Pool(...)` creates a client with no timeout') });
    expect(finding?.suggestions?.[0]?.fix.text).toBe('{ connectionString: process.env.PG_URL, statement_timeout: 5_000, query_timeout: 10_000, connectionTimeoutMillis: 10_000 }');
  });
});
