import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A scheduler signing users in with Twitter and posting for them: node-twitter-api sends over the `oauth` package
// with no timeout and takes callbacks, and nothing of the client or the call takes a bound, so the fix stops waiting
// for the promise the callback settles.
const ruleTester = new RuleTester();
const remedy = "stop waiting for it with the runtime's `timeout(ms)`: node-twitter-api sends over the `oauth` package's `http(s).request` (and `request` for uploads) with no timeout, and neither its client nor its calls take one or a signal";

const login = (promise: string, imports = '') => `const TwitterApi = require('node-twitter-api');${imports}
const tw = new TwitterApi({ consumerKey: process.env.KEY, consumerSecret: process.env.SECRET, callback: 'https://example.test/cb' });
function startLogin() {
  return ${promise};
}
module.exports = { startLogin };`;
const executor = `new Promise((resolve, reject) => {
    tw.getRequestToken((err, token, secret) => (err ? reject(err) : resolve({ token, secret })));
  })`;

ruleTester.run('require-timeout (node-twitter-api)', requireTimeout, {
  valid: [
    // the promise the callback settles is given up after 8 s
    login(`timeout(8_000).execute(() => ${executor})`, "\nconst { timeout } = require('@resilint/runtime');"),
    // building the authorize URL sends nothing
    `const TwitterApi = require('node-twitter-api');
const tw = TwitterApi({ consumerKey: 'k', consumerSecret: 's' });
module.exports = (token) => tw.getAuthUrl(token, { force_login: true });`,
    // the stream is a connection meant to stay open
    `const TwitterApi = require('node-twitter-api');
const tw = new TwitterApi({ consumerKey: 'k', consumerSecret: 's' });
module.exports = (t, s, onData, onEnd) => tw.getStream('user', {}, t, s, onData, onEnd);`,
    // the constructor function is handed its client: what it holds is the caller's to say
    `function Poster(api) {
  this.api = api;
}
Poster.prototype.timeline = function (token, secret, done) {
  this.api.getTimeline('home_timeline', {}, token, secret, done);
};
module.exports = Poster;`,
  ],
  invalid: [
    {
      code: login(executor),
      errors: [{
        messageId: 'missingTimeout',
        line: 5,
        data: { call: 'TwitterApi.getRequestToken', remedy },
        suggestions: [{ messageId: 'fixStopWaiting', output: login(`timeout(5_000).execute(() => ${executor})`, "\nconst { timeout } = require('@resilint/runtime');") }],
      }],
    },
    {
      // a post for a user, the client made without \`new\`, outside any promise: nothing to wrap
      code: `const TwitterApi = require('node-twitter-api');
const tw = TwitterApi({ consumerKey: 'k', consumerSecret: 's' });
module.exports = (text, token, secret, done) => {
  tw.statuses('update', { status: text }, token, secret, (err, data) => done(err, data && data.id_str));
};`,
      errors: [{ messageId: 'missingTimeout', line: 4, data: { call: 'TwitterApi.statuses', remedy }, suggestions: [] }],
    },
    {
      // the last step of the sign-in, in JavaScript: its callback gets three results, all handed on when the wait is bounded
      filename: 'login.js',
      code: `const TwitterApi = require('node-twitter-api');
const tw = new TwitterApi({ consumerKey: 'k', consumerSecret: 's' });
exports.finish = (token, secret, verifier, done) => {
  tw.getAccessToken(token, secret, verifier, (err, accessToken, accessSecret) => done(err, { accessToken, accessSecret }));
};`,
      errors: [{
        messageId: 'missingTimeout',
        line: 4,
        data: { call: 'TwitterApi.getAccessToken', remedy },
        suggestions: [{ messageId: 'fixStopWaiting', output: `const TwitterApi = require('node-twitter-api');
const { timeout } = require('@resilint/runtime');
const tw = new TwitterApi({ consumerKey: 'k', consumerSecret: 's' });
exports.finish = (token, secret, verifier, done) => {
  timeout(5_000).execute(() => new Promise((resolve, reject) => tw.getAccessToken(token, secret, verifier, (error, ...results) => (error ? reject(error) : resolve(results))))).then((results) => [null, ...results], (error) => [error]).then((outcome) => ((err, accessToken, accessSecret) => done(err, { accessToken, accessSecret }))(...outcome));
};` }],
      }],
    },
    {
      // written before classes: the constructor function keeps the client on \`this\`, its prototype's methods call it
      code: `const TwitterApi = require('node-twitter-api');
function Poster(keys) {
  this.api = new TwitterApi({ consumerKey: keys.key, consumerSecret: keys.secret });
}
Poster.prototype.timeline = function (token, secret, done) {
  this.api.getTimeline('home_timeline', {}, token, secret, done);
};
Poster.prototype = Object.assign(Poster.prototype, {
  whoAmI(token, secret, done) { this.api.verifyCredentials(token, secret, done); },
});
module.exports = Poster;`,
      errors: [
        { messageId: 'missingTimeout', line: 6, data: { call: 'TwitterApi.getTimeline', remedy }, suggestions: [] },
        { messageId: 'missingTimeout', line: 9, data: { call: 'TwitterApi.verifyCredentials', remedy }, suggestions: [] },
      ],
    },
  ],
});
