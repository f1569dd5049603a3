/** Types of `status.conditions[]` Fjord sets, as Argo CD names them. */
export const ConditionType = {
  ComparisonError: 'ComparisonError',
  InvalidSpecError: 'InvalidSpecError',
  SharedResourceWarning: 'SharedResourceWarning',
} as const;
/** One of the condition types. */
export type ConditionType = (typeof ConditionType)[keyof typeof ConditionType];
