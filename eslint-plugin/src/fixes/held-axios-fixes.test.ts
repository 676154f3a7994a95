import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintWithPreset, scratchProject } from '../scratch-project.cases.js';

// axios kept in a field under a name of the class's choosing (`this.send = request`, axios by default, so tests can
// hand in another): called itself, it takes one config, and a second argument would be ignored. The timeout goes in
// the config; a call by URL still takes its config second.
const client = `import axios from 'axios';
export class Store {
  constructor({ request = axios } = {}) {
    this.send = request;
  }

  byConfig(id) {
    return this.send({ url: 'https://store.example.com/items/' + id });
  }

  byUrl(id) {
    return this.send('https://store.example.com/items/' + id);
  }
}
`;

function firstFixes(): string[] {
  const files = scratchProject('held-axios-fixes');
  files.write('store/package.json', JSON.stringify({ name: 'store', dependencies: { axios: '^1.11.0' } }));
  const file = files.write('store/src/store.js', client);
  const text = readFileSync(file, 'utf8');
  return lintWithPreset(file).filter((message) => message.ruleId === 'resilint/require-timeout').map((message) => {
    const fix = message.suggestions![0]!.fix;
    return text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
  });
}

describe('require-timeout: the fix for axios held in a field and called itself', () => {
  it('puts the timeout in the one config it is given, or after the URL', () => {
    const [byConfig, byUrl] = firstFixes();
    expect(byConfig).toContain("return this.send({ url: 'https://store.example.com/items/' + id, timeout: 5_000 });");
    expect(byUrl).toContain("return this.send('https://store.example.com/items/' + id, { timeout: 5_000 });");
  });
});
