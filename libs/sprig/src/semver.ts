/** Masterminds semver v3 (v3.4 rules, as Helm and Sprig use them): versions, constraints and their checks. */
import { GoInt, GoStruct, goFunc, quote, type FuncMap } from '@fjord/go-template';

/** A parsed semantic version. */
export interface SemVer {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: string;
  metadata: string;
  original: string;
}

const loose = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;

/** semver.NewVersion (coercing: leading zeros allowed, missing minor/patch default to 0). */
export function parseVersion(v: string): SemVer {
  if (Buffer.byteLength(v) > MAX_VERSION_LEN) throw new Error(`version string is too long (max ${MAX_VERSION_LEN} bytes)`);
  const m = loose.exec(v);
  if (!m) throw new Error('invalid semantic version');
  const pre = m[5] ?? '';
  const metadata = m[8] ?? '';
  for (const p of pre ? pre.split('.') : []) {
    if (/^\d+$/.test(p) && p.length > 1 && p[0] === '0') throw new Error('version segment starts with 0');
  }
  const seg = (s: string | undefined): bigint => (s ? BigInt(s.replace(/^\./, '')) : 0n);
  const max = 2n ** 64n - 1n;
  const ver = { major: seg(m[1]), minor: seg(m[2]), patch: seg(m[3]), pre, metadata, original: v };
  if (ver.major > max || ver.minor > max || ver.patch > max) throw new Error('error parsing version segment: value out of range');
  return ver;
}

/** The canonical string of a version. */
export const versionString = (v: SemVer): string => `${v.major}.${v.minor}.${v.patch}${v.pre ? `-${v.pre}` : ''}${v.metadata ? `+${v.metadata}` : ''}`;

const cmp = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return o !== '' ? -1 : 1;
  if (o === '') return 1;
  const sn = /^\d+$/.test(s);
  const on = /^\d+$/.test(o);
  if (!sn && !on) return s > o ? 1 : -1;
  if (!on) return -1;
  if (!sn) return 1;
  return BigInt(s) > BigInt(o) ? 1 : -1;
}

