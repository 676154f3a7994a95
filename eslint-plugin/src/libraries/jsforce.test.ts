import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import { silentServer, type SilentServer } from '../../../test/silent-server.js';

// A back end's Salesforce integration (met on usertour, the twenty-fifth round): an OAuth callback makes a connection
// and awaits `authorize` and a SOQL query. jsforce 3.9 gives its requests no timeout, `Connection` takes none and no
// call takes a signal: the process sets the bound once, in the defaults of jsforce's fetch wrapper.
const integration = (head = '') => `import jsforce, { type OAuth2 } from 'jsforce';
${head}export async function connectSalesforce(code: string, oauth2: OAuth2) {
  const conn = new jsforce.Connection({ oauth2 });
  await conn.authorize(code);
  return conn.query('SELECT Id, Name FROM Account LIMIT 10');
}
`;

/** A project depending on the given jsforce range, and the file of it the code is linted as. */
function projectFile(range: string): string {
  const project = mkdtempSync(join(tmpdir(), 'resilint-jsforce-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ dependencies: { jsforce: range } }));
  return join(project, 'salesforce.ts');
}

const timeoutFindings = (code: string, filename: string) => lint(code, filename).findings.filter((found) => found.ruleId === 'resilint/require-timeout');

describe('require-timeout (jsforce)', () => {
  it('reports a connection made against jsforce 3.9, where it is made', () => {
    const [finding, ...others] = timeoutFindings(integration(), projectFile('^3.9.1'));
    expect(others).toEqual([]);
    expect(finding?.message).toContain('`new jsforce.Connection(...)` creates a client with no timeout');
    expect(finding?.suggestions.map((suggestion) => suggestion.title)).toEqual(['Set `setDefaults({ timeout })` where the client is created, bounding every call it makes.']);
  });

  it('is quiet from 3.10 on, whose requests give up after 30 minutes', () => {
    expect(timeoutFindings(integration(), projectFile('^3.10.13'))).toEqual([]);
  });

  it('is quiet where the file sets the requests\' default timeout, and the fix is what makes it so', () => {
    const filename = projectFile('~3.9.5');
    const source = integration();
    const fixed = applyFix(source, timeoutFindings(source, filename)[0]!.suggestions[0]!);
    expect(fixed).toContain("import { setDefaults } from 'jsforce/lib/request.js';");
    expect(timeoutFindings(fixed, filename)).toEqual([]);
    expect(timeoutFindings(integration("const { setDefaults } = require('jsforce/lib/request');\nsetDefaults({ timeout: 20_000 });\n"), filename)).toEqual([]);
    // defaults set without a timeout leave the requests unbounded
    expect(timeoutFindings(integration("import { setDefaults } from 'jsforce/lib/request';\nsetDefaults({ followRedirect: true });\n"), filename)).toHaveLength(1);
  });
});

describe('the jsforce fix', () => {
  let silent: SilentServer;
  beforeAll(async () => {
    // Salesforce accepting the request and never answering
    silent = await silentServer();
  });
  afterAll(() => silent.close());

  it('compiles against jsforce\'s own types and makes a query to a silent instance give up', { timeout: 60_000 }, async () => {
    const source = integration();
    const fixed = applyFix(source, timeoutFindings(source, projectFile('~3.9.5'))[0]!.suggestions[0]!);
    expect(typeErrors([fixed, fixed.replace('timeout: 60_000', 'timeOut: 60_000')]).map((errors) => errors.length > 0)).toEqual([false, true]);

    const require = createRequire(import.meta.url);
    const jsforce = require('jsforce') as { Connection: new (options: object) => { query(soql: string): Promise<unknown> } };
    const { setDefaults } = require('jsforce/lib/request.js') as { setDefaults(defaults: object): void };
    const defaults = /setDefaults\((\{.*\})\);/.exec(fixed)![1]!;
    // the defaults the fix writes, the minute scaled down for the test
    setDefaults(new Function('process', `return ${defaults.replace('60_000', '300')};`)(process) as object);
    const conn = new jsforce.Connection({ instanceUrl: silent.url, accessToken: 'token' });
    // jsforce aborts the fetch when its timer fires
    await expect(conn.query('SELECT Id FROM Account')).rejects.toThrow(/aborted/);
  });
});
