import { EIP_ALLOCATION_TAG, HOST_PATHS, MODELS_PREFIX } from '../constants';
import { HostRenderContext } from './config';
import { ecrRegistries } from './images';

/**
 * Quotes a value for bash: single quotes, with embedded single quotes closed, escaped and reopened.
 * Every value from props goes through this, so no prop can inject shell syntax.
 */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** First-boot package installation for Amazon Linux 2023: dnf packages plus the pinned compose plugin binary. */
function installAl2023(ctx: HostRenderContext): string[] {
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
    'install_packages() {',
    '  retry dnf install -y docker amazon-cloudwatch-agent',
    '  # AL2023 has no compose plugin package: install the release binary, checksum-verified.',
    '  local arch url sum',
    '  arch=$(uname -m)',
    '  url="https://github.com/docker/compose/releases/download/$COMPOSE_VERSION/docker-compose-linux-$arch"',
    '  retry curl -fsSL -o /tmp/docker-compose "$url"',
    ...checksum,
    '  echo "$sum  /tmp/docker-compose" | sha256sum -c -',
    '  install -D -m 0755 /tmp/docker-compose /usr/local/lib/docker/cli-plugins/docker-compose',
    '  rm -f /tmp/docker-compose',
    '  systemctl enable --now amazon-ssm-agent',
    '}',
  ];
}

/** First-boot package installation for Ubuntu: Docker and compose from the Ubuntu archive, AWS CLI and CloudWatch agent. */
function installUbuntu(): string[] {
  return [
    'install_packages() {',
    '  export DEBIAN_FRONTEND=noninteractive',
    '  retry apt-get update -q',
    '  retry apt-get install -y -q docker.io docker-compose-v2 curl',
    '  command -v aws >/dev/null || retry snap install aws-cli --classic',
    '  local arch',
    '  arch=$(dpkg --print-architecture)',
    '  retry curl -fsSL -o /tmp/amazon-cloudwatch-agent.deb "https://amazoncloudwatch-agent-$REGION.s3.$REGION.amazonaws.com/ubuntu/$arch/latest/amazon-cloudwatch-agent.deb"',
    '  dpkg -i -E /tmp/amazon-cloudwatch-agent.deb',
    '  rm -f /tmp/amazon-cloudwatch-agent.deb',
    '  systemctl enable --now snap.amazon-ssm-agent.amazon-ssm-agent.service',
    '}',
  ];
}

/**
 * The host's one shell script, `bootstrap.sh install|start`:
 *
 * - `install` (once, from cloud-init): claim the Elastic IP (Auto Scaling mode), install Docker,
 *   compose and the CloudWatch agent, start the agent, enable `mlmon.service`.
 * - `start` (every boot, from `mlmon.service`): claim the Elastic IP, write the compose `.env`,
 *   fetch or create the Grafana admin password in SSM, sync the models from S3, log in to ECR
 *   registries, `docker compose up -d`.
 *
 * `set -euo pipefail`, no `set -x` (it would print the password), every prop value single-quoted,
 * every expansion double-quoted. The password only ever exists in SSM and in a 0600 env file.
 */
