import { AST_NODE_TYPES } from '../ast-node-types.js';
import { SourceEdits } from '../fixes/source-edits.js';
import { io, packageExports, type LibraryModel } from './model.js';

/**
 * feedparser-promised: `parse(urlOrOptions)` reads a feed through `request.get(options)` (request 2.88) with no timeout
 * unless the options carry one (`timeout`, ms): a feed host that stops answering holds the reader (an RSS campaign's
 * check, a podcast import) for ever.
 */
export const feedparserPromisedLibrary: LibraryModel = {
  kind: 'feedparser-promised',
  title: 'feedparser-promised',
  modules: ['feedparser-promised'],
  typeNames: [],
  takesUrl: true,
  dependencyName: 'feed',
  signal: 'none (`timeout` in ms among the request options it is given)',
  retries: 'never',
  ...packageExports('feedparser-promised', ['feedparser-promised'], { parse: 'parse' }),
  call: (v) => (v.role === 'parse' ? io('feedparser.parse', 'GET', 0, undefined) : undefined),
  construct: () => undefined,
  timeout: {
    levels: ['call'],
    callOptions: ['timeout'],
    instanceOptions: [],
    chainMethods: [],
    remedy: 'pass request options with `timeout` (ms): `parse({ uri, timeout })`',
    defaultBound: 'none',
  },
  fix: {
    optionsIndex: () => 0,
    nativeTimeout: (_call, milliseconds) => ({ key: 'timeout', value: milliseconds }),
    // `parse('https://...')`: the URL becomes the `uri` of request options that carry the timeout
    clientTimeout({ sourceCode }, call) {
      const [first] = call.node.arguments;
      if (first?.type !== AST_NODE_TYPES.Literal && first?.type !== AST_NODE_TYPES.TemplateLiteral) return undefined;
      const edits = new SourceEdits();
      edits.replace(first.range, `{ uri: ${sourceCode.getText(first)}, timeout: 5_000 }`);
      return { edits, option: 'timeout' };
    },
  },
};
