import { RuleTester } from '@typescript-eslint/rule-tester';
import noUnprotectedCall from '../rules/no-unprotected-call.js';

// A mongoose query run with a node-style callback (`.exec((err, docs) => ...)`, mongoose 5 and 6) hands its failure
// to the callback and makes no promise: nothing is dropped. Run with no callback, its promise is.
const ruleTester = new RuleTester();
const model = `const mongoose = require('mongoose');
const Ticket = mongoose.model('ticket', new mongoose.Schema({ owner: String, status: String }));`;

ruleTester.run('no-unprotected-call: mongoose queries run with a callback', noUnprotectedCall, {
  valid: [
    `${model}
function show(req, res) {
  Ticket.findOne({ _id: req.params.id }).lean().exec(function (err, ticket) {
    if (err) return res.status(500).send({ msg: 'lookup failed' });
    res.json(ticket);
  });
}
module.exports = { show };`,
    // built first, refined, then run with a callback
    `${model}
function list(req, res) {
  let query = Ticket.find({ owner: req.query.owner });
  if (req.query.sorted) query.sort({ createdAt: -1 });
  query.exec((err, tickets) => (err ? res.status(500).end() : res.json(tickets)));
}
module.exports = { list };`,
    `${model}
function stats(req, res) {
  Ticket.aggregate([{ $group: { _id: '$status', n: { $sum: 1 } } }]).exec((err, rows) => res.json(err ? [] : rows));
}
module.exports = { stats };`,
  ],
  invalid: [
    {
      // run with no callback: the promise is dropped
      code: `${model}
function close(id) {
  Ticket.updateOne({ _id: id }, { status: 'closed' }).exec();
}
module.exports = { close };`,
      errors: [{ messageId: 'floating', line: 4, suggestions: 3 }],
    },
  ],
});
