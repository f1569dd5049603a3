/** `.helmignore` rules as Helm's pkg/ignore applies them (including its quirks for `!` patterns). */
import { compileGlob, GlobDialect } from '@fjord/argo';

interface Pattern {
  negate: boolean;
  mustDir: boolean;
  /** Matches against the full path (anchored or containing `/`) or only the base name. */
  fullPath: boolean;
  re: RegExp;
}

/** Parsed ignore rules; {@link HelmIgnore.ignores} decides for one chart-relative path. */
export class HelmIgnore {
  private readonly patterns: Pattern[] = [];

  /** Parses `.helmignore` text; throws on `**` or a malformed pattern, as Helm does. */
  static parse(text: string): HelmIgnore {
    const rules = new HelmIgnore();
    text
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .forEach((line) => rules.add(line));
    return rules;
  }

  /** Helm's defaults: dotfiles directly under templates/. */
  addDefaults(): this {
    this.add('templates/.?*');
    return this;
  }

  /** Adds one rule line. */
  add(line: string): void {
    let rule = line.trim();
    if (rule === '' || rule.startsWith('#')) return;
    if (rule.includes('**')) throw new Error('double-star (**) syntax is not supported');
    compileGlob(rule, GlobDialect.GoFilepath);
    const p: Pattern = { negate: false, mustDir: false, fullPath: false, re: /$^/ };
    if (rule.startsWith('!')) {
      p.negate = true;
      rule = rule.slice(1);
    }
    if (rule.endsWith('/')) {
      p.mustDir = true;
      rule = rule.slice(0, -1);
    }
    if (rule.startsWith('/')) {
      rule = rule.slice(1);
      p.fullPath = true;
    } else if (rule.includes('/')) p.fullPath = true;
    p.re = compileGlob(rule, GlobDialect.GoFilepath);
    this.patterns.push(p);
  }

  /** Whether the chart-relative `path` is ignored. */
  ignores(path: string, isDir: boolean): boolean {
    if (path === '' || path === '.' || path === './') return false;
    for (const p of this.patterns) {
      const subject = p.fullPath ? path : path.slice(path.lastIndexOf('/') + 1);
      if (p.negate) {
        if (p.mustDir && !isDir) return true;
        if (!p.re.test(subject)) return true;
        continue;
      }
      if (p.mustDir && !isDir) continue;
      if (p.re.test(subject)) return true;
    }
    return false;
  }
}
