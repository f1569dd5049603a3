import type { AliasNode, CollectionNode, Node, ScalarNode } from './tree';

/**
 * Writes a random tree as YAML text, block or flow as each node asks, at an indentation width of the document's
 * choosing. The text is what is tested, not the tree: a style that does not suit a text (a plain scalar with `: `)
 * is usually swapped for a quoted one, sometimes kept, so that most documents are valid and some are not.
 */
export class Renderer {
  private readonly anchors = new Set<string>();

  constructor(private readonly width: number) {}

  /** A whole document: its lines, without a final line break. */
  document(node: Node): string {
    if (node.kind === 'scalar' || node.kind === 'alias' || node.flow) {
      const v = this.blockValue(node, 0);
      return [v.inline.trimStart(), ...v.lines].join('\n');
    }
    return this.blockLines(node, 0).join('\n');
  }

  private pad(n: number): string {
    return ' '.repeat(Math.max(0, n));
  }

  private props(node: { tag?: string; anchor?: string }): string {
    const out: string[] = [];
    if (node.tag) out.push(node.tag);
    if (node.anchor) {
      out.push(`&${node.anchor}`);
      this.anchors.add(node.anchor);
    }
    return out.length > 0 ? `${out.join(' ')} ` : '';
  }

  private alias(node: AliasNode): string {
    return this.anchors.has(node.name) ? `*${node.name}` : 'x';
  }

  /** A node after `key:` or `-`: what goes on that line, and the lines below it. */
  private blockValue(node: Node, indent: number): { inline: string; lines: string[] } {
    if (node.kind === 'alias') return { inline: ` ${this.alias(node)}`, lines: [] };
    if (node.kind === 'scalar') return this.scalar(node, indent, false);
    if (node.flow || node.items.length === 0) {
      const props = this.props(node);
      const [first, ...rest] = this.flow(node, indent, false).split('\n');
      return { inline: ` ${props}${first}${node.comment ? ` ${node.comment}` : ''}`, lines: rest };
    }
    const props = this.props(node).trimEnd();
    const child = node.kind === 'seq' && node.indentless ? indent : indent + this.width;
    return { inline: props ? ` ${props}` : '', lines: this.blockLines(node, child) };
  }

  /** A block mapping or sequence at `indent`. */
  private blockLines(node: CollectionNode, indent: number): string[] {
    const lines: string[] = [];
    if (node.kind === 'map' && node.merge) {
      const refs = node.merge.filter((m) => m.startsWith('{') || this.anchors.has(m)).map((m) => (m.startsWith('{') ? m : `*${m}`));
      if (refs.length === 1) lines.push(`${this.pad(indent)}<<: ${refs[0]}`);
      else if (refs.length > 1) lines.push(`${this.pad(indent)}<<: [${refs.join(', ')}]`);
    }
    node.items.forEach((item, i) => {
      const head = node.kind === 'map' ? `${this.pad(indent)}${this.key(node.keys[i % node.keys.length])}:` : `${this.pad(indent)}-`;
      if (node.kind === 'seq' && item.kind !== 'scalar' && item.kind !== 'alias' && !item.flow && item.items.length > 0 && !item.tag && !item.anchor) {
        // Compact nesting: `- key: v` / `- - a`, the rest of the item two columns in.
        const inner = this.blockLines(item, indent + 2);
        lines.push(`${head} ${inner[0].slice(indent + 2)}`, ...inner.slice(1));
        return;
      }
      const v = this.blockValue(item, indent);
      lines.push(`${head}${v.inline}`, ...v.lines);
    });
    if (node.comment) lines.push(`${this.pad(indent)}${node.comment}`);
    return lines;
  }

  private key(k: ScalarNode): string {
    const tag = k.tag ? `${k.tag} ` : '';
    if (k.style === 'single') return `${tag}'${k.text.replace(/'/g, "''").replace(/\n/g, ' ')}'`;
    if (k.style === 'double') return `${tag}${JSON.stringify(k.text)}`;
    return `${tag}${k.text}`;
  }

