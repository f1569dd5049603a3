/** Glob matching as Helm's Go code does it: filepath.Match (.helmignore) and gobwas/glob (`.Files.Glob`). */

const escapeRe = (c: string): string => c.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
const escapeClass = (c: string): string => c.replace(/[\\^\]\[-]/g, '\\$&');

/** Translates a `[...]` class starting at pattern[i] (after `[`); returns the regex text and the next index. */
function charClass(pattern: string, i: number, negateChars: string): [string, number] {
  let out = '[';
  if (negateChars.includes(pattern[i])) {
    out += '^';
    i++;
  }
  let first = true;
  while (i < pattern.length && (pattern[i] !== ']' || first)) {
    first = false;
    let c = pattern[i];
    if (c === '\\') {
      i++;
      c = pattern[i];
      if (c === undefined) throw new Error('syntax error in pattern');
    }
    out += escapeClass(c);
    i++;
    if (pattern[i] === '-' && pattern[i + 1] !== ']' && pattern[i + 1] !== undefined) {
      let hi = pattern[i + 1];
      i += 2;
      if (hi === '\\') hi = pattern[i++];
      if (hi === undefined) throw new Error('syntax error in pattern');
      out += `-${escapeClass(hi)}`;
    }
  }
  if (pattern[i] !== ']') throw new Error('syntax error in pattern');
  return [`${out}]`, i + 1];
}

/** Compiles Go's filepath.Match pattern (separator `/`); throws `syntax error in pattern` as Go's ErrBadPattern. */
export function compileGoMatch(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i];
    if (c === '*') {
      re += '[^/]*';
      i++;
    } else if (c === '?') {
      re += '[^/]';
      i++;
    } else if (c === '[') {
      const [cls, next] = charClass(pattern, i + 1, '^');
      re += `(?!/)${cls}`;
      i = next;
    } else if (c === '\\') {
      if (i + 1 >= pattern.length) throw new Error('syntax error in pattern');
      re += escapeRe(pattern[i + 1]);
      i += 2;
    } else {
      re += escapeRe(c);
      i++;
    }
  }
  return new RegExp(`^${re}$`, 'su');
}

/** Go's filepath.Match; false (not an error) for a bad pattern, as the callers in Helm treat it. */
export function goMatch(pattern: string, name: string): boolean {
  try {
    return compileGoMatch(pattern).test(name);
  } catch {
    return false;
  }
}

/** Compiles a gobwas/glob pattern with `/` as separator: `*`, `**`, `?`, `[...]`, `[!...]`, `{a,b}`, `\` escapes. */
export function compileGobwasGlob(pattern: string): RegExp {
  let re = '';
  let depth = 0;
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        re += '.*';
        i += 2;
      } else {
        re += '[^/]*';
        i++;
      }
    } else if (c === '?') {
      re += '[^/]';
      i++;
    } else if (c === '[') {
      const [cls, next] = charClass(pattern, i + 1, '!^');
      re += cls;
      i = next;
    } else if (c === '{') {
      re += '(?:';
      depth++;
      i++;
    } else if (c === '}' && depth > 0) {
      re += ')';
      depth--;
      i++;
    } else if (c === ',' && depth > 0) {
      re += '|';
      i++;
    } else if (c === '\\') {
      if (i + 1 >= pattern.length) throw new Error('unexpected end of input');
      re += escapeRe(pattern[i + 1]);
      i += 2;
    } else {
      re += escapeRe(c);
      i++;
    }
  }
  if (depth > 0) throw new Error('unexpected end of input');
  return new RegExp(`^${re}$`, 'su');
}
