import { status } from '@grpc/grpc-js';

/** The limits of one render (see ADR 0006). */
export const RenderLimit = {
  Time: 'time',
  Memory: 'memory',
  /** The JavaScript engine's own bounds: longest string or array, deepest stack. */
  Engine: 'engine',
} as const;
/** One of {@link RenderLimit}. */
export type RenderLimit = (typeof RenderLimit)[keyof typeof RenderLimit];

const codes: Record<RenderLimit, status> = {
  time: status.DEADLINE_EXCEEDED,
  memory: status.RESOURCE_EXHAUSTED,
  engine: status.RESOURCE_EXHAUSTED,
};

/**
 * A render that broke a limit. It fails only its own request: the platform's error mapping passes its gRPC code
 * (DEADLINE_EXCEEDED or RESOURCE_EXHAUSTED) and message through as they are.
 */
export class RenderLimitError extends Error {
  override name = 'RenderLimitError';
  /** The gRPC status code. */
  readonly code: status;
  /** The message the caller sees (gRPC details). */
  readonly details: string;

  constructor(
    readonly limit: RenderLimit,
    message: string,
  ) {
    super(message);
    this.code = codes[limit];
    this.details = message;
  }
}
