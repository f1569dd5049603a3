/** Errors with Go's text/template messages. */

/** Which phase raised a TemplateError. */
export const TemplateErrorKind = { Parse: 'parse', Exec: 'exec', NotFound: 'not-found' } as const;
/** One of {@link TemplateErrorKind}. */
export type TemplateErrorKind = (typeof TemplateErrorKind)[keyof typeof TemplateErrorKind];

/** A parse or execution error; `message` is exactly Go's error string. */
export class TemplateError extends Error {
  constructor(
    message: string,
    readonly kind: TemplateErrorKind,
    /** Name of the template that was executing or parsing. */
    readonly templateName: string,
    /** The error a template function raised, when that is the cause. */
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'TemplateError';
  }
}

/** An error a template function raises; the executor reports it as `error calling NAME: MESSAGE`. */
export class FuncError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FuncError';
  }
}
