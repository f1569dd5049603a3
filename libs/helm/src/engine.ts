/**
 * The render engine (Helm's pkg/engine): every template of the chart tree in one Go template set, rendered with
 * its chart's scope (`.Values`, `.Chart`, `.Files`, `.Release`, `.Capabilities`, `.Subcharts`, `.Template`).
 */
import { FuncError, goFunc, MissingKey, quote, TemplateError, TemplateSet, type FuncMap } from '@fjord/go-template';
import { chartFullPath, isLibraryChart, type Chart, type ChartMetadata } from './chart';
import { valuesTable } from './dependencies';
import { newFiles } from './files';
import { helmStaticFunctions } from './helm-funcs';
import { formatExecError, formatParseError, RenderError, warnWrap } from './render-errors';
import type { Values } from './values-file';

/** Limits that keep hostile charts from exhausting the stack or memory. */
export interface EngineLimits {
  /** Nesting of one named template through `include` (Helm: 1000). */
  maxIncludeDepth: number;
  /** Nesting of `tpl` calls. */
  maxTplDepth: number;
  /** Largest rendered output, in characters, of the whole chart or of one include/tpl result. */
  maxOutputSize: number;
}

/** Default engine limits. */
export const DEFAULT_ENGINE_LIMITS: EngineLimits = { maxIncludeDepth: 1000, maxTplDepth: 100, maxOutputSize: 64 * 1024 * 1024 };

interface Renderable {
  text: string;
  scope: Values;
  basePath: string;
}

/** The top-level render values: Release, Capabilities and Values (Chart/Files/Subcharts are added per chart). */
export interface TopValues {
  Release: Values;
  Capabilities: unknown;
  Values: Values;
}

/** `.Chart`: the metadata as a map with Go field names, plus IsRoot (Helm's MetadataAsMap). */
export function metadataAsMap(md: ChartMetadata, isRoot: boolean): Values {
  return {
    Name: md.name,
    Home: md.home,
    Sources: [...md.sources],
    Version: md.version,
    Description: md.description,
    Keywords: [...md.keywords],
    Maintainers: md.maintainers.map((m) => ({ Name: m.name, Email: m.email, URL: m.url })),
    Icon: md.icon,
    APIVersion: md.apiVersion,
    Condition: md.condition,
    Tags: md.tags,
    AppVersion: md.appVersion,
    Deprecated: md.deprecated,
    Annotations: md.annotations === null ? null : { ...md.annotations },
    KubeVersion: md.kubeVersion,
    Dependencies: md.dependencies.map((d) => ({
      Name: d.name,
      Version: d.version,
      Repository: d.repository,
      Condition: d.condition,
      Tags: [...d.tags],
      Enabled: d.enabled,
      ImportValues: [...d.importValues],
      Alias: d.alias,
    })),
    Type: md.type,
    IsRoot: isRoot,
  };
}

function collect(chart: Chart, parentScope: Values | undefined, top: TopValues, out: Map<string, Renderable>): Values {
  const subcharts: Values = {};
  const scope: Values = {
    Chart: metadataAsMap(chart.metadata, !chart.parent),
    Files: newFiles(chart.files),
    Release: top.Release,
    Capabilities: top.Capabilities,
    Values: {},
    Subcharts: subcharts,
  };
  if (!parentScope) scope.Values = top.Values;
  else scope.Values = valuesTable(parentScope, `Values.${chart.metadata.name}`) ?? {};
  for (const dep of chart.dependencies) subcharts[dep.metadata.name] = collect(dep, scope, top, out);
  const prefix = chartFullPath(chart);
  for (const t of chart.templates) {
    if (isLibraryChart(chart) && !t.name.slice(t.name.lastIndexOf('/') + 1).startsWith('_')) continue;
    out.set(`${prefix}/${t.name}`, { text: new TextDecoder().decode(t.data), scope, basePath: `${prefix}/templates` });
  }
  return scope;
}

/** Helm's parse order: deeper paths first, then names in reverse order (sort.Reverse(byPathLen)). */
function parseOrder(names: string[]): string[] {
  const depth = (s: string): number => s.split('/').length;
  return [...names].sort((a, b) => depth(b) - depth(a) || (a < b ? 1 : a > b ? -1 : 0));
}

const isPartial = (name: string): boolean => name.slice(name.lastIndexOf('/') + 1).startsWith('_');

class RenderState {
  readonly included = new Map<string, number>();
  tplDepth = 0;
  constructor(
    readonly limits: EngineLimits,
    readonly strict: boolean,
  ) {}

  checkSize(s: string): string {
    if (s.length > this.limits.maxOutputSize) throw new FuncError(`rendered output exceeds the limit of ${this.limits.maxOutputSize} characters`);
    return s;
  }

