import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';

// A Vite front end keeps its back end's address in one settings module, read from the build's environment
// (`import.meta.env.VITE_BACKEND_URL`, `http://127.0.0.1:8080` in development), and every page builds its requests on
// the imported name. A page's effect or click handler dropping such a request's promise costs a console line in one
// tab, as a dropped `fetch('/api/x')` does: `recommended` leaves it to `checkOwnOrigin`. A constant holding a third
// party's address, or a build variable named as another service's, is still another origin; and a server dropping a
// promise is reported whatever it calls.

const root = mkdtempSync(join(tmpdir(), 'resilint-imported-api-host-'));
function write(path: string, text: string): string {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}
write('kitchen-web/package.json', JSON.stringify({ name: 'kitchen-web', private: true, dependencies: { react: '^19' }, devDependencies: { vite: '^6' } }));
write('kitchen-web/src/config/env.js', `export const backendRoot = import.meta.env.VITE_BACKEND_URL ?? 'http://127.0.0.1:8080';
const menuRoot = 'https://menu.partner.example/v2';
export { menuRoot };
export const mapsRoot = import.meta.env.VITE_MAPS_URL;
`);
write('kitchen-web/src/config/index.js', "export { backendRoot, menuRoot } from './env.js';\n");
// The settings module a set-up script copies from its template; only the template is in the repository.
write('kitchen-web/src/config/runtime.sample.js', `export const SERVER_HOST = import.meta.env.PROD
  ? import.meta.env.VITE_SERVER_HOST
  : (import.meta.env.VITE_SERVER_HOST_LOCAL || 'http://localhost:5050');
`);
write('kitchen-web/src/api/tickets.js', `import { backendRoot } from '../config/env.js';
export async function loadTickets(station) {
  const reply = await fetch(\`\${backendRoot}/stations/\${station}/tickets\`);
  if (!reply.ok) throw new Error('tickets: ' + reply.status);
  return reply.json();
}
`);
write('kitchen-api/package.json', JSON.stringify({ name: 'kitchen-api', private: true, dependencies: { express: '^5' } }));
write('kitchen-api/src/settings.js', "export const PRINTER_HOST = 'http://localhost:7070';\n");

const page = (importLine: string, base: string): string => `import { useEffect } from 'react';
${importLine}

export default function Station({ id }) {
  const bump = async (ticket) => {
    const reply = await fetch(\`\${${base}}/tickets/\${ticket}/bump\`, { method: 'POST' });
    if (!reply.ok) throw new Error('bump failed');
  };
  useEffect(() => {
    bump(id);
  }, [id]);
  return <button onClick={() => bump(id)}>Bump</button>;
}
`;

function findings(code: string, filename: string, options: object = {}): string[] {
  const config: Linter.Config[] = [
    ...(plugin.configs.recommended as unknown as Linter.Config[]),
    // pages' dropped promises asked for (`checkPages`): what is judged here is whose origin a call reaches
    { rules: { 'resilint/no-unprotected-call': ['error', { checkPages: true, ...options }] } },
    { files: ['**/*.jsx'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
  ];
  return new Linter({ configType: 'flat', cwd: '/' }).verify(code, config, { filename })
    .filter((message) => message.ruleId === 'resilint/no-unprotected-call' || message.fatal)
    .map((message) => `${message.line}:${message.messageId ?? message.message}`);
}

const stationFile = join(root, 'kitchen-web/src/pages/Station.jsx');

describe("a page's requests to its back end at an address imported from the app's settings", () => {
  it('leaves them to checkOwnOrigin', () => {
    const code = page("import { backendRoot } from '../config/env.js';", 'backendRoot');
    expect(findings(code, stationFile)).toEqual([]);
    expect(findings(code, stationFile, { checkOwnOrigin: true })).toEqual(['10:floating', '12:callback']);
  });

  it('also through a re-export, and through a settings module present only as its template', () => {
    expect(findings(page("import { backendRoot } from '../config';", 'backendRoot'), stationFile)).toEqual([]);
    expect(findings(page("import { SERVER_HOST } from '../config/runtime';", 'SERVER_HOST'), stationFile)).toEqual([]);
  });

  it("also through a wrapper of another module built on it, whose promise the page drops", () => {
    const code = `import { loadTickets } from '../api/tickets.js';
document.querySelector('#station').addEventListener('change', (event) => {
  loadTickets(event.target.value).then((tickets) => console.table(tickets));
});
`;
    expect(findings(code, join(root, 'kitchen-web/src/pages/board.js'))).toEqual([]);
  });

  it("reports a constant holding a third party's address, and a build variable named as another service's", () => {
    expect(findings(page("import { menuRoot } from '../config';", 'menuRoot'), stationFile)).toEqual(['10:floating', '12:callback']);
    expect(findings(page("import { mapsRoot } from '../config/env.js';", 'mapsRoot'), stationFile)).toEqual(['10:floating', '12:callback']);
  });

  it('reports a server dropping the promise of a request to a host from its own settings', () => {
    const code = `import { PRINTER_HOST } from './settings.js';
export function printTicket(ticket) {
  fetch(\`\${PRINTER_HOST}/print\`, { method: 'POST', body: JSON.stringify(ticket), signal: AbortSignal.timeout(5000) });
}
`;
    expect(findings(code, join(root, 'kitchen-api/src/print.js'))).toEqual(['3:floating']);
  });
});
