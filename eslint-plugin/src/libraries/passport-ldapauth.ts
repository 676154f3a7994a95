import { ldapClientCheck, ldapModel } from './ldapjs.js';

/**
 * passport-ldapauth: `new LdapStrategy({ server: { url, searchBase, searchFilter, timeout } })`. The `server` options
 * go to ldapauth-fork and from there to ldapjs, so a login waits forever on a silent directory unless they set
 * `timeout`. Options given as a function (per request) are not read.
 */

export const passportLdapauthLibrary = ldapModel({
  kind: 'passport-ldapauth',
  retries: 'never',
  instanceOptions: ['server.timeout', 'server.connectTimeout'],
  remedy: 'set `server.timeout` (and `server.connectTimeout`) where the strategy is created',
  defaultBound: 'none (ldapjs: operations Infinity, connect the OS\'s)',
  creation: {
    sites: [
      { module: 'passport-ldapauth', path: ['default'], how: 'new' },
      { module: 'passport-ldapauth', path: ['Strategy'], how: 'new' },
    ],
    check: ldapClientCheck(0, 'server', 'set `timeout` (and `connectTimeout`) in its `server` options, which reach ldapjs: by default a bind or search waits forever, and so does the login'),
  },
});
