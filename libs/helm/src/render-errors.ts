/** Helm's error texts for template failures (parse errors, exec errors, `required`/`fail` messages). */
import { TemplateError } from '@fjord/go-template';

const WARN_START = 'HELM_ERR_START';
const WARN_END = 'HELM_ERR_END';

/** Wraps a `required`/`fail` message so the engine can print it without Go's error prefix. */
export const warnWrap = (msg: string): string => `${WARN_START}${msg}${WARN_END}`;

/** A template failure: Helm's message plus the template (full name, e.g. `chart/templates/x.yaml`) and line. */
export class RenderError extends Error {
  constructor(
    message: string,
    readonly template: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'RenderError';
  }
}

function location(loc: string, fallback: string): { template: string; line?: number; column?: number } {
  const m = /^(.*?):(\d+)(?::(\d+))?$/.exec(loc);
  if (!m) return { template: fallback };
  return { template: m[1], line: Number(m[2]), column: m[3] ? Number(m[3]) : undefined };
}

/** cleanupParseError: `parse error at (chart/templates/x.yaml:3): function "foo" not defined`. */
export function formatParseError(name: string, err: unknown): RenderError {
  const msg = (err as Error).message;
  const tokens = msg.split(': ');
  if (tokens.length === 1) return new RenderError(`parse error in (${name}): ${msg}`, name);
  const loc = location(tokens[1], name);
  return new RenderError(`parse error at (${tokens[1]}): ${tokens[tokens.length - 1]}`, loc.template, loc.line, loc.column);
}

/** One level of a Go template error: `template: LOC: executing "NAME" at <NODE>: MSG`. */
function traceLevel(msg: string): string | undefined {
  if (!msg.startsWith('template: ')) return undefined;
  const rest = msg.slice('template: '.length);
  if (rest.startsWith('no template ')) return msg;
  const m = /^(.*?): executing "([^"]*)" at <(.*?)>: ([\s\S]*)$/.exec(rest);
  if (m) {
    const cut = m[4].indexOf(' template:');
    return `${m[1]}\n  executing "${m[2]}" at <${m[3]}>:\n    ${cut >= 0 ? m[4].slice(0, cut) : m[4]}`;
  }
  const sep = rest.lastIndexOf(': ');
  if (sep < 0) return undefined;
  const errMsg = rest.slice(sep + 2);
  const cut = errMsg.indexOf(' template:');
  return `${rest.slice(0, sep)}\n  ${cut >= 0 ? errMsg.slice(0, cut) : errMsg}`;
}

/** reformatExecErrorMsg: `execution error at (LOC): MSG` for required/fail, else Helm's traceable form. */
export function formatExecError(name: string, err: TemplateError): RenderError {
  const msg = err.message;
  const tokens = msg.split(': ');
  if (tokens.length < 3) return new RenderError(`execution error in (${name}): ${msg}`, name);
  const loc = location(tokens[1], name);
  const rest = tokens.slice(2).join(': ');
  const warn = new RegExp(`${WARN_START}([\\s\\S]*)${WARN_END}`).exec(rest);
  if (warn) return new RenderError(`execution error at (${tokens[1]}): ${warn[1]}`, loc.template, loc.line, loc.column);
  const levels: string[] = [];
  let current: unknown = err;
  while (current instanceof Error) {
    const level = traceLevel(current.message);
    if (level === undefined) return new RenderError(msg, loc.template, loc.line, loc.column);
    if (levels[levels.length - 1] !== level) levels.push(level);
    current = current instanceof TemplateError ? current.cause : undefined;
  }
  return new RenderError(levels.join('\n').trim(), loc.template, loc.line, loc.column);
}
