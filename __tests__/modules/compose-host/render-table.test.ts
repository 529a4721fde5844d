import { createHash } from 'node:crypto';
import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import YAML from 'yaml';
import { HostRenderContext } from '../../../modules/compose-host/render/context';
import { renderContext as ctx } from './fixtures';
import { ComposeHost, DEFAULT_COMPOSE_VERSION, hostPaths } from '../../../modules/compose-host';
import { renderBootstrapScript } from '../../../modules/compose-host/render/bootstrap';
import { renderCloudInit, renderHostFiles } from '../../../modules/compose-host/render/cloud-init';
import { renderHealthTimer, renderHealthUnit } from '../../../modules/compose-host/render/systemd';
import { encodeUserData } from '../../../modules/compose-host/render/user-data';
import { buildHost, count, only, shopProps, userDataFiles } from './fixtures';
import { lazy } from '../../support/lazy';

/**
 * The rendered host files line by line for each option (bootstrap script, systemd units,
 * cloud-config), and the resources ComposeHost synthesizes with their literal values.
 */

/** Every option on: Auto Scaling, Elastic IP, secrets, downloads, ECR, two health URLs. */
function fullCtx(overrides: Partial<HostRenderContext> = {}): HostRenderContext {
  return ctx({
    mode: 'autoScaling',
    claimElasticIp: true,
    secrets: [
      { parameterName: '/shop/db', envFile: 'db.env', variable: 'A' },
      { parameterName: '/shop/k', envFile: 'conf/App--x.env', variable: 'B', kmsKeyArn: 'arn:k' },
      { parameterName: '/shop/k2', envFile: 'conf/App--x.env', variable: 'C' },
    ],
    downloads: [
      { bucketName: 'b', prefix: 'p/', path: 'd' },
      { bucketName: 'c', prefix: '', path: 'e/f' },
    ],
    ecrRegistries: [
      {
        host: '111122223333.dkr.ecr.eu-west-1.amazonaws.com',
        accountId: '111122223333',
        region: 'eu-west-1',
        repositories: ['shop/api'],
      },
    ],
    health: { urls: ['http://a', 'http://b'], deadlineInSeconds: 900 },
    composePlugin: { version: DEFAULT_COMPOSE_VERSION, sha256: { x86_64: 'aa', aarch64: 'bb' } },
    ...overrides,
  });
}

