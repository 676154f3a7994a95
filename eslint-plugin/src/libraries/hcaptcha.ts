import { io, packageExports, takesNoBound, type LibraryModel } from './model.js';

/**
 * hcaptcha: `verify(secret, token, remoteip?, sitekey?)` posts to hcaptcha.com/siteverify through `https.request`
 * with no timeout, and takes neither a timeout nor a signal: a sign-up waiting on it waits as long as the socket
 * does. Only waiting for it can be bounded (the runtime's `timeout`, the request itself goes on).
 */
export const hcaptchaLibrary: LibraryModel = {
  kind: 'hcaptcha',
  title: 'hcaptcha',
  modules: ['hcaptcha'],
  typeNames: [],
  takesUrl: false,
  dependencyName: 'hcaptcha',
  signal: 'none',
  retries: 'never',
  ...packageExports('hcaptcha', ['hcaptcha'], { verify: 'verify' }),
  call: (v) => (v.role === 'verify' ? io('hcaptcha.verify', 'POST', -1, undefined) : undefined),
  construct: () => undefined,
  timeout: takesNoBound("stop waiting for it with the runtime's `timeout(ms)`: hcaptcha sends over `https.request` with no timeout and takes none", "none (the socket's)"),
  fix: {},
};
