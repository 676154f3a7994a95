// The generated files the editor benchmark types into (and bench/plugin-cost.mjs lints): service code with external
// calls, some protected, some not, as many top-level functions or as methods of one class.

/** The repeated part of the service module: clients, handlers with and without timeouts, retries. */
function serviceBlock(index) {
  return [
    `export async function loadUser${index}(id: string): Promise<unknown> {`,
    `  const response = await fetch(\`https://users.example.test/\${id}\`);`,
    '  if (!response.ok) throw new Error(`status ${response.status}`);',
    '  return response.json();',
    '}',
    '',
    `export async function loadOrders${index}(id: string) {`,
    `  return retry(() => timeout((signal) => api.get(\`/orders/\${id}\`, { signal }), 2000), { attempts: 3 });`,
    '}',
    '',
    `export function refresh${index}(ids: string[]) {`,
    '  ids.forEach((id) => {',
    '    fetch(`https://cache.example.test/${id}`, { method: "DELETE" });',
    '  });',
    '}',
    '',
  ];
}
const HEADER = ["import axios from 'axios';", "import { retry, timeout } from '@resilint/runtime';", '', "const api = axios.create({ baseURL: 'https://api.example.test', timeout: 5000 });", ''];

/** A service module of about `lines` lines: clients, handlers with and without timeouts, retries, Promise.all. */
export function serviceModule(lines) {
  const parts = [...HEADER];
  for (let index = 0; ; index += 1) {
    const block = serviceBlock(index);
    if (parts.length + block.length > lines) break;
    parts.push(...block);
  }
  while (parts.length < lines) parts.push('// end of module');
  return parts.join('\n');
}

/** The same handlers as methods of one exported class: the whole file is one top-level statement. */
export function serviceClass(lines) {
  const parts = [...HEADER, 'export class Services {'];
  for (let index = 0; ; index += 1) {
    const block = serviceBlock(index).map((line) => (line ? `  ${line.replace(/^export (async )?function /, '$1')}` : line));
    if (parts.length + block.length + 1 > lines) break;
    parts.push(...block);
  }
  parts.push('}');
  while (parts.length < lines) parts.push('// end of module');
  return parts.join('\n');
}
