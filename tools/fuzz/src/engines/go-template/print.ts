/**
 * Prints a random {@link TemplateTree} as Go template text. Variable and template indexes resolve against what is
 * in scope where they are printed, so declarations come before uses, `break`/`continue` sit inside a range, and a
 * definition calls only definitions before it (no recursion).
 */
import { FUNCTIONS } from './functions';
import type { Command, Node, Operand, Pipe, TemplateTree, Trim } from './tree';

interface Scope {
  /** Variables in scope, innermost block last; `$` always first. */
  vars: string[][];
  inRange: boolean;
  /** Template names this text may call. */
  callable: string[];
  next: { v: number; block: number };
}

const visible = (s: Scope): string[] => s.vars.flat();
const pick = <T>(list: T[], i: number): T => list[i % list.length];

function operand(o: Operand, s: Scope): string {
  switch (o.k) {
    case 'lit':
      return o.text;
    case 'var':
      return pick(visible(s), o.v);
    case 'field': {
      const path = o.path.map((p) => `.${p}`).join('');
      if (o.root === 'dot') return path || '.';
      if (o.root === 'root') return `$${path}`;
      return `${pick(visible(s), o.v)}${path}`;
    }
    case 'paren':
      return `(${pipe({ ...o.pipe, decl: undefined }, s)})`;
  }
}

function command(c: Command, s: Scope): string {
  if (c.k !== 'call') return operand(c, s);
  return [FUNCTIONS[c.fn].name, ...c.args.map((a) => operand(a, s))].join(' ');
}

function pipe(p: Pipe, s: Scope): string {
  const body = p.cmds.map((c) => command(c, s)).join(' | ');
  if (!p.decl) return body;
  const assignable = visible(s).filter((v) => v !== '$');
  if (p.decl === '=' && assignable.length) return `${pick(assignable, p.v)} = ${body}`;
  const name = `$v${s.next.v++}`;
  s.vars[s.vars.length - 1].push(name);
  return `${name} := ${body}`;
}

const open = (t: Trim): string => (t.left ? '{{- ' : '{{');
const close = (t: Trim): string => (t.right ? ' -}}' : '}}');

function nodes(list: Node[], s: Scope): string {
  return list.map((n) => node(n, s)).join('');
}

/** Prints a block's body in a new variable scope (Go: variables end at the control structure's end). */
function inner(list: Node[], s: Scope, inRange = s.inRange): string {
  return nodes(list, { ...s, inRange });
}

function node(n: Node, s: Scope): string {
  switch (n.k) {
    case 'text':
      return n.text;
    case 'action':
      return `${open(n.trim)}${pipe(n.pipe, s)}${close(n.trim)}`;
    case 'comment':
      return `${n.trim.left ? '{{- ' : '{{'}${n.text}${n.trim.right ? ' -}}' : '}}'}`;
    case 'break':
    case 'continue':
      return s.inRange ? `{{${n.k}}}` : n.k;
    case 'template': {
      if (!s.callable.length) return '{{template "zz"}}';
      const name = pick(s.callable, n.name);
      return `{{template "${name}"${n.pipe ? ` ${pipe({ ...n.pipe, decl: undefined }, s)}` : ''}}}`;
    }
    case 'block': {
      const name = `blk${s.next.block++}`;
      const body = nodes(n.body, { vars: [['$']], inRange: false, callable: s.callable, next: s.next });
      return `{{block "${name}" ${pipe({ ...n.pipe, decl: undefined }, s)}}}${body}{{end}}`;
    }
    case 'if':
    case 'with': {
      const scope: Scope = { ...s, vars: [...s.vars, []] };
      let out = `${open(n.trim)}${n.k} ${pipe(n.pipe, scope)}${close(n.trim)}${inner(n.body, scope)}`;
      for (const e of n.elses) out += `{{else ${n.k} ${pipe(e.pipe, scope)}}}${inner(e.body, scope)}`;
      if (n.otherwise) out += `${open(n.trim)}else${close(n.trim)}${inner(n.otherwise, scope)}`;
      return `${out}{{end}}`;
    }
    case 'range': {
      const scope: Scope = { ...s, vars: [...s.vars, []] };
      const target = operand(n.target, scope);
      const declared = Array.from({ length: n.vars }, () => `$v${s.next.v++}`);
      scope.vars[scope.vars.length - 1].push(...declared);
      const head = declared.length ? `${declared.join(', ')} := ${target}` : target;
      let out = `${open(n.trim)}range ${head}${close(n.trim)}${inner(n.body, scope, true)}`;
      if (n.otherwise) out += `{{else}}${inner(n.otherwise, scope)}`;
      return `${out}{{end}}`;
    }
  }
}

/** The template text of a tree. */
export function printTemplate(tree: TemplateTree): string {
  const next = { v: 0, block: 0 };
  const names: string[] = [];
  let out = '';
  for (const d of tree.defines) {
    const callable = names.filter((x) => x !== d.name);
    out += `{{define "${d.name}"}}${nodes(d.body, { vars: [['$']], inRange: false, callable, next })}{{end}}`;
    if (!names.includes(d.name)) names.push(d.name);
  }
  return out + nodes(tree.body, { vars: [['$']], inRange: false, callable: names, next });
}
