/**
 * Machine images for the app host. Images are named by an AWS public Systems Manager parameter and
 * resolved by EC2 at launch (`resolve:ssm:<parameter>` in the launch template), so no data source
 * has to call AWS at plan time, or by an explicit AMI id.
 */

/** Operating systems the host bootstrap knows how to configure. */
export type AmiOs = 'al2023' | 'ubuntu-22.04' | 'ubuntu-24.04';

/** CPU architecture of the image; it must match the instance type (Graviton types are `arm64`). */
export type AmiArchitecture = 'x86_64' | 'arm64';

/** The latest image of a supported OS, looked up by EC2 at launch from a public SSM parameter. */
export interface AmiFromOs {
  /** Operating system. */
  readonly os: AmiOs;
  /** CPU architecture. @default 'x86_64' */
  readonly architecture?: AmiArchitecture;
  /**
   * Pin one version of the public parameter (`resolve:ssm:<name>:<version>`), so replacements
   * launch the same image until you raise it. Find the current one with
   * `aws ssm get-parameter --name <name> --query Parameter.Version`.
   * @default - the latest image at each launch
   */
  readonly parameterVersion?: number;
}

/** A specific image. */
export interface AmiFromId {
  /** AMI id, `ami-` followed by 8 or 17 hexadecimal digits. */
  readonly amiId: string;
  /** Operating system of the image, which selects the bootstrap commands (dnf or apt). @default 'al2023' */
  readonly os?: AmiOs;
  /** Root device name of the image. @default - '/dev/xvda' for Amazon Linux, '/dev/sda1' for Ubuntu */
  readonly rootDeviceName?: string;
}

/** Where the host's machine image comes from. */
export type AmiSource = AmiFromOs | AmiFromId;

/** Every supported OS, for validation and documentation. */
export const AMI_OSES: readonly AmiOs[] = ['al2023', 'ubuntu-22.04', 'ubuntu-24.04'];

/** Every supported architecture. */
export const AMI_ARCHITECTURES: readonly AmiArchitecture[] = ['x86_64', 'arm64'];

/**
 * Public SSM parameters that hold the latest image id of each OS and architecture. Canonical
 * publishes 22.04 under `ebs-gp2` and 24.04 under `ebs-gp3`; the volume type in the name is the
 * image's default, which the launch template overrides with gp3 anyway.
 */
export const AMI_SSM_PARAMETERS: Readonly<Record<AmiOs, Readonly<Record<AmiArchitecture, string>>>> = {
  al2023: {
    x86_64: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
    arm64: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64',
  },
  'ubuntu-22.04': {
    x86_64: '/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id',
    arm64: '/aws/service/canonical/ubuntu/server/22.04/stable/current/arm64/hvm/ebs-gp2/ami-id',
  },
  'ubuntu-24.04': {
    x86_64: '/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id',
    arm64: '/aws/service/canonical/ubuntu/server/24.04/stable/current/arm64/hvm/ebs-gp3/ami-id',
  },
};

/** Root device name of the official images of each OS. */
export const ROOT_DEVICE_NAMES: Readonly<Record<AmiOs, string>> = {
  al2023: '/dev/xvda',
  'ubuntu-22.04': '/dev/sda1',
  'ubuntu-24.04': '/dev/sda1',
};

/** An image source with every default applied. */
export interface ResolvedAmi {
  /** Value for the launch template's `image_id`: an AMI id or `resolve:ssm:<parameter>[:<version>]`. */
  readonly imageId: string;
  readonly os: AmiOs;
  /** Known for parameter-based images; undefined for an explicit AMI id. */
  readonly architecture?: AmiArchitecture;
  readonly rootDeviceName: string;
  /** The public parameter, for parameter-based images. */
  readonly ssmParameterName?: string;
}

/** True when the source names an explicit AMI id. */
export function isAmiFromId(source: AmiSource): source is AmiFromId {
  return 'amiId' in source;
}

/** True for `ami-` followed by 8 or 17 lowercase hexadecimal digits. */
export function isValidAmiId(id: string): boolean {
  return /^ami-([0-9a-f]{8}|[0-9a-f]{17})$/.test(id);
}

/**
 * True for Graviton (arm64) instance families: `a1` and families with a `g` right after the
 * generation digit (`t4g`, `m7g`, `c7gn`, `r8gd`, ...). `g4dn`/`g5` (GPU, x86) are not Graviton.
 */
export function isArmInstanceType(instanceType: string): boolean {
  const family = instanceType.split('.')[0] ?? '';
  return family === 'a1' || /^[a-z]+\d+g[a-z]*$/.test(family);
}

/** Applies defaults and builds the launch template's image id. */
export function resolveAmi(source: AmiSource): ResolvedAmi {
  if (isAmiFromId(source)) {
    const os = source.os ?? 'al2023';
    return { imageId: source.amiId, os, rootDeviceName: source.rootDeviceName ?? ROOT_DEVICE_NAMES[os] };
  }
  const architecture = source.architecture ?? 'x86_64';
  const parameter = AMI_SSM_PARAMETERS[source.os][architecture];
  const version = source.parameterVersion === undefined ? '' : `:${source.parameterVersion}`;
  return {
    imageId: `resolve:ssm:${parameter}${version}`,
    os: source.os,
    architecture,
    rootDeviceName: ROOT_DEVICE_NAMES[source.os],
    ssmParameterName: parameter,
  };
}
