import { RuleTester } from '@typescript-eslint/rule-tester';
import noUnboundedRetry from './no-unbounded-retry.js';
import retryRequiresBackoff from './retry-requires-backoff.js';

// A redux-saga supervisor started in the background restarts the watcher it was handed when that one crashes: the
// watcher waits for the next action, nothing is sent again to a failing dependency. A saga that re-sends a request
// until it succeeds is a retry, however it is started.
const ruleTester = new RuleTester();

const supervisors = [
  `import { all, call, spawn } from 'redux-saga/effects';
function* keepWatching(watcher) {
  while (true) {
    try {
      yield call(watcher);
      break;
    } catch (error) {
      console.error(error);
    }
  }
}
export default function* rootSaga(watchers) {
  yield all(watchers.map((watcher) => spawn(keepWatching, watcher)));
}`,
  `import { all, call, spawn } from 'redux-saga/effects';
export function* rootSaga(sagas) {
  yield all(sagas.map((saga) => spawn(function* () {
    while (true) {
      try {
        yield call(saga);
        break;
      } catch (error) {
        console.log(error);
      }
    }
  })));
}`,
];

const resend = `import { call, fork } from 'redux-saga/effects';
import { api } from './api';
function* saveUntilDone(draft) {
  while (true) {
    try {
      yield call(api.saveDraft, draft);
      break;
    } catch (error) {
      console.error(error);
    }
  }
}
export function* onSave(action) {
  yield fork(saveUntilDone, action.payload);
}`;

// a helper handed the work, called (not spawned): a retry of whatever it is given
const helper = `import { call } from 'redux-saga/effects';
export function* untilItWorks(work) {
  while (true) {
    try {
      return yield call(work);
    } catch (error) {
      console.error(error);
    }
  }
}`;

ruleTester.run('no-unbounded-retry: redux-saga supervisors', noUnboundedRetry, {
  valid: supervisors,
  invalid: [{ code: resend, errors: 1 }, { code: helper, errors: 1 }],
});

ruleTester.run('retry-requires-backoff: redux-saga supervisors', retryRequiresBackoff, {
  valid: supervisors,
  invalid: [{ code: resend, errors: 1 }, { code: helper, errors: 1 }],
});
