import { RuleTester } from '@typescript-eslint/rule-tester';
import unbounded from './no-unbounded-retry.js';

const ruleTester = new RuleTester();

/**
 * A chunked uploader (met on box-node-sdk, the thirty-third round) sending a part again, from the error-first callback
 * of its request, after a network error, with no limit. The fix stops after 3 attempts; a `throw` there would reach
 * the request library that calls back, which nobody catches (the process crashes), so the failure goes where the
 * callback hands its others: the `'error'` event the uploader emits, or the caller's own callback.
 */
const uploader = (stop = '', parameter = '') => `const { EventEmitter } = require('events');
class Part extends EventEmitter {
  constructor(api, bytes) { super(); this.api = api; this.bytes = bytes; }
  send(${parameter}) {
    this.api.uploadPart(this.bytes, (err, data) => {
      if (err) {
        if (err.statusCode) {
          this.emit('error', err);
        } else {
          ${stop}this.timer = setTimeout(() => this.send(${parameter ? 'attempt + 1' : ''}), 2_000);
        }
        return;
      }
      this.emit('uploaded', data);
    });
  }
}
module.exports = { Part };
`;

const pusher = (stop = '', parameter = '') => `const request = require('request');
function push(body, done${parameter}) {
  request({ url: 'https://hooks.example.com/in', method: 'PUT', body, timeout: 10_000 }, (err, res) => {
    if (err) {
      ${stop}setTimeout(() => push(body, done${parameter ? ', attempt + 1' : ''}), 1_000);
      return;
    }
    done(null, res.statusCode);
  });
}
module.exports = { push };
`;

const waitChosenByError = (stop = '', parameter = '') => `const request = require('request');
const pauseAfter = (error) => (error.code === 'ECONNRESET' ? 100 : 1_000);
function push(body, done${parameter}) {
  request({ url: 'https://hooks.example.com/in', method: 'PUT', body, timeout: 10_000 }, (err, res) => {
    if (err) {
      const pause = pauseAfter(err);
      ${stop}setTimeout(() => push(body, done${parameter ? ', attempt + 1' : ''}), pause);
      return;
    }
    done(null, res.statusCode);
  });
}
module.exports = { push };
`;

// Only some errors sent again (a reset connection), the test of the error inside the callback's `if (err)`.
const transientOnly = (stop = '', parameter = '') => `const request = require('request');
const isTransient = (error) => error.code === 'ECONNRESET' || error.code === 'ETIMEDOUT';
function push(body, done${parameter}) {
  request({ url: 'https://hooks.example.com/in', method: 'PUT', body, timeout: 10_000 }, (err, res) => {
    if (err) {
      if (isTransient(err)) {
        ${stop}setTimeout(() => push(body, done${parameter ? ', attempt + 1' : ''}), 1_000);
        return;
      }
      return done(err);
    }
    done(null, res.statusCode);
  });
}
module.exports = { push };
`;

ruleTester.run('no-unbounded-retry: the stop of a retry from an error-first callback', unbounded, {
  valid: [{ code: uploader("if (attempt >= 2) { this.emit('error', err); return; }\n          ", 'attempt = 0'), filename: 'src/part.js' }],
  invalid: [
    {
      code: uploader(),
      filename: 'src/part.js',
      errors: [{ messageId: 'unbounded', suggestions: [{ messageId: 'fixAddBound', output: uploader("if (attempt >= 2) { this.emit('error', err); return; }\n          ", 'attempt = 0') }] }],
    },
    {
      // reading the error (to choose the wait) is no report of it: the caller's callback hears of the last failure
      code: waitChosenByError(),
      filename: 'src/push.js',
      errors: [{ messageId: 'unbounded', suggestions: [{ messageId: 'fixAddBound', output: waitChosenByError('if (attempt >= 2) return done(err);\n      ', ', attempt = 0') }] }],
    },
    {
      // the errors it sends again tested inside `if (err)`
      code: transientOnly(),
      filename: 'src/push.js',
      errors: [{ messageId: 'unbounded', suggestions: [{ messageId: 'fixAddBound', output: transientOnly('if (attempt >= 2) return done(err);\n        ', ', attempt = 0') }] }],
    },
    {
      // no event: the function's own callback hears of it
      code: pusher(),
      filename: 'src/push.js',
      errors: [{ messageId: 'unbounded', suggestions: [{ messageId: 'fixAddBound', output: pusher('if (attempt >= 2) return done(err);\n      ', ', attempt = 0') }] }],
    },
  ],
});
