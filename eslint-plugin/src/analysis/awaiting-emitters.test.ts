import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import noUnprotectedCall from '../rules/no-unprotected-call.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// An emitter whose emit() awaits its listeners (emittery, promise-events) hands an async listener's failure to the
// code that emitted, as a returned promise would; Node's EventEmitter drops it. Known by the emitter's module: one of
// those libraries, or a module of the project built on one (met on a helpdesk server in the thirty-second round).
const ruleTester = new RuleTester();

const project = mkdtempSync(join(tmpdir(), 'resilint-emitters-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));
mkdirSync(join(project, 'src'));
writeFileSync(join(project, 'package.json'), '{ "name": "desk-server", "private": true, "dependencies": { "promise-events": "^0.2.4", "mongoose": "^5.13.0" } }');
writeFileSync(join(project, 'src/message-events.js'), "const EventEmitter = require('promise-events');\nclass MessageEvents extends EventEmitter {}\nmodule.exports = new MessageEvents();\n");
writeFileSync(join(project, 'src/node-events.js'), "const { EventEmitter } = require('node:events');\nmodule.exports = new EventEmitter();\n");
const filename = join(project, 'src/subjects.js');

const listener = (emitter: string) => `const events = require('${emitter}');
const mongoose = require('mongoose');
const Ticket = mongoose.model('ticket', new mongoose.Schema({ subject: String }));
events.on('message.before.create', async (data) => {
  const ticket = await Ticket.findOne({ _id: data.message.ticketId }).exec();
  data.message.subject = ticket ? ticket.subject : '';
  return data;
});`;

ruleTester.run('no-unprotected-call: listeners of an emitter that awaits them', noUnprotectedCall, {
  valid: [
    { filename, code: listener('./message-events') },
    `import Emittery from 'emittery';
     import axios from 'axios';
     export const hooks = new Emittery();
     hooks.on('order.paid', async (order) => { await axios.post('https://ledger.example.com/entries', order, { timeout: 5_000 }); });`,
  ],
  invalid: [
    { filename, code: listener('./node-events'), errors: [{ messageId: 'callback', line: 5, suggestions: 3 }] },
  ],
});
