/**
 * How long a poll's fix lets it wait before giving up: ten minutes. Polled work (a build, a deploy, a CloudFormation
 * stack, a sign-in approved on another device) often takes minutes, and a deadline that fails work which would have
 * finished is worse than one that ends a hopeless wait late.
 */
export const POLL_DEADLINE_MS = 10 * 60_000;
/** The same, as a fix writes it. */
export const POLL_DEADLINE = '10 * 60_000';
/** The error a poll's fix throws once its deadline has passed, as a fix writes it. */
export const STILL_NOT_READY = "'Still not ready after 10 minutes'";
