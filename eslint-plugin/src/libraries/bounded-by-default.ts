import type { LibraryModel } from './model.js';

/**
 * Clients whose every request is bounded by a default timeout of their own, known so that the table says so and no
 * rule takes them for unbounded; their calls are not followed one by one.
 */

function boundedByDefault(kind: string, title: string, modules: readonly string[], facts: { defaultBound: string; options: readonly string[]; signal: string; retries: string }): LibraryModel {
  return {
    kind,
    title,
    modules,
    typeNames: [],
    takesUrl: false,
    dependencyName: kind,
    signal: facts.signal,
    retries: facts.retries,
    fromModule: () => undefined,
    member: () => undefined,
    call: () => undefined,
    construct: () => undefined,
    timeout: {
      levels: ['client'],
      callOptions: [],
      instanceOptions: facts.options,
      chainMethods: [],
      remedy: `keep its default timeout (${facts.defaultBound}) or set a shorter one`,
      defaultBound: facts.defaultBound,
      boundedByDefault: true,
      isChecked: () => false,
    },
    fix: {},
  };
}

/**
 * openid-client: every request to the provider (discovery, token, userinfo) times out, after 3.5 s in version 5
 * (`custom.setHttpOptionsDefaults`, `client[custom.http_options]`) and 30 s in version 6 (`timeout`, in seconds, of
 * `discovery` and of the configuration; 0 turns it off).
 */
export const openidClientLibrary = boundedByDefault('openid-client', 'openid-client', ['openid-client'], {
  defaultBound: '3.5 s (version 5), 30 s (version 6)',
  options: ['timeout', 'custom.http_options'],
  signal: 'none',
  retries: 'never',
});

/** posthog-node: each request to PostHog times out after `requestTimeout` (10 s by default); events are sent in batches. */
export const posthogNodeLibrary = boundedByDefault('posthog-node', 'PostHog (`posthog-node`)', ['posthog-node'], {
  defaultBound: '10 s (`requestTimeout`)',
  options: ['requestTimeout'],
  signal: 'none',
  retries: '3 retries of a failed batch by default (`fetchRetryCount`)',
});
