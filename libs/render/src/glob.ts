/**
 * Compiles a directory include/exclude glob the way Argo CD matches them (gobwas/glob without separators): `*`
 * and `?` also match `/`, `[abc]`/`[!a-z]` are classes, `{a,b}` are alternatives (nestable), `\` escapes. The
 * pattern must match the whole repository-relative path below the app's directory.
 */
export function compileGlob(pattern: string): RegExp {
  let i = 0;
  const parse = (inBrace: boolean): string => {
    let out = '';
    while (i < pattern.length) {
      const c = pattern[i];
      if (inBrace && (c === ',' || c === '}')) return out;
      i++;
      if (c === '\\' && i < pattern.length) out += escapeRe(pattern[i++]);
      else if (c === '*') out += '.*';
      else if (c === '?') out += '.';
      else if (c === '[') out += parseClass();
      else if (c === '{') {
        const alts = [parse(true)];
        while (pattern[i] === ',') {
          i++;
          alts.push(parse(true));
        }
        if (pattern[i] !== '}') throw new Error(`unterminated { in glob "${pattern}"`);
        i++;
        out += `(?:${alts.join('|')})`;
      } else out += escapeRe(c);
    }
    if (inBrace) throw new Error(`unterminated { in glob "${pattern}"`);
    return out;
  };
  const parseClass = (): string => {
    const end = pattern.indexOf(']', i + 1);
    if (end < 0) throw new Error(`unterminated [ in glob "${pattern}"`);
    let body = pattern.slice(i, end);
    i = end + 1;
    if (body.startsWith('!')) body = `^${body.slice(1)}`;
    return `[${body.replace(/\\/g, '\\\\')}]`;
  };
  return new RegExp(`^${parse(false)}$`, 's');
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
