/**
 * Turns a composed YAML document into the JSON value sigs.k8s.io/yaml's YAMLToJSON gives: go-yaml v2's decoding into
 * an `interface{}` (its scalar resolution, its merge keys, its alias limits), then the conversion to JSON (keys made
 * strings, NaN and infinities refused).
 */
import { isAlias, isMap, isScalar, isSeq, type Alias, type Document, type Node, type Scalar, type YAMLMap } from 'yaml';
import { BlockScalarError, goBlockScalar } from './go-block-scalar';
import { goFloatKey } from './go-float-key';
import { resolvePlain, resolveTagged, ScalarError, YAML_TAG, type GoScalar } from './go-scalar';

/** A decoding failure at a source offset (of the text the document was parsed from). */
export class DecodeError extends Error {
  override name = 'DecodeError';
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** A Go `map[interface{}]interface{}`: entries by key identity, so that `1` and `"1"` stay two keys, as in Go. */
class GoMap {
  readonly entries = new Map<string, { key: GoScalar; value: GoValue }>();
}

type GoValue = GoScalar | GoMap | GoValue[];

/** Options of {@link decodeDocument}. */
export interface DecodeOptions {
  /** Keep integers as bigints (exact beyond 2^53) instead of numbers. */
  intAsBigInt?: boolean;
}

/** A JSON value as YAMLToJSON makes it (bigints only with `intAsBigInt`). */
export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * Decodes a document composed from `source` with the failsafe schema (so every scalar still holds its text) and
 * its source tokens kept (block scalars are read again from the source, as Go reads them).
 */
export function decodeDocument(doc: Document.Parsed, source: string, options: DecodeOptions = {}): JsonValue {
  const decoder = new Decoder(doc, source);
  const value = decoder.root();
  return toJson(value, doc.contents, options);
}

/** go-yaml's limits on alias expansion: a small document may be mostly aliases, a large one less and less. */
function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= 400_000) return 0.99;
  if (decodeCount >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - 400_000) / 3_600_000);
}

const start = (n: Node | null | undefined): number => n?.range?.[0] ?? 0;

class Decoder {
  private decodeCount = 0;
  private aliasCount = 0;
  private aliasDepth = 0;
  private readonly expanding = new Set<Alias>();

  constructor(
    private readonly doc: Document.Parsed,
    private readonly source: string,
  ) {}

  root(): GoValue {
    this.count(this.doc.contents);
    return this.decode(this.doc.contents);
  }

  /** go-yaml counts every node it decodes, and those reached through an alias apart. */
  private count(n: Node | null): void {
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    if (this.aliasCount > 100 && this.decodeCount > 1000 && this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)) {
      throw new DecodeError('document contains excessive aliasing', start(n));
    }
  }

  private decode(n: Node | null, into?: GoMap, inFlow = false): GoValue {
    this.count(n);
    if (n === null) return { type: 'null' };
    checkAnchor(n);
    if (isAlias(n)) return this.alias(n, into);
    if (isScalar(n)) {
      if (inFlow && n.type === 'PLAIN') checkFlowPlain(n);
      return scalar(n, this.text(n));
    }
    if (isMap(n)) return this.mapping(n, into ?? new GoMap());
    if (isSeq(n)) return n.items.map((item) => this.decode(item as Node | null, undefined, n.flow === true));
    throw new DecodeError('unsupported YAML node', start(n));
  }

  /** A scalar's text; a block scalar's as Go scans it (its parent's indentation is -1 at the root). */
  private text(n: Scalar): string {
    if (n.type !== 'BLOCK_LITERAL' && n.type !== 'BLOCK_FOLDED') return String(n.value ?? '');
    const token = n.srcToken as { indent?: number } | undefined;
    try {
      return goBlockScalar(this.source, start(n), n === this.doc.contents ? -1 : (token?.indent ?? 0)).value;
    } catch (e) {
      if (e instanceof BlockScalarError) throw new DecodeError(e.message, start(n));
      throw e;
    }
  }

  private target(alias: Alias): Node {
    const target = alias.resolve(this.doc);
    if (!target) throw new DecodeError(`unknown anchor '${alias.source}' referenced`, start(alias));
    return target;
  }

  private alias(alias: Alias, into?: GoMap): GoValue {
    if (this.expanding.has(alias)) throw new DecodeError(`anchor '${alias.source}' value contains itself`, start(alias));
    const target = this.target(alias);
    this.expanding.add(alias);
    this.aliasDepth++;
    try {
      return this.decode(target, into);
    } finally {
      this.aliasDepth--;
      this.expanding.delete(alias);
    }
  }

  /** Decodes a mapping's pairs in order into `out`: a merge key merges in place, so later keys override it. */
  private mapping(n: YAMLMap, out: GoMap): GoMap {
    for (const pair of n.items) {
      const keyNode = pair.key as Node | null;
      const valueNode = pair.value as Node | null;
      if (isMergeKey(keyNode)) {
        this.merge(valueNode, out, keyNode);
        continue;
      }
      if (n.flow) this.checkFlowKeyLength(keyNode);
      const key = this.decode(keyNode, undefined, n.flow === true);
      if (key instanceof GoMap || Array.isArray(key)) {
        throw new DecodeError('invalid map key: a mapping or list cannot be a key (an unquoted template such as {{ .Name }}?)', start(keyNode));
      }
      const value = this.decode(valueNode, undefined, n.flow === true);
      out.entries.delete(keyId(key));
      out.entries.set(keyId(key), { key, value });
    }
    return out;
  }

  /** go-yaml reads a key only within 1024 characters of the `:` (the `yaml` package checks this in block mappings). */
  private checkFlowKeyLength(key: Node | null): void {
    if (!key?.range) return;
    const colon = /^\s*:/.exec(this.source.slice(key.range[1], key.range[1] + 2048));
    if (colon && key.range[1] + colon[0].length - 1 - key.range[0] > 1024) {
      throw new DecodeError("did not find expected ',' or '}': a key longer than 1024 characters", key.range[0]);
    }
  }

  /** `<<: *base`, `<<: {…}` or `<<: [*a, *b]` (earlier maps win, so they are merged last). */
  private merge(n: Node | null, out: GoMap, at: Node | null): void {
    const wantMap = () => new DecodeError('map merge requires map or sequence of maps as the value', start(n ?? at));
    if (isMap(n)) {
      this.decode(n, out);
    } else if (isAlias(n)) {
      if (!isMap(this.target(n))) throw wantMap();
      this.decode(n, out);
    } else if (isSeq(n)) {
      for (let i = n.items.length - 1; i >= 0; i--) {
        const item = n.items[i] as Node | null;
        if (isAlias(item) ? !isMap(this.target(item)) : !isMap(item)) throw wantMap();
        this.decode(item, out);
      }
    } else {
      throw wantMap();
    }
  }
}

