import { firstBlock, show } from '../json';
import { fromTemplate, instanceLaunchTemplate } from '../launch-template';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

/** Types that launch instances and take `metadata_options`. */
export const LAUNCH_TYPES: readonly string[] = [
  'aws_instance',
  'aws_launch_template',
  'aws_launch_configuration',
];

export const ec2Imdsv2Required: PolicyRule = {
  id: 'MLM-EC2-001',
  checkovId: 'CKV_AWS_79',
  title: 'Instances and launch templates require IMDSv2 (metadata_options.http_tokens = "required")',
  rationale:
    'IMDSv1 answers any GET from the instance, so an SSRF bug in the API or a dashboard hands out the ' +
    "instance role's credentials. IMDSv2 needs a PUT-issued session token that SSRF can't obtain. An " +
    'instance launched from a launch template is judged by the template unless it sets its own options.',
  level: 'error',
  fix: 'set metadata_options { http_tokens = "required" } (and http_put_response_hop_limit = 2 for containers)',
  appliesTo: LAUNCH_TYPES,
  check: (ctx) => {
    const own = firstBlock(ctx.resource.config.metadata_options);
    const template = own ? undefined : instanceLaunchTemplate(ctx);
    const options = own ?? firstBlock(template?.config.metadata_options);
    const from = fromTemplate(template);
    if (options?.http_endpoint === 'disabled') return compliant(`the metadata service is disabled${from}`);
    if (options?.http_tokens === 'required') return compliant(template ? from.trim() : undefined);
    return nonCompliant(
      `metadata_options.http_tokens is ${show(options?.http_tokens)}${from}, so IMDSv1 stays enabled`,
    );
  },
};
