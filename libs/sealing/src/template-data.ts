import { TemplateSet, withGoType } from '@fjord/go-template';
import { sprigFunctions } from '@fjord/sprig';
import { redactValues, SealingErrorReason, type ItemError } from './errors';

let funcs: ReturnType<typeof sprigFunctions> | undefined;

/**
 * Renders `spec.template.data`: each value is a Go text/template with Sprig's functions (no `env`, `expandenv` or
 * `getHostByName`, so templates learn nothing about the controller's environment), executed with the decrypted
 * values as `map[string]string` dot. Errors are per item, with every decrypted value redacted from their text.
 */
export function renderTemplateData(
  templates: Record<string, string>,
  decrypted: Record<string, string>,
): { data: Record<string, Buffer>; errors: ItemError[] } {
  funcs ??= sprigFunctions();
  const dot = withGoType({ ...decrypted }, 'map[string]string');
  const rendered: [string, Buffer][] = [];
  const errors: ItemError[] = [];
  for (const [key, text] of Object.entries(templates)) {
    try {
      const set = new TemplateSet({ name: key, funcs });
      set.parse(key, text);
      rendered.push([key, Buffer.from(set.execute(key, dot), 'utf8')]);
    } catch (err) {
      const message = redactValues((err as Error).message ?? String(err), Object.values(decrypted));
      errors.push({ item: key, reason: SealingErrorReason.TemplateFailed, message });
    }
  }
  return { data: Object.fromEntries(rendered), errors };
}
