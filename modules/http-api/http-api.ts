import { Construct } from 'constructs';
import { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import { Apigatewayv2Authorizer } from '@cdktf/provider-aws/lib/apigatewayv2-authorizer';
import { Apigatewayv2Integration } from '@cdktf/provider-aws/lib/apigatewayv2-integration';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route';
import { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage';
import { Apigatewayv2DomainName } from '@cdktf/provider-aws/lib/apigatewayv2-domain-name';
import { Apigatewayv2ApiMapping } from '@cdktf/provider-aws/lib/apigatewayv2-api-mapping';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Validator } from '../core/validation';
import { Tags, withName } from '../core/tags';
import { IGrantable } from '../iam/grants';
import { EXECUTE_API_ACTIONS } from '../iam/actions/execute-api';
import { LAMBDA_ACTIONS } from '../iam/actions/lambda';
import { ILambdaFunction } from '../lambda/lambda-function';
import { PolicySuppressions } from '../policy/suppressions';
import { httpApiAccessLogFormat } from './access-log-format';
import { iamResourcePath, routeKeyOf, validateHttpApiProps, validateRoute } from './validation';

/** HTTP methods of a route; `ANY` matches every method. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS' | 'ANY';

/**
 * Who may call a route: `jwt` (a bearer token from the API's JWT issuer, e.g. a Cognito user
 * pool), `iam` (SigV4-signed requests by principals granted `execute-api:Invoke`), or public, which
 * needs a written reason (it becomes the policy-pack suppression of MLM-APIGW-002).
 */
export type RouteAuth = 'jwt' | 'iam' | { readonly publicReason: string };

/** Throttling of a stage or a route (token bucket). */
export interface HttpApiThrottle {
  /** Requests that may arrive at once (0-5,000). */
  readonly burstLimit: number;
  /** Steady requests per second (0-10,000). */
  readonly rateLimit: number;
}

/** One route: method + path, handled by a Lambda function (payload format 2.0). */
export interface HttpRoute {
  readonly method: HttpMethod;
  /**
   * Path starting with '/', e.g. `/api/v1/predict`, `/api/v1/model/train/{job_id}`,
   * `/files/{proxy+}` (greedy, last segment only).
   */
  readonly path: string;
  /** The function that handles it (a `LambdaFunction`). */
  readonly handler: ILambdaFunction;
  /** Who may call it. @default - the API's `defaultAuth`; a route without either is refused */
  readonly auth?: RouteAuth;
  /** JWT routes only: scopes the token must carry (any of them). @default - none */
  readonly authorizationScopes?: string[];
  /** Throttling for this route, overriding the stage's. @default - the stage's `throttle` */
  readonly throttle?: HttpApiThrottle;
}

/** The JWT authorizer: tokens issued by `issuer` for one of `audience`. */
export interface HttpApiJwtAuthorizer {
  /**
   * Token issuer URL (`iss` claim). For a Cognito user pool:
   * `https://cognito-idp.<region>.amazonaws.com/<userPoolId>` (see {@link cognitoIssuer}).
   */
  readonly issuer: string;
  /** Accepted `aud` (or Cognito `client_id`) values: the app client ids. */
  readonly audience: string[];
  /** Where the token is read from. @default '$request.header.Authorization' */
  readonly identitySource?: string;
}

/** CORS: which browser origins may call the API. API Gateway answers preflight requests itself. */
export interface HttpApiCors {
  /**
   * Exact origins, e.g. `['https://app.example.com']` (`http://` only for localhost). `*` is
   * refused unless `allowAnyOrigin` is set, and always with `allowCredentials`.
   */
  readonly allowOrigins: string[];
  /** Methods browsers may use. @default - the methods of the routes (every method for ANY) */
  readonly allowMethods?: HttpMethod[];
  /** Request headers browsers may send. @default ['authorization', 'content-type'] */
  readonly allowHeaders?: string[];
  /** Response headers scripts may read. @default [] */
  readonly exposeHeaders?: string[];
  /** Let browsers send cookies and HTTP auth (never with `*` origins). @default false */
  readonly allowCredentials?: boolean;
  /** How long browsers cache a preflight answer (0-86,400 s). @default 300 */
  readonly maxAgeInSeconds?: number;
  /**
   * Accept `*` in `allowOrigins`: any web page may call the API from a visitor's browser. Only for
   * public, anonymous, read-only APIs.
   * @default false
   */
  readonly allowAnyOrigin?: boolean;
}

/** A custom domain for the API (regional, TLS 1.2), mapped to the default stage. */
export interface HttpApiDomain {
  /** Domain name, e.g. `api.example.com`. */
  readonly domainName: string;
  /** ACM certificate ARN in the API's region covering `domainName`. */
  readonly certificateArn: string;
  /** Route 53 hosted zone id for the alias records. */
  readonly hostedZoneId: string;
  /** Path prefix of the API under the domain, e.g. `v1`. @default - the root */
  readonly basePath?: string;
  /** Serve IPv6 too (dual-stack domain and an AAAA alias record). @default true */
  readonly ipv6?: boolean;
}

/** Props of {@link HttpApi}. */
export interface HttpApiProps {
  /** API name (1-128 characters); also names the access-log group. */
  readonly name: string;
  /** @default - none */
  readonly description?: string;
  /** Routes; more can be added with {@link HttpApi.addRoute}. @default [] */
  readonly routes?: HttpRoute[];
  /** The JWT authorizer (Cognito or another OIDC issuer). @default - none (no `jwt` routes possible) */
  readonly jwt?: HttpApiJwtAuthorizer;
  /**
   * Authorization of routes that set no `auth`.
   * @default - none: every route must set `auth`
   */
  readonly defaultAuth?: 'jwt' | 'iam';
  /** CORS. @default - none: browsers on other origins can't call the API */
  readonly cors?: HttpApiCors;
  /**
   * Throttling of the default stage: a cost and abuse guard. Requests above it get 429.
   * @default { burstLimit: 100, rateLimit: 50 }
   */
  readonly throttle?: HttpApiThrottle;
  /** Integration timeout (50-30,000 ms). @default 30000 */
  readonly integrationTimeoutInMillis?: number;
  /** Retention of the access-log group. @default 90 */
  readonly accessLogRetentionInDays?: number;
  /** KMS key ARN for the access-log group. @default - AWS owned keys */
  readonly accessLogKmsKeyArn?: string;
  /**
   * Per-route CloudWatch metrics (billed as custom metrics: about $0.30 per route per metric per
   * month).
   * @default false
   */
  readonly detailedMetrics?: boolean;
  /** A custom domain. @default - none: the API is reached on its execute-api endpoint */
  readonly domain?: HttpApiDomain;
  /**
   * Turn off the `https://<api-id>.execute-api...` endpoint so that clients must use the custom
   * domain. Requires `domain`.
   * @default - true when `domain` is set, false otherwise
   */
  readonly disableExecuteApiEndpoint?: boolean;
  /** Tags for every resource. @default - none */
  readonly tags?: Tags;
}

/** Issuer URL of a Cognito user pool, for {@link HttpApiJwtAuthorizer.issuer}. */
export function cognitoIssuer(region: string, userPoolId: string): string {
  return `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;
}

const DEFAULT_THROTTLE: HttpApiThrottle = { burstLimit: 100, rateLimit: 50 };
const ALL_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/**
 * An API Gateway HTTP API whose routes invoke Lambda functions, where every route is authorized
 * (JWT or IAM) unless it is explicitly public with a reason; with JSON access logs, stage
 * throttling, CORS for listed origins only, and an optional custom domain (TLS 1.2).
 *
 * Each route gets its own Lambda permission, limited to that route's method and path
 * (`<execution ARN>/*\/<METHOD>/<path>`), so a function behind `/health` can't be invoked through
 * another route.
 */
export class HttpApi extends Construct {
  public readonly api: Apigatewayv2Api;
  public readonly apiId: string;
  /** `https://<api-id>.execute-api.<region>.amazonaws.com`. */
  public readonly apiEndpoint: string;
  /** Prefix of execute-api ARNs (`arn:aws:execute-api:<region>:<account>:<api-id>`). */
  public readonly executionArn: string;
  public readonly stage: Apigatewayv2Stage;
  /** `$default`. */
  public readonly stageName: string;
  /** The URL clients use: the custom domain (with base path) or the execute-api endpoint. */
  public readonly url: string;
  public readonly accessLogGroup: CloudwatchLogGroup;
  public readonly authorizer?: Apigatewayv2Authorizer;
  public readonly domainName?: Apigatewayv2DomainName;

  private readonly props: HttpApiProps;
  private readonly routes = new Map<string, { route: HttpRoute; resource: Apigatewayv2Route }>();
  private readonly integrations = new Map<ILambdaFunction, Apigatewayv2Integration>();
  private readonly constructIds = new Set<string>();

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    validateHttpApiProps(new Validator(this), props).throwIfInvalid();
    this.props = props;
    const tags = props.tags;
    const routes = props.routes ?? [];
    const domain = props.domain;

    const cors = props.cors;
    this.api = new Apigatewayv2Api(this, 'api', {
      name: props.name,
      description: props.description,
      protocolType: 'HTTP',
      disableExecuteApiEndpoint: props.disableExecuteApiEndpoint ?? domain !== undefined,
      corsConfiguration: cors
        ? {
            allowOrigins: [...cors.allowOrigins],
            allowMethods: [...(cors.allowMethods ?? corsMethods(routes))],
            allowHeaders: [...(cors.allowHeaders ?? ['authorization', 'content-type'])],
            exposeHeaders: cors.exposeHeaders ? [...cors.exposeHeaders] : undefined,
            allowCredentials: cors.allowCredentials ?? false,
            maxAge: cors.maxAgeInSeconds ?? 300,
          }
        : undefined,
      tags: withName(props.name, tags),
    });
    this.apiId = this.api.id;
    this.apiEndpoint = this.api.apiEndpoint;
    this.executionArn = this.api.executionArn;

    if (props.jwt) {
      this.authorizer = new Apigatewayv2Authorizer(this, 'jwt-authorizer', {
        apiId: this.api.id,
        name: `${props.name}-jwt`.slice(0, 128),
        authorizerType: 'JWT',
        identitySources: [props.jwt.identitySource ?? '$request.header.Authorization'],
        jwtConfiguration: { issuer: props.jwt.issuer, audience: [...props.jwt.audience] },
      });
    }

    const logName = `/aws/apigateway/${props.name}`;
    this.accessLogGroup = new CloudwatchLogGroup(this, 'access-logs', {
      name: logName,
      retentionInDays: props.accessLogRetentionInDays ?? 90,
      kmsKeyId: props.accessLogKmsKeyArn,
      tags: withName(logName, tags),
    });

    for (const route of routes) this.createRoute(route);

    const throttle = props.throttle ?? DEFAULT_THROTTLE;
    this.stage = new Apigatewayv2Stage(this, 'stage', {
      apiId: this.api.id,
      name: '$default',
      autoDeploy: true,
      accessLogSettings: { destinationArn: this.accessLogGroup.arn, format: httpApiAccessLogFormat() },
      defaultRouteSettings: {
        throttlingBurstLimit: throttle.burstLimit,
        throttlingRateLimit: throttle.rateLimit,
        detailedMetricsEnabled: props.detailedMetrics ?? false,
      },
      tags: withName(`${props.name}-default`, tags),
    });
    this.stageName = '$default';
    this.syncRouteSettings();

    if (domain) {
      const ipv6 = domain.ipv6 ?? true;
      this.domainName = new Apigatewayv2DomainName(this, 'domain', {
        domainName: domain.domainName,
        domainNameConfiguration: {
          certificateArn: domain.certificateArn,
          endpointType: 'REGIONAL',
          securityPolicy: 'TLS_1_2',
          ipAddressType: ipv6 ? 'dualstack' : 'ipv4',
        },
        tags: withName(domain.domainName, tags),
      });
      new Apigatewayv2ApiMapping(this, 'mapping', {
        apiId: this.api.id,
        domainName: this.domainName.id,
        stage: this.stage.id,
        apiMappingKey: domain.basePath,
      });
      const target = this.domainName.domainNameConfiguration;
      for (const type of ipv6 ? ['A', 'AAAA'] : ['A']) {
        new Route53Record(this, `alias-${type.toLowerCase()}`, {
          zoneId: domain.hostedZoneId,
          name: domain.domainName,
          type,
          alias: {
            name: target.targetDomainName,
            zoneId: target.hostedZoneId,
            evaluateTargetHealth: false,
          },
        });
      }
      this.url = `https://${domain.domainName}/${domain.basePath ?? ''}`;
    } else {
      this.url = this.apiEndpoint;
    }
  }

  /** Adds a route after construction (validated like those in `routes`). */
  public addRoute(route: HttpRoute): void {
    const v = new Validator(`${this.node.path} (addRoute)`);
    validateRoute(v, 'route', route, this.props, [...this.routes.keys()]);
    v.throwIfInvalid();
    this.createRoute(route);
    this.syncRouteSettings();
  }

  /**
   * Lets an IAM principal call an IAM-authorized route (`execute-api:Invoke` on that method and
   * path of the default stage; path parameters become `*`).
   */
  public grantInvokeRoute(grantee: IGrantable, method: HttpMethod, path: string): void {
    const key = routeKeyOf(method, path);
    const entry = this.routes.get(key);
    const v = new Validator(`${this.node.path} (grantInvokeRoute)`);
    v.check(
      entry !== undefined,
      'route',
      key,
      'is not a route of this API',
      `use one of ${[...this.routes.keys()].join(', ')}`,
    );
    v.check(
      entry === undefined || this.authOf(entry.route) === 'iam',
      'route',
      key,
      'is not IAM-authorized, so an IAM grant would not be checked',
      'set auth: "iam" on the route',
    );
    v.throwIfInvalid();
    grantee.addStatements({
      sid: `InvokeApi${key.replace(/[^A-Za-z0-9]/g, '')}`.slice(0, 100),
      effect: 'Allow',
      actions: [...EXECUTE_API_ACTIONS.invoke],
      resources: [
        `${this.api.executionArn}/$default/${method === 'ANY' ? '*' : method}${iamResourcePath(path)}`,
      ],
    });
  }

  /** The Terraform route resource of a route key such as `GET /health`. */
  public routeResource(method: HttpMethod, path: string): Apigatewayv2Route | undefined {
    return this.routes.get(routeKeyOf(method, path))?.resource;
  }

  private authOf(route: HttpRoute): RouteAuth {
    return route.auth ?? (this.props.defaultAuth as RouteAuth);
  }

  private createRoute(route: HttpRoute): void {
    const key = routeKeyOf(route.method, route.path);
    const id = this.uniqueId(`route-${route.method.toLowerCase()}${slug(route.path)}`);
    const auth = this.authOf(route);
    const integration = this.integrationFor(route.handler);
    const resource = new Apigatewayv2Route(this, id, {
      apiId: this.api.id,
      routeKey: key,
      target: `integrations/${integration.id}`,
      authorizationType: auth === 'jwt' ? 'JWT' : auth === 'iam' ? 'AWS_IAM' : 'NONE',
      authorizerId: auth === 'jwt' ? this.authorizer?.id : undefined,
      authorizationScopes:
        auth === 'jwt' && route.authorizationScopes ? [...route.authorizationScopes] : undefined,
    });
    if (typeof auth === 'object') {
      PolicySuppressions.add(resource, [
        { id: 'MLM-APIGW-002', reason: `public route ${key}: ${auth.publicReason}` },
      ]);
    }
    // Only this route's method and path may invoke the function through this permission.
    new LambdaPermission(this, `${id}-permission`, {
      functionName: route.handler.functionName,
      qualifier: route.handler.qualifier,
      action: LAMBDA_ACTIONS.invoke[0],
      principal: 'apigateway.amazonaws.com',
      sourceArn: `${this.api.executionArn}/*/${route.method === 'ANY' ? '*' : route.method}${iamResourcePath(route.path)}`,
    });
    this.routes.set(key, { route, resource });
  }

  private integrationFor(handler: ILambdaFunction): Apigatewayv2Integration {
    const existing = this.integrations.get(handler);
    if (existing) return existing;
    const base = (handler as Partial<Construct>).node?.id ?? 'function';
    const integration = new Apigatewayv2Integration(
      this,
      this.uniqueId(`integration-${slug(base).slice(1) || 'function'}`),
      {
        apiId: this.api.id,
        integrationType: 'AWS_PROXY',
        integrationMethod: 'POST',
        integrationUri: handler.invokeArn,
        payloadFormatVersion: '2.0',
        timeoutMilliseconds: this.props.integrationTimeoutInMillis ?? 30000,
      },
    );
    this.integrations.set(handler, integration);
    return integration;
  }

  /** Per-route throttling overrides on the stage (which must wait for those routes to exist). */
  private syncRouteSettings(): void {
    if (!this.stage) return;
    const overrides = [...this.routes.values()].filter((r) => r.route.throttle !== undefined);
    if (overrides.length === 0) return;
    this.stage.putRouteSettings(
      overrides.map(({ route }) => ({
        routeKey: routeKeyOf(route.method, route.path),
        throttlingBurstLimit: route.throttle?.burstLimit,
        throttlingRateLimit: route.throttle?.rateLimit,
        detailedMetricsEnabled: this.props.detailedMetrics ?? false,
      })),
    );
    this.stage.dependsOn = overrides.map(
      ({ resource }) => `${resource.terraformResourceType}.${resource.friendlyUniqueId}`,
    );
  }

  private uniqueId(base: string): string {
    let id = base.slice(0, 80);
    for (let n = 2; this.constructIds.has(id); n++) id = `${base.slice(0, 76)}-${n}`;
    this.constructIds.add(id);
    return id;
  }
}

/** `/api/v1/model/train/{job_id}` becomes `-api-v1-model-train-job-id`. */
function slug(path: string): string {
  const s = path
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/-+$/, '');
  if (s === '') return '-root';
  return s.startsWith('-') ? s : `-${s}`;
}

function corsMethods(routes: readonly HttpRoute[]): HttpMethod[] {
  const methods = new Set<HttpMethod>();
  for (const r of routes) {
    if (r.method === 'ANY') ALL_METHODS.forEach((m) => methods.add(m));
    else methods.add(r.method);
  }
  if (methods.size === 0) return ['GET'];
  return ALL_METHODS.filter((m) => methods.has(m));
}
