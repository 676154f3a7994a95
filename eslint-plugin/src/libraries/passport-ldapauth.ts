import { ldapClientCheck } from './ldapjs.js';
import type { LibraryModel } from './model.js';

/**
 * passport-ldapauth: `new LdapStrategy({ server: { url, searchBase, searchFilter, timeout } })`. The `server` options
 * go to ldapauth-fork and from there to ldapjs, so a login waits forever on a silent directory unless they set
 * `timeout`. Options given as a function (per request) are not read.
 */

export const passportLdapauthLibrary: LibraryModel = {
  kind: 'passport-ldapauth',
  title: 'passport-ldapauth',
  modules: ['passport-ldapauth'],
  typeNames: [],
  takesUrl: false,
  dependencyName: 'ldap',
  signal: 'none',
  retries: 'never',
  fromModule: () => undefined,
  member: () => undefined,
  call: () => undefined,
  construct: () => undefined,
  timeout: {
    levels: ['client'],
    callOptions: [],
    instanceOptions: ['server.timeout', 'server.connectTimeout'],
    chainMethods: [],
    remedy: 'set `server.timeout` (and `server.connectTimeout`) where the strategy is created',
    defaultBound: 'none (ldapjs: operations Infinity, connect the OS\'s)',
    isChecked: () => false,
  },
  creation: {
    sites: [
      { module: 'passport-ldapauth', path: ['default'], how: 'new' },
      { module: 'passport-ldapauth', path: ['Strategy'], how: 'new' },
    ],
    check: ldapClientCheck(0, 'server', 'set `timeout` (and `connectTimeout`) in its `server` options, which reach ldapjs: by default a bind or search waits forever, and so does the login'),
  },
  fix: {},
};
