import type { TSESTree } from '@typescript-eslint/utils';
import type { ClientSetting } from '../analysis/settings.js';
import { ownCopy } from '../project/files.js';
import { apolloClientLibrary } from './apollo-client.js';
import { awsSdkLibrary } from './aws-sdk.js';
import { aws4fetchLibrary } from './aws4fetch.js';
import { azureArmLibrary } from './azure-arm.js';
import { azureStorageBlobLibrary } from './azure-storage-blob.js';
import { openidClientLibrary, posthogNodeLibrary } from './bounded-by-default.js';
import { axiosLibrary } from './axios.js';
import { customClientValue, customLibrary } from './custom.js';
import { fetchLibrary } from './fetch.js';
import { googleAuthLibrary } from './google-auth-library.js';
import { googleapisLibrary } from './googleapis.js';
import { hcaptchaLibrary } from './hcaptcha.js';
import { expressRecaptchaLibrary } from './express-recaptcha.js';
import { nordigenLibrary } from './nordigen-node.js';
import { plaidLibrary } from './plaid.js';
import { appStoreServerLibrary } from './app-store-server.js';
import { gigetLibrary } from './giget.js';
import { acmeClientLibrary } from './acme-client.js';
import { expoServerSdkLibrary } from './expo-server-sdk.js';
import { langchainAwsLibrary } from './langchain-aws.js';
import { sapphireFetchLibrary } from './sapphire-fetch.js';
import { lemonSqueezyLibrary } from './lemonsqueezy.js';
import { upworkApiLibrary } from './upwork-api.js';
import { airtableLibrary } from './airtable.js';
import { gotLibrary } from './got.js';
import { grpcLibrary } from './grpc.js';
import { kyLibrary } from './ky.js';
import { value, type CallOutcome, type ClientKind, type ClientValue, type LibraryModel } from './model.js';
import { mongodbLibrary } from './mongodb.js';
import { mysqlLibrary } from './mysql.js';
import { nodeFetchLibrary } from './node-fetch.js';
import { nodeHttpLibrary } from './node-http.js';
import { nodeNetLibrary } from './node-net.js';
import { plexApiLibrary } from './plex-api.js';
import { pusherLibrary } from './pusher.js';
import { wretchLibrary } from './wretch.js';
import { mailgunJsLibrary } from './mailgun-js.js';
import { pgLibrary } from './pg.js';
import { redisLibrary } from './redis.js';
import { requestPromiseLibrary } from './request-promise.js';
import { retryRequestLibrary } from './retry-request.js';
import { resendLibrary } from './resend.js';
import { superagentLibrary } from './superagent.js';
import { supabaseJsLibrary } from './supabase-js.js';
import { nodeImapLibrary } from './node-imap.js';
import { needleLibrary } from './needle.js';
import { niceGrpcLibrary } from './nice-grpc.js';
import { undiciLibrary } from './undici.js';
import { drizzleLibrary } from './drizzle.js';
import { fetchRetryLibrary } from './fetch-retry.js';
import { graphqlRequestLibrary } from './graphql-request.js';
import { knexLibrary } from './knex.js';
import { ldapauthForkLibrary } from './ldapauth-fork.js';
import { ldapjsLibrary } from './ldapjs.js';
import { mailgunLibrary } from './mailgun.js';
import { feedparserPromisedLibrary } from './feedparser-promised.js';
import { mcpSdkAuthLibrary } from './mcp-sdk-auth.js';
import { simpleOauth2Library } from './simple-oauth2.js';
import { meilisearchLibrary } from './meilisearch.js';
import { apifyClientLibrary } from './apify-client.js';
import { makeFetchHappenLibrary } from './make-fetch-happen.js';
import { microsoftGraphLibrary } from './microsoft-graph.js';
import { minioLibrary } from './minio.js';
import { aiSdkLibrary } from './ai-sdk.js';
import { slackOauthLibrary } from './slack-oauth.js';
import { mongooseLibrary } from './mongoose.js';
import { nestjsAxiosLibrary } from './nestjs-axios.js';
import { octokitLibrary } from './octokit.js';
import { ofetchLibrary } from './ofetch.js';
import { netlifyApiLibrary } from './netlify-api.js';
import { openaiLibrary } from './openai.js';
import { partysocketLibrary } from './partysocket.js';
import { passportLdapauthLibrary } from './passport-ldapauth.js';
import { plainLibrary } from './plain.js';
import { playwrightLibrary } from './playwright.js';
import { prismaLibrary } from './prisma.js';
import { amqplibLibrary, bullLibrary, graphqlRedisSubscriptionsLibrary, kafkajsLibrary, nodemailerLibrary } from './queues.js';
import { sendgridLibrary } from './sendgrid.js';
import { sequelizeLibrary } from './sequelize.js';
import { slackLibrary } from './slack.js';
import { slackBoltLibrary } from './slack-bolt.js';
import { speakeasyLibraries } from './speakeasy-sdks.js';
import { stripeLibrary } from './stripe.js';
import { twitterLibrary } from './twitter.js';
import { trpcLibrary } from './trpc.js';
import { typeormLibrary } from './typeorm.js';
import { urqlLibrary } from './urql.js';
import { wsLibrary } from './ws.js';
import { undiciWebSocketLibrary } from './undici-websocket.js';
import { azureDevopsLibrary } from './azure-devops-node-api.js';
import { telegramBotLibrary } from './node-telegram-bot-api.js';
import { unsendLibrary } from './unsend.js';
import { parseS3FilesAdapterLibrary } from './parse-s3-files-adapter.js';
import { ibmCloudSdksLibrary } from './ibm-cloud-sdks.js';
import { jsforceLibrary } from './jsforce.js';
import { apns2Library } from './apns2.js';
import { webPushLibrary } from './web-push.js';
import { youtubeiLibrary } from './youtubei.js';
import { youtubeiClientLibrary } from './youtubei-client.js';
import { nodeMailjetLibrary } from './node-mailjet.js';
import { spotifyWebApiLibrary } from './spotify-web-api-node.js';
import { lastfmTsApiLibrary } from './lastfm-ts-api.js';
import { kodiApiLibrary } from './kodi-api.js';
import { jellyfinSdkLibrary } from './jellyfin-sdk.js';
import { atcuteClientLibrary } from './atcute-client.js';
import { odataLibrary } from './odata.js';
import { hubspotApiClientLibrary } from './hubspot-api-client.js';
import { linearSdkLibrary } from './linear-sdk.js';
import { svixLibrary } from './svix.js';
import { urllibLibrary } from './urllib.js';
import { fbLibrary } from './fb.js';
import { fbgraphLibrary } from './fbgraph.js';
import { nodeTwitterApiLibrary } from './node-twitter-api.js';
import { oauthLibrary } from './oauth.js';
import { newsapiLibrary } from './newsapi.js';
import { twitterNodeLibrary } from './twitter-node.js';
import { strapiSdkLibrary } from './strapi-sdk-js.js';
import { azureStorageQueueLibrary } from './azure-storage-queue.js';
import { mixpanelLibrary } from './mixpanel.js';
import { openapiFetchLibrary } from './openapi-fetch.js';

