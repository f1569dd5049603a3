/**
 * Requests the Kubernetes API server counted (`apiserver_request_total` of its /metrics), to tell how many writes a
 * phase of the benchmark caused. Counted by the server, not by Fjord, so nothing Fjord does escapes them.
 */
export interface RequestCount {
  verb: string;
  resource: string;
  subresource: string;
  dryRun: boolean;
  count: number;
}

const WRITE_VERBS = new Set(['POST', 'PUT', 'PATCH', 'DELETE', 'DELETECOLLECTION', 'APPLY', 'CREATE', 'UPDATE']);
const LINE = /^apiserver_request_total\{([^}]*)\}\s+([0-9.eE+-]+)$/;
const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g;

/** Parses the request counters out of the API server's Prometheus text. */
export function parseRequestCounts(metricsText: string): RequestCount[] {
  const counts: RequestCount[] = [];
  for (const line of metricsText.split('\n')) {
    const match = LINE.exec(line);
    if (!match) continue;
    const labels = Object.fromEntries([...match[1].matchAll(LABEL)].map((m) => [m[1], m[2]]));
    counts.push({
      verb: labels.verb ?? '',
      resource: labels.resource ?? '',
      subresource: labels.subresource ?? '',
      dryRun: (labels.dry_run ?? '') !== '',
      count: Number(match[2]),
    });
  }
  return counts;
}

/** Writes between two readings, by `resource[/subresource] verb`, split into real writes and dry runs. */
export interface WriteDelta {
  writes: Record<string, number>;
  dryRuns: Record<string, number>;
}

/**
 * The writes made between `before` and `after`. Leases are left out: the API server renews its own identity lease
 * every few seconds whatever anyone else does.
 */
export function writesBetween(before: RequestCount[], after: RequestCount[]): WriteDelta {
  const key = (c: RequestCount) => `${c.resource}${c.subresource ? `/${c.subresource}` : ''} ${c.verb}|${c.dryRun}`;
  const start = new Map<string, number>();
  for (const c of before) start.set(key(c), (start.get(key(c)) ?? 0) + c.count);
  const delta: WriteDelta = { writes: {}, dryRuns: {} };
  const end = new Map<string, RequestCount & { total: number }>();
  for (const c of after) {
    const entry = end.get(key(c));
    end.set(key(c), { ...c, total: (entry?.total ?? 0) + c.count });
  }
  for (const [k, c] of end) {
    if (!WRITE_VERBS.has(c.verb) || c.resource === 'leases') continue;
    const n = c.total - (start.get(k) ?? 0);
    if (n <= 0) continue;
    const into = c.dryRun ? delta.dryRuns : delta.writes;
    const name = k.slice(0, k.lastIndexOf('|'));
    into[name] = (into[name] ?? 0) + n;
  }
  return delta;
}

/** The sum of a delta's counters. */
export function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((s, n) => s + n, 0);
}
