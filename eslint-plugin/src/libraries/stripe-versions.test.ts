import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFix, lint } from '../../../test/fix-correctness.js';

// Billing routes on stripe-node 7 (met on tiledesk-server, the thirty-second round): before stripe-node 8 a client's
// default timeout was Node's old server timeout, which Node 13 turned to 0, so every call of a client made without one
// waits on Stripe for ever. From 8 on the default is 80 s and only turning it off is reported.
const routes = `const express = require('express');
const router = express.Router();
router.get('/subscriptions/:id', async function (req, res) {
  const stripe = require('stripe')(process.env.STRIPE_SECRET);
  res.json(await stripe.subscriptions.retrieve(req.params.id));
});
module.exports = router;
`;

function projectFile(range: string): string {
  const project = mkdtempSync(join(tmpdir(), 'resilint-stripe-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ dependencies: { express: '^4.18.0', stripe: range } }));
  return join(project, 'billing.js');
}

const timeoutFindings = (code: string, filename: string) => lint(code, filename).findings.filter((found) => found.ruleId === 'resilint/require-timeout');

describe('require-timeout (stripe-node before 8)', () => {
  it('reports a client made with no timeout where it is made, not at each call', () => {
    const [finding, ...others] = timeoutFindings(routes, projectFile('^7.2.0'));
    expect(others).toEqual([]);
    expect(finding?.offset).toBe(routes.indexOf("require('stripe')("));
    expect(finding?.message).toContain("`require('stripe')(...)` creates a client with no timeout");
    expect(finding?.message).toContain('none since Node 13');
  });

  it('sets the timeout with setTimeout before 7.13, whose second argument is an API version', () => {
    const filename = projectFile('7.2.0');
    const [finding] = timeoutFindings(routes, filename);
    expect(finding?.suggestions.map((suggestion) => suggestion.title)).toEqual(['Set `setTimeout(80_000)` where the client is created, bounding every call it makes.']);
    const fixed = applyFix(routes, finding!.suggestions[0]!);
    expect(fixed).toContain("const stripe = require('stripe')(process.env.STRIPE_SECRET);\n  stripe.setTimeout(80_000);\n");
    expect(timeoutFindings(fixed, filename)).toEqual([]);
  });

  it('passes `timeout` in the options from 7.13 on', () => {
    const filename = projectFile('^7.63.1');
    const fixed = applyFix(routes, timeoutFindings(routes, filename)[0]!.suggestions[0]!);
    expect(fixed).toContain("require('stripe')(process.env.STRIPE_SECRET, { timeout: 80_000 })");
    expect(timeoutFindings(fixed, filename)).toEqual([]);
  });

  it('is quiet from stripe-node 8 on, bounded at 80 s by default, and reports a timeout turned off', () => {
    expect(timeoutFindings(routes, projectFile('^8.0.0'))).toEqual([]);
    const [off, ...others] = timeoutFindings(routes.replace('(process.env.STRIPE_SECRET)', '(process.env.STRIPE_SECRET, { timeout: 0 })'), projectFile('^14.0.0'));
    expect(others).toEqual([]);
    expect(off?.message).toContain('Stripe\'s default is 80 s');
  });
});