/** go-yaml's anchor and alias names: letters, digits, `_` and `-`; its tags: URI characters (no `#`). */
function checkAnchor(n: Node): void {
  if (n.tag !== undefined && !/^[!A-Za-z0-9;/?:@&=+$,.~*'()[\]%_-]*$/.test(n.tag)) {
    throw new DecodeError(`did not find expected whitespace or line break after the tag "${n.tag}"`, start(n));
  }
  const name = isAlias(n) ? n.source : n.anchor;
  if (name !== undefined && !/^[0-9A-Za-z_-]+$/.test(name)) {
    throw new DecodeError(`did not find expected alphabetic or numeric character in ${isAlias(n) ? 'alias' : 'anchor'} "${name}"`, start(n));
  }
}

/**
 * In a flow collection go-yaml ends a plain scalar at `?` too, and reads a `:` before a word as a value indicator,
 * where the `yaml` package keeps them in the scalar (`[a?]`, `[:a]`): go-yaml then fails. (A leading `?` is a key
 * indicator for both, once flow-indicators has written it apart.)
 */
function checkFlowPlain(n: Scalar): void {
  const text = String(n.value ?? '');
  if (text.includes('?') || text.startsWith(':')) {
    throw new DecodeError(`did not find expected ',' or ']': a plain scalar in a flow collection cannot hold "?" or start with ":" ("${text}")`, start(n));
  }
}

/** go-yaml's "implicit": plain and untagged, or tagged with the non-specific `!`. */
function implicit(n: Scalar): boolean {
  return (n.tag === undefined && n.type === 'PLAIN') || n.tag === '!';
}

function isMergeKey(n: Node | null): boolean {
  return isScalar(n) && n.value === '<<' && (implicit(n) || n.tag === `${YAML_TAG}merge`);
}

function scalar(n: Scalar, text: string): GoScalar {
  try {
    if (n.tag === undefined) return n.type === 'PLAIN' ? resolvePlain(text) : { type: 'str', value: text };
    return resolveTagged(n.tag, text);
  } catch (e) {
    if (e instanceof ScalarError) throw new DecodeError(e.message, start(n));
    throw e;
  }
}

/** Go map keys are equal when their dynamic type and value are; NaN is never equal to itself. */
let nanKeys = 0;
function keyId(k: GoScalar): string {
  switch (k.type) {
    case 'null':
      return 'null';
    case 'float':
      return Number.isNaN(k.value) ? `nan:${nanKeys++}` : `float:${k.value === 0 ? 0 : k.value}`;
    case 'int':
    case 'uint':
      return `${k.type}:${k.value}`;
    default:
      return `${k.type}:${String(k.value)}`;
  }
}

/** sigs.k8s.io/yaml's key names: strings as they are, numbers and booleans printed; null and uint64 keys refused. */
function keyName(k: GoScalar): string | undefined {
  switch (k.type) {
    case 'str':
      return k.value;
    case 'bool':
      return String(k.value);
    case 'int':
      return k.value.toString();
    case 'float':
      return goFloatKey(k.value);
    default:
      return undefined;
  }
}

function toJson(v: GoValue, at: Node | null, options: DecodeOptions): JsonValue {
  if (Array.isArray(v)) return v.map((x) => toJson(x, at, options));
  if (v instanceof GoMap) {
    const entries: [string, JsonValue][] = [];
    for (const { key, value } of v.entries.values()) {
      const name = keyName(key);
      if (name === undefined) throw new DecodeError(`unsupported map key of type ${key.type === 'null' ? 'null' : 'uint64'}`, start(at));
      entries.push([name, toJson(value, at, options)]);
    }
    return Object.fromEntries(entries) as JsonValue;
  }
  switch (v.type) {
    case 'null':
      return null;
    case 'float':
      if (!Number.isFinite(v.value)) throw new DecodeError(`json: unsupported value: ${v.value > 0 ? '+Inf' : v.value < 0 ? '-Inf' : 'NaN'}`, start(at));
      return v.value;
    case 'int':
    case 'uint':
      return options.intAsBigInt ? v.value : Number(v.value);
    default:
      return v.value;
  }
}
