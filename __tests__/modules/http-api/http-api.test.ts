import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import { Apigatewayv2ApiMapping } from '@cdktf/provider-aws/lib/apigatewayv2-api-mapping';
import { Apigatewayv2Authorizer } from '@cdktf/provider-aws/lib/apigatewayv2-authorizer';
import { Apigatewayv2DomainName } from '@cdktf/provider-aws/lib/apigatewayv2-domain-name';
import { Apigatewayv2Integration } from '@cdktf/provider-aws/lib/apigatewayv2-integration';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import {
  HTTP_API_ACCESS_LOG_FIELDS,
  HttpApi,
  HttpApiProps,
  HttpRoute,
  cognitoIssuer,
} from '../../../modules/http-api';
import { iamResourcePath } from '../../../modules/http-api/validation';
import { validateHttpApiProps } from '../../../modules/http-api/validation';
import { LambdaFunction, LambdaFunctionProps } from '../../../modules/lambda';
import { Role } from '../../../modules/iam';
import { Validator } from '../../../modules/core';
import { applyPolicyPack, PolicySuppressions } from '../../../modules/policy';
import { block, idsOf, statements, synthJson } from '../../support/synth-json';

const ISSUER = cognitoIssuer('us-east-1', 'us-east-1_AbCdEf123');
const JWT = { issuer: ISSUER, audience: ['4example1clientid'] };
const CERT = 'arn:aws:acm:us-east-1:111122223333:certificate/12345678-1234-1234-1234-123456789012';
const FN: LambdaFunctionProps = {
  functionName: 'inference',
  code: { s3: { bucketName: 'artifacts', key: 'inference.zip' } },
  runtime: 'python3.12',
  handler: 'app.handler',
};

interface Fixture {
  readonly stack: TerraformStack;
  readonly inference: LambdaFunction;
  readonly health: LambdaFunction;
}

function fixture(): Fixture {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const inference = new LambdaFunction(stack, 'inference', FN);
  const health = new LambdaFunction(stack, 'health', { ...FN, functionName: 'health' });
  return { stack, inference, health };
}

function apiProps(f: Fixture, props: Partial<HttpApiProps> = {}): HttpApiProps {
  return {
    name: 'mlnews-dev-api',
    jwt: JWT,
    defaultAuth: 'jwt',
    routes: [
      { method: 'POST', path: '/api/v1/predict', handler: f.inference },
      { method: 'POST', path: '/api/v1/predict/batch', handler: f.inference },
      { method: 'GET', path: '/api/v1/model/train/{job_id}', handler: f.inference },
      {
        method: 'GET',
        path: '/health',
        handler: f.health,
        auth: { publicReason: 'uptime checks call it without credentials; it returns no data' },
      },
    ],
    ...props,
  };
}

function build(
  props: (f: Fixture) => Partial<HttpApiProps> = () => ({}),
  after?: (f: Fixture, api: HttpApi) => void,
) {
  const f = fixture();
  const api = new HttpApi(f.stack, 'api', apiProps(f, props(f)));
  after?.(f, api);
  return { ...f, api };
}

function synth(
  props: (f: Fixture) => Partial<HttpApiProps> = () => ({}),
  after?: (f: Fixture, api: HttpApi) => void,
) {
  const built = build(props, after);
  return { ...built, ...synthJson(built.stack) };
}

const API_REF = /^\$\{aws_apigatewayv2_api\.api_[0-9A-F]{8}\.execution_arn\}/;