/** The shell functions a script defines, in order. */
function functions(script: string): string[] {
  return [...script.matchAll(/^(\w+)\(\) \{$/gm)].map((m) => m[1]);
}

/** One function of the script with the comment lines right above it, line by line. */
function fn(script: string, name: string): string[] {
  const lines = script.split('\n');
  const start = lines.indexOf(`${name}() {`);
  if (start < 0) throw new Error(`no function ${name}`);
  let first = start;
  while (first > 0 && lines[first - 1].startsWith('# ')) first -= 1;
  return lines.slice(first, lines.indexOf('}', start) + 1);
}

/** The script's lines before `log()`: shebang, comments, shell options and constants. */
function header(script: string): string[] {
  const lines = script.split('\n');
  return lines.slice(0, lines.indexOf('log() { echo "compose-host[$PROJECT]: $*" >&2; }'));
}

const COMMON_HEADER = [
  '#!/bin/bash',
  '# compose-host bootstrap of project shop: "run" at every boot (shop.service),',
  '# "health" every minute (shop-health.timer, Auto Scaling mode).',
  'set -euo pipefail',
  'shopt -s inherit_errexit',
  'umask 022',
  'export PATH="$PATH:/usr/local/bin:/snap/bin"',
  '',
  "readonly PROJECT='shop'",
  "readonly REGION='eu-west-1'",
  "readonly ROOT='/opt/shop'",
  "readonly RUN_DIR='/run/compose-host/shop'",
  "readonly AGENT_CONFIG='/opt/shop/.compose-host/cloudwatch-agent.json'",
  "readonly AGENT_CTL='/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl'",
  'readonly RETRY_ATTEMPTS=5',
  'readonly RETRY_BASE_SECONDS=5',
];
const REGION_EXPORT = [
  '# The AWS CLI (and anything run from here) defaults to the host region.',
  'export AWS_DEFAULT_REGION="$REGION"',
  '',
];
const COMPOSE_CONSTANTS = [
  "readonly COMPOSE_VERSION='v2.29.7'",
  "readonly COMPOSE_PLUGIN='/usr/local/lib/docker/cli-plugins/docker-compose'",
];

describe('bootstrap script header', () => {
  it.each<[string, Partial<HostRenderContext>, string[]]>([
    ['Amazon Linux 2023, one instance', {}, [...COMMON_HEADER, ...COMPOSE_CONSTANTS, ...REGION_EXPORT]],
    ['Ubuntu: no Compose plugin constants', { os: 'ubuntu-24.04' }, [...COMMON_HEADER, ...REGION_EXPORT]],
    [
      'one instance ignores a health check (no group to report to)',
      { os: 'ubuntu-24.04', health: { urls: ['http://a'], deadlineInSeconds: 300 } },
      [...COMMON_HEADER, ...REGION_EXPORT],
    ],
    [
      'Auto Scaling with an Elastic IP and two health URLs',
      fullCtx(),
      [
        ...COMMON_HEADER,
        ...COMPOSE_CONSTANTS,
        "readonly EIP_TAG='ComposeHostEipAllocationId'",
        'readonly HEALTH_DEADLINE_SECONDS=900',
        "readonly -a HEALTH_URLS=('http://a' 'http://b')",
        ...REGION_EXPORT,
      ],
    ],
    [
      'Auto Scaling with no health URL: an empty array',
      { mode: 'autoScaling', health: { urls: [], deadlineInSeconds: 600 } },
      [
        ...COMMON_HEADER,
        ...COMPOSE_CONSTANTS,
        'readonly HEALTH_DEADLINE_SECONDS=600',
        'readonly -a HEALTH_URLS=()',
        ...REGION_EXPORT,
      ],
    ],
  ])('%s', (_name, overrides, expected) => {
    expect(header(renderBootstrapScript(ctx(overrides)))).toEqual(expected);
  });
});

describe('bootstrap script functions per option', () => {
  const BASE = ['retry', 'step', 'imds', 'install_packages'];
  const TAIL = ['start_docker', 'start_agent'];
  it.each<[string, Partial<HostRenderContext>, string[]]>([
    ['Ubuntu, nothing optional', { os: 'ubuntu-24.04' }, [...BASE, ...TAIL, 'start_project', 'do_run']],
    [
      'Amazon Linux 2023 adds the Compose plugin install',
      {},
      [...BASE, 'install_compose_plugin', ...TAIL, 'start_project', 'do_run'],
    ],
    [
      'every option',
      fullCtx(),
      [
        ...BASE,
        'install_compose_plugin',
        ...TAIL,
        'claim_address',
        'read_parameter',
        'secret_value',
        'write_env_db_env',
        'write_env_conf_app_x_env',
        'write_secrets',
        'download_files',
        'ecr_login',
        'registry_login',
        'start_project',
        'do_run',
        'healthy',
        'do_health',
      ],
    ],
    [
      'Auto Scaling without health check, Elastic IP, secrets or downloads',
      { os: 'ubuntu-24.04', mode: 'autoScaling' },
      [...BASE, ...TAIL, 'start_project', 'do_run'],
    ],
  ])('%s', (_name, overrides, expected) => {
    expect(functions(renderBootstrapScript(ctx(overrides)))).toEqual(expected);
  });
});

describe('bootstrap do_run steps per option', () => {
  const START = ['do_run() {', '  mkdir -p "$RUN_DIR"'];
  const END = ['  step project start_project', '  log "project $PROJECT is up"', '}'];
  const AGENTS = ['  step docker start_docker', '  step cloudwatch-agent start_agent'];
  it.each<[string, Partial<HostRenderContext>, string[]]>([
    ['Ubuntu', { os: 'ubuntu-24.04' }, [...START, '  step packages install_packages', ...AGENTS, ...END]],
    [
      'Ubuntu claims the address after installing the AWS CLI',
      { os: 'ubuntu-24.04', mode: 'autoScaling', claimElasticIp: true },
      [...START, '  step packages install_packages', '  step address claim_address', ...AGENTS, ...END],
    ],
    [
      'Amazon Linux 2023 claims the address first (the AWS CLI is preinstalled)',
      { mode: 'autoScaling', claimElasticIp: true },
      [
        ...START,
        '  step address claim_address',
        '  step packages install_packages',
        '  step compose-plugin install_compose_plugin',
        ...AGENTS,
        ...END,
      ],
    ],
    [
      'secrets, downloads and registry logins, in that order',
      fullCtx({ claimElasticIp: false }),
      [
        ...START,
        '  step packages install_packages',
        '  step compose-plugin install_compose_plugin',
        ...AGENTS,
        '  step secrets write_secrets',
        '  step downloads download_files',
        '  step registry-login registry_login',
        ...END,
      ],
    ],
  ])('%s', (_name, overrides, expected) => {
    expect(fn(renderBootstrapScript(ctx(overrides)), 'do_run')).toEqual(expected);
  });
});

describe('bootstrap helper functions', () => {
  const script = lazy(() => renderBootstrapScript(fullCtx()));

  it.each<[string, string[]]>([
    [
      'retry',
      [
        '# retry COMMAND [ARG...]: up to RETRY_ATTEMPTS attempts, waiting RETRY_BASE_SECONDS and then',
        '# twice as long before each further one. Only the command name is logged.',
        'retry() {',
        '  local attempt=1 delay="$RETRY_BASE_SECONDS"',
        '  until "$@"; do',
        '    if [ "$attempt" -ge "$RETRY_ATTEMPTS" ]; then',
        '      log "giving up on $1 after $attempt attempts"',
        '      return 1',
        '    fi',
        '    log "$1 failed (attempt $attempt of $RETRY_ATTEMPTS); retrying in ${delay}s"',
        '    sleep "$delay"',
        '    attempt=$((attempt + 1))',
        '    delay=$((delay * 2))',
        '  done',
        '}',
      ],
    ],
    [
      'step',
      [
        '# step NAME FUNCTION: runs FUNCTION once per boot; a marker records success, so a restarted run',
        '# skips it. A failing step ends the run (set -e) and systemd restarts the unit.',
        'step() {',
        '  local name="$1"',
        '  shift',
        '  if [ -e "$RUN_DIR/$name.done" ]; then',
        '    log "step $name: done earlier this boot, skipping"',
        '    return 0',
        '  fi',
        '  log "step $name"',
        '  "$@"',
        '  touch "$RUN_DIR/$name.done"',
        '}',
      ],
    ],
    [
      'imds',
      [
        '# Instance metadata through IMDSv2 (the launch template requires tokens).',
        'imds() {',
        '  local token',
        "  token=$(curl -fsS -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 300' http://169.254.169.254/latest/api/token) || return 1",
        '  curl -fsS -H "X-aws-ec2-metadata-token: $token" "http://169.254.169.254/latest/meta-data/$1"',
        '}',
      ],
    ],
    [
      'install_packages',
      [
        'install_packages() {',
        '  retry dnf install -y docker amazon-cloudwatch-agent',
        '  retry systemctl enable --now amazon-ssm-agent',
        '}',
      ],
    ],
    [
      'install_compose_plugin',
      [
        'install_compose_plugin() {',
        '  if [ -x "$COMPOSE_PLUGIN" ] && "$COMPOSE_PLUGIN" version 2>/dev/null | grep -qF "${COMPOSE_VERSION#v}"; then',
        '    log "compose plugin $COMPOSE_VERSION is installed"',
        '    return 0',
        '  fi',
        '  local arch url sum tmp',
        '  arch=$(uname -m)',
        '  url="https://github.com/docker/compose/releases/download/$COMPOSE_VERSION/docker-compose-linux-$arch"',
        '  tmp=$(mktemp)',
        '  retry curl -fsSL -o "$tmp" "$url"',
        '  case "$arch" in',
        "    x86_64) sum='aa' ;;",
        "    aarch64) sum='bb' ;;",
        '    *) sum=$(retry curl -fsSL "$url.sha256" | cut -d " " -f 1) ;;',
        '  esac',
        '  echo "$sum  $tmp" | sha256sum -c - >/dev/null',
        '  install -D -m 0755 "$tmp" "$COMPOSE_PLUGIN"',
        '  rm -f "$tmp"',
        '}',
      ],
    ],
    [
      'claim_address',
      [
        '# The Elastic IP allocation id arrives as a propagated Auto Scaling group tag, read from metadata.',
        'claim_address() {',
        '  local instance_id allocation_id',
        '  instance_id=$(retry imds instance-id)',
        '  allocation_id=$(retry imds "tags/instance/$EIP_TAG")',
        '  retry aws ec2 associate-address --region "$REGION" --instance-id "$instance_id" \\',
        '    --allocation-id "$allocation_id" --allow-reassociation --output text >/dev/null',
        '}',
      ],
    ],
    [
      'read_parameter',
      [
        'read_parameter() {',
        '  aws ssm get-parameter --region "$REGION" --name "$1" --with-decryption --query Parameter.Value --output text',
        '}',
      ],
    ],
    [
      'secret_value',
      [
        '# secret_value PARAMETER [KMS_KEY]: prints the secret; when the parameter does not exist, generates',
        '# one (48 hex digits) and stores it as a SecureString. The value reaches the CLI as file://, never',
        '# on a command line. Any error other than ParameterNotFound ends the step.',
        'secret_value() {',
        '  local name="$1" key="${2:-}" err file',
        '  local -a key_args=()',
        '  err=$(mktemp)',
        '  if read_parameter "$name" 2>"$err"; then',
        '    rm -f "$err"',
        '    return 0',
        '  fi',
        '  if ! grep -q ParameterNotFound "$err"; then',
        '    log "cannot read $name:"',
        '    cat "$err" >&2',
        '    rm -f "$err"',
        '    return 1',
        '  fi',
        '  rm -f "$err"',
        '  if [ -n "$key" ]; then key_args=(--key-id "$key"); fi',
        '  file=$(mktemp)',
        '  openssl rand -hex 24 | tr -d "\\n" >"$file"',
        '  aws ssm put-parameter --region "$REGION" --name "$name" --type SecureString \\',
        '    --value "file://$file" "${key_args[@]}" --description "Generated on a host of $PROJECT" >/dev/null ||',
        '    log "$name was created meanwhile by another host; using that value"',
        '  rm -f "$file"',
        '  read_parameter "$name"',
        '}',
      ],
    ],
    [
      'write_env_db_env',
      [
        '# db.env (0600): A',
        'write_env_db_env() {',
        '  (',
        '    umask 077',
        '    local value',
        `    : >"$ROOT/"'db.env.new'`,
        "    value=$(secret_value '/shop/db')",
        `    printf '%s=%s\\n' 'A' "$value" >>"$ROOT/"'db.env.new'`,
        '  )',
        `  mv "$ROOT/"'db.env.new' "$ROOT/"'db.env'`,
        '}',
      ],
    ],
    [
      'write_env_conf_app_x_env',
      [
        '# conf/App--x.env (0600): B, C',
        'write_env_conf_app_x_env() {',
        `  mkdir -p "$ROOT/"'conf'`,
        '  (',
        '    umask 077',
        '    local value',
        `    : >"$ROOT/"'conf/App--x.env.new'`,
        "    value=$(secret_value '/shop/k' 'arn:k')",
        `    printf '%s=%s\\n' 'B' "$value" >>"$ROOT/"'conf/App--x.env.new'`,
        "    value=$(secret_value '/shop/k2')",
        `    printf '%s=%s\\n' 'C' "$value" >>"$ROOT/"'conf/App--x.env.new'`,
        '  )',
        `  mv "$ROOT/"'conf/App--x.env.new' "$ROOT/"'conf/App--x.env'`,
        '}',
      ],
    ],
    ['write_secrets', ['write_secrets() {', '  write_env_db_env', '  write_env_conf_app_x_env', '}']],
    [
      'download_files',
      [
        'download_files() {',
        `  mkdir -p "$ROOT/"'d'`,
        `  retry aws s3 sync 's3://b/p/' "$ROOT/"'d/' --region "$REGION" --delete --only-show-errors`,
        `  mkdir -p "$ROOT/"'e/f'`,
        `  retry aws s3 sync 's3://c/' "$ROOT/"'e/f/' --region "$REGION" --delete --only-show-errors`,
        '}',
      ],
    ],
    [
      'registry_login',
      [
        'registry_login() {',
        "  retry ecr_login 'eu-west-1' '111122223333.dkr.ecr.eu-west-1.amazonaws.com'",
        '}',
      ],
    ],
    [
      'start_project',
      [
        'start_project() {',
        '  local instance_id',
        '  instance_id=$(retry imds instance-id)',
        `  printf 'INSTANCE_ID=%s\\n' "$instance_id" >"$ROOT/.env"`,
        `  retry docker compose --project-directory "$ROOT" -f '/opt/shop/compose.yml' up -d --remove-orphans`,
        '}',
      ],
    ],
    [
      'healthy',
      [
        'healthy() {',
        '  systemctl is-active --quiet "$PROJECT.service" || return 1',
        '  local url',
        '  for url in "${HEALTH_URLS[@]}"; do',
        '    curl -fsS -o /dev/null --max-time 5 "$url" || return 1',
        '  done',
        '}',
      ],
    ],
    [
      'do_health',
      [
        '# Unhealthy for longer than the deadline (counted from the first failed check of this boot):',
        '# report it once, and the Auto Scaling group replaces the instance.',
        'do_health() {',
        '  mkdir -p "$RUN_DIR"',
        '  if healthy; then',
        '    rm -f "$RUN_DIR/unhealthy-since"',
        '    return 0',
        '  fi',
        '  local now since instance_id',
        '  now=$(date +%s)',
        '  if [ ! -f "$RUN_DIR/unhealthy-since" ]; then echo "$now" >"$RUN_DIR/unhealthy-since"; fi',
        '  since=$(cat "$RUN_DIR/unhealthy-since")',
        '  if [ "$((now - since))" -lt "$HEALTH_DEADLINE_SECONDS" ]; then',
        '    log "unhealthy for $((now - since))s (deadline ${HEALTH_DEADLINE_SECONDS}s)"',
        '    return 0',
        '  fi',
        '  if [ -e "$RUN_DIR/reported-unhealthy" ]; then return 0; fi',
        '  instance_id=$(retry imds instance-id)',
        '  log "unhealthy for $((now - since))s: reporting $instance_id Unhealthy to its Auto Scaling group"',
        '  retry aws autoscaling set-instance-health --region "$REGION" --instance-id "$instance_id" \\',
        '    --health-status Unhealthy --no-should-respect-grace-period',
        '  touch "$RUN_DIR/reported-unhealthy"',
        '}',
      ],
    ],
  ])('%s', (name, expected) => {
    expect(fn(script(), name)).toEqual(expected);
  });

  it('ends with the run|health dispatch', () => {
    expect(script().split('\n').slice(-6)).toEqual([
      'case "${1:-}" in',
      '  run) do_run ;;',
      '  health) do_health ;;',
      '  *) log "usage: $0 run|health"; exit 64 ;;',
      'esac',
      '',
    ]);
  });
});

describe('bootstrap install functions per image and checksum pin', () => {
  it.each<[string, Partial<HostRenderContext>, string, string[]]>([
    [
      'Ubuntu installs from the archive, the snap store and the agent .deb',
      { os: 'ubuntu-24.04' },
      'install_packages',
      [
        'install_packages() {',
        '  export DEBIAN_FRONTEND=noninteractive',
        '  retry apt-get update -q',
        '  retry apt-get install -y -q docker.io docker-compose-v2 curl',
        '  command -v aws >/dev/null || retry snap install aws-cli --classic',
        '  if [ ! -x "$AGENT_CTL" ]; then',
        '    local arch tmp',
        '    arch=$(dpkg --print-architecture)',
        '    tmp=$(mktemp --suffix .deb)',
        '    retry curl -fsSL -o "$tmp" "https://amazoncloudwatch-agent-$REGION.s3.$REGION.amazonaws.com/ubuntu/$arch/latest/amazon-cloudwatch-agent.deb"',
        '    dpkg -i -E "$tmp"',
        '    rm -f "$tmp"',
        '  fi',
        '  retry systemctl enable --now snap.amazon-ssm-agent.amazon-ssm-agent.service',
        '}',
      ],
    ],
    [
      'without pins the checksum comes from the release',
      {},
      'install_compose_plugin',
      [
        'install_compose_plugin() {',
        '  if [ -x "$COMPOSE_PLUGIN" ] && "$COMPOSE_PLUGIN" version 2>/dev/null | grep -qF "${COMPOSE_VERSION#v}"; then',
        '    log "compose plugin $COMPOSE_VERSION is installed"',
        '    return 0',
        '  fi',
        '  local arch url sum tmp',
        '  arch=$(uname -m)',
        '  url="https://github.com/docker/compose/releases/download/$COMPOSE_VERSION/docker-compose-linux-$arch"',
        '  tmp=$(mktemp)',
        '  retry curl -fsSL -o "$tmp" "$url"',
        '  sum=$(retry curl -fsSL "$url.sha256" | cut -d " " -f 1)',
        '  echo "$sum  $tmp" | sha256sum -c - >/dev/null',
        '  install -D -m 0755 "$tmp" "$COMPOSE_PLUGIN"',
        '  rm -f "$tmp"',
        '}',
      ],
    ],
  ])('%s', (_name, overrides, name, expected) => {
    expect(fn(renderBootstrapScript(ctx(overrides)), name)).toEqual(expected);
  });

  it('pins only the architecture given (aarch64 alone)', () => {
    const lines = fn(
      renderBootstrapScript(ctx({ composePlugin: { version: 'v2.30.0', sha256: { aarch64: 'bb' } } })),
      'install_compose_plugin',
    );
    expect(lines.slice(10, 14)).toEqual([
      '  case "$arch" in',
      "    aarch64) sum='bb' ;;",
      '    *) sum=$(retry curl -fsSL "$url.sha256" | cut -d " " -f 1) ;;',
      '  esac',
    ]);
  });
});

describe('systemd health units', () => {
  it('the health service runs one check after the network is up', () => {
    expect(renderHealthUnit('shop', hostPaths('shop'))).toBe(
      [
        '[Unit]',
        'Description=Health check of Compose project shop; reports the instance Unhealthy after the deadline',
        'After=network-online.target',
        '',
        '[Service]',
        'Type=oneshot',
        'ExecStart=/opt/shop/.compose-host/bootstrap.sh health',
        '',
      ].join('\n'),
    );
  });

  it('the health timer fires every minute with 5 s accuracy and starts with the timers target', () => {
    expect(renderHealthTimer('web', hostPaths('web'))).toBe(
      [
        '[Unit]',
        'Description=Health checks of Compose project web',
        '',
        '[Timer]',
        'OnBootSec=60',
        'OnUnitActiveSec=60',
        'AccuracySec=5',
        'Unit=web-health.service',
        '',
        '[Install]',
        'WantedBy=timers.target',
        '',
      ].join('\n'),
    );
  });
});

describe('host files and cloud-config', () => {
  const LONG_COMMAND = Array.from({ length: 30 }, (_, i) => `arg${i}`).join(' ');

  it.each<[string, Partial<HostRenderContext>, string[]]>([
    [
      'one instance: no health units even with a health check',
      { health: { urls: [], deadlineInSeconds: 900 } },
      [
        '/opt/shop/compose.yml',
        '/opt/shop/.compose-host/cloudwatch-agent.json',
        '/opt/shop/.compose-host/bootstrap.sh',
        '/etc/systemd/system/shop.service',
      ],
    ],
    [
      'Auto Scaling without a health check: no health units',
      { mode: 'autoScaling' },
      [
        '/opt/shop/compose.yml',
        '/opt/shop/.compose-host/cloudwatch-agent.json',
        '/opt/shop/.compose-host/bootstrap.sh',
        '/etc/systemd/system/shop.service',
      ],
    ],
    [
      'Auto Scaling with a health check: service and timer',
      { mode: 'autoScaling', health: { urls: [], deadlineInSeconds: 900 } },
      [
        '/opt/shop/compose.yml',
        '/opt/shop/.compose-host/cloudwatch-agent.json',
        '/opt/shop/.compose-host/bootstrap.sh',
        '/etc/systemd/system/shop.service',
        '/etc/systemd/system/shop-health.service',
        '/etc/systemd/system/shop-health.timer',
      ],
    ],
  ])('%s', (_name, overrides, paths) => {
    const c = ctx(overrides);
    expect(renderHostFiles(c).map((f) => f.path)).toEqual(paths);
    const runcmd = (YAML.parse(renderCloudInit(c)) as { runcmd: string[][] }).runcmd;
    expect(runcmd.length).toBe(paths.length === 6 ? 3 : 2);
  });

  it.each<[string, Partial<HostRenderContext>, string[][]]>([
    [
      'one instance with a health check enables only the project unit',
      { health: { urls: [], deadlineInSeconds: 900 } },
      [
        ['systemctl', 'daemon-reload'],
        ['systemctl', 'enable', '--now', '--no-block', 'shop.service'],
      ],
    ],
    [
      'Auto Scaling without a health check enables only the project unit',
      { mode: 'autoScaling' },
      [
        ['systemctl', 'daemon-reload'],
        ['systemctl', 'enable', '--now', '--no-block', 'shop.service'],
      ],
    ],
  ])('%s', (_name, overrides, runcmd) => {
    expect((YAML.parse(renderCloudInit(ctx(overrides))) as { runcmd: string[][] }).runcmd).toEqual(runcmd);
  });

  it('gives files 0644 by default, keeps a given mode, and adds a final newline only when missing', () => {
    const files = renderHostFiles(
      ctx({
        files: [
          { path: 'a.txt', content: 'x\n' },
          { path: 'conf/b.txt', content: 'y', mode: '0600' },
        ],
      }),
    );
    expect(files.slice(0, 3)).toEqual([
      {
        path: '/opt/shop/compose.yml',
        permissions: '0644',
        content: 'name: shop\nservices:\n  db:\n    image: postgres:16.4\n',
      },
      { path: '/opt/shop/a.txt', permissions: '0644', content: 'x\n' },
      { path: '/opt/shop/conf/b.txt', permissions: '0600', content: 'y\n' },
    ]);
    expect(files.map((f) => f.permissions)).toEqual(['0644', '0644', '0600', '0644', '0700', '0644']);
  });

  it('writes the CloudWatch agent configuration without an EMF listener when no log group is set', () => {
    const agent = renderHostFiles(ctx()).find((f) => f.path.endsWith('cloudwatch-agent.json'));
    expect(JSON.parse(agent?.content ?? '{}')).not.toHaveProperty('logs');
    const withEmf = renderHostFiles(ctx({ embeddedMetricsLogGroup: '/shop/metrics' })).find((f) =>
      f.path.endsWith('cloudwatch-agent.json'),
    );
    expect(JSON.parse(withEmf?.content ?? '{}')).toHaveProperty('logs');
  });

  it('keeps long Compose values on one line', () => {
    const compose = renderHostFiles(
      ctx({ compose: { services: { db: { image: 'postgres:16.4', command: LONG_COMMAND } } } }),
    )[0];
    expect(compose.content).toBe(
      `name: shop\nservices:\n  db:\n    image: postgres:16.4\n    command: ${LONG_COMMAND}\n`,
    );
  });

  it('lays out the cloud-config with unindented lists and literal blocks', () => {
    const text = renderCloudInit(
      ctx({
        compose: { services: { db: { image: 'postgres:16.4', command: LONG_COMMAND } } },
        files: [{ path: 'a.txt', content: 'x' }],
      }),
    );
    expect(text.split('\n').slice(0, 14)).toEqual([
      '#cloud-config',
      'write_files:',
      '- path: /opt/shop/compose.yml',
      '  permissions: "0644"',
      '  content: |',
      '    name: shop',
      '    services:',
      '      db:',
      '        image: postgres:16.4',
      `        command: ${LONG_COMMAND}`,
      '- path: /opt/shop/a.txt',
      '  permissions: "0644"',
      '  content: |',
      '    x',
    ]);
    expect(text.slice(text.indexOf('\nruncmd:'))).toBe(
      [
        '',
        'runcmd:',
        '- - systemctl',
        '  - daemon-reload',
        '- - systemctl',
        '  - enable',
        '  - --now',
        '  - --no-block',
        '  - shop.service',
        '',
      ].join('\n'),
    );
  });
});

describe('user data encoding with Terraform references', () => {
  /** Literal parts around two adjacent references, as ComposeHost renders them. */
  const encoded = lazy(() => {
    const stack = new TerraformStack(Testing.app(), 'refs');
    const a = new TerraformVariable(stack, 'a', { type: 'string' });
    const b = new TerraformVariable(stack, 'b', { type: 'string' });
    const result = encodeUserData(`x${a.stringValue}${b.stringValue}y`);
    new TerraformOutput(stack, 'user-data', { value: result.value });
    const json = JSON.parse(Testing.synth(stack)) as { output: Record<string, { value: string }> };
    return { result, value: json.output['user-data'].value };
  });

  it('joins only the non-empty literal parts and the references, in order', () => {
    expect(encoded().value).toBe(
      '${base64gzip(join("", [base64decode("eA=="), var.a, var.b, base64decode("eQ==")]))}',
    );
  });

  it('shows each reference by its index and sizes it as 96 distinct hex digits', () => {
    const { result } = encoded();
    expect(result.text).toBe('x${ref:0}${ref:1}y');
    expect(result.size).toEqual({ rawBytes: 194, gzipBytes: 112, base64Bytes: 152, estimated: true });
  });
});

describe('ComposeHost resources in Auto Scaling mode with an Elastic IP', () => {
  const built = lazy(() => buildHost(shopProps({ tags: { Team: 'shop' }, elasticIp: true })));

  it('allocates a VPC Elastic IP named after the host', () => {
    expect(only(built().json, 'aws_eip')).toEqual({
      domain: 'vpc',
      tags: { Name: 'shop-dev-db-eip', Team: 'shop' },
    });
  });

  it('creates the instance role and profile with their descriptions and tags', () => {
    const { json } = built();
    expect(only(json, 'aws_iam_role')).toMatchObject({
      name: 'shop-dev-db-role',
      description: 'Instance role of the Compose host shop-dev-db',
    });
    expect(only(json, 'aws_iam_instance_profile')).toEqual({
      name: 'shop-dev-db-profile',
      role: '${aws_iam_role.host_role_DD952605.name}',
      tags: { Name: 'shop-dev-db-profile', Team: 'shop' },
    });
  });

  it('describes the template and puts the security groups on its network interface', () => {
    const lt = only(built().json, 'aws_launch_template');
    expect(lt.description).toBe('Compose host shop-dev-db (project shop)');
    expect(lt.vpc_security_group_ids).toBeUndefined();
    expect(lt.network_interfaces).toEqual([
      {
        device_index: 0,
        associate_public_ip_address: 'false',
        security_groups: ['sg-0123456789abcdef0'],
        delete_on_termination: 'true',
      },
    ]);
    expect(lt.lifecycle).toBeUndefined();
  });

  it('propagates every tag and the Elastic IP allocation to the instances, and reports group metrics each minute', () => {
    const asg = only(built().json, 'aws_autoscaling_group');
    expect(asg.tag).toEqual([
      { key: 'Team', value: 'shop', propagate_at_launch: true },
      { key: 'Name', value: 'shop-dev-db', propagate_at_launch: true },
      {
        key: 'ComposeHostEipAllocationId',
        value: '${aws_eip.host_eip_D6B41CAB.allocation_id}',
        propagate_at_launch: true,
      },
    ]);
    expect(asg.enabled_metrics).toEqual([
      'GroupDesiredCapacity',
      'GroupInServiceInstances',
      'GroupPendingInstances',
      'GroupTerminatingInstances',
      'GroupTotalInstances',
    ]);
    expect(asg.metrics_granularity).toBe('1Minute');
    expect(asg.default_instance_warmup).toBe(300);
  });

  it('claims the address at boot and checks health with the default retry policy and no URL', () => {
    const script = userDataFiles(built().json)['/opt/shop/.compose-host/bootstrap.sh'];
    expect(header(script).slice(14)).toEqual([
      'readonly RETRY_ATTEMPTS=5',
      'readonly RETRY_BASE_SECONDS=5',
      ...COMPOSE_CONSTANTS,
      "readonly EIP_TAG='ComposeHostEipAllocationId'",
      'readonly HEALTH_DEADLINE_SECONDS=900',
      'readonly -a HEALTH_URLS=()',
      ...REGION_EXPORT,
    ]);
    expect(functions(script)).toContain('claim_address');
  });

  it('names the group in the CloudWatch agent dimensions', () => {
    const { host } = built();
    expect(host.runtime.mode).toBe('autoScaling');
    if (host.runtime.mode === 'autoScaling') {
      expect(host.cloudWatchAgentDimensions).toEqual({
        AutoScalingGroupName: host.runtime.autoScalingGroupName,
      });
    }
  });
});

describe('ComposeHost resources as one instance with an Elastic IP', () => {
  const built = lazy(() => buildHost(shopProps({ compute: { mode: 'instance' }, elasticIp: true })));

  it('associates the address with the instance through Terraform, not at boot', () => {
    const { json } = built();
    expect(only(json, 'aws_eip_association')).toEqual({
      allocation_id: '${aws_eip.host_eip_D6B41CAB.allocation_id}',
      instance_id: '${aws_instance.host_instance_168AED24.id}',
    });
    const script = userDataFiles(json)['/opt/shop/.compose-host/bootstrap.sh'];
    expect(functions(script)).not.toContain('claim_address');
    expect(script).not.toContain('EIP_TAG');
  });

  it('keeps termination allowed and replaces the instance on template changes by default', () => {
    const { json } = built();
    expect(only(json, 'aws_instance')).toEqual({
      associate_public_ip_address: false,
      disable_api_termination: false,
      launch_template: {
        id: '${aws_launch_template.host_launch-template_D4991956.id}',
        version: '${aws_launch_template.host_launch-template_D4991956.latest_version}',
      },
      subnet_id: 'subnet-0123456789abcdef0',
      tags: { Name: 'shop-dev-db' },
    });
    const lt = only(json, 'aws_launch_template');
    expect(lt.network_interfaces).toBeUndefined();
    expect(lt.vpc_security_group_ids).toEqual(['sg-0123456789abcdef0']);
    expect(count(json, 'aws_autoscaling_group')).toBe(0);
  });
});

describe('ComposeHost options that reach the bootstrap', () => {
  it.each<[string, Parameters<typeof shopProps>[0], string[]]>([
    [
      'retry attempts alone keep the default delay',
      { retry: { attempts: 3 } },
      ['readonly RETRY_ATTEMPTS=3', 'readonly RETRY_BASE_SECONDS=5'],
    ],
    [
      'retry delay alone keeps the default attempts',
      { retry: { baseDelayInSeconds: 2 } },
      ['readonly RETRY_ATTEMPTS=5', 'readonly RETRY_BASE_SECONDS=2'],
    ],
  ])('%s', (_name, overrides, expected) => {
    const script = userDataFiles(buildHost(shopProps(overrides)).json)[
      '/opt/shop/.compose-host/bootstrap.sh'
    ];
    expect(header(script).slice(14, 16)).toEqual(expected);
  });

  it('says host-network services hold the instance role even with the default hop limit', () => {
    const { host } = buildHost(
      shopProps({
        compose: {
          services: {
            db: { image: 'postgres:16.4' },
            ops: { image: 'grafana/grafana:11.6.0', network_mode: 'host' },
          },
        },
      }),
    );
    expect(host.metadataHopLimit).toBe(1);
    expect(host.instanceRoleServices).toEqual(['ops']);
  });
});

describe('ComposeHost template checks for values known only at plan time', () => {
  it('adds a precondition per Terraform-valued instance type and root volume size', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const type = new TerraformVariable(stack, 'type', { type: 'string' });
    const size = new TerraformVariable(stack, 'size', { type: 'number' });
    new ComposeHost(
      stack,
      'host',
      shopProps({ instanceType: type.stringValue, rootVolumeSizeInGiB: size.numberValue }),
    );
    const lt = only(JSON.parse(Testing.synth(stack)), 'aws_launch_template');
    expect(lt.lifecycle).toEqual({
      precondition: [
        {
          condition:
            '${can(regex("^[a-z][a-z0-9-]*\\\\d[a-z0-9-]*\\\\.(nano|micro|small|medium|large|xlarge|\\\\d{1,2}xlarge|metal(-\\\\d+xl)?)$", var.type))}',
          error_message:
            'Invalid instanceType of test/host: it must be an EC2 instance type such as "t3.medium".',
        },
        {
          condition: '${(((8 <= var.size) && (16384 >= var.size)) && (floor(var.size) == var.size))}',
          error_message:
            'Invalid rootVolumeSizeInGiB of test/host: it must be a whole number of GiB from 8 to 16384.',
        },
      ],
    });
  });
});

