/** A set of named templates sharing functions and options: Go's *template.Template as Helm uses it. */
import { builtinFuncs } from './builtins';
import { TemplateError, TemplateErrorKind } from './errors';
import { execute, MissingKey, type ExecContext } from './exec';
import type { FuncMap, GoFunction } from './funcs';
import { isEmptyTree } from './nodes';
import { parse, type ParsedTree } from './parser';
import { quote } from './strconv';
import type { GoValue } from './values';

/** Options of a template set; defaults: no extra functions, missingkey=default, `{{`/`}}`. */
export interface TemplateSetOptions {
  funcs?: FuncMap;
  missingKey?: MissingKey;
  leftDelim?: string;
  rightDelim?: string;
  /** Keep comments in parse trees. */
  parseComments?: boolean;
  /** Name of the set itself, shown in `no template "x" associated with template "NAME"`. */
  name?: string;
  /** Maximum nesting of {{template}} calls (Go: 100000; lower keeps the JS stack safe). */
  maxDepth?: number;
  /** Largest output of one execution, in characters; past it execution fails with a TemplateError. Unbounded by default. */
  maxOutput?: number;
}

const identifier = /^[_\p{L}][_\p{L}\p{Nd}]*$/u;

/** Many named templates with one function map, parsed incrementally and executed by name. */
export class TemplateSet {
  private readonly trees = new Map<string, ParsedTree>();
  private readonly funcMap: FuncMap = {};
  private missing: MissingKey;
  private left: string;
  private right: string;
  private readonly parseComments: boolean;
  private readonly maxDepth: number;
  private readonly maxOutput: number | undefined;
  /** Name of the set (Go's root template name). */
  readonly name: string;

  constructor(options: TemplateSetOptions = {}) {
    this.name = options.name ?? '';
    this.missing = options.missingKey ?? MissingKey.Default;
    this.left = options.leftDelim ?? '';
    this.right = options.rightDelim ?? '';
    this.parseComments = options.parseComments ?? false;
    this.maxDepth = options.maxDepth ?? 100000;
    this.maxOutput = options.maxOutput;
    if (options.funcs) this.funcs(options.funcs);
  }

  /** Adds functions (Go's Funcs); a name must be an identifier. Returns this. */
  funcs(map: FuncMap): this {
    for (const [name, fn] of Object.entries(map)) {
      if (!identifier.test(name)) throw new Error(`function name ${quote(name)} is not a valid identifier`);
      this.funcMap[name] = fn;
    }
    return this;
  }

  /** Applies Go options such as `missingkey=zero` (Go's Option). Returns this. */
  option(...opts: string[]): this {
    for (const opt of opts) {
      const m = /^missingkey=(invalid|default|zero|error)$/.exec(opt);
      if (!m) throw new Error(opt.startsWith('missingkey=') ? `unrecognized option: ${opt}` : `unrecognized option: ${opt}`);
      this.missing = m[1] === 'invalid' ? MissingKey.Default : (m[1] as MissingKey);
    }
    return this;
  }

  /** Sets the action delimiters (empty means `{{`/`}}`). Returns this. */
  delims(left: string, right: string): this {
    this.left = left;
    this.right = right;
    return this;
  }

  /** The missing-key mode in effect. */
  get missingKey(): MissingKey {
    return this.missing;
  }

  /**
   * Parses `text` as the template `name`, adding every `define`/`block` in it to the set. A later definition of a
   * name replaces an earlier one, unless the new body is empty (Go's associate rule). Throws a parse TemplateError.
   */
  parse(name: string, text: string): this {
    const trees = parse(name, text, {
      leftDelim: this.left,
      rightDelim: this.right,
      hasFunction: (f) => Object.prototype.hasOwnProperty.call(this.funcMap, f) || Object.prototype.hasOwnProperty.call(builtinFuncs, f),
      parseComments: this.parseComments,
    });
    for (const [n, tree] of trees) this.addParseTree(n, tree);
    return this;
  }

  /** Adds (or replaces) one parsed tree under a name (Go's AddParseTree). */
  addParseTree(name: string, tree: ParsedTree): this {
    const old = this.trees.get(name);
    if (old && isEmptyTree(tree.root)) return this;
    this.trees.set(name, tree.name === name ? tree : { ...tree, name });
    return this;
  }

  /** The parsed tree of a template, if defined. */
  lookup(name: string): ParsedTree | undefined {
    return this.trees.get(name);
  }

  /** Whether a template of that name is defined. */
  has(name: string): boolean {
    return this.trees.has(name);
  }

  /** Names of all defined templates (in definition order). */
  templateNames(): string[] {
    return [...this.trees.keys()];
  }

  /** Go's DefinedTemplates(): `; defined templates are: "a", "b"` or ''. */
  definedTemplates(): string {
    const names = this.templateNames();
    return names.length ? `; defined templates are: ${names.map((n) => quote(n)).join(', ')}` : '';
  }

  /** A copy sharing nothing mutable: new definitions in the clone do not leak back (Go's Clone, used by `tpl`). */
  clone(): TemplateSet {
    const c = new TemplateSet({
      name: this.name,
      funcs: this.funcMap,
      missingKey: this.missing,
      leftDelim: this.left,
      rightDelim: this.right,
      parseComments: this.parseComments,
      maxDepth: this.maxDepth,
      maxOutput: this.maxOutput,
    });
    for (const [n, t] of this.trees) c.trees.set(n, t);
    return c;
  }

  /** Executes the named template (Go's ExecuteTemplate) and returns its output; throws a TemplateError. */
  execute(name: string, data: GoValue): string {
    if (!this.trees.has(name)) {
      throw new TemplateError(`template: no template ${quote(name)} associated with template ${quote(this.name)}`, TemplateErrorKind.NotFound, name);
    }
    return execute(this.context(), name, data);
  }

  private context(): ExecContext {
    return {
      lookup: (n) => this.trees.get(n),
      findFunction: (n): { fn: GoFunction; builtin: boolean } | undefined => {
        if (Object.prototype.hasOwnProperty.call(this.funcMap, n)) return { fn: this.funcMap[n], builtin: false };
        if (Object.prototype.hasOwnProperty.call(builtinFuncs, n)) return { fn: builtinFuncs[n], builtin: true };
        return undefined;
      },
      missingKey: this.missing,
      maxDepth: this.maxDepth,
      maxOutput: this.maxOutput,
    };
  }
}