describe('HttpApi defaults', () => {
  const { text, json, api } = synth();

  it('creates an HTTP API with its execute-api endpoint and no CORS', () => {
    expect(text).toHaveResourceWithProperties(Apigatewayv2Api, {
      name: 'mlnews-dev-api',
      protocol_type: 'HTTP',
      disable_execute_api_endpoint: false,
      tags: { Name: 'mlnews-dev-api' },
    });
    expect(block(json.resource, 'aws_apigatewayv2_api', 'api').cors_configuration).toBeUndefined();
    expect(api.url).toBe(api.apiEndpoint);
    expect(api.stageName).toBe('$default');
  });

  it('validates JWTs from the Cognito user pool for its app client', () => {
    expect(text).toHaveResourceWithProperties(Apigatewayv2Authorizer, {
      authorizer_type: 'JWT',
      name: 'mlnews-dev-api-jwt',
      identity_sources: ['$request.header.Authorization'],
      jwt_configuration: {
        issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123',
        audience: ['4example1clientid'],
      },
    });
  });

  it('authorizes every route with the JWT authorizer except the public one', () => {
    const routes = Object.values(json.resource.aws_apigatewayv2_route);
    expect(routes.map((r) => [r.route_key, r.authorization_type]).sort()).toEqual([
      ['GET /api/v1/model/train/{job_id}', 'JWT'],
      ['GET /health', 'NONE'],
      ['POST /api/v1/predict', 'JWT'],
      ['POST /api/v1/predict/batch', 'JWT'],
    ]);
    const predict = block(json.resource, 'aws_apigatewayv2_route', 'api_route-post-api-v1-predict');
    expect(predict.authorizer_id).toMatch(
      /^\$\{aws_apigatewayv2_authorizer\.api_jwt-authorizer_[0-9A-F]{8}\.id\}$/,
    );
    expect(
      block(json.resource, 'aws_apigatewayv2_route', 'api_route-get-health').authorizer_id,
    ).toBeUndefined();
  });

  it('records the public reason as the MLM-APIGW-002 suppression of that route only', () => {
    expect(PolicySuppressions.of(api.routeResource('GET', '/health') as Apigatewayv2Route)).toEqual([
      {
        id: 'MLM-APIGW-002',
        reason: 'public route GET /health: uptime checks call it without credentials; it returns no data',
      },
    ]);
    expect(PolicySuppressions.of(api.routeResource('POST', '/api/v1/predict') as Apigatewayv2Route)).toEqual(
      [],
    );
  });

  it('integrates each function once, as a Lambda proxy with payload format 2.0', () => {
    expect(idsOf(json.resource, 'aws_apigatewayv2_integration')).toHaveLength(2);
    expect(text).toHaveResourceWithProperties(Apigatewayv2Integration, {
      integration_type: 'AWS_PROXY',
      integration_method: 'POST',
      payload_format_version: '2.0',
      timeout_milliseconds: 30000,
    });
    expect(
      block(json.resource, 'aws_apigatewayv2_integration', 'api_integration-inference').integration_uri,
    ).toMatch(/^\$\{aws_lambda_function\.inference_function_[0-9A-F]{8}\.invoke_arn\}$/);
  });

  it("gives each route its own Lambda permission, limited to that route's method and path", () => {
    const permissions = Object.values(json.resource.aws_lambda_permission);
    expect(permissions).toHaveLength(4);
    expect(permissions.map((p) => String(p.source_arn).replace(API_REF, '<api>')).sort()).toEqual([
      '<api>/*/GET/api/v1/model/train/*',
      '<api>/*/GET/health',
      '<api>/*/POST/api/v1/predict',
      '<api>/*/POST/api/v1/predict/batch',
    ]);
    expect(text).toHaveResourceWithProperties(LambdaPermission, {
      action: 'lambda:InvokeFunction',
      principal: 'apigateway.amazonaws.com',
    });
  });

  it('logs every request as JSON to its own group, and throttles the default stage', () => {
    expect(text).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: '/aws/apigateway/mlnews-dev-api',
      retention_in_days: 90,
    });
    const stage = block(json.resource, 'aws_apigatewayv2_stage', 'api_stage');
    expect(stage).toEqual(
      expect.objectContaining({
        name: '$default',
        auto_deploy: true,
        default_route_settings: {
          throttling_burst_limit: 100,
          throttling_rate_limit: 50,
          detailed_metrics_enabled: false,
        },
      }),
    );
    const settings = stage.access_log_settings as { destination_arn: string; format: string };
    expect(settings.destination_arn).toMatch(
      /^\$\{aws_cloudwatch_log_group\.api_access-logs_[0-9A-F]{8}\.arn\}$/,
    );
    const format = JSON.parse(settings.format) as Record<string, string>;
    expect(format).toEqual(
      expect.objectContaining({
        requestId: '$context.requestId',
        ip: '$context.identity.sourceIp',
        routeKey: '$context.routeKey',
        status: '$context.status',
        latency: '$context.responseLatency',
        integrationError: '$context.integrationErrorMessage',
      }),
    );
    expect(format).toEqual({
      requestId: '$context.requestId',
      ip: '$context.identity.sourceIp',
      requestTime: '$context.requestTime',
      httpMethod: '$context.httpMethod',
      routeKey: '$context.routeKey',
      path: '$context.path',
      status: '$context.status',
      protocol: '$context.protocol',
      responseLength: '$context.responseLength',
      latency: '$context.responseLatency',
      integrationLatency: '$context.integrationLatency',
      integrationStatus: '$context.integrationStatus',
      integrationError: '$context.integrationErrorMessage',
      authorizerError: '$context.authorizer.error',
      jwtSubject: '$context.authorizer.claims.sub',
      iamPrincipal: '$context.identity.userArn',
      userAgent: '$context.identity.userAgent',
    });
    expect(format).toEqual(HTTP_API_ACCESS_LOG_FIELDS);
    expect(stage.route_settings).toBeUndefined();
  });

  it('creates no custom domain or DNS records', () => {
    for (const type of [
      'aws_apigatewayv2_domain_name',
      'aws_apigatewayv2_api_mapping',
      'aws_route53_record',
    ]) {
      expect(idsOf(json.resource, type)).toEqual([]);
    }
  });

  it('passes the policy pack without errors and without API Gateway warnings', () => {
    const { stack } = build();
    const log: string[] = [];
    applyPolicyPack(stack, { log: (m) => log.push(m) });
    expect(() => Testing.synth(stack, true)).not.toThrow();
    expect(log.join('\n')).not.toMatch(/MLM-APIGW-\d+ \[/);
    expect(log.join('\n')).toContain('MLM-APIGW-002 test/api/route-get-health');
  });
});