  /** A scalar in block context (after `key:`), or in a flow collection (`inFlow`: no block styles there). */
  private scalar(node: ScalarNode, indent: number, inFlow: boolean): { inline: string; lines: string[] } {
    const props = this.props(node);
    const comment = node.comment && !inFlow ? ` ${node.comment}` : '';
    let style = node.style;
    if (inFlow && (style === 'literal' || style === 'folded')) style = 'double';
    // Usually quote a text that cannot be plain; sometimes leave it, to see both parsers refuse (or read) it.
    if (style === 'plain' && !node.indicator && !plainSafe(node.text, inFlow)) style = node.chomp === '+' ? 'single' : 'double';
    const cont = this.pad(indent + this.width - node.unindent);
    switch (style) {
      case 'plain': {
        const [first, ...rest] = node.text.split('\n');
        return { inline: ` ${props}${first}${comment}`, lines: rest.map((l) => `${cont}${l}`) };
      }
      case 'single': {
        const [first, ...rest] = node.text.replace(/'/g, "''").split('\n');
        return {
          inline: ` ${props}'${first}${rest.length === 0 ? `'${comment}` : ''}`,
          lines: rest.map((l, i) => `${cont}${l}${i === rest.length - 1 ? "'" : ''}`),
        };
      }
      case 'double': {
        const escaped = escapeDouble(node.text, node.chomp === '-');
        const [first, ...rest] = node.chomp === '+' ? escaped.split('\\n') : [escaped];
        return {
          inline: ` ${props}"${first}${rest.length === 0 ? `"${comment}` : ''}`,
          lines: rest.map((l, i) => `${cont}${l}${i === rest.length - 1 ? '"' : ''}`),
        };
      }
      default: {
        const body = this.pad(indent + this.width);
        const header = `${style === 'literal' ? '|' : '>'}${node.indicator ? this.width : ''}${node.chomp}`;
        const lines = node.text.split('\n').map((l) => (l === '' ? '' : `${body}${l}`));
        return { inline: ` ${props}${header}${comment}`, lines };
      }
    }
  }

  /** A node in flow style; with `multiline`, a line per item, continuation lines `unindent` left of the block. */
  private flow(node: Node, indent: number, inner: boolean): string {
    if (node.kind === 'alias') return this.alias(node);
    if (node.kind === 'scalar') {
      const v = this.scalar(node, indent, true);
      return [v.inline.trimStart(), ...v.lines].join('\n');
    }
    const props = inner ? this.props(node) : '';
    const items = node.items.map((item, i) => {
      const value = this.flow(item, indent, true);
      return node.kind === 'map' ? `${this.key(node.keys[i % node.keys.length])}: ${value}` : value;
    });
    const [open, close] = node.kind === 'map' ? ['{', '}'] : ['[', ']'];
    if (!node.multiline || items.length === 0) return `${props}${open}${items.join(', ')}${close}`;
    const sep = `\n${this.pad(indent + this.width - node.unindent)}`;
    return `${props}${open} ${items.join(`,${sep}`)} ${close}`;
  }
}

/** Whether a text can be written plain and read back as itself (roughly; the parsers decide). */
function plainSafe(text: string, inFlow: boolean): boolean {
  if (text === '' || text.includes('\n') || text !== text.trim()) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(text) && !/^[-?:][^\s]/.test(text)) return false;
  if (text.includes(': ') || text.includes(' #') || text.endsWith(':') || text.includes('\t')) return false;
  return !(inFlow && /[,[\]{}]/.test(text));
}

/** A double-quoted body: JSON's escapes, plus some of YAML's own (`\x41`, `\e`, `\N`, `\_`, `\/`). */
function escapeDouble(text: string, yamlEscapes: boolean): string {
  const json = JSON.stringify(text).slice(1, -1);
  if (!yamlEscapes) return json;
  return json.replace(/\\t/g, '\\x09').replace(/\//g, '\\/').replace(/ {2}/g, ' \\_').replace(/é/g, '\\u00e9').replace(/✓/g, '\\U00002713');
}
