import { describe, expect, it } from 'vitest';
import { lintWithPreset } from '../scratch-project.cases.js';

// A data server that runs a converter program as a source and restarts it when it exits (the forty-first round's
// marine data server): at once only when the last start is older than the throttle window, else after the rest of
// it. At most one start a minute, of a program on this machine: a supervisor, not a crash loop. The same throttle
// around a connection to another machine still reconnects to a shared dependency at a fixed pace.
const supervisor = (starts: string, restart: string) => `
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, type Socket } from 'node:net';
export class Source {
  private running?: ChildProcess | Socket;
  private startedAt = 0;
  private stopped = false;
  constructor(private readonly command: string, private readonly windowSeconds = 60) {}
  start(): void {
    this.startedAt = Date.now();
    const started = ${starts};
    this.running = started;
    started.on('close', () => {
      if (this.stopped) return;
      ${restart}
    });
  }
  stop(): void {
    this.stopped = true;
    this.running?.destroy?.();
  }
}
`;

const THROTTLED = `const windowMs = this.windowSeconds * 1000;
      const elapsed = Date.now() - this.startedAt;
      if (elapsed > windowMs) {
        this.start();
      } else {
        setTimeout(() => this.start(), windowMs - elapsed);
      }`;

function retries(code: string): string[] {
  return lintWithPreset('/srv/gateway/src/source.ts', 'all', code)
    .filter((message) => message.fatal || /retry/.test(message.ruleId ?? ''))
    .map((message) => `${message.line}:${message.ruleId}`);
}

describe('a program restarted when it exits', () => {
  it('is left alone when a throttle window paces the starts', () => {
    expect(retries(supervisor("spawn(this.command, { shell: true })", THROTTLED))).toEqual([]);
    expect(retries(supervisor("spawn(this.command, { shell: true })", THROTTLED.replace('elapsed > windowMs', 'windowMs <= elapsed')))).toEqual([]);
  });

  it('is still a crash loop when restarted at once', () => {
    expect(retries(supervisor("spawn(this.command, { shell: true })", 'this.start();'))).not.toEqual([]);
  });

  it('is still a fixed-pace reconnect when what restarts is a connection to another machine', () => {
    expect(retries(supervisor("connect(10110, 'ais.example.net')", THROTTLED))).toEqual(['18:resilint/retry-requires-backoff']);
  });
});