describe('HttpApi options', () => {
  it('IAM routes: SigV4 callers granted execute-api:Invoke on that method and path', () => {
    const { json, text } = synth(
      (f) => ({
        routes: [{ method: 'GET', path: '/internal/items/{id}', handler: f.inference, auth: 'iam' }],
        jwt: undefined,
        defaultAuth: undefined,
      }),
      (f, api) => {
        const caller = new Role(f.stack, 'caller', { name: 'caller', assumedBy: ['lambda.amazonaws.com'] });
        api.grantInvokeRoute(caller, 'GET', '/internal/items/{id}');
      },
    );
    expect(text).toHaveResourceWithProperties(Apigatewayv2Route, { authorization_type: 'AWS_IAM' });
    expect(idsOf(json.resource, 'aws_apigatewayv2_authorizer')).toEqual([]);
    const [s] = statements(json, 'caller_policy-document');
    expect(s.actions).toEqual(['execute-api:Invoke']);
    expect(String((s.resources as string[])[0]).replace(API_REF, '<api>')).toBe(
      '<api>/$default/GET/internal/items/*',
    );
  });

  it('refuses an IAM grant on a route that is not IAM-authorized, or unknown', () => {
    const { api, stack } = build();
    const role = new Role(stack, 'caller', { name: 'caller', assumedBy: ['lambda.amazonaws.com'] });
    expect(() => api.grantInvokeRoute(role, 'POST', '/api/v1/predict')).toThrow(
      'route = "POST /api/v1/predict": is not IAM-authorized, so an IAM grant would not be checked. Fix: set auth: "iam"',
    );
    expect(() => api.grantInvokeRoute(role, 'DELETE', '/nope')).toThrow(
      'route = "DELETE /nope": is not a route of this API',
    );
  });

  it('JWT scopes, per-route throttling and detailed metrics', () => {
    const { json } = synth((f) => ({
      detailedMetrics: true,
      throttle: { burstLimit: 20, rateLimit: 10 },
      routes: [
        {
          method: 'POST',
          path: '/api/v1/model/train',
          handler: f.inference,
          authorizationScopes: ['mlnews/admin'],
          throttle: { burstLimit: 1, rateLimit: 0.1 },
        },
      ],
    }));
    const route = Object.values(json.resource.aws_apigatewayv2_route)[0];
    expect(route.authorization_scopes).toEqual(['mlnews/admin']);
    const stage = block(json.resource, 'aws_apigatewayv2_stage', 'api_stage');
    expect(stage.default_route_settings).toEqual({
      throttling_burst_limit: 20,
      throttling_rate_limit: 10,
      detailed_metrics_enabled: true,
    });
    expect(stage.route_settings).toEqual([
      {
        route_key: 'POST /api/v1/model/train',
        throttling_burst_limit: 1,
        throttling_rate_limit: 0.1,
        detailed_metrics_enabled: true,
      },
    ]);
    expect(stage.depends_on).toEqual([
      expect.stringMatching(/^aws_apigatewayv2_route\.api_route-post-api-v1-model-train_[0-9A-F]{8}$/),
    ]);
  });

  it("CORS for the listed origins, with the routes' methods and safe headers by default", () => {
    const { json } = synth(() => ({
      cors: { allowOrigins: ['https://app.example.com', 'http://localhost:3000'] },
    }));
    expect(block(json.resource, 'aws_apigatewayv2_api', 'api').cors_configuration).toEqual({
      allow_origins: ['https://app.example.com', 'http://localhost:3000'],
      allow_methods: ['GET', 'POST'],
      allow_headers: ['authorization', 'content-type'],
      allow_credentials: false,
      max_age: 300,
    });
  });

  it('CORS with every option set, and "*" for a public API that says so', () => {
    const { json } = synth((f) => ({
      routes: [{ method: 'ANY', path: '/{proxy+}', handler: f.inference }],
      cors: {
        allowOrigins: ['*'],
        allowAnyOrigin: true,
        allowHeaders: ['content-type'],
        exposeHeaders: ['x-request-id'],
        maxAgeInSeconds: 0,
      },
    }));
    expect(block(json.resource, 'aws_apigatewayv2_api', 'api').cors_configuration).toEqual({
      allow_origins: ['*'],
      allow_methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'],
      allow_headers: ['content-type'],
      expose_headers: ['x-request-id'],
      allow_credentials: false,
      max_age: 0,
    });
    const [permission] = Object.values(json.resource.aws_lambda_permission);
    expect(String(permission.source_arn).replace(API_REF, '<api>')).toBe('<api>/*/*/*');
  });

  it('custom domain: TLS 1.2, dual-stack, mapped to the stage, A and AAAA aliases, execute-api endpoint off', () => {
    const { text, json, api } = synth(() => ({
      domain: {
        domainName: 'api.example.com',
        certificateArn: CERT,
        hostedZoneId: 'Z0123456789ABCDEFGHIJ',
        basePath: 'v1',
      },
    }));
    expect(text).toHaveResourceWithProperties(Apigatewayv2DomainName, {
      domain_name: 'api.example.com',
      domain_name_configuration: {
        certificate_arn: CERT,
        endpoint_type: 'REGIONAL',
        security_policy: 'TLS_1_2',
        ip_address_type: 'dualstack',
      },
    });
    expect(text).toHaveResourceWithProperties(Apigatewayv2ApiMapping, { api_mapping_key: 'v1' });
    const records = Object.values(json.resource.aws_route53_record);
    expect(records.map((r) => [r.type, r.name, r.zone_id])).toEqual([
      ['A', 'api.example.com', 'Z0123456789ABCDEFGHIJ'],
      ['AAAA', 'api.example.com', 'Z0123456789ABCDEFGHIJ'],
    ]);
    expect(records[0].alias).toEqual({
      name: expect.stringMatching(/domain_name_configuration\[0\]\.target_domain_name\}$/),
      zone_id: expect.stringMatching(/domain_name_configuration\[0\]\.hosted_zone_id\}$/),
      evaluate_target_health: false,
    });
    expect(text).toHaveResourceWithProperties(Apigatewayv2Api, { disable_execute_api_endpoint: true });
    expect(api.url).toBe('https://api.example.com/v1');
  });

  it('custom domain on IPv4 only, keeping the execute-api endpoint', () => {
    const { json, text, api } = synth(() => ({
      domain: {
        domainName: 'api.example.com',
        certificateArn: CERT,
        hostedZoneId: 'Z0123456789ABCDEFGHIJ',
        ipv6: false,
      },
      disableExecuteApiEndpoint: false,
    }));
    expect(Object.values(json.resource.aws_route53_record).map((r) => r.type)).toEqual(['A']);
    expect(text).toHaveResourceWithProperties(Apigatewayv2Api, { disable_execute_api_endpoint: false });
    expect(text).toHaveResourceWithProperties(Apigatewayv2DomainName, {
      domain_name_configuration: expect.objectContaining({ ip_address_type: 'ipv4' }),
    });
    expect(api.url).toBe('https://api.example.com/');
  });

  it('adds routes after construction, scoping permissions to an alias', () => {
    const { json, text } = synth(
      () => ({ routes: [], accessLogRetentionInDays: 365, integrationTimeoutInMillis: 10000 }),
      (f, api) => {
        const live = new LambdaFunction(f.stack, 'live', {
          ...FN,
          functionName: 'live',
          alias: { name: 'live' },
        });
        api.addRoute({
          method: 'DELETE',
          path: '/items/{id}',
          handler: live,
          throttle: { burstLimit: 5, rateLimit: 5 },
        });
      },
    );
    expect(Object.values(json.resource.aws_apigatewayv2_route).map((r) => r.route_key)).toEqual([
      'DELETE /items/{id}',
    ]);
    expect(text).toHaveResourceWithProperties(LambdaPermission, { qualifier: 'live' });
    expect(text).toHaveResourceWithProperties(Apigatewayv2Integration, { timeout_milliseconds: 10000 });
    expect(text).toHaveResourceWithProperties(CloudwatchLogGroup, { retention_in_days: 365 });
    expect(block(json.resource, 'aws_apigatewayv2_stage', 'api_stage').route_settings).toEqual([
      expect.objectContaining({ route_key: 'DELETE /items/{id}', throttling_burst_limit: 5 }),
    ]);
  });

  it('addRoute validates like the routes prop', () => {
    const { api, inference } = build();
    expect(() => api.addRoute({ method: 'POST', path: '/api/v1/predict', handler: inference })).toThrow(
      'route = "POST /api/v1/predict": is defined twice',
    );
  });

  it('maps path parameters to "*" for IAM and source ARNs', () => {
    expect(iamResourcePath('/a/{id}/b/{proxy+}')).toBe('/a/*/b/*');
    expect(iamResourcePath('/health')).toBe('/health');
  });
});

