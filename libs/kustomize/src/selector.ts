import type { Selector } from './kustomization';
import { effectiveNamespace, type Resource } from './resource';
import { splitTopLevel } from './split-top-level';

function anchored(pattern: string | undefined): RegExp | undefined {
  return pattern ? new RegExp(`^(?:${pattern})$`) : undefined;
}

/** Resources a `target` selects: GVK, name and namespace as anchored regexps (current or original), then label and annotation selectors. */
export function selectResources(list: readonly Resource[], s: Selector): Resource[] {
  const re = { group: anchored(s.group), version: anchored(s.version), kind: anchored(s.kind), name: anchored(s.name), ns: anchored(s.namespace) };
  return list.filter((r) => {
    const cur = r.curId();
    const org = r.orgId();
    if (re.ns && !re.ns.test(effectiveNamespace(org)) && !re.ns.test(effectiveNamespace(cur))) return false;
    if (re.name && !re.name.test(org.name) && !re.name.test(cur.name)) return false;
    if (re.group && !re.group.test(cur.group)) return false;
    if (re.version && !re.version.test(cur.version)) return false;
    if (re.kind && !re.kind.test(cur.kind)) return false;
    if (s.labelSelector && !matchesLabelSelector(r.stringMap('labels'), s.labelSelector)) return false;
    if (s.annotationSelector && !matchesLabelSelector(r.stringMap('annotations'), s.annotationSelector)) return false;
    return true;
  });
}

/** Kubernetes label-selector syntax: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, comma-separated. */
export function matchesLabelSelector(labels: Record<string, string>, selector: string): boolean {
  return splitTerms(selector).every((term) => matchTerm(labels, term.trim()));
}

function splitTerms(s: string): string[] {
  const terms = splitTopLevel(s, { separator: ',', open: '(', close: ')' });
  if (!terms[terms.length - 1].trim()) terms.pop(); // a trailing comma or an empty selector
  return terms;
}

function matchTerm(labels: Record<string, string>, term: string): boolean {
  let m = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
  if (m) {
    const values = m[3].split(',').map((v) => v.trim());
    const has = m[1] in labels && values.includes(labels[m[1]]);
    return m[2] === 'in' ? has : !has;
  }
  m = /^([^!=\s]+)\s*(!=|==|=)\s*(\S*)$/.exec(term);
  if (m) return m[2] === '!=' ? labels[m[1]] !== m[3] : labels[m[1]] === m[3];
  if (term.startsWith('!')) return !(term.slice(1).trim() in labels);
  return term in labels;
}
