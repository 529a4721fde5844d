import { TerraformProvider, TerraformStack, Token } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * The region resources under `scope` are created in, when it is known at synthesis: the region of
 * `provider` when given, otherwise that of the stack's default (unaliased) AWS provider.
 * Undefined when the region is a token, or no AWS provider is found: callers then skip their
 * region checks (and say so in their docs).
 */
export function providerRegion(scope: IConstruct, provider?: TerraformProvider): string | undefined {
  let candidate: TerraformProvider | undefined = provider;
  if (!candidate) {
    candidate = TerraformStack.of(scope)
      .node.findAll()
      .find(
        (c): c is TerraformProvider =>
          c instanceof TerraformProvider &&
          c.terraformResourceType === 'aws' &&
          (c as unknown as { alias?: string }).alias === undefined,
      );
  }
  const region = (candidate as unknown as { region?: unknown } | undefined)?.region;
  return typeof region === 'string' && !Token.isUnresolved(region) ? region : undefined;
}
