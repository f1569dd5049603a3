import { KubeClient, RequestVerb } from './kube-client';
import type { ApiResourceInfo } from './types';

/** What one discovery pass found. */
export interface DiscoveryResult {
  /** Every top-level resource (no subresources) of each group's preferred version. */
  resources: ApiResourceInfo[];
  /** Groups whose version document could not be read this time (an aggregated API down); their kinds are unknown, not gone. */
  failedGroups: Map<string, Error>;
}

interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
  verbs?: string[];
  group?: string;
  version?: string;
}

interface ApiGroup {
  name: string;
  preferredVersion?: { version: string };
  versions?: { version: string }[];
}

/**
 * Reads the API server's discovery documents: /api/v1 for the core group, /apis for the groups and their preferred
 * versions, then /apis/<group>/<preferredVersion> for each group (concurrently). Throws only when the core or the
 * group list cannot be read; one group failing is reported in `failedGroups`. Groups `skipGroup` names (wholly
 * excluded ones) are not read at all, so that a slow aggregated API does not slow discovery down.
 */
export async function discoverApiResources(
  client: KubeClient,
  options: { signal?: AbortSignal; skipGroup?: (group: string) => boolean } = {},
): Promise<DiscoveryResult> {
  const { signal, skipGroup = () => false } = options;
  const [core, groups] = await Promise.all([
    client.getJson<{ resources?: ApiResource[] }>('/api/v1', RequestVerb.Discovery, signal),
    client.getJson<{ groups?: ApiGroup[] }>('/apis', RequestVerb.Discovery, signal),
  ]);
  const resources = toInfos(core.resources ?? [], '', 'v1');
  const failedGroups = new Map<string, Error>();
  await Promise.all(
    (groups.groups ?? [])
      .filter((group) => !skipGroup(group.name))
      .map(async (group) => {
        const version = group.preferredVersion?.version ?? group.versions?.[0]?.version;
        if (!version) return;
        try {
          const doc = await client.getJson<{ resources?: ApiResource[] }>(`/apis/${group.name}/${version}`, RequestVerb.Discovery, signal);
          resources.push(...toInfos(doc.resources ?? [], group.name, version));
        } catch (err) {
          failedGroups.set(group.name, err as Error);
        }
      }),
  );
  return { resources, failedGroups };
}

/** Whether the cache can list and watch a kind. */
export function isWatchable(info: ApiResourceInfo): boolean {
  return info.verbs.includes('list') && info.verbs.includes('watch');
}

function toInfos(list: ApiResource[], group: string, version: string): ApiResourceInfo[] {
  return list
    .filter((r) => !r.name.includes('/'))
    .map((r) => ({
      group: r.group ?? group,
      version: r.version ?? version,
      kind: r.kind,
      plural: r.name,
      namespaced: r.namespaced,
      verbs: r.verbs ?? [],
    }));
}
