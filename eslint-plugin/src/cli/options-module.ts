import { eslintOptions, setupFromUrl } from './eslint-options.js';

// Imported by ESLint (and each of its worker threads) through ESLint.fromOptionsModule.
export default eslintOptions(setupFromUrl(import.meta.url));
