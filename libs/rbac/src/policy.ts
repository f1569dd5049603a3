/** Whether a policy line grants or refuses. */
export const Effect = { Allow: 'allow', Deny: 'deny' } as const;
export type Effect = (typeof Effect)[keyof typeof Effect];

/** One `p` line: subject may (or may not) do action on resource objects matching `object`. */
export interface PolicyRule {
  subject: string;
  resource: string;
  action: string;
  object: string;
  effect: Effect;
}

/** One `g` line: `member` holds `role`. */
export interface RoleGrant {
  member: string;
  role: string;
}

/** A parsed policy: its rules and its role grants. */
export interface Policy {
  rules: PolicyRule[];
  grants: RoleGrant[];
}

/** Thrown for a policy line that cannot be read; the message names the line. */
export class PolicyParseError extends Error {
  override name = 'PolicyParseError';
}

function splitCsv(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      fields.push(current.trim());
      current = '';
    } else current += ch;
  }
  fields.push(current.trim());
  return fields;
}

/**
 * Parses policy CSV text: `p, sub, resource, action, object[, allow|deny]` and `g, member, role`; blank lines and
 * `#` comments are skipped. A missing effect means allow, as in Argo CD.
 */
export function parsePolicyCsv(text: string): Policy {
  const policy: Policy = { rules: [], grants: [] };
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const [kind, ...rest] = splitCsv(line);
    const where = `policy line ${index + 1} ("${line}")`;
    if (kind === 'p') {
      if (rest.length < 4 || rest.length > 5) throw new PolicyParseError(`${where}: expected p, subject, resource, action, object[, effect]`);
      const [subject, resource, action, object, effect = Effect.Allow] = rest;
      if (effect !== Effect.Allow && effect !== Effect.Deny) throw new PolicyParseError(`${where}: effect must be allow or deny`);
      policy.rules.push({ subject, resource, action, object, effect });
    } else if (kind === 'g') {
      if (rest.length !== 2) throw new PolicyParseError(`${where}: expected g, member, role`);
      policy.grants.push({ member: rest[0], role: rest[1] });
    } else {
      throw new PolicyParseError(`${where}: lines start with p or g`);
    }
  });
  return policy;
}

/** Joins policies; later ones add to earlier ones. */
export function mergePolicies(...policies: Policy[]): Policy {
  return { rules: policies.flatMap((p) => p.rules), grants: policies.flatMap((p) => p.grants) };
}
