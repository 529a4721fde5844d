import { EIP_ALLOCATION_TAG } from '../constants';
import { HostRenderContext } from './context';

/**
 * Quotes a value for bash: single quotes, with embedded single quotes closed, escaped and reopened.
 * Every value from props goes through this, so no prop can inject shell syntax.
 */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Shell function name for a value: `[a-z0-9_]` only. */
function fnName(prefix: string, value: string): string {
  return `${prefix}_${value.replace(/[^A-Za-z0-9]+/g, '_').toLowerCase()}`;
}

/** The directory part of a project-relative path, or undefined at the top level. */
function dirOf(path: string): string | undefined {
  const i = path.lastIndexOf('/');
  return i < 0 ? undefined : path.slice(0, i);
}

/** Amazon Linux 2023: Docker and the CloudWatch agent from dnf, the SSM agent is preinstalled. */
function installAl2023(): string[] {
  return [
    'install_packages() {',
    '  retry dnf install -y docker amazon-cloudwatch-agent',
    '  retry systemctl enable --now amazon-ssm-agent',
    '}',
  ];
}

/** Amazon Linux 2023 has no Compose plugin package: the pinned release binary, checksum-verified. */
function installComposePlugin(ctx: HostRenderContext): string[] {
  const sha = ctx.composePlugin.sha256 ?? {};
  const fromRelease = 'sum=$(retry curl -fsSL "$url.sha256" | cut -d " " -f 1)';
  const pins = (['x86_64', 'aarch64'] as const).flatMap((arch) => {
    const pin = sha[arch];
    return pin ? [`    ${arch}) sum=${shellQuote(pin)} ;;`] : [];
  });
  const checksum =
    pins.length === 0
      ? [`  ${fromRelease}`]
      : ['  case "$arch" in', ...pins, `    *) ${fromRelease} ;;`, '  esac'];
  return [
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
    ...checksum,
    '  echo "$sum  $tmp" | sha256sum -c - >/dev/null',
    '  install -D -m 0755 "$tmp" "$COMPOSE_PLUGIN"',
    '  rm -f "$tmp"',
    '}',
  ];
}

/** Ubuntu: Docker and Compose from the Ubuntu archive, the AWS CLI from snap, the agent's .deb. */
function installUbuntu(): string[] {
  return [
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
  ];
}

/** One function per env file that holds generated secrets. */
function secretFunctions(ctx: HostRenderContext): { lines: string[]; calls: string[] } {
  const byFile = new Map<string, typeof ctx.secrets>();
  for (const s of ctx.secrets) byFile.set(s.envFile, [...(byFile.get(s.envFile) ?? []), s]);
  const lines: string[] = [];
  const calls: string[] = [];
  for (const [file, secrets] of byFile) {
    const name = fnName('write_env', file);
    const dir = dirOf(file);
    lines.push(
      `# ${file} (0600): ${secrets.map((s) => s.variable).join(', ')}`,
      `${name}() {`,
      ...(dir ? [`  mkdir -p "$ROOT/"${shellQuote(dir)}`] : []),
      '  (',
      '    umask 077',
      '    local value',
      `    : >"$ROOT/"${shellQuote(`${file}.new`)}`,
      ...secrets.flatMap((s) => [
        `    value=$(secret_value ${shellQuote(s.parameterName)}${s.kmsKeyArn ? ` ${shellQuote(s.kmsKeyArn)}` : ''})`,
        `    printf '%s=%s\\n' ${shellQuote(s.variable)} "$value" >>"$ROOT/"${shellQuote(`${file}.new`)}`,
      ]),
      '  )',
      `  mv "$ROOT/"${shellQuote(`${file}.new`)} "$ROOT/"${shellQuote(file)}`,
      '}',
      '',
    );
    calls.push(`  ${name}`);
  }
  return { lines, calls };
}

/**
 * The host's one shell script, `bootstrap.sh run|health`.
 *
 * - `run` (every boot, from `<project>.service`): claim the Elastic IP (Auto Scaling mode), install
 *   Docker, Compose and the CloudWatch agent, start them, write generated secrets, download files
 *   from S3, log in to ECR, `docker compose up -d`. Each step runs once per boot: a marker under
 *   the per-boot run directory records it, so a restarted run skips what is done. Network calls
 *   retry with exponential backoff; a step that still fails ends the run with a non-zero status,
 *   and systemd restarts the unit.
 * - `health` (every minute, from `<project>-health.timer`, Auto Scaling mode): the project is
 *   healthy when its unit is active and every health URL answers; a host unhealthy for longer
 *   than the deadline reports itself Unhealthy to its Auto Scaling group (once per boot).
 *
 * `set -euo pipefail`, no `set -x` (it would print secrets), every prop value single-quoted,
 * every expansion double-quoted.
 */