  include(set: TemplateSet) {
    return goFunc('func(string, interface {}) (string, error)', (name: string, data: unknown) => {
      const n = this.included.get(name) ?? 0;
      if (n > this.limits.maxIncludeDepth) throw new FuncError(`rendering template has a nested reference name: ${name}: unable to execute template`);
      this.included.set(name, n + 1);
      try {
        return this.checkSize(set.execute(name, data));
      } catch (e) {
        if (e instanceof RangeError) throw new FuncError(`rendering template has a nested reference name: ${name}: unable to execute template`);
        throw e;
      } finally {
        this.included.set(name, (this.included.get(name) ?? 1) - 1);
      }
    });
  }

  tpl(parent: TemplateSet) {
    return goFunc('func(string, interface {}) (string, error)', (text: string, vals: unknown) => {
      if (this.tplDepth >= this.limits.maxTplDepth) throw new FuncError(`tpl nesting exceeds ${this.limits.maxTplDepth} levels`);
      const t = parent.clone();
      t.option(this.strict ? 'missingkey=error' : 'missingkey=zero');
      t.funcs({ include: this.include(t), tpl: this.tpl(t) });
      try {
        t.parse(parent.name, text);
      } catch (e) {
        throw new FuncError(`cannot parse template ${quote(text)}: ${(e as Error).message}`);
      }
      this.tplDepth++;
      try {
        return this.checkSize(t.execute(parent.name, vals).replaceAll('<no value>', ''));
      } catch (e) {
        if (e instanceof RangeError) throw new FuncError(`error during tpl function execution for ${quote(text)}: nesting too deep`);
        throw new FuncError(`error during tpl function execution for ${quote(text)}: ${(e as Error).message}`);
      } finally {
        this.tplDepth--;
      }
    });
  }
}

let staticFunctions: FuncMap | undefined;

function helmFunctions(state: RenderState, set: TemplateSet): FuncMap {
  staticFunctions ??= helmStaticFunctions();
  return {
    ...staticFunctions,
    include: state.include(set),
    tpl: state.tpl(set),
    required: goFunc('func(string, interface {}) (interface {}, error)', (warn: string, val: unknown) => {
      if (val === null || val === undefined || val === '') throw new FuncError(warnWrap(warn));
      return val;
    }),
    fail: goFunc('func(string) (string, error)', (msg: string) => {
      throw new FuncError(warnWrap(msg));
    }),
  };
}

/** The names of every function a chart template can call besides the builtins (Sprig, Helm's additions, the late-bound ones). */
export function helmFunctionNames(): string[] {
  return Object.keys(helmFunctions(new RenderState(DEFAULT_ENGINE_LIMITS, false), new TemplateSet())).sort();
}

/** Options of {@link renderTemplates}. */
export interface EngineOptions {
  /** missingkey=error instead of zero (`helm template --strict`-like; Helm's Engine.Strict). */
  strict?: boolean;
  limits?: EngineLimits;
}

/**
 * Renders every template of the chart tree. Returns the output of each non-partial template by its full name
 * (`chart/templates/x.yaml`, `chart/charts/sub/templates/y.yaml`), NOTES.txt included. Throws RenderError with
 * Helm's message and the failing template's name and line.
 */
export function renderTemplates(chart: Chart, top: TopValues, options: EngineOptions = {}): Map<string, string> {
  const limits = options.limits ?? DEFAULT_ENGINE_LIMITS;
  const state = new RenderState(limits, options.strict ?? false);
  const templates = new Map<string, Renderable>();
  collect(chart, undefined, top, templates);
  const set = new TemplateSet({ name: 'gotpl', missingKey: state.strict ? MissingKey.Error : MissingKey.Zero, maxOutput: limits.maxOutputSize });
  set.funcs(helmFunctions(state, set));
  const order = parseOrder([...templates.keys()]);
  for (const name of order) {
    try {
      set.parse(name, templates.get(name)!.text);
    } catch (e) {
      throw formatParseError(name, e);
    }
  }
  const rendered = new Map<string, string>();
  let total = 0;
  for (const name of order) {
    if (isPartial(name)) continue;
    const r = templates.get(name)!;
    r.scope.Template = { Name: name, BasePath: r.basePath };
    let out: string;
    try {
      out = set.execute(name, r.scope);
    } catch (e) {
      if (e instanceof RangeError) throw new RenderError(`${name}: rendering template failed: nesting too deep`, name);
      if (e instanceof TemplateError) throw formatExecError(name, e);
      throw e;
    }
    out = out.replaceAll('<no value>', '');
    total += out.length;
    if (total > limits.maxOutputSize) throw new RenderError(`${name}: rendered output exceeds the limit of ${limits.maxOutputSize} characters`, name);
    rendered.set(name, out);
  }
  return rendered;
}