export function renderBootstrapScript(ctx: HostRenderContext): string {
  const q = shellQuote;
  const registries = ecrRegistries([
    ctx.stack.modelImage,
    ctx.stack.prometheusImage,
    ctx.stack.grafanaImage,
    ctx.stack.nodeExporterImage,
  ]);
  const claim = ctx.associateElasticIpAtBoot;
  const kms = ctx.grafanaAdminPasswordKmsKeyId;
  const lines: string[] = [
    '#!/bin/bash',
    '# mlmon host bootstrap: "install" runs once from cloud-init, "start" at every boot from mlmon.service.',
    'set -euo pipefail',
    'umask 022',
    'export PATH="$PATH:/usr/local/bin:/snap/bin"',
    '',
    `readonly REGION=${q(ctx.region)}`,
    `readonly BUCKET=${q(ctx.bucketName)}`,
    `readonly MODELS_PREFIX=${q(MODELS_PREFIX)}`,
    `readonly ROOT=${q(HOST_PATHS.root)}`,
    `readonly GRAFANA_PARAM=${q(ctx.grafanaAdminPasswordParameter)}`,
    ...(kms ? [`readonly GRAFANA_KMS_KEY=${q(kms)}`] : []),
    ...(ctx.os === 'al2023' ? [`readonly COMPOSE_VERSION=${q(ctx.composePlugin.version)}`] : []),
    ...(claim ? [`readonly EIP_TAG=${q(EIP_ALLOCATION_TAG)}`] : []),
    '',
    'log() { echo "mlmon-bootstrap: $*" >&2; }',
    '',
    'retry() {',
    '  local attempt=1',
    '  until "$@"; do',
    '    if [ "$attempt" -ge 5 ]; then log "giving up after $attempt attempts: $1"; return 1; fi',
    '    sleep "$((attempt * 5))"',
    '    attempt="$((attempt + 1))"',
    '  done',
    '}',
    '',
    '# Instance metadata through IMDSv2 (the launch template requires tokens).',
    'imds() {',
    '  local token',
    "  token=$(curl -fsS -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 300' http://169.254.169.254/latest/api/token)",
    '  curl -fsS -H "X-aws-ec2-metadata-token: $token" "http://169.254.169.254/latest/meta-data/$1"',
    '}',
    '',
    ...(ctx.os === 'al2023' ? installAl2023(ctx) : installUbuntu()),
    '',
  ];
  if (claim) {
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
  lines.push(
    'read_password() {',
    '  aws ssm get-parameter --region "$REGION" --name "$GRAFANA_PARAM" --with-decryption \\',
    '    --query Parameter.Value --output text',
    '}',
    '',
    '# Reads the Grafana admin password from SSM; creates it (random, SecureString) when missing.',
    '# The value goes to the CLI as file://, never on a command line.',
    'grafana_password() {',
    '  local err file',
    '  err=$(mktemp)',
    '  if read_password 2>"$err"; then rm -f "$err"; return 0; fi',
    '  if ! grep -q ParameterNotFound "$err"; then',
    '    log "cannot read $GRAFANA_PARAM:"',
    '    cat "$err" >&2',
    '    rm -f "$err"',
    '    return 1',
    '  fi',
    '  rm -f "$err"',
    '  file=$(mktemp)',
    '  openssl rand -hex 24 | tr -d "\\n" >"$file"',
    '  aws ssm put-parameter --region "$REGION" --name "$GRAFANA_PARAM" --type SecureString \\',
    `    --value "file://$file"${kms ? ' --key-id "$GRAFANA_KMS_KEY"' : ''} \\`,
    "    --description 'Grafana admin password, generated on the mlmon host' >/dev/null ||",
    "    log 'the parameter was created meanwhile by another host; using that value'",
    '  rm -f "$file"',
    '  read_password',
    '}',
    '',
    'write_grafana_env() {',
    '  local password',
    '  password=$(grafana_password)',
    '  (umask 077 && printf "GF_SECURITY_ADMIN_PASSWORD=%s\\n" "$password" >"$ROOT/grafana.env.new")',
    '  mv "$ROOT/grafana.env.new" "$ROOT/grafana.env"',
    '}',
    '',
    'do_install() {',
    ...(claim && ctx.os === 'al2023' ? ['  claim_address'] : []),
    '  install_packages',
    '  systemctl enable --now docker',
    '  /opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s \\',
    `    -c ${q(`file:${HOST_PATHS.cloudWatchAgentConfig}`)}`,
    '  systemctl daemon-reload',
    '  systemctl enable mlmon.service',
    '  systemctl start mlmon.service',
    '}',
    '',
    'do_start() {',
    ...(claim ? ['  claim_address'] : []),
    '  local instance_id',
    '  instance_id=$(retry imds instance-id)',
    '  printf "INSTANCE_ID=%s\\n" "$instance_id" >"$ROOT/.env"',
    '  write_grafana_env',
    '  mkdir -p "$ROOT/models"',
    '  retry aws s3 sync "s3://$BUCKET/$MODELS_PREFIX" "$ROOT/models/" --region "$REGION" --delete --only-show-errors',
    ...registries.map(
      (r) =>
        `  aws ecr get-login-password --region ${q(r.region)} | docker login --username AWS --password-stdin ${q(r.host)}`,
    ),
    '  retry docker compose --project-directory "$ROOT" -f "$ROOT/docker-compose.yml" up -d --remove-orphans',
    '}',
    '',
    'if [ "$#" -ne 1 ]; then log "usage: $0 install|start"; exit 64; fi',
    'case "$1" in',
    '  install) do_install ;;',
    '  start) do_start ;;',
    '  *) log "usage: $0 install|start"; exit 64 ;;',
    'esac',
    '',
  );
  return lines.join('\n');
}

/** `mlmon.service`: runs `bootstrap.sh start` at every boot, after Docker and the network are up. */
export function renderSystemdUnit(): string {
  return [
    '[Unit]',
    'Description=mlmon monitoring stack (model API, Prometheus, Grafana)',
    'Wants=network-online.target',
    'After=network-online.target docker.service',
    'Requires=docker.service',
    '',
    '[Service]',
    'Type=oneshot',
    'RemainAfterExit=yes',
    `ExecStart=${HOST_PATHS.bootstrapScript} start`,
    'TimeoutStartSec=900',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}
