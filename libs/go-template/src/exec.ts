/** The template executor: Go's text/template exec.go over the JS value model. */
import { callFunction } from './builtins';
import { TemplateError, TemplateErrorKind } from './errors';
import { formatValue } from './fmt';
import { Output, OutputLimitError } from './output';
import { coerceResult, signatureOf, type GoFunction } from './funcs';
import type { BranchNode, ChainNode, CommandNode, FieldNode, IdentifierNode, Node, NumberNode, PipeNode, TemplateNode, VariableNode } from './nodes';
import { nodeString } from './nodes';
import type { ParsedTree } from './parser';
import { quote } from './strconv';
import {
  GoComplex,
  GoInt,
  GoStruct,
  elemTypeOf,
  goMethods,
  goTypeOf,
  intOf,
  isGoInt,
  isGoMap,
  isIntType,
  isTrue,
  isUnsignedIntType,
  kindOfType,
  sortedKeys,
  utf8Length,
  zeroValue,
  type GoValue,
} from './values';

/** What Execute does with a missing map key (Go's `missingkey=` option). */
export const MissingKey = { Default: 'default', Zero: 'zero', Error: 'error' } as const;
/** One of {@link MissingKey}. */
export type MissingKey = (typeof MissingKey)[keyof typeof MissingKey];

/** What the executor needs from its template set. */
export interface ExecContext {
  lookup(name: string): ParsedTree | undefined;
  findFunction(name: string): { fn: GoFunction; builtin: boolean } | undefined;
  missingKey: MissingKey;
  maxDepth: number;
  /** Largest output of one execution, in characters (UTF-16 code units); unbounded when absent. */
  maxOutput?: number;
}

const MISSING = Symbol('missing');
type Final = GoValue | typeof MISSING;
const BREAK = Symbol('break');
const CONTINUE = Symbol('continue');

interface Variable {
  name: string;
  value: GoValue;
  /** The value's static type is interface{} (it came out of a []interface{} or map[string]interface{}). */
  iface?: boolean;
}

const strip = (v: GoValue): GoValue => (v === null ? undefined : v);
const canBeNil = (t: string): boolean => t === 'reflect.Value' || ['chan', 'func', 'interface', 'map', 'ptr', 'slice'].includes(kindOfType(t));
/** Whether a container's elements are statically interface{} (so Go's error texts name `interface {}`). */
const genericElems = (v: GoValue): boolean => (Array.isArray(v) || isGoMap(v)) && kindOfType(elemTypeOf(goTypeOf(v)!)) === 'interface';
const plain = { plus: false, minus: false, sharp: false, space: false, zero: false };

/** Executes the named template with `data` as dot and `$`; returns the output. */
export function execute(ctx: ExecContext, name: string, data: GoValue): string {
  const state = new State(ctx, name, [{ name: '$', value: strip(data) }], 0, new Output(ctx.maxOutput));
  const tree = ctx.lookup(name);
  if (!tree) state.errorf(`${quote(name)} is an incomplete or empty template`);
  state.walk(strip(data), tree!.root);
  return state.out.text();
}

class State {
  node: Node | undefined;
  /** Whether dot's static type is interface{} (a range element of a generic container): only error texts differ. */
  private dotIface = false;

  constructor(
    private readonly ctx: ExecContext,
    private readonly tmplName: string,
    private vars: Variable[],
    private readonly depth: number,
    readonly out: Output,
  ) {}

  errorf(msg: string, cause?: unknown): never {
    let text: string;
    if (!this.node) text = `template: ${this.tmplName}: ${msg}`;
    else {
      const n = this.node;
      const before = n.tree.text.slice(0, n.pos);
      const nl = before.lastIndexOf('\n');
      const col = nl < 0 ? utf8Length(before) : utf8Length(before.slice(nl + 1));
      const line = 1 + (before.match(/\n/g)?.length ?? 0);
      text = `template: ${n.tree.parseName}:${line}:${col}: executing ${quote(this.tmplName)} at <${nodeString(n)}>: ${msg}`;
    }
    throw new TemplateError(text, TemplateErrorKind.Exec, this.tmplName, cause);
  }

