import { HostPaths } from '../constants';

/**
 * Restart policy of the project service: a failed run is retried every
 * {@link PROJECT_UNIT_RESTART_SEC} seconds, at most {@link PROJECT_UNIT_START_LIMIT_BURST} starts
 * per {@link PROJECT_UNIT_START_LIMIT_INTERVAL_SEC} seconds; after that the unit stays failed and
 * the health check (Auto Scaling mode) gets the instance replaced.
 */
export const PROJECT_UNIT_RESTART_SEC = 30;
export const PROJECT_UNIT_START_LIMIT_BURST = 5;
export const PROJECT_UNIT_START_LIMIT_INTERVAL_SEC = 3600;
/** Seconds one run may take (package installs and image pulls on a cold host). */
export const PROJECT_UNIT_TIMEOUT_START_SEC = 1200;

/**
 * `<project>.service`: runs `bootstrap.sh run` at every boot. A oneshot that stays "active" once
 * the project is up, and restarts on failure within limits (oneshot units accept
 * `Restart=on-failure` since systemd 244; Amazon Linux 2023 ships 252, Ubuntu 22.04 ships 249).
 * It does not require docker.service: the first run installs Docker.
 */
export function renderProjectUnit(project: string, paths: HostPaths): string {
  return [
    '[Unit]',
    `Description=Compose project ${project}: install, configure and start it`,
    'Wants=network-online.target',
    'After=network-online.target docker.service',
    `StartLimitIntervalSec=${PROJECT_UNIT_START_LIMIT_INTERVAL_SEC}`,
    `StartLimitBurst=${PROJECT_UNIT_START_LIMIT_BURST}`,
    '',
    '[Service]',
    'Type=oneshot',
    'RemainAfterExit=yes',
    `ExecStart=${paths.bootstrapScript} run`,
    'Restart=on-failure',
    `RestartSec=${PROJECT_UNIT_RESTART_SEC}`,
    `TimeoutStartSec=${PROJECT_UNIT_TIMEOUT_START_SEC}`,
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}

/** `<project>-health.service`: one health check (`bootstrap.sh health`). */
export function renderHealthUnit(project: string, paths: HostPaths): string {
  return [
    '[Unit]',
    `Description=Health check of Compose project ${project}; reports the instance Unhealthy after the deadline`,
    'After=network-online.target',
    '',
    '[Service]',
    'Type=oneshot',
    `ExecStart=${paths.bootstrapScript} health`,
    '',
  ].join('\n');
}

/** Seconds between health checks, and before the first one after boot. */
export const HEALTH_CHECK_INTERVAL_SECONDS = 60;

/** `<project>-health.timer`: runs the health check every minute from a minute after boot. */
export function renderHealthTimer(project: string, paths: HostPaths): string {
  return [
    '[Unit]',
    `Description=Health checks of Compose project ${project}`,
    '',
    '[Timer]',
    `OnBootSec=${HEALTH_CHECK_INTERVAL_SECONDS}`,
    `OnUnitActiveSec=${HEALTH_CHECK_INTERVAL_SECONDS}`,
    'AccuracySec=5',
    `Unit=${paths.healthUnitName}`,
    '',
    '[Install]',
    'WantedBy=timers.target',
    '',
  ].join('\n');
}
