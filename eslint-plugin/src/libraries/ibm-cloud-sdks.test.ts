import { createRequire } from 'node:module';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyFix, lint } from '../../../test/fix-correctness.js';
import { silentServer, type SilentServer } from '../../../test/silent-server.js';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const atCreation = { messageId: 'missingClientTimeout' as const };

// A back end's watsonx.ai client made once and used by its playground and evaluations (met on lunary, the twenty-fifth
// round): the SDK core hands the options to axios and sets no timeout, so a model that stops answering holds the run.
const watsonx = (options: string) => `import { WatsonXAI } from '@ibm-cloud/watsonx-ai';
export const ai = WatsonXAI.newInstance({ version: '2024-05-31', serviceUrl: process.env.WATSONX_URL${options} });
export async function chat(modelId: string, projectId: string, text: string) {
  return ai.textChat({ modelId, projectId, messages: [{ role: 'user', content: text }] });
}
`;

ruleTester.run('require-timeout (IBM watsonx.ai and Watson SDKs)', requireTimeout, {
  valid: [
    watsonx(', timeout: 60_000'),
    // options kept elsewhere are not judged
    `import { WatsonXAI } from '@ibm-cloud/watsonx-ai';
import { serviceOptions } from './config';
export const ai = new WatsonXAI(serviceOptions);`,
  ],
  invalid: [
    {
      code: watsonx(''),
      errors: [{
        ...atCreation, line: 2,
        suggestions: [{ messageId: 'fixInstanceTimeout', output: watsonx(', timeout: 60_000') }],
      }],
    },
    {
      code: `const { WatsonXAI } = require('@ibm-cloud/watsonx-ai');
module.exports = new WatsonXAI({ version: '2024-05-31' });`,
      errors: [{ ...atCreation, suggestions: 1 }],
    },
    {
      // Watson's services share the core: the same option bounds them
      code: `import AssistantV2 from 'ibm-watson/assistant/v2';
import { IamAuthenticator } from 'ibm-watson/auth';
export const assistant = new AssistantV2({ version: '2023-06-15', authenticator: new IamAuthenticator({ apikey: process.env.KEY! }) });`,
      errors: [{ ...atCreation, suggestions: 1 }],
    },
  ],
});

describe('the watsonx.ai fix', () => {
  let silent: SilentServer;
  beforeAll(async () => {
    silent = await silentServer();
  });
  afterAll(() => silent.close());

  it('gives every request of the client it makes a timeout', { timeout: 30_000 }, async () => {
    const source = watsonx('');
    const [finding] = lint(source, 'ibm.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const fixed = applyFix(source, finding!.suggestions[0]!);
    const options = /newInstance\((\{.*\})\);/.exec(fixed)![1]!;
    expect(options).toContain('timeout: 60_000');
    const require = createRequire(import.meta.url);
    const { WatsonXAI } = require('@ibm-cloud/watsonx-ai') as { WatsonXAI: { newInstance(options: object): { textChat(params: object): Promise<unknown> } } };
    const { NoAuthAuthenticator } = require('ibm-cloud-sdk-core') as { NoAuthAuthenticator: new () => object };
    // the fixed options, the service pointed at the silent one (and the minute scaled down for the test)
    const given = new Function('process', `return ${options.replace('60_000', '300')};`)({ env: { WATSONX_URL: silent.url } }) as object;
    const ai = WatsonXAI.newInstance({ ...given, authenticator: new NoAuthAuthenticator() });
    await expect(ai.textChat({ modelId: 'm', projectId: 'p', messages: [] })).rejects.toThrow(/timeout/i);
  });
});
