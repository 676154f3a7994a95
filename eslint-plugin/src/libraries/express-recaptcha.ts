import { derive, io, value, type LibraryModel } from './model.js';

/**
 * express-recaptcha: `new RecaptchaV3(siteKey, secretKey)` (or `RecaptchaV2`), then `recaptcha.verify(req, callback)`
 * or the `recaptcha.middleware.verify` middleware, which post the token to Google's siteverify through `https.request`
 * with no timeout (checked in express-recaptcha 5.1): a stalled answer holds the sign-up or login it guards. It takes
 * no timeout and no signal, so only waiting for it can be bounded.
 */

const MODULE = 'express-recaptcha';
const CLASSES = new Set(['RecaptchaV2', 'RecaptchaV3', 'Recaptcha']);

export const expressRecaptchaLibrary: LibraryModel = {
  kind: 'express-recaptcha',
  title: 'express-recaptcha',
  modules: [MODULE],
  typeNames: ['RecaptchaV2', 'RecaptchaV3'],
  takesUrl: false,
  dependencyName: 'recaptcha',
  signal: 'none',
  retries: 'never',
  fromModule: (module, imported) => (module === MODULE && CLASSES.has(imported) ? value('express-recaptcha', 'class', imported) : undefined),
  member(v, name) {
    if (v.role === 'client' && name === 'verify') return derive(v, 'verify', name);
    return undefined;
  },
  call: (v) => (v.role === 'verify' ? io('recaptcha.verify', 'POST', -1, undefined) : undefined),
  construct: (v) => (v.role === 'class' ? derive(v, 'client') : undefined),
  instanceOfType: (v) => (v.role === 'class' ? derive(v, 'client') : undefined),
  timeout: {
    levels: ['none'],
    callOptions: [],
    instanceOptions: [],
    chainMethods: [],
    remedy: "stop waiting for it with the runtime's `timeout(ms)`: express-recaptcha posts to Google over `https.request` with no timeout and takes none",
    defaultBound: 'none (the socket\'s)',
  },
  fix: {},
};
