/**
 * AWS Batch actions behind the grants of the batch-fargate module.
 *
 * `batch:SubmitJob` is authorized against both the job queue and the job definition, so a grant
 * names both ARNs. Job definition ARNs end in `:<revision>`; a grant covers every revision of one
 * definition (`job-definition/<name>:*`), since each change registers a new revision.
 */
export const BATCH_ACTIONS = {
  submit: ['batch:SubmitJob'],
  /**
   * Stop a job of the queue. `batch:CancelJob` and `batch:TerminateJob` are authorized against the
   * job's queue ARN.
   */
  stop: ['batch:CancelJob', 'batch:TerminateJob'],
  /** Read job status. Batch Describe/List actions support no resource-level permissions (`*`). */
  describe: ['batch:DescribeJobs', 'batch:ListJobs'],
} as const;
