import { describe, expect, it } from 'vitest';
import { excludingGlob, readExclude } from './exclude.js';

describe('resilint.exclude', () => {
  it('matches paths relative to the workspace folder, and everything inside a matched folder', () => {
    const globs = readExclude(['src/generated/**', '**/*.gen.ts', 'vendor', './legacy/']).globs;
    expect(excludingGlob('src/generated/client.ts', globs)).toBe('src/generated/**');
    expect(excludingGlob('packages/api/src/users.gen.ts', globs)).toBe('**/*.gen.ts');
    expect(excludingGlob('vendor/lib/index.js', globs)).toBe('vendor');
    expect(excludingGlob('legacy/old.js', globs)).toBe('./legacy/');
    // Relative to the folder: a glob without **/ does not match deeper down.
    expect(excludingGlob('packages/api/src/generated/client.ts', globs)).toBeUndefined();
    expect(excludingGlob('src/users.ts', globs)).toBeUndefined();
    expect(excludingGlob('src\\generated\\client.ts', globs)).toBe('src/generated/**');
  });

  it('keeps the good globs and says what to write instead of each bad one', () => {
    expect(readExclude('src/generated/**')).toEqual({
      globs: [],
      problems: ['resilint.exclude must be a list of globs relative to the workspace folder, such as ["src/generated/**", "**/*.gen.ts"].'],
    });
    expect(readExclude(['src/generated/**', 42, '', '/home/me/app/gen/**', '../shared/**', 'C:\\app\\gen', '!src/keep.ts'])).toEqual({
      globs: ['src/generated/**'],
      problems: [
        'resilint.exclude: 42 is not a glob; write one like those in ["src/generated/**", "**/*.gen.ts"].',
        'resilint.exclude: "" is not a glob; write one like those in ["src/generated/**", "**/*.gen.ts"].',
        'resilint.exclude: "/home/me/app/gen/**" must be relative to the workspace folder and stay inside it, such as ["src/generated/**", "**/*.gen.ts"].',
        'resilint.exclude: "../shared/**" must be relative to the workspace folder and stay inside it, such as ["src/generated/**", "**/*.gen.ts"].',
        'resilint.exclude: "C:\\app\\gen" must be relative to the workspace folder and stay inside it, such as ["src/generated/**", "**/*.gen.ts"].',
        'resilint.exclude: "!src/keep.ts" starts with "!"; list only the globs to exclude, such as ["src/generated/**", "**/*.gen.ts"].',
      ],
    });
  });
});