function comparePre(a: string, b: string): number {
  const x = a.split('.');
  const y = b.split('.');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = comparePrePart(x[i] ?? '', y[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

/** Version.Compare: -1, 0 or 1 (metadata ignored). */
export function compareVersions(a: SemVer, b: SemVer): number {
  const d = cmp(a.major, b.major) || cmp(a.minor, b.minor) || cmp(a.patch, b.patch);
  if (d) return d;
  if (!a.pre && !b.pre) return 0;
  if (!a.pre) return 1;
  if (!b.pre) return -1;
  return comparePre(a.pre, b.pre);
}

interface Constraint {
  op: string;
  con: SemVer;
  orig: string;
  dirty: boolean;
  minorDirty: boolean;
  patchDirty: boolean;
}

const cv = String.raw`v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?`;
const ops = String.raw`=||!=|>|<|>=|=>|<=|=<|~|~>|\^`;
const constraintRe = new RegExp(String.raw`^\s*(${ops})\s*(${cv})\s*$`);
const rangeRe = new RegExp(String.raw`\s*(${cv})\s+-\s+(${cv})\s*`, 'g');
const findRe = new RegExp(String.raw`(${ops})\s*(${cv})`, 'g');
const validRe = new RegExp(String.raw`^(\s*(${ops})\s*(${cv})\s*)((?:\s+|,\s*)(${ops})\s*(${cv})\s*)*$`);
/** Masterminds semver v3.5's bounds on its inputs (Helm 4.2.4 builds v3.5.0). */
const MAX_VERSION_LEN = 256;
const MAX_CONSTRAINT_LEN = 512;
const MAX_CONSTRAINT_GROUPS = 32;

const isX = (s: string): boolean => s === 'x' || s === '*' || s === 'X';

/** Parses one constraint such as `>=1.19-0` or `~1.2.x`. */
function parseConstraint(c: string): Constraint {
  const m = constraintRe.exec(c);
  if (!m) throw new Error(`improper constraint: ${quote(c)}`);
  const [, op, orig, maj, min, pat, , pre] = m;
  const preSuffix = pre !== undefined ? `-${pre}` : '';
  let ver = orig;
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  if (isX(maj) || maj === '') {
    ver = `0.0.0${preSuffix}`;
    dirty = true;
  } else if (min === undefined || isX(min.slice(1))) {
    minorDirty = dirty = true;
    ver = `${maj}.0.0${preSuffix}`;
  } else if (pat === undefined || isX(pat.slice(1))) {
    dirty = patchDirty = true;
    ver = `${maj}${min}.0${preSuffix}`;
  }
  let con: SemVer;
  try {
    con = parseVersion(ver);
  } catch {
    throw new Error('constraint parser error');
  }
  return { op, con, orig, dirty, minorDirty, patchDirty };
}

function check(v: SemVer, c: Constraint, includePre: boolean): boolean {
  if (v.pre && !includePre) return false;
  const lt = (): boolean => compareVersions(v, c.con) < 0;
  const tilde = (): boolean => {
    if (lt()) return false;
    if (c.con.major === 0n && c.con.minor === 0n && c.con.patch === 0n && !c.minorDirty && !c.patchDirty) return true;
    if (v.major !== c.con.major) return false;
    return !(v.minor !== c.con.minor && !c.minorDirty);
  };
  switch (c.op) {
    case '':
    case '=':
      return c.dirty ? tilde() : compareVersions(v, c.con) === 0;
    case '!=':
      if (c.dirty) {
        if (c.con.major !== v.major) return true;
        if (c.con.minor !== v.minor && !c.minorDirty) return true;
        if (c.minorDirty) return false;
        if (c.con.patch !== v.patch && !c.patchDirty) return true;
        if (c.patchDirty) return v.pre || c.con.pre ? comparePre(v.pre, c.con.pre) !== 0 : false;
      }
      return compareVersions(v, c.con) !== 0;
    case '>':
      if (!c.dirty) return compareVersions(v, c.con) === 1;
      if (v.major > c.con.major) return true;
      if (v.major < c.con.major || c.minorDirty) return false;
      if (c.patchDirty) return v.minor > c.con.minor;
      return compareVersions(v, c.con) === 1;
    case '<':
      return lt();
    case '>=':
    case '=>':
      return compareVersions(v, c.con) >= 0;
    case '<=':
    case '=<':
      if (!c.dirty) return compareVersions(v, c.con) <= 0;
      if (v.major > c.con.major) return false;
      return !(v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty);
    case '~':
    case '~>':
      return tilde();
    case '^':
      if (lt()) return false;
      if (c.con.major > 0n || c.minorDirty) return v.major === c.con.major;
      if (v.major > 0n) return false;
      if (c.con.minor > 0n || c.patchDirty) return v.minor === c.con.minor;
      if (v.minor > 0n) return false;
      return c.con.patch === v.patch;
  }
  return false;
}

/** A parsed constraint set: OR of AND groups. */
export interface Constraints {
  groups: { items: Constraint[]; hasPre: boolean }[];
}

/** semver.NewConstraint: ranges `a - b`, `||`, `,` or spaces as AND, x-ranges, ~ and ^. */
export function parseConstraints(text: string): Constraints {
  if (Buffer.byteLength(text) > MAX_CONSTRAINT_LEN) throw new Error(`constraint string is too long (max ${MAX_CONSTRAINT_LEN} bytes)`);
  const rewritten = text.replace(rangeRe, (_m, a: string, ...rest: string[]) => `>= ${a}, <= ${rest[9]} `);
  const ors = rewritten.split('||');
  if (ors.length > MAX_CONSTRAINT_GROUPS) throw new Error(`too many constraint groups (max ${MAX_CONSTRAINT_GROUPS})`);
  return {
    groups: ors.map((part) => {
      if (!validRe.test(part)) throw new Error(`improper constraint: ${quote(part)}`);
      const found = part.match(findRe) ?? [part];
      const items = found.map(parseConstraint);
      return { items, hasPre: items.some((i) => i.con.pre !== '') };
    }),
  };
}

/** Constraints.Check. */
export function checkConstraints(cs: Constraints, v: SemVer, includePrerelease = false): boolean {
  return cs.groups.some((g) => g.items.every((c) => check(v, c, includePrerelease || g.hasPre)));
}

/** A version as the template value Sprig's `semver` returns (*semver.Version with its methods). */
function versionValue(v: SemVer): GoStruct {
  const s = versionString(v);
  return new GoStruct(
    '*semver.Version',
    {},
    {
      Major: goFunc('func() uint64', () => uint64(v.major)),
      Minor: goFunc('func() uint64', () => uint64(v.minor)),
      Patch: goFunc('func() uint64', () => uint64(v.patch)),
      Prerelease: goFunc('func() string', () => v.pre),
      Metadata: goFunc('func() string', () => v.metadata),
      Original: goFunc('func() string', () => v.original),
      String: goFunc('func() string', () => s),
      Compare: goFunc('func(*semver.Version) int', (o: GoStruct) => BigInt(compareVersions(v, (o as unknown as { sv: SemVer }).sv))),
    },
    () => s,
  );
}

const uint64 = (n: bigint): GoInt => new GoInt(n, 'uint64');

/** semver and semverCompare. */
export const semverFuncs: FuncMap = {
  semver: goFunc('func(string) (*semver.Version, error)', (s: string) => {
    const v = parseVersion(s);
    return Object.assign(versionValue(v), { sv: v });
  }),
  semverCompare: goFunc('func(string, string) (bool, error)', (c: string, v: string) => {
    const cs = parseConstraints(c);
    return checkConstraints(cs, parseVersion(v));
  }),
};