describe('ComposeHost required props', () => {
  it('names each missing required prop before anything else is checked', () => {
    const stack = new TerraformStack(Testing.app(), 'x');
    expect(
      () =>
        new ComposeHost(stack, 'host', {
          ...shopProps(),
          subnetIds: undefined as unknown as string[],
          compose: undefined as unknown as ReturnType<typeof shopProps>['compose'],
        }),
    ).toThrow(
      'Invalid input for x/host (2 problems):\n' +
        '  - subnetIds = undefined: is required. Fix: pass subnetIds, a list\n' +
        '  - compose = undefined: is required. Fix: pass compose, an object',
    );
  });
});

describe('ComposeHost user data size limit, at the byte', () => {
  /** Hex digits from a hash chain: deterministic and about as compressible as real data files. */
  function hexNoise(length: number): string {
    let s = '';
    for (let i = 0; s.length < length; i++) s += createHash('sha256').update(`noise${i}`).digest('hex');
    return s.slice(0, length);
  }
  const attempt = (length: number) =>
    new ComposeHost(
      new TerraformStack(Testing.app(), 'test'),
      'host',
      shopProps({ files: [{ path: 'noise.txt', content: hexNoise(length) }] }),
    );

  it('accepts user data of exactly 16,384 gzip bytes', () => {
    expect(attempt(24_360).userDataSize.gzipBytes).toBe(16_384);
  });

  it('refuses one byte more, naming both sizes', () => {
    let message = '';
    try {
      attempt(24_362);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe(
      'Invalid input for test/host (1 problem):\n' +
        '  - compose = "16385 bytes of gzip-compressed user data (32064 bytes before compression)": ' +
        'renders more user data than EC2 accepts (16384 bytes after compression). ' +
        'Fix: move large files (dashboards, datasets) into an S3 prefix listed in downloads',
    );
  });
});
