import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { createRule } from './create-rule.js';

// A rule that fails on one shape of code, as a rule with a bug would (a stack overflow on a recursive walk).
const fragile = createRule({
  name: 'fragile',
  meta: { type: 'problem', docs: { description: 'reports fetch calls', recommended: false }, schema: [], messages: { found: 'fetch call' } },
  defaultOptions: [],
  create(context) {
    return {
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'explode') throw new RangeError('Maximum call stack size exceeded');
        if (node.callee.type === 'Identifier' && node.callee.name === 'fetch') context.report({ node, messageId: 'found' });
      },
    };
  },
});

function lint(code: string) {
  const config = { files: ['**/*.js'], plugins: { test: { rules: { fragile } } }, rules: { 'test/fragile': 'error' } } as unknown as Linter.Config;
  return new Linter({ configType: 'flat', cwd: '/' }).verify(code, config, { filename: '/project/src/a.js' });
}

describe('a rule that fails on a file', () => {
  it('reports the failure on that file once, instead of ending the run, and keeps what it found before', () => {
    const messages = lint("fetch('https://a.example.com');\nexplode();\nexplode();\nfetch('https://b.example.com');\n");
    expect(messages.map((message) => [message.line, message.message.slice(0, 40)])).toEqual([
      [1, 'fetch call'],
      [1, 'Resilint could not finish checking this '],
    ]);
    expect(messages[1]!.message).toContain('Maximum call stack size exceeded');
  });

  it('reports nothing of the kind on a file it handles', () => {
    expect(lint("fetch('https://a.example.com');\n").map((message) => message.message)).toEqual(['fetch call']);
  });
});
