import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { disableFileEdit } from './disable-comments.js';

const RULE = 'resilint/require-timeout';

function disableFile(text: string, ruleId = RULE): string {
  const document = TextDocument.create('file:///work/api.ts', 'typescript', 1, text);
  return TextDocument.applyEdits(document, [disableFileEdit(document, ruleId)]);
}

describe('"Disable <rule> for this file"', () => {
  it('puts the comment on the first line of a file that starts with code', () => {
    expect(disableFile('fetch(url);\n')).toBe(`/* eslint-disable ${RULE} */\nfetch(url);\n`);
  });

  it('keeps a shebang first, and a file of one line without a line break', () => {
    expect(disableFile('#!/usr/bin/env node\nfetch(url);\n')).toBe(`#!/usr/bin/env node\n/* eslint-disable ${RULE} */\nfetch(url);\n`);
    expect(disableFile('#!/usr/bin/env node')).toBe(`#!/usr/bin/env node\n/* eslint-disable ${RULE} */\n`);
  });

  it("goes after a license header and 'use strict'", () => {
    const header = '/*\n * Copyright 2026 Example Ltd.\n * Licensed under the MIT license.\n */\n';
    expect(disableFile(`${header}'use strict';\nfetch(url);\n`)).toBe(`${header}'use strict';\n/* eslint-disable ${RULE} */\nfetch(url);\n`);
    expect(disableFile('// SPDX-License-Identifier: MIT\nfetch(url);\n')).toBe(`// SPDX-License-Identifier: MIT\n/* eslint-disable ${RULE} */\nfetch(url);\n`);
    expect(disableFile('"use strict"\n\nfetch(url);\n')).toBe(`"use strict"\n/* eslint-disable ${RULE} */\n\nfetch(url);\n`);
  });

  it('goes after a comment set apart by a blank line, but never between a doc comment and its code', () => {
    expect(disableFile('// The users service.\n\nfetch(url);\n')).toBe(`// The users service.\n/* eslint-disable ${RULE} */\n\nfetch(url);\n`);
    expect(disableFile('/** Loads a user. */\nexport function load() {}\n')).toBe(`/* eslint-disable ${RULE} */\n/** Loads a user. */\nexport function load() {}\n`);
    expect(disableFile('/* note */ fetch(url);\n')).toBe(`/* eslint-disable ${RULE} */\n/* note */ fetch(url);\n`);
  });

  it('joins the file\'s existing comment for Resilint rules, before its reason', () => {
    expect(disableFile('/* eslint-disable resilint/no-unprotected-call */\nfetch(url);\n')).toBe(
      `/* eslint-disable resilint/no-unprotected-call, ${RULE} */\nfetch(url);\n`,
    );
    expect(disableFile("'use strict';\n/* eslint-disable resilint/no-unprotected-call -- legacy module */\nfetch(url);\n")).toBe(
      `'use strict';\n/* eslint-disable resilint/no-unprotected-call, ${RULE} -- legacy module */\nfetch(url);\n`,
    );
  });

  it('leaves a disable comment for other plugins alone and adds its own after it', () => {
    expect(disableFile('/* eslint-disable no-console */\n\nfetch(url);\n')).toBe(`/* eslint-disable no-console */\n/* eslint-disable ${RULE} */\n\nfetch(url);\n`);
  });

  it('keeps the file\'s Windows line endings', () => {
    expect(disableFile('#!/usr/bin/env node\r\nfetch(url);\r\n')).toBe(`#!/usr/bin/env node\r\n/* eslint-disable ${RULE} */\r\nfetch(url);\r\n`);
  });
});