describe('HttpApi validation', () => {
  type Case = [string, (f: Fixture) => Partial<HttpApiProps>, string, string];
  const route = (f: Fixture, r: Partial<HttpRoute>): HttpRoute[] => [
    { method: 'GET', path: '/items', handler: f.inference, ...r } as HttpRoute,
  ];
  it.each<Case>([
    ['name', () => ({ name: 'has space' }), 'must be 1-128 letters', 'mlnews-dev-api'],
    [
      'routes[0].method',
      (f) => ({ routes: route(f, { method: 'FETCH' as 'GET' }) }),
      'is not an HTTP method',
      'GET, POST',
    ],
    [
      'routes[0].path',
      (f) => ({ routes: route(f, { path: 'items' }) }),
      'must start with "/"',
      '"/items/{id}"',
    ],
    [
      'routes[0].path',
      (f) => ({ routes: route(f, { path: '/items/' }) }),
      'must not end with "/"',
      '"/items/{id}"',
    ],
    [
      'routes[0].path',
      (f) => ({ routes: route(f, { path: '/a//b' }) }),
      'has an empty segment',
      '"/items/{id}"',
    ],
    [
      'routes[0].path',
      (f) => ({ routes: route(f, { path: '/{proxy+}/x' }) }),
      'greedy parameter {proxy+} before the last segment',
      '"/items/{id}"',
    ],
    [
      'routes[0].path',
      (f) => ({ routes: route(f, { path: '/{id}/{id}' }) }),
      'repeats the parameter id',
      '"/items/{id}"',
    ],
    [
      'routes[0].path',
      (f) => ({ routes: route(f, { path: '/items/{id' }) }),
      'has the invalid segment "{id"',
      '"/items/{id}"',
    ],
    [
      'routes[1]',
      (f) => ({ routes: [...route(f, {}), ...route(f, {})] }),
      'is defined twice',
      'define each method and path once',
    ],
    [
      'routes[0].auth',
      (f) => ({ defaultAuth: undefined, routes: route(f, {}) }),
      'is missing for GET /items: every route must be authorized',
      'auth: { publicReason',
    ],
    [
      'routes[0].auth.publicReason',
      (f) => ({ routes: route(f, { auth: { publicReason: 'health' } }) }),
      'must say in at least 10 characters why GET /items is public',
      'uptime checks',
    ],
    [
      'routes[0].auth',
      (f) => ({ jwt: undefined, defaultAuth: undefined, routes: route(f, { auth: 'jwt' }) }),
      'is "jwt" but the API has no jwt authorizer',
      'cognitoIssuer',
    ],
    [
      'routes[0].auth',
      (f) => ({ routes: route(f, { auth: 'cognito' as 'jwt' }) }),
      'is not "jwt", "iam" or { publicReason }',
      'use one of them',
    ],
    [
      'routes[0].authorizationScopes',
      (f) => ({ routes: route(f, { auth: 'iam', authorizationScopes: ['a'] }) }),
      'apply to JWT routes only',
      'set auth: "jwt"',
    ],
    [
      'routes[0].authorizationScopes',
      (f) => ({ routes: route(f, { authorizationScopes: [] }) }),
      'is empty',
      'list scopes',
    ],
    [
      'routes[0].throttle.burstLimit',
      (f) => ({ routes: route(f, { throttle: { burstLimit: 5001, rateLimit: 1 } }) }),
      'from 0 to 5000',
      'set',
    ],
    [
      'throttle.rateLimit',
      () => ({ throttle: { burstLimit: 1, rateLimit: 10001 } }),
      'from 0 to 10000',
      'set',
    ],
    [
      'defaultAuth',
      () => ({ defaultAuth: 'cognito' as 'jwt' }),
      'must be "jwt" or "iam"',
      'mark public routes one by one',
    ],
    [
      'defaultAuth',
      () => ({ jwt: undefined }),
      'is "jwt" but the API has no jwt authorizer',
      'configure jwt',
    ],
    [
      'jwt.issuer',
      () => ({ jwt: { ...JWT, issuer: 'http://issuer.example.com' } }),
      'is not an https issuer URL',
      'cognitoIssuer(',
    ],
    [
      'jwt.issuer',
      () => ({ jwt: { ...JWT, issuer: `${ISSUER}/` } }),
      'without a trailing "/"',
      'cognitoIssuer(',
    ],
    [
      'jwt.issuer',
      () => ({ jwt: { ...JWT, issuer: cognitoIssuer('us-east-1', 'eu-west-1_AbC') } }),
      'names a user pool of eu-west-1 in the endpoint of us-east-1',
      "pool's own region",
    ],
    [
      'jwt.audience',
      () => ({ jwt: { ...JWT, audience: [] } }),
      'must list at least one non-empty audience',
      'app client ids',
    ],
    [
      'jwt.identitySource',
      () => ({ jwt: { ...JWT, identitySource: 'Authorization' } }),
      'is not an identity source',
      '$request.header.Authorization',
    ],
    ['cors.allowOrigins', () => ({ cors: { allowOrigins: [] } }), 'is empty', 'list the web origins'],
    [
      'cors.allowOrigins',
      () => ({ cors: { allowOrigins: ['*'] } }),
      'contains "*": any web page could call the API',
      'set allowAnyOrigin: true',
    ],
    [
      'cors.allowOrigins',
      () => ({ cors: { allowOrigins: ['*'], allowAnyOrigin: true, allowCredentials: true } }),
      'while allowCredentials is true',
      'list the exact origins',
    ],
    [
      'cors.allowOrigins',
      () => ({ cors: { allowOrigins: ['*', 'https://a.example.com'], allowAnyOrigin: true } }),
      'mixes "*" with other origins',
      'alone',
    ],
    [
      'cors.allowOrigins',
      () => ({ cors: { allowOrigins: ['app.example.com'] } }),
      'are not origins',
      'https://app.example.com',
    ],
    [
      'cors.allowOrigins',
      () => ({ cors: { allowOrigins: ['https://app.example.com/'] } }),
      'are not origins',
      'https://app.example.com',
    ],
    [
      'cors.allowOrigins',
      () => ({ cors: { allowOrigins: ['http://app.example.com'] } }),
      'http:// only for localhost',
      'https://app.example.com',
    ],
    [
      'cors.allowMethods',
      () => ({ cors: { allowOrigins: ['https://a.example.com'], allowMethods: ['FETCH' as 'GET'] } }),
      'not HTTP methods',
      'GET',
    ],
    [
      'cors.allowHeaders',
      () => ({ cors: { allowOrigins: ['https://a.example.com'], allowHeaders: ['*'] } }),
      'not header names',
      'content-type',
    ],
    [
      'cors.maxAgeInSeconds',
      () => ({ cors: { allowOrigins: ['https://a.example.com'], maxAgeInSeconds: 86401 } }),
      'from 0 to 86400',
      'set',
    ],
    ['integrationTimeoutInMillis', () => ({ integrationTimeoutInMillis: 30001 }), 'from 50 to 30000', 'set'],
    ['accessLogRetentionInDays', () => ({ accessLogRetentionInDays: 0 }), 'never expire', 'use e.g.'],
    [
      'accessLogKmsKeyArn',
      () => ({ accessLogKmsKeyArn: 'alias/logs' }),
      'is not a KMS key ARN',
      'key/<key-id>',
    ],
    [
      'domain.domainName',
      () => ({ domain: { domainName: 'API.example.com', certificateArn: CERT, hostedZoneId: 'Z123' } }),
      'lower-case domain name',
      'api.example.com',
    ],
    [
      'domain.certificateArn',
      () => ({ domain: { domainName: 'api.example.com', certificateArn: 'cert', hostedZoneId: 'Z123' } }),
      'is not an ACM certificate ARN',
      'arn:aws:acm:<api region>',
    ],
    [
      'domain.hostedZoneId',
      () => ({
        domain: { domainName: 'api.example.com', certificateArn: CERT, hostedZoneId: 'example.com' },
      }),
      'is not a Route 53 hosted zone id',
      'Z0123456789ABCDEFGHIJ',
    ],
    [
      'domain.basePath',
      () => ({
        domain: {
          domainName: 'api.example.com',
          certificateArn: CERT,
          hostedZoneId: 'Z123',
          basePath: '/v1',
        },
      }),
      'no leading or trailing "/"',
      '"v1"',
    ],
    [
      'disableExecuteApiEndpoint',
      () => ({ disableExecuteApiEndpoint: true }),
      'the API would be unreachable',
      'set domain',
    ],
  ])('refuses %s', (field, props, problem, fix) => {
    expect(() => build(props)).toThrow(
      new RegExp(`Invalid input for test/api[^]*  - ${esc(field)} = .*${esc(problem)}.*Fix: .*${esc(fix)}`),
    );
  });

  it('refuses more than 300 routes and accepts 300 (the API Gateway quota)', () => {
    const f = fixture();
    const routes = (n: number): HttpRoute[] =>
      Array.from({ length: n }, (_, i) => ({ method: 'GET' as const, path: `/r${i}`, handler: f.inference }));
    const check = (n: number) =>
      validateHttpApiProps(new Validator('api'), apiProps(f, { routes: routes(n) })).list();
    expect(check(300)).toEqual([]);
    expect(check(301)).toEqual([
      expect.objectContaining({
        field: 'routes',
        value: 301,
        problem: expect.stringContaining('more than 300 routes'),
      }),
    ]);
  });

  it.each<[string, (f: Fixture) => Partial<HttpApiProps>]>([
    ['a 10-character public reason', (f) => ({ routes: route(f, { auth: { publicReason: '0123456789' } }) })],
    ['the throttle bounds', () => ({ throttle: { burstLimit: 5000, rateLimit: 10000 } })],
    [
      'a route with throttling off (0)',
      (f) => ({ routes: route(f, { throttle: { burstLimit: 0, rateLimit: 0 } }) }),
    ],
    [
      'the root path and a greedy path',
      (f) => ({ routes: [...route(f, { path: '/' }), ...route(f, { path: '/files/{proxy+}' })] }),
    ],
    [
      'the same path with two methods',
      (f) => ({ routes: [...route(f, {}), ...route(f, { method: 'POST' })] }),
    ],
    ['a localhost origin', () => ({ cors: { allowOrigins: ['http://127.0.0.1:8080'] } })],
    ['the timeout bounds', () => ({ integrationTimeoutInMillis: 50 })],
    [
      'a non-Cognito issuer',
      () => ({ jwt: { issuer: 'https://login.example.com/oauth2', audience: ['api'] } }),
    ],
  ])('accepts %s', (_case, props) => {
    expect(() => build(props)).not.toThrow();
  });
});

