import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// An admin panel's AI assistant on Bedrock through LangChain (the forty-seventh round's rocketadmin): the model's
// Bedrock client is made with no timeout and a call is sent with only the signal its options give, so each answer,
// streamed or not, waits as long as Bedrock takes. The fix is LangChain's `timeout` call option.
const ruleTester = new RuleTester();

const assistant = (answer: string, stream: string) => `import { ChatBedrockConverse } from '@langchain/aws';
import { HumanMessage, type BaseMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { z } from 'zod';

export class Assistant {
  private createModel(modelId?: string): ChatBedrockConverse {
    return new ChatBedrockConverse({ model: modelId ?? 'anthropic.claude-3-haiku', temperature: 0.2, maxTokens: 1024 });
  }

  async answer(prompt: string): Promise<string> {
    const model = this.createModel();
    const reply = await ${answer};
    return String(reply.content);
  }

  async streamWithTools(messages: BaseMessage[]) {
    const lookup = tool(async ({ table }) => table, { name: 'lookup', description: 'Reads a table', schema: z.object({ table: z.string() }) });
    const withTools = this.createModel().bindTools([lookup]);
    return ${stream};
  }
}
`;
const REMEDY = "pass `{ timeout: ms }` in its call options (LangChain makes it the signal Bedrock is sent with); the model's Bedrock client is made with no timeout";

ruleTester.run('require-timeout: LangChain Bedrock chat model', requireTimeout, {
  valid: [
    assistant('model.invoke([new HumanMessage(prompt)], { timeout: 60_000 })', 'withTools.stream(messages, { signal: AbortSignal.timeout(120_000) })'),
    // binding tools sends nothing
    assistant('model.invoke([new HumanMessage(prompt)], { timeout: 60_000 })', 'withTools.lc_namespace'),
  ],
  invalid: [
    {
      code: assistant('model.invoke([new HumanMessage(prompt)])', 'withTools.stream(messages)'),
      errors: [
        { messageId: 'missingTimeout', line: 13, data: { call: 'ChatBedrockConverse.invoke', remedy: REMEDY }, suggestions: 3 },
        { messageId: 'missingTimeout', line: 20, data: { call: 'ChatBedrockConverse.stream', remedy: REMEDY }, suggestions: 3 },
      ],
    },
  ],
});

describe('the fix of a LangChain Bedrock call', () => {
  it("passes LangChain's timeout option, which compiles against @langchain/aws and @langchain/core", { timeout: 60_000 }, () => {
    let code = assistant('model.invoke([new HumanMessage(prompt)])', 'withTools.stream(messages)');
    for (;;) {
      const finding = lint(code, 'assistant.ts').findings.find((found) => found.ruleId === 'resilint/require-timeout');
      if (!finding) break;
      code = applyFix(code, finding.suggestions[0]!);
    }
    expect(code).toContain('model.invoke([new HumanMessage(prompt)], { timeout: 120_000 })');
    expect(code).toContain('withTools.stream(messages, { timeout: 120_000 })');
    expect(typeErrors([code])).toEqual([[]]);
  });
});
