/** What the status bar item knows about the active file and the server. */
export interface StatusFacts {
  server: 'starting' | 'running' | 'stopped';
  /** A lint has been running for a moment (any document: the server lints one at a time). */
  linting: boolean;
  /** Why Resilint could not lint all of the active file, from its last lint. */
  failure: string | undefined;
  /** Resilint's findings in the active file. */
  findings: number;
  /** The active file's name. */
  file: string;
}

export interface StatusView {
  text: string;
  /** A sentence; the item adds what a click does. */
  tooltip: string;
  isError: boolean;
}

/** The item's text and tooltip: an error first (it needs the user), then the spinner, then the count of findings. */
export function statusView(facts: StatusFacts): StatusView {
  if (facts.server === 'stopped') return { text: '$(error) Resilint', tooltip: "Resilint's language server is not running.", isError: true };
  if (facts.failure) return { text: '$(error) Resilint', tooltip: `Resilint could not lint all of ${facts.file}: ${facts.failure}`, isError: true };
  if (facts.server === 'starting') return { text: '$(sync~spin) Resilint', tooltip: 'Resilint is starting…', isError: false };
  if (facts.linting) return { text: '$(sync~spin) Resilint', tooltip: 'Resilint is linting…', isError: false };
  const counted = `${facts.findings} ${facts.findings === 1 ? 'finding' : 'findings'} in ${facts.file}`;
  return { text: facts.findings === 0 ? '$(check) Resilint' : `$(warning) Resilint: ${facts.findings}`, tooltip: `Resilint: ${counted}.`, isError: false };
}
