import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../index.js';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();

// plex-api sends each request with the client's `timeout`, and with none when it is made without one. Met on a media
// request server whose own Plex class hands the library the `timeout` its makers give, and whose makers, in five other
// modules, give none: the default belongs where the class reads the option.
const library = (made: string, read = 'timeout') => `import PlexClient from 'plex-api';

class MediaLibrary {
  private client: PlexClient;
  constructor({ host, token, timeout }: { host: string; token: string; timeout?: number }) {
    this.client = new PlexClient({ hostname: host, port: 32400, token, timeout: ${read} });
  }
  sections() {
    return this.client.query('/library/sections');
  }
}

export const sections = () => new MediaLibrary(${made}).sections();
`;

ruleTester.run('require-timeout: plex-api clients', requireTimeout, {
  valid: [
    library("{ host: 'plex.local', token: 'x', timeout: 10_000 }"),
    library("{ host: 'plex.local', token: 'x' }", 'timeout ?? 10_000'),
    `import PlexClient from 'plex-api';
     export const client = new PlexClient({ hostname: 'plex.local', token: 'x', timeout: 5_000 });`,
  ],
  invalid: [
    {
      code: `import PlexClient from 'plex-api';
export const client = new PlexClient({ hostname: 'plex.local', token: 'x' });`,
      errors: [{ messageId: 'missingClientTimeout', suggestions: [{ messageId: 'fixInstanceTimeout', output: `import PlexClient from 'plex-api';
export const client = new PlexClient({ hostname: 'plex.local', token: 'x', timeout: 10_000 });` }] }],
    },
    {
      code: library("{ host: 'plex.local', token: 'x' }"),
      errors: [{
        messageId: 'missingClientTimeout',
        line: 6,
        suggestions: [{ messageId: 'fixInstanceTimeout', output: library("{ host: 'plex.local', token: 'x' }").replace('{ host, token, timeout }', '{ host, token, timeout = 30_000 }') }],
      }],
    },
  ],
});

describe('a Plex class made in other modules', () => {
  const root = mkdtempSync(join(tmpdir(), 'resilint-plex-makers-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'media-requests', private: true, dependencies: { 'plex-api': '5.3.2' } }));
  const plex = `import NodePlexAPI from 'plex-api';
class PlexAPI {
  private client: NodePlexAPI;
  constructor({ token, timeout }: { token: string; timeout?: number }) {
    this.client = new NodePlexAPI({ hostname: 'plex.local', port: 32400, token, timeout });
  }
  libraries() {
    return this.client.query('/library/sections');
  }
}
export default PlexAPI;
`;
  writeFileSync(join(root, 'plexapi.ts'), plex);
  const linter = new Linter({ configType: 'flat', cwd: root });
  const config = plugin.configs.recommended as unknown as Linter.Config[];
  const lines = () => linter.verify(plex, config, { filename: join(root, 'plexapi.ts') })
    .filter((message) => message.ruleId === 'resilint/require-timeout').map((message) => message.line);

  it('is reported where the library client is made when a maker gives no timeout', () => {
    writeFileSync(join(root, 'scanner.ts'), "import PlexAPI from './plexapi';\nexport const scan = (token: string) => new PlexAPI({ token }).libraries();\n");
    writeFileSync(join(root, 'settings.ts'), "import PlexAPI from './plexapi';\nexport const test = (token: string) => new PlexAPI({ token, timeout: 5_000 }).libraries();\n");
    expect(lines()).toEqual([5]);
  });

  it('is left alone when every maker gives one', () => {
    writeFileSync(join(root, 'scanner.ts'), "import PlexAPI from './plexapi';\nexport const scan = (token: string) => new PlexAPI({ token, timeout: 30_000 }).libraries();\n");
    expect(lines()).toEqual([]);
  });
});