/** The registry of library models: the analyses and fixes ask it, never a library file directly. */

export type { BoundLevel, CallOutcome, ClientKind, ClientValue, FixModel, InstanceOptions, IoCall, LibraryModel, OptionContext, TimeoutModel } from './model.js';
export { HTTP_METHODS, heldOptions } from './model.js';
export { FETCH_TYPE, GLOBAL_FETCH } from './fetch.js';
export { GLOBAL_OFETCH } from './ofetch.js';
export { customClientValue } from './custom.js';
export { methodFromOptions, propertyKey, unwrapExpression } from '../analysis/syntax.js';

/** Every library model, in the order their modules are tried. */
export const LIBRARIES: readonly LibraryModel[] = [
  fetchLibrary, nodeFetchLibrary, undiciLibrary, axiosLibrary, gotLibrary, kyLibrary, ofetchLibrary, sapphireFetchLibrary, requestPromiseLibrary, retryRequestLibrary, superagentLibrary, nodeHttpLibrary, nodeNetLibrary,
  pgLibrary, mysqlLibrary, mongodbLibrary, redisLibrary, awsSdkLibrary, grpcLibrary, niceGrpcLibrary, knexLibrary, prismaLibrary,
  sequelizeLibrary, typeormLibrary, mongooseLibrary, drizzleLibrary, octokitLibrary, slackLibrary, stripeLibrary,
  openaiLibrary, nestjsAxiosLibrary, wsLibrary, undiciWebSocketLibrary, graphqlRequestLibrary, bullLibrary, graphqlRedisSubscriptionsLibrary, kafkajsLibrary, amqplibLibrary,
  nodemailerLibrary, fetchRetryLibrary, playwrightLibrary, ldapjsLibrary, ldapauthForkLibrary, passportLdapauthLibrary,
  netlifyApiLibrary, twitterLibrary, resendLibrary, urqlLibrary, trpcLibrary,
  meilisearchLibrary, googleapisLibrary, googleAuthLibrary, apolloClientLibrary, supabaseJsLibrary, nodeImapLibrary, openidClientLibrary, posthogNodeLibrary, sendgridLibrary, aws4fetchLibrary,
  azureStorageBlobLibrary, partysocketLibrary, plaidLibrary, nordigenLibrary, hcaptchaLibrary, expressRecaptchaLibrary, needleLibrary, minioLibrary,
  aiSdkLibrary, slackOauthLibrary, makeFetchHappenLibrary, apifyClientLibrary, microsoftGraphLibrary, slackBoltLibrary, plainLibrary,
  ...speakeasyLibraries, telegramBotLibrary, webPushLibrary, azureDevopsLibrary, unsendLibrary, youtubeiLibrary, urllibLibrary,
  lemonSqueezyLibrary, gigetLibrary, acmeClientLibrary, expoServerSdkLibrary, langchainAwsLibrary, appStoreServerLibrary, upworkApiLibrary, airtableLibrary, mailgunLibrary, feedparserPromisedLibrary, simpleOauth2Library, mcpSdkAuthLibrary,
  parseS3FilesAdapterLibrary, ibmCloudSdksLibrary, jsforceLibrary, apns2Library, plexApiLibrary, pusherLibrary, mailgunJsLibrary, wretchLibrary, azureArmLibrary,
  nodeMailjetLibrary, spotifyWebApiLibrary, lastfmTsApiLibrary, youtubeiClientLibrary,
  kodiApiLibrary,
  jellyfinSdkLibrary,
  atcuteClientLibrary,
  odataLibrary, hubspotApiClientLibrary, linearSdkLibrary, svixLibrary,
  fbLibrary, fbgraphLibrary, nodeTwitterApiLibrary, oauthLibrary, newsapiLibrary, twitterNodeLibrary, strapiSdkLibrary, azureStorageQueueLibrary, mixpanelLibrary, openapiFetchLibrary,
];

