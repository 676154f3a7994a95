import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';
import { copyFixtureProject, ordersFile, pathWithServer, unboundedFetchLine } from './support.js';

// A real non-VS Code client: Neovim's built-in LSP client, headless, runs test/neovim/quick-fix.lua against the
// installed binary. CI installs Debian's neovim (scripts/setup-neovim.sh) and sets RESILINT_REQUIRE_NEOVIM, so a
// missing nvim fails there; on a developer's machine without it the test is skipped under a name that says why,
// since Neovim is not a dependency anyone needs to work on Resilint.
const MINIMUM = [0, 7];
const neovim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const version = /^NVIM v(\d+)\.(\d+)\.(\d+)/.exec(neovim.stdout ?? '')?.slice(1).map(Number);
const required = Boolean(process.env['RESILINT_REQUIRE_NEOVIM'] || process.env['CI']);
const skip = !version && !required;
const installHint = 'bash packages/language-server/scripts/setup-neovim.sh installs it';
if (skip) console.warn(`The Neovim test of resilint-language-server is skipped: nvim is not installed (${installHint}).`);

interface SeenDiagnostic {
  lnum: number;
  source: string;
  code: string;
}
interface Outcome {
  nvim: string;
  error?: string;
  first_diagnostics_ms: number;
  before: SeenDiagnostic[];
  after: SeenDiagnostic[];
  offered: string[];
  lint_workspace: unknown;
  server_exit_code: number;
}

describe('resilint-language-server in Neovim', () => {
  it.skipIf(skip)(
    `reports the unbounded fetch, applies its first quick-fix and clears it${skip ? ` (skipped: nvim is not installed; ${installHint})` : ''}`,
    async () => {
      if (!version) throw new Error(`nvim is not installed, and RESILINT_REQUIRE_NEOVIM or CI is set: ${installHint}.`);
      const [major, minor] = version as [number, number];
      expect(major > MINIMUM[0]! || (major === MINIMUM[0] && minor >= MINIMUM[1]!), `nvim ${version.join('.')} is older than ${MINIMUM.join('.')}`).toBe(true);
      const project = copyFixtureProject();
      const home = mkdtempSync(join(tmpdir(), 'resilint-nvim-'));
      const resultFile = join(home, 'result.json');
      const script = fileURLToPath(new URL('neovim/quick-fix.lua', import.meta.url));
      onTestFinished(() => [project, home].forEach((directory) => rmSync(directory, { recursive: true, force: true })));
      await promisify(execFile)('nvim', ['--headless', '--clean', '-n', '-i', 'NONE', '-c', `luafile ${script}`], {
        timeout: 120_000,
        env: {
          ...process.env,
          PATH: pathWithServer(),
          RESILINT_PROJECT: project,
          RESILINT_FILE: ordersFile,
          RESILINT_RESULT: resultFile,
          // Neovim's log, state and cache go to a throwaway home, never the developer's.
          XDG_CONFIG_HOME: join(home, 'config'),
          XDG_DATA_HOME: join(home, 'data'),
          XDG_STATE_HOME: join(home, 'state'),
          XDG_CACHE_HOME: join(home, 'cache'),
        },
      });
      const outcome = JSON.parse(readFileSync(resultFile, 'utf8')) as Outcome;
      console.log(`Neovim ${outcome.nvim}: first diagnostics ${Math.round(outcome.first_diagnostics_ms)} ms after the client started the server`);
      expect(outcome.error).toBeUndefined();
      expect(outcome.before.map(({ source, code, lnum }) => ({ source, code, lnum }))).toEqual([{ source: 'resilint', code: 'require-timeout', lnum: unboundedFetchLine }]);
      expect(outcome.lint_workspace).toEqual({ files: 1, findings: 1, truncated: false, cancelled: false });
      expect(outcome.offered.length).toBeGreaterThan(1);
      const onDisk = readFileSync(join(project, ordersFile), 'utf8');
      expect(onDisk).toMatch(/fetch\(`https:\/\/orders\.example\.test\/customers\/\$\{customerId\}\/orders`, \{ signal: AbortSignal\.timeout\(\d[\d_]*\) \}\)/);
      expect(outcome.after).toEqual([]);
      expect(outcome.server_exit_code).toBe(0);
    },
    150_000,
  );
});
