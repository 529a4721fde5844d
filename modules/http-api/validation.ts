import { Validator, isUnresolved } from '../core/validation';
import { isValidLogRetention, nearestLogRetention, isKmsKeyArn } from '../core/aws-rules';
import { MIN_REASON_LENGTH } from '../policy/suppressions';
import type { HttpApiCors, HttpApiProps, HttpApiThrottle, HttpMethod, HttpRoute } from './http-api';

const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'];
const NAME_RE = /^[\x20-\x7e]{1,128}$/;
/** A path segment: literal characters, `{param}`, or (last only) `{proxy+}`. */
const LITERAL_SEGMENT_RE = /^[A-Za-z0-9._~:@!$&'()*+,;=-]+$/;
const PARAM_SEGMENT_RE = /^\{[A-Za-z0-9_]+\}$/;
const GREEDY_SEGMENT_RE = /^\{[A-Za-z0-9_]+\+\}$/;
const ORIGIN_RE = /^https:\/\/([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(:\d{1,5})?$/;
const LOCAL_ORIGIN_RE = /^http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?$/;
const HEADER_RE = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
const ISSUER_RE = /^https:\/\/[a-z0-9.-]+(:\d{1,5})?(\/[^\s]*)?$/;
const COGNITO_ISSUER_RE =
  /^https:\/\/cognito-idp\.([a-z0-9-]+)\.amazonaws\.com\/([a-z0-9-]+)_([A-Za-z0-9]+)$/;
const DOMAIN_RE = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const CERT_ARN_RE = /^arn:aws(-cn|-us-gov)?:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/;
const ZONE_ID_RE = /^Z[A-Z0-9]{1,32}$/;
const BASE_PATH_RE = /^[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/;
/** API Gateway's quota of routes per HTTP API. */
export const MAX_ROUTES_PER_API = 300;

/** `GET /health`: how API Gateway keys a route. */
export function routeKeyOf(method: string, path: string): string {
  return `${method} ${path}`;
}

/**
 * The path as IAM and Lambda source ARNs match it: parameters (`{id}`, `{proxy+}`) become `*`,
 * because requests are authorized against the concrete path.
 */
export function iamResourcePath(path: string): string {
  return path.replace(/\{[A-Za-z0-9_]+\+?\}/g, '*');
}

/** Problems with one route path. */
export function pathProblems(path: string): string[] {
  if (typeof path !== 'string' || !path.startsWith('/')) return ['must start with "/"'];
  if (path === '/') return [];
  if (path.endsWith('/')) return ['must not end with "/"'];
  const segments = path.slice(1).split('/');
  const problems: string[] = [];
  segments.forEach((s, i) => {
    if (s === '') problems.push('has an empty segment ("//")');
    else if (GREEDY_SEGMENT_RE.test(s)) {
      if (i !== segments.length - 1) problems.push(`has the greedy parameter ${s} before the last segment`);
    } else if (!PARAM_SEGMENT_RE.test(s) && !LITERAL_SEGMENT_RE.test(s)) {
      problems.push(`has the invalid segment "${s}"`);
    }
  });
  const params = segments.filter((s) => s.startsWith('{')).map((s) => s.replace(/[{}+]/g, ''));
  const dupes = params.filter((p, i) => params.indexOf(p) !== i);
  if (dupes.length > 0) problems.push(`repeats the parameter ${dupes[0]}`);
  return problems;
}

function checkThrottle(v: Validator, field: string, t: HttpApiThrottle | undefined): void {
  if (t === undefined) return;
  v.checkIntRange(t.burstLimit, 0, 5000, `${field}.burstLimit`);
  v.checkRange(t.rateLimit, 0, 10000, `${field}.rateLimit`);
}

/** Problems with one route; `taken` lists the route keys already in use. */
export function validateRoute(
  v: Validator,
  field: string,
  route: HttpRoute,
  props: HttpApiProps,
  taken: readonly string[],
): void {
  v.check(
    METHODS.includes(route.method),
    `${field}.method`,
    route.method,
    'is not an HTTP method',
    `use one of ${METHODS.join(', ')}`,
  );
  const problems = pathProblems(route.path);
  v.check(
    problems.length === 0,
    `${field}.path`,
    route.path,
    `is not a route path (${problems.join('; ')})`,
    'use a path such as "/api/v1/predict" or "/items/{id}"',
  );
  const key = routeKeyOf(route.method, route.path);
  v.check(!taken.includes(key), `${field}`, key, 'is defined twice', 'define each method and path once');
  v.check(
    route.handler !== undefined && typeof route.handler.invokeArn === 'string',
    `${field}.handler`,
    route.handler === undefined ? undefined : '(not a function)',
    'is not a Lambda function',
    'pass a LambdaFunction',
  );

  const auth = route.auth ?? props.defaultAuth;
  if (auth === undefined) {
    v.add(
      `${field}.auth`,
      undefined,
      `is missing for ${key}: every route must be authorized`,
      'set auth: "jwt" or "iam" on the route (or defaultAuth on the API); for a route that must be ' +
        'open (e.g. GET /health) set auth: { publicReason: "<why>" }',
    );
  } else if (typeof auth === 'object') {
    const reason = typeof auth.publicReason === 'string' ? auth.publicReason.trim() : '';
    v.check(
      reason.length >= MIN_REASON_LENGTH,
      `${field}.auth.publicReason`,
      auth.publicReason,
      `must say in at least ${MIN_REASON_LENGTH} characters why ${key} is public`,
      'e.g. "load balancer and uptime checks call it without credentials; it returns no data"',
    );
  } else if (auth !== 'jwt' && auth !== 'iam') {
    v.add(`${field}.auth`, auth, 'is not "jwt", "iam" or { publicReason }', 'use one of them');
  } else if (auth === 'jwt') {
    v.check(
      props.jwt !== undefined,
      `${field}.auth`,
      auth,
      'is "jwt" but the API has no jwt authorizer',
      'configure jwt: { issuer, audience } on the API (e.g. with cognitoIssuer(region, userPoolId))',
    );
  }
  const scopes = route.authorizationScopes;
  if (scopes !== undefined) {
    v.check(
      auth === 'jwt',
      `${field}.authorizationScopes`,
      scopes,
      'apply to JWT routes only',
      'remove them, or set auth: "jwt"',
    );
    v.check(scopes.length > 0, `${field}.authorizationScopes`, scopes, 'is empty', 'list scopes, or omit it');
  }
  checkThrottle(v, `${field}.throttle`, route.throttle);
}

function validateCors(v: Validator, cors: HttpApiCors): void {
  const origins = cors.allowOrigins ?? [];
  v.check(
    origins.length > 0,
    'cors.allowOrigins',
    origins,
    'is empty',
    'list the web origins that call the API',
  );
  const wildcard = origins.includes('*');
  if (wildcard) {
    v.check(
      cors.allowCredentials !== true,
      'cors.allowOrigins',
      origins,
      'contains "*" while allowCredentials is true: any site could make credentialed calls as the visitor',
      'list the exact origins, e.g. "https://app.example.com"',
    );
    v.check(
      cors.allowAnyOrigin === true,
      'cors.allowOrigins',
      origins,
      'contains "*": any web page could call the API from its visitors\' browsers',
      'list the exact origins; only for a public, anonymous API set allowAnyOrigin: true',
    );
    v.check(
      origins.length === 1,
      'cors.allowOrigins',
      origins,
      'mixes "*" with other origins',
      'use "*" alone or exact origins',
    );
  }
  const bad = origins.filter(
    (o) => o !== '*' && !isUnresolved(o) && !ORIGIN_RE.test(o) && !LOCAL_ORIGIN_RE.test(o),
  );
  v.check(
    bad.length === 0,
    'cors.allowOrigins',
    bad,
    'has entries that are not origins (https://host[:port], lower case, no path; http:// only for localhost)',
    'use e.g. "https://app.example.com"',
  );
  const badMethods = (cors.allowMethods ?? []).filter((m) => !METHODS.includes(m));
  v.check(
    badMethods.length === 0,
    'cors.allowMethods',
    badMethods,
    'has entries that are not HTTP methods',
    `use ${METHODS.join(', ')}`,
  );
  for (const field of ['allowHeaders', 'exposeHeaders'] as const) {
    const headers = cors[field] ?? [];
    const badHeaders = headers.filter((h) => !HEADER_RE.test(h) || h === '*');
    v.check(
      badHeaders.length === 0,
      `cors.${field}`,
      badHeaders,
      'has entries that are not header names ("*" included: list the headers)',
      'use names such as "content-type"',
    );
  }
  v.checkIntRange(cors.maxAgeInSeconds, 0, 86400, 'cors.maxAgeInSeconds');
}

/** Problems with {@link HttpApiProps}, collected into `v`. */
export function validateHttpApiProps(v: Validator, props: HttpApiProps): Validator {
  v.check(
    typeof props.name === 'string' && NAME_RE.test(props.name) && /^[A-Za-z0-9._/-]+$/.test(props.name),
    'name',
    props.name,
    'must be 1-128 letters, digits, ".", "_", "-" or "/" (it also names the log group)',
    'use a name such as "mlnews-dev-api"',
  );
  const routes = props.routes ?? [];
  v.check(
    routes.length <= MAX_ROUTES_PER_API,
    'routes',
    routes.length,
    `has more than ${MAX_ROUTES_PER_API} routes (the API Gateway quota)`,
    'use greedy paths ({proxy+}) or split the API',
  );
  const keys: string[] = [];
  routes.forEach((r, i) => {
    validateRoute(v, `routes[${i}]`, r, props, keys);
    keys.push(routeKeyOf(r.method, r.path));
  });
  v.check(
    props.defaultAuth === undefined || props.defaultAuth === 'jwt' || props.defaultAuth === 'iam',
    'defaultAuth',
    props.defaultAuth,
    'must be "jwt" or "iam"',
    'use "jwt" or "iam"; mark public routes one by one',
  );
  v.check(
    props.defaultAuth !== 'jwt' || props.jwt !== undefined,
    'defaultAuth',
    props.defaultAuth,
    'is "jwt" but the API has no jwt authorizer',
    'configure jwt: { issuer, audience }',
  );
  if (props.jwt) {
    const issuer = props.jwt.issuer;
    v.checkOptional(
      issuer,
      (i) => ISSUER_RE.test(i) && !i.endsWith('/'),
      'jwt.issuer',
      'is not an https issuer URL without a trailing "/"',
      'use e.g. cognitoIssuer("us-east-1", "us-east-1_AbCdEf123")',
    );
    const cognito = typeof issuer === 'string' ? COGNITO_ISSUER_RE.exec(issuer) : null;
    if (cognito) {
      v.check(
        cognito[1] === cognito[2],
        'jwt.issuer',
        issuer,
        `names a user pool of ${cognito[2]} in the endpoint of ${cognito[1]}`,
        "use the pool's own region in both places (cognito-idp.<region>.amazonaws.com/<region>_<id>)",
      );
    }
    const audience = props.jwt.audience ?? [];
    v.check(
      audience.length > 0 && audience.every((a) => typeof a === 'string' && a.trim() !== ''),
      'jwt.audience',
      audience,
      'must list at least one non-empty audience (app client id)',
      'pass the user pool app client ids',
    );
    v.checkOptional(
      props.jwt.identitySource,
      (s) => /^\$request\.(header|querystring)\.[A-Za-z0-9_-]+$/.test(s),
      'jwt.identitySource',
      'is not an identity source',
      'use "$request.header.Authorization"',
    );
  }
  if (props.cors) validateCors(v, props.cors);
  checkThrottle(v, 'throttle', props.throttle);
  v.checkIntRange(props.integrationTimeoutInMillis, 50, 30000, 'integrationTimeoutInMillis');
  v.checkOptional(
    props.accessLogRetentionInDays,
    (d) => isValidLogRetention(d) && d !== 0,
    'accessLogRetentionInDays',
    'is not a retention CloudWatch Logs accepts (0, "never expire", is refused)',
    `use e.g. ${nearestLogRetention(props.accessLogRetentionInDays ?? 90)}`,
  );
  v.checkOptional(
    props.accessLogKmsKeyArn,
    (a) => isKmsKeyArn(a),
    'accessLogKmsKeyArn',
    'is not a KMS key ARN',
    'pass "arn:aws:kms:<region>:<account>:key/<key-id>"',
  );
  const domain = props.domain;
  if (domain) {
    v.checkOptional(
      domain.domainName,
      (d) => DOMAIN_RE.test(d),
      'domain.domainName',
      'is not a lower-case domain name',
      'use e.g. "api.example.com"',
    );
    v.checkOptional(
      domain.certificateArn,
      (a) => CERT_ARN_RE.test(a),
      'domain.certificateArn',
      'is not an ACM certificate ARN',
      'pass "arn:aws:acm:<api region>:<account>:certificate/<id>"',
    );
    v.checkOptional(
      domain.hostedZoneId,
      (z) => ZONE_ID_RE.test(z),
      'domain.hostedZoneId',
      'is not a Route 53 hosted zone id',
      'use e.g. "Z0123456789ABCDEFGHIJ"',
    );
    v.checkOptional(
      domain.basePath,
      (b) => BASE_PATH_RE.test(b),
      'domain.basePath',
      'is not a base path (no leading or trailing "/")',
      'use e.g. "v1"',
    );
  }
  v.check(
    !(props.disableExecuteApiEndpoint === true && domain === undefined),
    'disableExecuteApiEndpoint',
    props.disableExecuteApiEndpoint,
    'is true without a custom domain: the API would be unreachable',
    'set domain, or remove disableExecuteApiEndpoint',
  );
  return v;
}
