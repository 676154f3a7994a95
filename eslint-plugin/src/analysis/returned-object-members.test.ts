import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../rules/require-timeout.js';

// An OAuth callback builds its client in a helper that returns `{ error }` when a setting is missing and
// `{ auth: new OAuth2Client(...) }` otherwise. The client read off that result is the helper's, whatever other modules
// of the package call `auth`: here a settings module whose `auth: {}` is a plain object.
const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };

const app = mkdtempSync(join(tmpdir(), 'resilint-returned-members-'));
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(app, path)), { recursive: true });
  writeFileSync(join(app, path), text);
};
write('package.json', JSON.stringify({ private: true, dependencies: { 'google-auth-library': '^9.15.1' } }));
write('src/settings.ts', "export const settings = { auth: {}, mail: { from: process.env.MAIL_FROM } };\n");
const filename = join(app, 'src/drive-callback.ts');

const helper = `import { OAuth2Client } from 'google-auth-library';
const buildAuth = () => {
  const clientId = process.env.DRIVE_CLIENT_ID;
  if (!clientId) return { error: 'DRIVE_CLIENT_ID is not set' };
  return { auth: new OAuth2Client(clientId, process.env.DRIVE_CLIENT_SECRET, process.env.DRIVE_REDIRECT_URL) };
};
`;

ruleTester.run('require-timeout: a client read off the object a helper of the file returns', rule, {
  valid: [
    {
      // the helper hands back a client its caller made, on one path: which client that is, this file does not say
      code: `import { OAuth2Client } from 'google-auth-library';
const pickAuth = (given?: OAuth2Client) => {
  if (given) return { auth: given };
  return { auth: new OAuth2Client(process.env.DRIVE_CLIENT_ID) };
};
export async function exchange(code: string, given?: OAuth2Client) {
  const result = pickAuth(given);
  return result.auth.getToken(code);
}`,
      filename,
    },
  ],
  invalid: [
    {
      code: `${helper}export async function exchange(code: string) {
  const result = buildAuth();
  if ('error' in result) throw new Error(result.error);
  return result.auth.getToken(code);
}`,
      filename,
      errors: [{ ...missing, line: 10, suggestions: 1 }],
    },
    {
      code: `${helper}export async function exchange(code: string) {
  const built = buildAuth();
  if ('error' in built) throw new Error(built.error);
  const auth = built.auth;
  return auth.getToken(code);
}`,
      filename,
      errors: [{ ...missing, line: 11, suggestions: 1 }],
    },
    {
      code: `${helper}export async function exchange(code: string) {
  const { auth } = buildAuth();
  if (!auth) throw new Error('no client');
  return auth.getToken(code);
}`,
      filename,
      errors: [{ ...missing, line: 10, suggestions: 1 }],
    },
  ],
});