const BY_KIND = new Map<ClientKind, LibraryModel>([...LIBRARIES, customLibrary].map((library) => [library.kind, library]));
const BY_MODULE = new Map<string, LibraryModel[]>();
for (const library of LIBRARIES) {
  for (const module of library.modules) BY_MODULE.set(module, [...(BY_MODULE.get(module) ?? []), library]);
}
const PATTERN_LIBRARIES = LIBRARIES.filter((library) => library.ownsModule !== undefined);

/** The model of a client kind (the user's own clients included). */
export function libraryOf(kind: ClientKind): LibraryModel | undefined {
  return BY_KIND.get(kind);
}

/**
 * The pattern-matched libraries of the modules met so far: every import of every linted file asks, and most name no
 * library, so the same few hundred specifiers would run every pattern again (and allocate an empty list) each time.
 */
const BY_PATTERN = new Map<string, readonly LibraryModel[]>();
const NO_LIBRARIES: readonly LibraryModel[] = [];
/** A language server meets more specifiers as the project grows: past this, they are matched again. */
const MAX_PATTERN_ANSWERS = 20_000;

function librariesOfModule(module: string): readonly LibraryModel[] {
  const known = BY_MODULE.get(module) ?? BY_PATTERN.get(module);
  if (known) return known;
  const found = PATTERN_LIBRARIES.filter((library) => library.ownsModule!(module));
  const libraries = found.length === 0 ? NO_LIBRARIES : found;
  if (BY_PATTERN.size >= MAX_PATTERN_ANSWERS) BY_PATTERN.clear();
  BY_PATTERN.set(ownCopy(module), libraries); // not a view of the linted file's text
  return libraries;
}

/** Whether importing `module` may bring a known client into the file. */
export function isClientModule(module: string): boolean {
  return librariesOfModule(module).length > 0;
}

/** The value an import of `imported` ('default', '*' or an export name) from `module` stands for. */
export function valueFromModule(module: string, imported: string, settings: readonly ClientSetting[]): ClientValue | undefined {
  for (const setting of settings) {
    if (setting.module !== module) continue;
    if (setting.export === undefined ? imported === 'default' || imported === '*' : setting.export === imported) {
      return customClientValue(setting, imported === 'default' || imported === '*' ? module : imported);
    }
  }
  const libraries = librariesOfModule(module);
  for (const library of libraries) {
    const found = library.fromModule(module, imported);
    if (found) return found;
  }
  // `import * as rest from '@octokit/rest'`, `const { Octokit } = await import('@octokit/rest')`: where the library
  // gives the namespace no meaning of its own, its members are the module's exports, as a static import names them
  const [first] = libraries;
  return imported === '*' && first ? value(first.kind, NAMESPACE, module) : undefined;
}

/** The role of a module namespace whose members are the module's exports. */
const NAMESPACE = 'module-namespace';

export function memberOf(v: ClientValue, name: string): ClientValue | undefined {
  if (v.role === NAMESPACE) return valueFromModule(v.name, name, []);
  return libraryOf(v.kind)?.member(v, name);
}

export function callOf(v: ClientValue, node: TSESTree.CallExpression): CallOutcome | undefined {
  return v.role === NAMESPACE ? undefined : libraryOf(v.kind)?.call(v, node);
}

export function constructOf(v: ClientValue, node: TSESTree.NewExpression): ClientValue | undefined {
  return v.role === NAMESPACE ? undefined : libraryOf(v.kind)?.construct(v, node);
}

export function instanceOfType(v: ClientValue): ClientValue | undefined {
  return libraryOf(v.kind)?.instanceOfType?.(v);
}
