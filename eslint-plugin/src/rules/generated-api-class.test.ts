import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from './require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// An SDK's REST client generated from an OpenAPI description (swagger-typescript-api's shape): `HttpClient` makes its
// axios instance in its constructor from the config it is given, `Api` extends it, and both sit in a `generated/`
// folder that is not linted. The SDK's own code creates the `Api`: there the timeout of every request is chosen.
const ruleTester = new RuleTester();
const client = fileURLToPath(new URL('../../../fixtures/workspaces/generated-api-sdk/src/rest/client.ts', import.meta.url));
const code = readFileSync(client, 'utf8');

ruleTester.run('require-timeout (a generated API class over axios)', requireTimeout, {
  valid: [
    { filename: client, code: code.replace('new Api({ baseURL,', 'new Api({ baseURL, timeout: 15_000,') },
    // config from elsewhere may carry one
    { filename: client, code: `import { Api } from './generated/Api';\nexport const fleetApi = (config: object) => new Api(config);` },
  ],
  invalid: [
    {
      filename: client,
      code,
      errors: [{
        messageId: 'missingClientTimeout',
        line: 3,
        suggestions: [{ messageId: 'fixInstanceTimeout', output: code.replace('} });', '}, timeout: 5_000 });') }],
      }],
    },
    {
      // no config at all
      filename: client,
      code: `import { Api } from './generated/Api';\nexport const publicFleetApi = () => new Api();`,
      errors: [{ messageId: 'missingClientTimeout', suggestions: 1 }],
    },
  ],
});