  private at(n: Node): void {
    this.node = n;
  }

  private setVar(name: string, value: GoValue, iface = false): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        this.vars[i].value = value;
        this.vars[i].iface = iface;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  private variable(name: string): Variable {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i];
    return this.errorf(`undefined variable: ${name}`);
  }

  walk(dot: GoValue, node: Node): void {
    this.at(node);
    switch (node.type) {
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return;
      }
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
      case 'comment':
        return;
      case 'if':
      case 'with':
        return this.walkIfOrWith(dot, node);
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'range':
        return this.walkRange(dot, node);
      case 'template':
        return this.walkTemplate(dot, node);
      case 'text':
        this.write(node.text);
        return;
      default:
        this.errorf(`unknown node: ${nodeString(node)}`);
    }
  }

  private walkIfOrWith(dot: GoValue, node: BranchNode): void {
    const mark = this.vars.length;
    try {
      const val = this.evalPipeline(dot, node.pipe);
      if (isTrue(val) && node.type === 'with') {
        const savedIface = this.dotIface;
        this.dotIface = false;
        try {
          this.walk(val, node.list);
        } finally {
          this.dotIface = savedIface;
        }
      } else if (isTrue(val)) this.walk(dot, node.list);
      else if (node.elseList) this.walk(dot, node.elseList);
    } finally {
      this.vars.length = mark;
    }
  }

  private walkRange(dot: GoValue, r: BranchNode): void {
    this.at(r);
    const outer = this.vars.length;
    try {
      const val = this.evalPipeline(dot, r.pipe);
      const mark = this.vars.length;
      const decl = r.pipe.decl;
      const iface = genericElems(val);
      const one = (index: GoValue, elem: GoValue): void => {
        if (decl.length > 0) {
          if (r.pipe.isAssign) this.setVar(decl[0].ident[0], decl.length > 1 ? index : elem, decl.length === 1 && iface);
          else Object.assign(this.vars[this.vars.length - 1], { value: elem, iface });
        }
        if (decl.length > 1) {
          if (r.pipe.isAssign) this.setVar(decl[1].ident[0], elem, iface);
          else Object.assign(this.vars[this.vars.length - 2], { value: index, iface: false });
        }
        const savedIface = this.dotIface;
        this.dotIface = iface;
        try {
          this.walk(elem, r.list);
        } catch (e) {
          if (e !== CONTINUE) throw e;
        } finally {
          this.vars.length = mark;
          this.dotIface = savedIface;
        }
      };
      if (!this.rangeOver(val, decl.length, one) && r.elseList) this.walk(dot, r.elseList);
    } catch (e) {
      if (e !== BREAK) throw e;
    } finally {
      this.vars.length = outer;
    }
  }

  /** Iterates a range value; returns false when there was nothing to iterate (so {{else}} runs). */
  private rangeOver(val: GoValue, nvars: number, one: (i: GoValue, e: GoValue) => void): boolean {
    if (isGoInt(val)) {
      if (nvars > 1) this.errorf(`can't use ${formatValue(val, 'v', plain, 0)} to iterate over more than one variable`);
      const n = intOf(val);
      for (let i = 0n; i < n; i++) one(undefined, val instanceof GoInt ? new GoInt(i, val.type) : i);
      return n > 0n;
    }
    if (Array.isArray(val) || val instanceof Uint8Array) {
      const items = Array.from(val as ArrayLike<GoValue>, (e) => (val instanceof Uint8Array ? new GoInt(BigInt(e as number), 'uint8') : e));
      items.forEach((e, i) => one(BigInt(i), e));
      return items.length > 0;
    }
    if (isGoMap(val)) {
      const keys = sortedKeys(val);
      for (const k of keys) one(k, val[k]);
      return keys.length > 0;
    }
    if (val === undefined) return false;
    return this.errorf(`range can't iterate over ${formatValue(val, 'v', plain, 0)}`);
  }

  private walkTemplate(dot: GoValue, t: TemplateNode): void {
    this.at(t);
    const tmpl = this.ctx.lookup(t.name);
    if (!tmpl) this.errorf(`template ${quote(t.name)} not defined`);
    if (this.depth >= this.ctx.maxDepth) this.errorf(`exceeded maximum template depth (${this.ctx.maxDepth})`);
    const newDot = this.evalPipeline(dot, t.pipe);
    const sub = new State(this.ctx, t.name, [{ name: '$', value: newDot }], this.depth + 1, this.out);
    sub.walk(newDot, tmpl!.root);
  }

  private evalPipeline(dot: GoValue, pipe: PipeNode | undefined): GoValue {
    if (!pipe) return undefined;
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) value = strip(this.evalCommand(dot, cmd, value));
    for (const v of pipe.decl) {
      if (pipe.isAssign) this.setVar(v.ident[0], value);
      else this.vars.push({ name: v.ident[0], value });
    }
    return value as GoValue;
  }

  private notAFunction(args: Node[], final: Final): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args[0])}`);
  }

  private evalCommand(dot: GoValue, cmd: CommandNode, final: Final): GoValue {
    const first = cmd.args[0];
    switch (first.type) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    const constant = this.constantValue(dot, first);
    if (constant) return constant.value;
    if (first.type === 'nil') return this.errorf('nil is not a command');
    return this.errorf(`can't evaluate command ${quote(nodeString(first))}`);
  }

  /** The value of a node that is its own value (bool, dot, number, string), as a command or an interface{} argument. */
  private constantValue(dot: GoValue, n: Node): { value: GoValue } | undefined {
    switch (n.type) {
      case 'bool':
        return { value: n.value };
      case 'dot':
        return { value: dot };
      case 'number':
        return { value: this.idealConstant(n) };
      case 'string':
        return { value: n.text };
    }
    return undefined;
  }

  private idealConstant(n: NumberNode): GoValue {
    this.at(n);
    const hexInt = /^0[xX]/.test(n.text) && !/[pP]/.test(n.text);
    if (n.isComplex) return new GoComplex(n.real, n.imag);
    if (n.isFloat && !hexInt && !n.text.startsWith("'") && /[.eEpP]/.test(n.text)) return n.float;
    if (n.isInt) return n.int;
    if (n.isUint) this.errorf(`${n.text} overflows int`);
    return undefined;
  }

  private evalFieldNode(dot: GoValue, field: FieldNode, args: Node[] | undefined, final: Final): GoValue {
    this.at(field);
    return this.evalFieldChain(dot, dot, this.dotIface, field, field.ident, args, final);
  }

  private evalChainNode(dot: GoValue, chain: ChainNode, args: Node[] | undefined, final: Final): GoValue {
    this.at(chain);
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArg(dot, null, chain.node);
    return this.evalFieldChain(dot, pipe, false, chain, chain.field, args, final);
  }

  private evalVariableNode(dot: GoValue, v: VariableNode, args: Node[] | undefined, final: Final): GoValue {
    this.at(v);
    const variable = this.variable(v.ident[0]);
    if (v.ident.length === 1) {
      this.notAFunction(args ?? [v], final);
      return variable.value;
    }
    return this.evalFieldChain(dot, variable.value, variable.iface ?? false, v, v.ident.slice(1), args, final);
  }

  private evalFieldChain(dot: GoValue, receiver: GoValue, iface: boolean, node: Node, ident: string[], args: Node[] | undefined, final: Final): GoValue {
    for (let i = 0; i < ident.length - 1; i++) {
      const next = this.evalField(dot, ident[i], node, undefined, MISSING, receiver, iface);
      iface = genericElems(receiver);
      receiver = next;
    }
    return this.evalField(dot, ident[ident.length - 1], node, args, final, receiver, iface);
  }

  private evalFunction(dot: GoValue, node: IdentifierNode, cmd: Node, args: Node[] | undefined, final: Final): GoValue {
    this.at(node);
    const found = this.ctx.findFunction(node.ident);
    if (!found) this.errorf(`${quote(node.ident)} is not a defined function`);
    return this.evalCall(dot, found!.fn, found!.builtin, cmd, node.ident, args, final);
  }

  private evalField(dot: GoValue, name: string, node: Node, args: Node[] | undefined, final: Final, receiver: GoValue, iface: boolean): GoValue {
    if (receiver === undefined) {
      if (this.ctx.missingKey === MissingKey.Error) this.errorf(`nil data; no entry for key ${quote(name)}`);
      return undefined;
    }
    if (receiver === null) this.errorf(`nil pointer evaluating interface {}.${name}`);
    const method = goMethods(receiver)?.[name];
    if (typeof method === 'function') return this.evalCall(dot, method as GoFunction, false, node, name, args, final);
    const hasArgs = (args?.length ?? 0) > 1 || final !== MISSING;
    if (receiver instanceof GoStruct && Object.prototype.hasOwnProperty.call(receiver.fields, name)) {
      if (hasArgs) this.errorf(`${name} has arguments but cannot be invoked as function`);
      return receiver.fields[name];
    }
    if (isGoMap(receiver)) {
      if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
      if (Object.prototype.hasOwnProperty.call(receiver, name)) {
        const v = receiver[name];
        return v === undefined ? null : v;
      }
      switch (this.ctx.missingKey) {
        case MissingKey.Zero:
          return zeroValue(elemTypeOf(goTypeOf(receiver)!));
        case MissingKey.Error:
          return this.errorf(`map has no entry for key ${quote(name)}`);
        default:
          return undefined;
      }
    }
    return this.errorf(`can't evaluate field ${name} in type ${iface ? 'interface {}' : goTypeOf(receiver)}`);
  }

  private evalCall(dot: GoValue, fn: GoFunction, builtin: boolean, node: Node, name: string, argNodes: Node[] | undefined, final: Final): GoValue {
    const args = argNodes ? argNodes.slice(1) : [];
    const sig = signatureOf(fn);
    const numIn = args.length + (final !== MISSING ? 1 : 0);
    let numFixed = args.length;
    if (sig.variadic) {
      numFixed = sig.params.length - 1;
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${numFixed} got ${args.length}`);
    } else if (numIn !== sig.params.length) this.errorf(`wrong number of args for ${name}: want ${sig.params.length} got ${numIn}`);

    if (builtin && (name === 'and' || name === 'or')) {
      let v: GoValue;
      for (const arg of args) {
        v = this.evalArg(dot, 'reflect.Value', arg);
        if (isTrue(strip(v)) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = this.validateType(final, 'reflect.Value');
      return v;
    }
    const argv: GoValue[] = [];
    let i = 0;
    for (; i < numFixed && i < args.length; i++) argv.push(this.evalArg(dot, sig.params[i], args[i]));
    const elemType = sig.params[sig.params.length - 1];
    if (sig.variadic) for (; i < args.length; i++) argv.push(this.evalArg(dot, elemType, args[i]));
    if (final !== MISSING) {
      const t = sig.variadic && numIn - 1 < numFixed ? sig.params[numIn - 1] : elemType;
      argv.push(this.validateType(final, t));
    }
    let result: unknown;
    try {
      if (builtin && name === 'call') {
        const callee = args.length === 0 ? String(final as string) : nodeString(args[0]);
        result = callFunction(callee, argv[0], argv.slice(1));
      } else result = (fn as (...a: GoValue[]) => unknown)(...argv);
    } catch (e) {
      this.at(node);
      this.errorf(`error calling ${name}: ${e instanceof Error ? e.message : String(e)}`, e);
    }
    return coerceResult(result, sig.result);
  }

  private validateType(value: GoValue, type: string | null): GoValue {
    if (type === null) return value;
    if (value === undefined) {
      if (type === 'reflect.Value') return undefined;
      if (canBeNil(type)) return null;
      this.errorf(`invalid value; expected ${type}`);
    }
    if (type === 'reflect.Value' || kindOfType(type) === 'interface') return value;
    const vt = value === null ? 'interface {}' : goTypeOf(value)!;
    if (vt === type) return value;
    if (value instanceof GoStruct && vt === `*${type}`) return value;
    return this.errorf(`wrong type for value; expected ${type}; got ${vt}`);
  }

  private evalArg(dot: GoValue, type: string | null, n: Node): GoValue {
    this.at(n);
    switch (n.type) {
      case 'dot':
        return this.validateType(dot, type);
      case 'nil':
        if (type !== null && canBeNil(type)) return type === 'reflect.Value' ? undefined : null;
        return this.errorf(`cannot assign nil to ${type}`);
      case 'field':
        return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), type);
      case 'variable':
        return this.validateType(this.evalVariableNode(dot, n, undefined, MISSING), type);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), type);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, n, n, undefined, MISSING), type);
      case 'chain':
        return this.validateType(this.evalChainNode(dot, n, undefined, MISSING), type);
    }
    const kind = type === null ? 'interface' : type === 'reflect.Value' ? 'interface' : kindOfType(type);
    if (isUnsignedIntType(kind)) {
      if (n.type === 'number' && n.isUint) return coerceResult(n.uint, type!);
      return this.errorf(`expected unsigned integer; found ${nodeString(n)}`);
    }
    if (kind === 'int' || isIntType(kind)) {
      if (n.type === 'number' && n.isInt) return coerceResult(n.int, type!);
      return this.errorf(`expected integer; found ${nodeString(n)}`);
    }
    switch (kind) {
      case 'bool':
        if (n.type === 'bool') return n.value;
        return this.errorf(`expected bool; found ${nodeString(n)}`);
      case 'float32':
      case 'float64':
        if (n.type === 'number' && n.isFloat) return n.float;
        return this.errorf(`expected float; found ${nodeString(n)}`);
      case 'string':
        if (n.type === 'string') return n.text;
        return this.errorf(`expected string; found ${nodeString(n)}`);
      case 'interface':
        return this.evalEmptyInterface(dot, n);
    }
    return this.errorf(`can't handle ${nodeString(n)} for arg of type ${type}`);
  }

  private evalEmptyInterface(dot: GoValue, n: Node): GoValue {
    this.at(n);
    const constant = this.constantValue(dot, n);
    if (constant) return constant.value;
    switch (n.type) {
      case 'field':
        return this.evalFieldNode(dot, n, undefined, MISSING);
      case 'identifier':
        return this.evalFunction(dot, n, n, undefined, MISSING);
      case 'nil':
        return this.errorf("evalEmptyInterface: nil (can't happen)");
      case 'variable':
        return this.evalVariableNode(dot, n, undefined, MISSING);
      case 'pipe':
        return this.evalPipeline(dot, n);
    }
    return this.errorf(`can't handle assignment of ${nodeString(n)} to empty interface argument`);
  }

  private printValue(n: Node, v: GoValue): void {
    this.at(n);
    if (v === undefined) {
      this.write('<no value>');
      return;
    }
    if (typeof v === 'function') this.errorf(`can't print ${nodeString(n)} of type ${goTypeOf(v)}`);
    this.write(formatValue(v, 'v', plain, 0));
  }

  private write(text: string): void {
    try {
      this.out.write(text);
    } catch (err) {
      if (err instanceof OutputLimitError) this.errorf(err.message);
      throw err;
    }
  }
}
