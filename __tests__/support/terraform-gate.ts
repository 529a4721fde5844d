import { terraformVersion } from '../../review/terraform';

/**
 * Tests that need the Terraform CLI: `describeWithTerraform` runs them when Terraform is on PATH.
 * Without it they are skipped with a printed reason locally, and fail under CI=true, where a
 * missing Terraform means the suite did not test what it claims to.
 */
export const TERRAFORM_VERSION = terraformVersion();

export function describeWithTerraform(name: string, body: () => void): void {
  if (TERRAFORM_VERSION) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs the Terraform CLI', () => {
        throw new Error(
          'Terraform is not on PATH but CI=true: these tests must run in CI. Install Terraform >= 1.5.',
        );
      });
    });
    return;
  }
  console.warn(`SKIPPED "${name}": Terraform is not on PATH (install Terraform >= 1.5 to run these tests).`);
  describe.skip(name, body);
}
