/** SageMaker actions behind `TrainingRole.grantCreateTrainingJob`. */
export const SAGEMAKER_ACTIONS = {
  /**
   * Start, watch and stop training jobs. AddTags is needed when CreateTrainingJob passes tags
   * (the SageMaker SDKs do).
   */
  trainingJob: [
    'sagemaker:AddTags',
    'sagemaker:CreateTrainingJob',
    'sagemaker:DescribeTrainingJob',
    'sagemaker:StopTrainingJob',
  ],
} as const;
