import { describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';

// A fix that bounds a call uses the code's own timeout for such work where the code names one in milliseconds: a
// dashboard query the product allows 30 s is not cut at 5 s, and the bound follows the setting when it changes.
function firstTimeoutFix(code: string, filename = 'service.ts'): { title: string; fixed: string } {
  const finding = lint(code, filename).findings.find((found) => found.ruleId === 'resilint/require-timeout');
  const suggestion = finding?.suggestions[0];
  if (!suggestion) throw new Error('no require-timeout finding with a fix');
  return { title: suggestion.title, fixed: applyFix(code, suggestion) };
}

const connector = (imports: string) => `import { createConnection, type ConnectionOptions } from 'mysql2/promise';
${imports}
export async function runDashboardQuery(options: ConnectionOptions, sql: string) {
  const connection = await createConnection({ ...options, connectTimeout: 10_000 });
  try {
    const [rows] = await connection.query(sql);
    return rows;
  } finally {
    connection.destroy();
  }
}
`;

describe("a fix's timeout, taken from the code's own budget", () => {
  it("uses the module's query timeout beside its connect timeout, and compiles against mysql2", { timeout: 60_000 }, () => {
    const code = connector(`export const QUERY_TIMEOUT_IN_MS = 30 * 1000;
export const CONNECT_TIMEOUT_IN_MS = 10 * 1000;`);
    const { title, fixed } = firstTimeoutFix(code);
    expect(title).toContain('{ sql, timeout: QUERY_TIMEOUT_IN_MS }');
    expect(fixed).toContain('connection.query({ sql: sql, timeout: QUERY_TIMEOUT_IN_MS })');
    expect(typeErrors([fixed])).toEqual([[]]);
  });

  it('uses a limit imported from another module', () => {
    const { fixed } = firstTimeoutFix(connector("import { DATA_SOURCE_QUERY_TIMEOUT_IN_MS, DATA_SOURCE_CONNECT_TIMEOUT_IN_MS } from './limits';"));
    expect(fixed).toContain('timeout: DATA_SOURCE_QUERY_TIMEOUT_IN_MS }');
  });

  it("uses the class's own timeout field for a request its method rebuilds (a redirect)", { timeout: 60_000 }, () => {
    const code = `import { request } from 'node:https';
export class PaymentsClient {
  constructor(private readonly timeoutMs = 30_000) {}
  follow(location: string, headers: Record<string, string>) {
    const next = new URL(location);
    const nextOptions = { hostname: next.hostname, path: next.pathname, method: 'POST', headers };
    return new Promise((resolve, reject) => {
      const again = request(nextOptions, resolve);
      again.on('error', reject);
      again.end();
    });
  }
}
`;
    const { fixed } = firstTimeoutFix(code);
    expect(fixed).toContain('request({ ...nextOptions, signal: AbortSignal.timeout(this.timeoutMs) }, resolve)');
    expect(typeErrors([fixed])).toEqual([[]]);
  });

  it("uses a module's request timeout for a fetch", () => {
    const { fixed } = firstTimeoutFix(`const REQUEST_TIMEOUT_MS = 8_000;
export const weather = (city: string) => fetch(\`https://weather.example/\${city}\`);
`);
    expect(fixed).toContain('signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)');
  });

  it('keeps the ordinary 5 s where the code names no limit of this work, or could mean several', () => {
    const other = [
      // limits of other things: opening a connection, polling, a lock
      `const CONNECT_TIMEOUT_MS = 10_000;\nconst POLL_TIMEOUT_MS = 60_000;\nconst LOCK_TIMEOUT_MS = 5 * 60_000;`,
      // in seconds: the unit is not said to be milliseconds
      'const REQUEST_TIMEOUT = 30;',
      // two limits, neither named after a query or an ordinary request
      'const UPLOAD_TIMEOUT_MS = 600_000;\nconst SYNC_TIMEOUT_MS = 120_000;',
    ];
    for (const declarations of other) expect(firstTimeoutFix(connector(declarations)).fixed).toContain('timeout: 5_000 }');
  });

  it("does not read a field where it may be unset, or where this is not the class's instance", () => {
    const client = (field: string, send: string) => `export class Weather {
  ${field}
  read(city: string) {
    ${send}
  }
}
`;
    const optional = client('private timeoutMs?: number;', 'return fetch(`https://weather.example/${city}`);');
    expect(firstTimeoutFix(optional).fixed).toContain('AbortSignal.timeout(5_000)');
    const rebound = client('private timeoutMs = 30_000;', 'return [city].map(function (name) { return fetch(`https://weather.example/${name}`); });');
    expect(firstTimeoutFix(rebound).fixed).toContain('AbortSignal.timeout(5_000)');
  });
});
