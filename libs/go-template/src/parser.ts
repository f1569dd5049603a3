/** The template parser: Go's text/template/parse Tree, producing named trees from one text. */
import { TemplateError, TemplateErrorKind } from './errors';
import { itemString, lex, type Item, type ItemType } from './lexer';
import {
  isEmptyTree,
  nodeString,
  type BranchNode,
  type CommandNode,
  type ElseNode,
  type EndNode,
  type ListNode,
  type Node,
  type NumberNode,
  type PipeNode,
  type TemplateNode,
  type TreeInfo,
  type VariableNode,
} from './nodes';
import { parseNumber } from './numbers';
import { quote, unquote } from './strconv';

/** A parsed template: its name and root list. */
export interface ParsedTree {
  name: string;
  root: ListNode;
  info: TreeInfo;
}

/** Parser inputs beyond the text. */
export interface ParseOptions {
  leftDelim?: string;
  rightDelim?: string;
  /** Whether a function name is defined (builtins included). */
  hasFunction: (name: string) => boolean;
  /** Keep comments as nodes (Go's parse.ParseComments). */
  parseComments?: boolean;
  /** Do not check that functions exist (Go's parse.SkipFuncCheck). */
  skipFuncCheck?: boolean;
}

const maxStackDepth = 10000;

class Abort extends Error {}

/** Parses text named `name` into a map of trees: the top-level one and every `define`/`block` inside it. */
export function parse(name: string, text: string, options: ParseOptions): Map<string, ParsedTree> {
  const items = lex(text, options.leftDelim || '{{', options.rightDelim || '}}', {
    emitComment: options.parseComments ?? false,
    breakOK: !options.hasFunction('break'),
    continueOK: !options.hasFunction('continue'),
  });
  const set = new Map<string, ParsedTree>();
  const p = new Parser(items, text, name, options, set);
  try {
    p.parseTop(name);
  } catch (e) {
    if (e instanceof Abort) throw new TemplateError(e.message, TemplateErrorKind.Parse, name);
    throw e;
  }
  return set;
}

class Parser {
  private p = 0;
  private hi = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private actionLine = 0;
  private stackDepth = 0;
  private info: TreeInfo;

  constructor(
    private readonly items: Item[],
    private readonly text: string,
    private readonly parseName: string,
    private readonly options: ParseOptions,
    private readonly set: Map<string, ParsedTree>,
  ) {
    this.info = { name: parseName, parseName, text };
  }

