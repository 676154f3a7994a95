import { RuleTester } from '@typescript-eslint/rule-tester';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const atCreation = { messageId: 'missingClientTimeout' as const };

// A directory server that accepts the connection and then says nothing holds a bind or search forever: ldapjs's
// operations have no time limit unless the client is created with `timeout`.
ruleTester.run('require-timeout (LDAP clients)', requireTimeout, {
  valid: [
    `import ldap from 'ldapjs';
     export const directory = ldap.createClient({ url: process.env.LDAP_URL!, timeout: 8_000, connectTimeout: 3_000 });`,
    // options built elsewhere may well set it
    `import { createClient } from 'ldapjs'; export const open = (options: ClientOptions) => createClient(options);`,
    `import LdapAuth from 'ldapauth-fork';
     export const auth = new LdapAuth({ url, searchBase: 'ou=people,dc=example,dc=org', searchFilter: '(uid={{username}})', timeout: 8_000 });`,
    `const LdapAuth = require('ldapauth-fork'); module.exports = (config) => new LdapAuth(config);`,
    `import LdapStrategy from 'passport-ldapauth';
     passport.use(new LdapStrategy({ server: { url, searchBase, searchFilter, timeout: 8_000 } }));`,
    // per-request options: not readable here
    `import LdapStrategy from 'passport-ldapauth'; passport.use(new LdapStrategy((req, done) => done(null, optionsFor(req))));`,
    // another package's createClient is not ldapjs's
    `import { createClient } from 'redis'; export const cache = createClient({ url });`,
  ],
  invalid: [
    {
      // a login service that makes one LdapAuth per attempt, options cast to the library's type
      code: `import LdapAuth from 'ldapauth-fork';
export function login(config: Config, user: string, password: string) {
  const auth = new LdapAuth({
    url: config.url,
    searchBase: config.base,
    searchFilter: '(uid={{username}})',
  } as LdapAuth.Options);
  return new Promise((resolve, reject) => auth.authenticate(user, password, (error, found) => (error ? reject(error) : resolve(found))));
}`,
      errors: [{
        ...atCreation,
        line: 3,
        suggestions: [{
          messageId: 'fixInstanceTimeout',
          output: `import LdapAuth from 'ldapauth-fork';
export function login(config: Config, user: string, password: string) {
  const auth = new LdapAuth({
    url: config.url,
    searchBase: config.base,
    searchFilter: '(uid={{username}})',
    timeout: 10_000,
    connectTimeout: 5_000,
  } as LdapAuth.Options);
  return new Promise((resolve, reject) => auth.authenticate(user, password, (error, found) => (error ? reject(error) : resolve(found))));
}`,
        }],
      }],
    },
    {
      // a connect timeout alone still lets a bind wait forever on a server that answers the handshake only
      code: `const ldap = require('ldapjs');
const client = ldap.createClient({ url: 'ldaps://directory.internal', connectTimeout: 2_000 });`,
      errors: [{ ...atCreation, suggestions: [{ messageId: 'fixInstanceTimeout', output: `const ldap = require('ldapjs');
const client = ldap.createClient({ url: 'ldaps://directory.internal', connectTimeout: 2_000, timeout: 10_000 });` }] }],
    },
    {
      // `timeout: 0` is ldapjs's "no limit"
      code: `import { createClient } from 'ldapjs'; export const client = createClient({ url, timeout: 0 });`,
      errors: [{ ...atCreation, suggestions: [{ messageId: 'fixInstanceTimeout', output: `import { createClient } from 'ldapjs'; export const client = createClient({ url, timeout: 10_000, connectTimeout: 5_000 });` }] }],
    },
    {
      code: `import { Strategy } from 'passport-ldapauth';
passport.use(new Strategy({ server: { url: process.env.LDAP_URL, searchBase, searchFilter } }));`,
      errors: [{ ...atCreation, suggestions: [{ messageId: 'fixInstanceTimeout', output: `import { Strategy } from 'passport-ldapauth';
passport.use(new Strategy({ server: { url: process.env.LDAP_URL, searchBase, searchFilter, timeout: 10_000, connectTimeout: 5_000 } }));` }] }],
    },
  ],
});

/** Type errors of each source, compiled in one program against the installed ldapjs type definitions (`@types/ldapjs`). */
function typeErrors(sources: readonly string[]): string[][] {
  const files = sources.map((_, index) => fileURLToPath(new URL(`./ldap-fix-${index}.check.ts`, import.meta.url)));
  const text = new Map(files.map((file, index) => [file, sources[index]!]));
  const options: ts.CompilerOptions = {
    strict: true, noEmit: true, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'], types: ['node'], skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (name) => text.has(name) || fileExists.call(host, name);
  host.readFile = (name) => text.get(name) ?? readFile.call(host, name);
  host.getSourceFile = (name, language) => (text.has(name) ? ts.createSourceFile(name, text.get(name)!, language) : getSourceFile.call(host, name, language));
  const diagnostics = ts.getPreEmitDiagnostics(ts.createProgram(files, options, host));
  return files.map((file) => diagnostics.filter((diagnostic) => diagnostic.file?.fileName === file).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')));
}

describe('the LDAP fix', () => {
  it('sets options ldapjs declares, with the types it declares', { timeout: 60_000 }, () => {
    const [fixed, misspelt] = typeErrors([
      `import { createClient } from 'ldapjs';
export const client = createClient({ url: 'ldaps://directory.internal', timeout: 10_000, connectTimeout: 5_000 });`,
      // the check itself can fail: an option ldapjs does not have is an error
      `import { createClient } from 'ldapjs';
export const client = createClient({ url: 'ldaps://directory.internal', operationTimeout: 10_000 });`,
    ]);
    expect(fixed).toEqual([]);
    expect(misspelt).not.toEqual([]);
  });
});
