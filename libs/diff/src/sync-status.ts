/** The value of the compare-options annotation that marks a resource as extraneous. */
export const IGNORE_EXTRANEOUS = 'IgnoreExtraneous';