  private errorf(msg: string): never {
    throw new Abort(`template: ${this.parseName}:${this.items[this.hi].line}: ${msg}`);
  }
  private next(): Item {
    const it = this.items[Math.min(this.p, this.items.length - 1)];
    this.p++;
    this.hi = Math.max(this.hi, Math.min(this.p - 1, this.items.length - 1));
    return it;
  }
  private backup(n = 1): void {
    this.p -= n;
  }
  private peek(): Item {
    const it = this.next();
    this.backup();
    return it;
  }
  private nextNonSpace(): Item {
    let it: Item;
    while ((it = this.next()).typ === 'space');
    return it;
  }
  private peekNonSpace(): Item {
    const it = this.nextNonSpace();
    this.backup();
    return it;
  }
  private expect(typ: ItemType, context: string): Item {
    const it = this.nextNonSpace();
    if (it.typ !== typ) this.unexpected(it, context);
    return it;
  }
  private unexpected(it: Item, context: string): never {
    if (it.typ === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== it.line) {
        extra = ` in action started at ${this.parseName}:${this.actionLine}`;
        if (it.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${itemString(it)}${extra}`);
    }
    this.errorf(`unexpected ${itemString(it)} in ${context}`);
  }

  private add(name: string, root: ListNode, info: TreeInfo): void {
    const old = this.set.get(name);
    if (!old || isEmptyTree(old.root)) {
      this.set.set(name, { name, root, info });
      return;
    }
    if (!isEmptyTree(root)) this.errorf(`template: multiple definition of template ${quote(name)}`);
  }

  private list(pos: number): ListNode {
    return { type: 'list', pos, nodes: [], tree: this.info };
  }

  parseTop(name: string): void {
    const root = this.list(this.peek().pos);
    while (this.peek().typ !== 'EOF') {
      if (this.peek().typ === 'leftDelim') {
        const delim = this.next();
        if (this.nextNonSpace().typ === 'define') {
          this.parseDefinition();
          continue;
        }
        this.p = this.items.indexOf(delim);
      }
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') this.errorf(`unexpected ${nodeString(n)}`);
      root.nodes.push(n);
    }
    this.add(name, root, this.info);
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const tok = this.nextNonSpace();
    if (tok.typ !== 'string' && tok.typ !== 'rawString') this.unexpected(tok, context);
    const name = this.unquote(tok.val);
    this.expect('rightDelim', context);
    const saved = this.info;
    const savedVars = this.vars;
    this.info = { name, parseName: this.parseName, text: this.text };
    this.vars = ['$'];
    const [root, end] = this.itemList();
    if (end.type !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.add(name, root, this.info);
    this.info = saved;
    this.vars = savedVars;
  }

  private unquote(s: string): string {
    try {
      return unquote(s);
    } catch (e) {
      this.errorf((e as Error).message);
    }
  }

  private itemList(): [ListNode, Node] {
    const list = this.list(this.peekNonSpace().pos);
    while (this.peekNonSpace().typ !== 'EOF') {
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') return [list, n];
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): Node {
    const tok = this.nextNonSpace();
    switch (tok.typ) {
      case 'text':
        return { type: 'text', pos: tok.pos, text: tok.val, tree: this.info };
      case 'leftDelim': {
        this.actionLine = tok.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      }
      case 'comment':
        return { type: 'comment', pos: tok.pos, text: tok.val, tree: this.info };
      default:
        this.unexpected(tok, 'input');
    }
  }

  private action(): Node {
    const tok = this.nextNonSpace();
    switch (tok.typ) {
      case 'block':
        return this.blockControl();
      case 'break':
        return this.loopControl(tok, 'break');
      case 'continue':
        return this.loopControl(tok, 'continue');
      case 'else':
        return this.elseControl();
      case 'end':
        return { type: 'end', pos: this.expect('rightDelim', 'end').pos, tree: this.info } as EndNode;
      case 'if':
        return this.parseControl('if');
      case 'range':
        return this.parseControl('range');
      case 'template':
        return this.templateControl();
      case 'with':
        return this.parseControl('with');
    }
    this.backup();
    const t = this.peek();
    return { type: 'action', pos: t.pos, line: t.line, pipe: this.pipeline('command', 'rightDelim'), tree: this.info };
  }

  private loopControl(tok: Item, kind: 'break' | 'continue'): Node {
    const next = this.nextNonSpace();
    if (next.typ !== 'rightDelim') this.unexpected(next, `{{${kind}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${kind}}} outside {{range}}`);
    return { type: kind, pos: tok.pos, line: tok.line, tree: this.info };
  }

  private pipeline(context: string, end: ItemType): PipeNode {
    const tok = this.peekNonSpace();
    const pipe: PipeNode = { type: 'pipe', pos: tok.pos, line: tok.line, isAssign: false, decl: [], cmds: [], tree: this.info };
    for (;;) {
      const v = this.peekNonSpace();
      if (v.typ !== 'variable') break;
      this.nextNonSpace();
      const after = this.peek();
      const next = this.peekNonSpace();
      const variable = (): VariableNode => ({ type: 'variable', pos: v.pos, ident: v.val.split('.'), tree: this.info });
      if (next.typ === 'assign' || next.typ === 'declare') {
        pipe.isAssign = next.typ === 'assign';
        this.nextNonSpace();
        pipe.decl.push(variable());
        this.vars.push(v.val);
      } else if (next.typ === 'char' && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push(variable());
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const t = this.peekNonSpace().typ;
          if (t === 'variable' || t === 'rightDelim' || t === 'rightParen') continue;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      } else {
        this.p = this.items.indexOf(v);
        void after;
      }
      break;
    }
    for (;;) {
      const tok2 = this.nextNonSpace();
      if (tok2.typ === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (tok2.typ) {
        case 'bool':
        case 'charConstant':
        case 'complex':
        case 'dot':
        case 'field':
        case 'identifier':
        case 'number':
        case 'nil':
        case 'rawString':
        case 'string':
        case 'variable':
        case 'leftParen':
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(tok2, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      if (['bool', 'dot', 'nil', 'number', 'string'].includes(c.args[0].type)) {
        this.errorf(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  private parseControl(context: 'if' | 'range' | 'with'): BranchNode {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(context, 'rightDelim');
      if (context === 'range') this.rangeDepth++;
      const [list, nextNode] = this.itemList();
      let next = nextNode;
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | undefined;
      if (next.type === 'else') {
        const pk = this.peek().typ;
        if ((context === 'if' && pk === 'if') || (context === 'with' && pk === 'with')) {
          this.next();
          elseList = this.list(next.pos);
          elseList.nodes.push(this.parseControl(context));
        } else {
          [elseList, next] = this.itemList();
          if (next.type !== 'end') this.errorf(`expected end; found ${nodeString(next)}`);
        }
      }
      return { type: context, pos: pipe.pos, line: pipe.line, pipe, list, elseList, tree: this.info };
    } finally {
      this.vars.length = mark;
    }
  }

  private elseControl(): ElseNode {
    const pk = this.peekNonSpace();
    if (pk.typ === 'if' || pk.typ === 'with') return { type: 'else', pos: pk.pos, line: pk.line, tree: this.info };
    const tok = this.expect('rightDelim', 'else');
    return { type: 'else', pos: tok.pos, line: tok.line, tree: this.info };
  }

  private templateName(tok: Item, context: string): string {
    if (tok.typ !== 'string' && tok.typ !== 'rawString') this.unexpected(tok, context);
    return this.unquote(tok.val);
  }

  private blockControl(): TemplateNode {
    const context = 'block clause';
    const tok = this.nextNonSpace();
    const name = this.templateName(tok, context);
    const pipe = this.pipeline(context, 'rightDelim');
    const saved = this.info;
    const savedVars = this.vars;
    const savedDepth = this.rangeDepth;
    this.info = { name, parseName: this.parseName, text: this.text };
    this.vars = ['$'];
    this.rangeDepth = 0;
    const [root, end] = this.itemList();
    if (end.type !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.add(name, root, this.info);
    this.info = saved;
    this.vars = savedVars;
    this.rangeDepth = savedDepth;
    return { type: 'template', pos: tok.pos, line: tok.line, name, pipe, tree: this.info };
  }

  private templateControl(): TemplateNode {
    const context = 'template clause';
    const tok = this.nextNonSpace();
    const name = this.templateName(tok, context);
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().typ !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { type: 'template', pos: tok.pos, line: tok.line, name, pipe, tree: this.info };
  }

  private command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, args: [], tree: this.info };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const tok = this.next();
      if (tok.typ === 'space') continue;
      if (tok.typ === 'rightDelim' || tok.typ === 'rightParen') this.backup();
      else if (tok.typ !== 'pipe') this.unexpected(tok, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): Node | undefined {
    const node = this.term();
    if (!node) return undefined;
    if (this.peek().typ !== 'field') return node;
    const fields: string[] = [];
    const pos = this.peek().pos;
    while (this.peek().typ === 'field') fields.push(this.next().val.slice(1));
    switch (node.type) {
      case 'field':
        return { type: 'field', pos, ident: [...node.ident, ...fields], tree: this.info };
      case 'variable':
        return { type: 'variable', pos, ident: [...node.ident, ...fields], tree: this.info };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        this.errorf(`unexpected . after term ${quote(nodeString(node))}`);
    }
    return { type: 'chain', pos, node, field: fields, tree: this.info };
  }

  private term(): Node | undefined {
    const tok = this.nextNonSpace();
    switch (tok.typ) {
      case 'identifier':
        if (!this.options.skipFuncCheck && !this.options.hasFunction(tok.val)) {
          this.errorf(`function ${quote(tok.val)} not defined`);
        }
        return { type: 'identifier', pos: tok.pos, ident: tok.val, tree: this.info };
      case 'dot':
        return { type: 'dot', pos: tok.pos, tree: this.info };
      case 'nil':
        return { type: 'nil', pos: tok.pos, tree: this.info };
      case 'variable':
        return this.useVar(tok);
      case 'field':
        return { type: 'field', pos: tok.pos, ident: tok.val.slice(1).split('.'), tree: this.info };
      case 'bool':
        return { type: 'bool', pos: tok.pos, value: tok.val === 'true', tree: this.info };
      case 'charConstant':
      case 'complex':
      case 'number': {
        const n = parseNumber(tok.val, tok.typ);
        if (typeof n === 'string') this.errorf(n);
        return { type: 'number', pos: tok.pos, tree: this.info, ...n } as NumberNode;
      }
      case 'leftParen': {
        if (this.stackDepth >= maxStackDepth) this.errorf('max expression depth exceeded');
        this.stackDepth++;
        try {
          return this.pipeline('parenthesized pipeline', 'rightParen');
        } finally {
          this.stackDepth--;
        }
      }
      case 'string':
      case 'rawString':
        return { type: 'string', pos: tok.pos, quoted: tok.val, text: this.unquote(tok.val), tree: this.info };
    }
    this.backup();
    return undefined;
  }

  private useVar(tok: Item): VariableNode {
    const ident = tok.val.split('.');
    if (!this.vars.includes(ident[0])) this.errorf(`undefined variable ${quote(ident[0])}`);
    return { type: 'variable', pos: tok.pos, ident, tree: this.info };
  }
}
