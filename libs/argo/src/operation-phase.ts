/** Phases of an operation (`status.operationState.phase`) and of a hook or task within it, as Argo CD names them. */
export const OperationPhase = {
  Running: 'Running',
  Terminating: 'Terminating',
  Failed: 'Failed',
  Error: 'Error',
  Succeeded: 'Succeeded',
} as const;
/** One of the operation phases. */
export type OperationPhase = (typeof OperationPhase)[keyof typeof OperationPhase];

/** Whether an operation phase is final (Succeeded, Failed or Error). */
export function isCompleted(phase: OperationPhase | undefined): boolean {
  return phase === OperationPhase.Succeeded || phase === OperationPhase.Failed || phase === OperationPhase.Error;
}
