import { AmiOs } from '../ami';
import { ComposeFile } from '../compose-file';
import { HostPaths } from '../constants';
import { GeneratedSecret, ProjectFile } from '../host-spec';
import { EcrRegistry } from '../images';

/** Everything the renderers need, with defaults applied. String values may be Terraform tokens. */
export interface HostRenderContext {
  /** Compose project name; names the directory, the systemd units and the Compose project. */
  readonly project: string;
  readonly region: string;
  readonly os: AmiOs;
  readonly mode: 'instance' | 'autoScaling';
  readonly paths: HostPaths;
  /** The Compose file as it is written to the host (logging already set, `name` set). */
  readonly compose: ComposeFile;
  readonly files: readonly ProjectFile[];
  readonly secrets: readonly GeneratedSecret[];
  readonly downloads: readonly {
    readonly bucketName: string;
    readonly prefix: string;
    readonly path: string;
  }[];
  readonly ecrRegistries: readonly EcrRegistry[];
  /** Auto Scaling mode with an Elastic IP: claim the address named by the instance tag at boot. */
  readonly claimElasticIp: boolean;
  /** Auto Scaling mode: report the instance Unhealthy after the deadline. */
  readonly health?: { readonly urls: readonly string[]; readonly deadlineInSeconds: number };
  /** Log group the CloudWatch agent writes embedded-metric-format events to; undefined: no EMF listener. */
  readonly embeddedMetricsLogGroup?: string;
  readonly composePlugin: {
    readonly version: string;
    readonly sha256?: Readonly<Partial<Record<'x86_64' | 'aarch64', string>>>;
  };
  readonly retry: { readonly attempts: number; readonly baseDelayInSeconds: number };
}
