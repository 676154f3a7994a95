import { requireCreationOption } from './creation-options.js';
import { judgedWhereMade, value, type CreationSite } from './model.js';

/**
 * IBM's generated service SDKs, on `ibm-cloud-sdk-core`: watsonx.ai (`WatsonXAI.newInstance({ version, serviceUrl })`
 * from `@ibm-cloud/watsonx-ai`) and Watson (`new AssistantV2({ version, authenticator })` from `ibm-watson/assistant/v2`).
 * The core makes one axios instance per service from the options it is given, and sets no timeout unless they carry
 * one: a model call or a search that stops answering holds its caller for ever. watsonx.ai's methods take a `signal`
 * in their parameters, Watson's none; the client's `timeout` bounds them all, so the client is judged where it is made.
 */

const WATSONX = '@ibm-cloud/watsonx-ai';
/** Watson's service modules, each exporting its class as the module itself. */
const WATSON_SERVICES = [
  'ibm-watson/assistant/v1',
  'ibm-watson/assistant/v2',
  'ibm-watson/discovery/v2',
  'ibm-watson/natural-language-understanding/v1',
  'ibm-watson/speech-to-text/v1',
  'ibm-watson/text-to-speech/v1',
];
const REMEDY = 'set `timeout` (milliseconds, for each request) where the service is created: the IBM SDK core hands its options to axios and sets none';

const SITES: readonly CreationSite[] = [
  { module: WATSONX, path: ['WatsonXAI', 'newInstance'], how: 'call' },
  { module: WATSONX, path: ['WatsonXAI'], how: 'new' },
  ...WATSON_SERVICES.map((module) => ({ module, path: ['default'], how: 'new' as const })),
];

export const ibmCloudSdksLibrary = judgedWhereMade({
  kind: 'ibm-cloud-sdks',
  title: 'IBM watsonx.ai and Watson SDKs (`@ibm-cloud/watsonx-ai`, `ibm-watson`)',
  modules: [WATSONX, ...WATSON_SERVICES],
  dependencyName: 'ibm',
  signal: '`signal` in the parameters of watsonx.ai\'s methods; none in Watson\'s',
  retries: 'only when created with `enableRetries`',
  fromModule: (module, imported) => (module === WATSONX && imported === 'WatsonXAI' ? value('ibm-cloud-sdks', 'class', 'WatsonXAI') : undefined),
  instanceOptions: ['timeout'],
  remedy: REMEDY,
  defaultBound: 'none',
  creation: {
    sites: SITES,
    // a model's answer takes longer than an ordinary request's: a minute lets a long completion finish
    check: requireCreationOption(0, ['timeout'], 'timeout', '60_000', REMEDY),
  },
});
