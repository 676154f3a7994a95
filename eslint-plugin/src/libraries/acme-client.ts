import { insertModuleStatement } from '../fixes/runtime-import.js';
import { SourceEdits } from '../fixes/source-edits.js';
import { wholeModuleName } from './module-names.js';
import { withoutComments } from '../project/files.js';
import { sharedSetUpOf, type SetUp, type SharedSetUpScan } from './package-set-ups.js';
import { derive, instanceFrom, io, isWholeModule, value, type ClientValue, type LibraryModel } from './model.js';

/**
 * acme-client (ordering TLS certificates from Let's Encrypt and other ACME servers): `new acme.Client({ directoryUrl,
 * accountKey })`, then `client.auto({ csr, ... })` or the steps one by one. Every request goes through one axios
 * instance of the library's own, created with no timeout (5.4.0, `src/axios.js`: `axios.create()`), which it exports
 * as `acme.axios`; its calls take no options that bound them. So a call is bounded when the app sets
 * `acme.axios.defaults.timeout`: in the file of the call, or in another file of its package (read by text).
 */

const MODULE = 'acme-client';
const TIMEOUT = '30_000';
/** The client's methods that send requests (`getChallengeKeyAuthorization` only computes a key). */
const SENDS = new Set(['auto', 'createAccount', 'updateAccount', 'updateAccountKey', 'createOrder', 'getOrder', 'finalizeOrder',
  'getAuthorizations', 'deactivateAuthorization', 'verifyChallenge', 'completeChallenge', 'waitForValidStatus', 'getCertificate',
  'revokeCertificate']);

const IMPORTS_ACME = /(?:from\s*|require\s*\(\s*|import\s*\(\s*)['"]acme-client['"]/;
/** `acme.axios.defaults.timeout = ...` (the text may be rebuilt from tokens, spaced). */
const SETS_TIMEOUT = /\baxios\s*\.\s*defaults\s*\.\s*timeout\s*=(?!=)/;

const TIMEOUT_SCAN: SharedSetUpScan = {
  key: MODULE,
  imports: IMPORTS_ACME,
  setUpIn: (text): SetUp => (SETS_TIMEOUT.test(withoutComments(text)) ? 'bounded' : 'unbounded'),
};

const REMEDY = 'set `acme.axios.defaults.timeout` (milliseconds) where the app sets up acme-client: it sends every request with an axios instance of its own, created with no timeout, and its calls take none of their own';

export const acmeClientLibrary: LibraryModel = {
  kind: 'acme-client',
  title: '`acme-client`',
  modules: [MODULE],
  typeNames: [],
  takesUrl: false,
  dependencyName: 'acme',
  signal: 'none',
  retries: 'only requests answered with `badNonce`, and 429 and 503 answers with their `Retry-After`, up to five attempts',
  fromModule(module, imported) {
    if (module !== MODULE) return undefined;
    if (isWholeModule(imported)) return value(MODULE, 'root', 'acme');
    return imported === 'Client' ? value(MODULE, 'class', 'Client') : undefined;
  },
  member(v: ClientValue, name) {
    if (v.role === 'root') return name === 'Client' ? derive(v, 'class', 'Client') : name === 'default' ? v : undefined;
    return v.role === 'client' && SENDS.has(name) ? derive(v, 'operation', name) : undefined;
  },
  call: (v) => (v.role === 'operation' ? io(`acme client.${v.name}`, undefined, -1, undefined) : undefined),
  construct: (v, node) => (v.role === 'class' ? instanceFrom(v, 'client', node, []) : undefined),
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'client', options: [] } : undefined),
  timeout: {
    levels: ['client'],
    callOptions: [],
    instanceOptions: [],
    chainMethods: [],
    remedy: REMEDY,
    defaultBound: 'none (`axios.create()` with no timeout)',
    instanceBound: (call, filename) => sharedSetUpOf(call.node, filename, TIMEOUT_SCAN),
  },
  fix: {
    // once per module, after its imports: the library's one axios instance serves every client it makes
    clientTimeout({ sourceCode }) {
      const name = wholeModuleName(sourceCode, MODULE);
      if (!name) return undefined;
      const option = `${name}.axios.defaults.timeout = ${TIMEOUT}`;
      const edits = new SourceEdits();
      insertModuleStatement(sourceCode, `${option};`, edits);
      return { edits, option };
    },
  },
};
