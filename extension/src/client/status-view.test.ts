import { describe, expect, it } from 'vitest';
import { statusView, type StatusFacts } from './status-view.js';

const ready: StatusFacts = { server: 'running', linting: false, failure: undefined, findings: 0, file: 'users.ts' };

describe('the status bar item', () => {
  it('counts the findings of the active file, with the right plural', () => {
    expect(statusView(ready)).toEqual({ text: '$(check) Resilint', tooltip: 'Resilint: 0 findings in users.ts.', isError: false });
    expect(statusView({ ...ready, findings: 1 })).toMatchObject({ text: '$(warning) Resilint: 1', tooltip: 'Resilint: 1 finding in users.ts.' });
    expect(statusView({ ...ready, findings: 12 })).toMatchObject({ text: '$(warning) Resilint: 12', tooltip: 'Resilint: 12 findings in users.ts.' });
  });

  it('spins while the server starts or lints', () => {
    expect(statusView({ ...ready, server: 'starting' })).toMatchObject({ text: '$(sync~spin) Resilint', tooltip: 'Resilint is starting…' });
    expect(statusView({ ...ready, linting: true, findings: 3 })).toMatchObject({ text: '$(sync~spin) Resilint', tooltip: 'Resilint is linting…' });
  });

  it('shows an error, before anything else, when the server stopped or the file could not be linted', () => {
    expect(statusView({ ...ready, server: 'stopped', linting: true })).toEqual({ text: '$(error) Resilint', tooltip: "Resilint's language server is not running.", isError: true });
    expect(statusView({ ...ready, linting: true, failure: 'resilint/require-timeout failed on this file and was skipped.' })).toEqual({
      text: '$(error) Resilint',
      tooltip: 'Resilint could not lint all of users.ts: resilint/require-timeout failed on this file and was skipped.',
      isError: true,
    });
  });
});