export function renderBootstrapScript(ctx: HostRenderContext): string {
  const q = shellQuote;
  const p = ctx.paths;
  const al2023 = ctx.os === 'al2023';
  const secrets = secretFunctions(ctx);
  const health = ctx.mode === 'autoScaling' ? ctx.health : undefined;
  const lines: string[] = [
    '#!/bin/bash',
    `# compose-host bootstrap of project ${ctx.project}: "run" at every boot (${p.unitName}),`,
    `# "health" every minute (${p.healthTimerName}, Auto Scaling mode).`,
    'set -euo pipefail',
    'shopt -s inherit_errexit',
    'umask 022',
    'export PATH="$PATH:/usr/local/bin:/snap/bin"',
    '',
    `readonly PROJECT=${q(ctx.project)}`,
    `readonly REGION=${q(ctx.region)}`,
    `readonly ROOT=${q(p.root)}`,
    `readonly RUN_DIR=${q(p.runDir)}`,
    `readonly AGENT_CONFIG=${q(p.cloudWatchAgentConfig)}`,
    `readonly AGENT_CTL=${q('/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl')}`,
    `readonly RETRY_ATTEMPTS=${ctx.retry.attempts}`,
    `readonly RETRY_BASE_SECONDS=${ctx.retry.baseDelayInSeconds}`,
    ...(al2023
      ? [
          `readonly COMPOSE_VERSION=${q(ctx.composePlugin.version)}`,
          `readonly COMPOSE_PLUGIN=${q('/usr/local/lib/docker/cli-plugins/docker-compose')}`,
        ]
      : []),
    ...(ctx.claimElasticIp ? [`readonly EIP_TAG=${q(EIP_ALLOCATION_TAG)}`] : []),
    ...(health
      ? [
          `readonly HEALTH_DEADLINE_SECONDS=${health.deadlineInSeconds}`,
          `readonly -a HEALTH_URLS=(${health.urls.map(q).join(' ')})`,
        ]
      : []),
    '# The AWS CLI (and anything run from here) defaults to the host region.',
    'export AWS_DEFAULT_REGION="$REGION"',
    '',
    'log() { echo "compose-host[$PROJECT]: $*" >&2; }',
    '',
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
    '',
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
    '',
    '# Instance metadata through IMDSv2 (the launch template requires tokens).',
    'imds() {',
    '  local token',
    "  token=$(curl -fsS -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 300' http://169.254.169.254/latest/api/token) || return 1",
    '  curl -fsS -H "X-aws-ec2-metadata-token: $token" "http://169.254.169.254/latest/meta-data/$1"',
    '}',
    '',
    ...(al2023 ? [...installAl2023(), '', ...installComposePlugin(ctx)] : installUbuntu()),
    '',
    'start_docker() {',
    '  retry systemctl enable --now docker',
    '}',
    '',
    'start_agent() {',
    '  retry "$AGENT_CTL" -a fetch-config -m ec2 -s -c "file:$AGENT_CONFIG"',
    '}',
    '',
  ];

  if (ctx.claimElasticIp) {
    lines.push(
      '# The Elastic IP allocation id arrives as a propagated Auto Scaling group tag, read from metadata.',
      'claim_address() {',
      '  local instance_id allocation_id',
      '  instance_id=$(retry imds instance-id)',
      '  allocation_id=$(retry imds "tags/instance/$EIP_TAG")',
      '  retry aws ec2 associate-address --region "$REGION" --instance-id "$instance_id" \\',
      '    --allocation-id "$allocation_id" --allow-reassociation --output text >/dev/null',
      '}',
      '',
    );
  }

  if (ctx.secrets.length > 0) {
    lines.push(
      'read_parameter() {',
      '  aws ssm get-parameter --region "$REGION" --name "$1" --with-decryption --query Parameter.Value --output text',
      '}',
      '',
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
      '',
      ...secrets.lines,
      'write_secrets() {',
      ...secrets.calls,
      '}',
      '',
    );
  }

  if (ctx.downloads.length > 0) {
    lines.push(
      'download_files() {',
      ...ctx.downloads.flatMap((d) => [
        `  mkdir -p "$ROOT/"${q(d.path)}`,
        `  retry aws s3 sync ${q(`s3://${d.bucketName}/${d.prefix}`)} "$ROOT/"${q(`${d.path}/`)} --region "$REGION" --delete --only-show-errors`,
      ]),
      '}',
      '',
    );
  }

  if (ctx.ecrRegistries.length > 0) {
    lines.push(
      'ecr_login() {',
      '  aws ecr get-login-password --region "$1" | docker login --username AWS --password-stdin "$2" >/dev/null',
      '}',
      '',
      'registry_login() {',
      ...ctx.ecrRegistries.map((r) => `  retry ecr_login ${q(r.region)} ${q(r.host)}`),
      '}',
      '',
    );
  }

  lines.push(
    'start_project() {',
    '  local instance_id',
    '  instance_id=$(retry imds instance-id)',
    `  printf 'INSTANCE_ID=%s\\n' "$instance_id" >"$ROOT/.env"`,
    `  retry docker compose --project-directory "$ROOT" -f ${q(p.composeFile)} up -d --remove-orphans`,
    '}',
    '',
    'do_run() {',
    '  mkdir -p "$RUN_DIR"',
    ...(ctx.claimElasticIp && al2023 ? ['  step address claim_address'] : []),
    '  step packages install_packages',
    ...(al2023 ? ['  step compose-plugin install_compose_plugin'] : []),
    ...(ctx.claimElasticIp && !al2023 ? ['  step address claim_address'] : []),
    '  step docker start_docker',
    '  step cloudwatch-agent start_agent',
    ...(ctx.secrets.length > 0 ? ['  step secrets write_secrets'] : []),
    ...(ctx.downloads.length > 0 ? ['  step downloads download_files'] : []),
    ...(ctx.ecrRegistries.length > 0 ? ['  step registry-login registry_login'] : []),
    '  step project start_project',
    '  log "project $PROJECT is up"',
    '}',
    '',
  );

  if (health) {
    lines.push(
      'healthy() {',
      '  systemctl is-active --quiet "$PROJECT.service" || return 1',
      '  local url',
      '  for url in "${HEALTH_URLS[@]}"; do',
      '    curl -fsS -o /dev/null --max-time 5 "$url" || return 1',
      '  done',
      '}',
      '',
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
      '',
    );
  }

  const usage = health ? 'run|health' : 'run';
  lines.push(
    'case "${1:-}" in',
    '  run) do_run ;;',
    ...(health ? ['  health) do_health ;;'] : []),
    `  *) log "usage: $0 ${usage}"; exit 64 ;;`,
    'esac',
    '',
  );
  return lines.join('\n');
}
