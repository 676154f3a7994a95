import type { Rule } from 'eslint';
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintPlugin } from './linting.js';
import type { BundledRuntime } from './runtime-setup.js';
import type { LintStatus, ServiceHost } from './service.js';

// What the service tests share (not a test file itself: vitest runs only *.test.ts).

// A small plugin of real ESLint rules, shaped like Resilint's: it flags `fetch(url)` without options and
// suggests wrapping the call in the runtime's `timeout`, importing it from `settings.resilint.runtimeModule`.
export const bareFetch: Rule.RuleModule = {
  meta: {
    type: 'problem',
    hasSuggestions: true,
    docs: { url: 'https://example.test/docs/bare-fetch.md' },
    messages: { bare: 'fetch() has no timeout.', wrap: 'Wrap in timeout()', signal: 'Pass an abort signal' },
    schema: [],
  },
  create(context) {
    const runtimeModule = (context.settings['resilint'] as { runtimeModule?: string } | undefined)?.runtimeModule ?? '@resilint/runtime';
    return {
      CallExpression(node) {
        if (node.callee.type !== 'Identifier' || node.callee.name !== 'fetch' || node.arguments.length !== 1) return;
        const call = context.sourceCode.getText(node);
        context.report({
          node,
          messageId: 'bare',
          suggest: [
            {
              messageId: 'wrap',
              fix: (fixer) => [
                fixer.insertTextBeforeRange([0, 0], `import { timeout } from '${runtimeModule}';\n`),
                fixer.replaceText(node, `timeout((signal) => ${call.replace(/\)$/, ', { signal })')}, 5000)`),
              ],
            },
            { messageId: 'signal', fix: (fixer) => fixer.insertTextAfter(node.arguments[0]!, ', { signal: AbortSignal.timeout(5000) }') },
          ],
        });
      },
    };
  },
};

export const alwaysThrows: Rule.RuleModule = {
  meta: { type: 'problem', schema: [], messages: {} },
  create() {
    return {
      Program() {
        throw new Error('boom');
      },
    };
  },
};

// Flags `get(url)`; its only fix imports the runtime (not in `recommended`: turned on where a test needs it).
export const bareGet: Rule.RuleModule = {
  meta: { type: 'problem', hasSuggestions: true, messages: { bare: 'get() has no timeout.', wrap: 'Wrap in timeout()' }, schema: [] },
  create(context) {
    const runtimeModule = (context.settings['resilint'] as { runtimeModule?: string } | undefined)?.runtimeModule ?? '@resilint/runtime';
    return {
      CallExpression(node) {
        if (node.callee.type !== 'Identifier' || node.callee.name !== 'get') return;
        const call = context.sourceCode.getText(node);
        context.report({
          node,
          messageId: 'bare',
          suggest: [
            {
              messageId: 'wrap',
              fix: (fixer) => [fixer.insertTextBeforeRange([0, 0], `import { timeout } from '${runtimeModule}';\n`), fixer.replaceText(node, `timeout(() => ${call}, 5000)`)],
            },
          ],
        });
      },
    };
  },
};

export const plugin: LintPlugin = {
  rules: { 'bare-fetch': bareFetch, 'always-throws': alwaysThrows, 'bare-get': bareGet },
  configs: { recommended: { rules: { 'resilint/bare-fetch': 'warn' } } },
};

export const runtime: BundledRuntime = { version: '1.2.3', javascript: 'export function timeout() {}\n', declarations: 'export declare function timeout(): void;\n' };

export class TestHost implements ServiceHost {
  readonly published = new Map<string, Diagnostic[]>();
  readonly logs: string[] = [];
  readonly statuses: LintStatus[] = [];
  readonly documents = new Map<string, TextDocument>();
  folders: string[] = [];
  settings: Record<string, unknown> = {};

  configuration(): Promise<unknown> {
    return Promise.resolve(this.settings);
  }
  publishDiagnostics(uri: string, diagnostics: Diagnostic[]): void {
    this.published.set(uri, diagnostics);
  }
  log(level: string, message: string): void {
    this.logs.push(`${level}: ${message}`);
  }
  openDocument(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }
  workspaceFolders(): string[] {
    return this.folders;
  }
  beginProgress?: (title: string) => Promise<{ done(): void; readonly cancelled?: boolean }>;
  workspaceTrusted?: () => boolean;
  openDocuments?: () => TextDocument[];
  lintLater?: (uri: string) => void;
  lintStatus(status: LintStatus): void {
    this.statuses.push(status);
  }
}