describe('HttpApi refuses a valid value with text around it', () => {
  const DOMAIN = { domainName: 'api.example.com', certificateArn: CERT, hostedZoneId: 'Z123' };
  const cors = (origin: string) => ({ cors: { allowOrigins: [origin] } });
  it.each<[string, unknown, () => Partial<HttpApiProps>]>([
    ['name', 'a'.repeat(129), () => ({ name: 'a'.repeat(129) })],
    ['cors.allowOrigins', ['xhttps://app.example.com'], () => cors('xhttps://app.example.com')],
    ['cors.allowOrigins', ['https://app.example.com/x'], () => cors('https://app.example.com/x')],
    ['cors.allowOrigins', ['https://app.example.com:123456'], () => cors('https://app.example.com:123456')],
    ['cors.allowOrigins', ['https://-a.example.com'], () => cors('https://-a.example.com')],
    ['cors.allowOrigins', ['xhttp://localhost'], () => cors('xhttp://localhost')],
    ['cors.allowOrigins', ['http://localhost:8080/x'], () => cors('http://localhost:8080/x')],
    [
      'cors.allowHeaders',
      ['content-type x'],
      () => ({ cors: { allowOrigins: ['https://a.example.com'], allowHeaders: ['content-type x'] } }),
    ],
    [
      'jwt.issuer',
      'xhttps://login.example.com',
      () => ({ jwt: { issuer: 'xhttps://login.example.com', audience: ['api'] } }),
    ],
    [
      'jwt.issuer',
      'https://login.example.com:port',
      () => ({ jwt: { issuer: 'https://login.example.com:port', audience: ['api'] } }),
    ],
    ['jwt.audience', ['api', ' '], () => ({ jwt: { issuer: ISSUER, audience: ['api', ' '] } })],
    ['jwt.audience', [''], () => ({ jwt: { issuer: ISSUER, audience: [''] } })],
    [
      'domain.domainName',
      'api.example.com.',
      () => ({ domain: { ...DOMAIN, domainName: 'api.example.com.' } }),
    ],
    [
      'domain.domainName',
      '.api.example.com',
      () => ({ domain: { ...DOMAIN, domainName: '.api.example.com' } }),
    ],
    ['domain.certificateArn', `${CERT}/x`, () => ({ domain: { ...DOMAIN, certificateArn: `${CERT}/x` } })],
    ['domain.certificateArn', `x${CERT}`, () => ({ domain: { ...DOMAIN, certificateArn: `x${CERT}` } })],
    ['domain.hostedZoneId', 'Z123/', () => ({ domain: { ...DOMAIN, hostedZoneId: 'Z123/' } })],
    ['domain.hostedZoneId', '/Z123', () => ({ domain: { ...DOMAIN, hostedZoneId: '/Z123' } })],
    ['domain.basePath', 'v1/', () => ({ domain: { ...DOMAIN, basePath: 'v1/' } })],
    ['domain.basePath', 'v1/x y', () => ({ domain: { ...DOMAIN, basePath: 'v1/x y' } })],
    ['defaultAuth', 'none', () => ({ defaultAuth: 'none' as 'iam' })],
  ])('%s = %j', (field, value, props) => {
    expect(() => build(props)).toThrow(new RegExp(`  - ${esc(field)} = ${esc(JSON.stringify(value))}: `));
  });

  it.each<[string, () => Partial<HttpApiProps>]>([
    ['a localhost origin without a port', () => ({ cors: { allowOrigins: ['http://localhost'] } })],
    ['an origin with a port', () => ({ cors: { allowOrigins: ['https://app.example.com:8443'] } })],
    [
      'an issuer with a port and no path',
      () => ({ jwt: { issuer: 'https://login.example.com:8443', audience: ['api'] } }),
    ],
    ['a nested base path', () => ({ domain: { ...DOMAIN, basePath: 'v1/items' } })],
  ])('accepts %s', (_name, props) => {
    expect(() => build(props)).not.toThrow();
  });
});

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
