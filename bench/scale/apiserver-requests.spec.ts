import { parseRequestCounts, total, writesBetween } from './apiserver-requests';

// lines as kube-apiserver 1.36 prints them
const sample = (deploymentsPatch: number, dryRunPatch: number, leases: number) => `# HELP apiserver_request_total [STABLE] Counter of apiserver requests
# TYPE apiserver_request_total counter
apiserver_request_total{code="200",component="apiserver",dry_run="",group="apps",resource="deployments",scope="resource",subresource="",verb="PATCH",version="v1"} ${deploymentsPatch}
apiserver_request_total{code="200",component="apiserver",dry_run="All",group="apps",resource="deployments",scope="resource",subresource="",verb="PATCH",version="v1"} ${dryRunPatch}
apiserver_request_total{code="200",component="apiserver",dry_run="",group="coordination.k8s.io",resource="leases",scope="resource",subresource="",verb="PUT",version="v1"} ${leases}
apiserver_request_total{code="200",component="apiserver",dry_run="",group="argoproj.io",resource="applications",scope="resource",subresource="status",verb="PATCH",version="v1alpha1"} 4
apiserver_request_total{code="200",component="apiserver",dry_run="",group="",resource="configmaps",scope="cluster",subresource="",verb="LIST",version="v1"} 12
apiserver_request_duration_seconds_bucket{verb="PATCH",le="0.1"} 3
`;

describe('API server write counts', () => {
  it('parses each counter with its labels', () => {
    const counts = parseRequestCounts(sample(10, 2, 7));
    expect(counts).toHaveLength(5);
    expect(counts[1]).toEqual({ verb: 'PATCH', resource: 'deployments', subresource: '', dryRun: true, count: 2 });
  });

  it('counts the writes between two readings, dry runs apart, leaving out lease renewals and reads', () => {
    const delta = writesBetween(parseRequestCounts(sample(10, 2, 7)), parseRequestCounts(sample(13, 2, 99)));
    expect(delta).toEqual({ writes: { 'deployments PATCH': 3 }, dryRuns: {} });
    expect(total(delta.writes)).toBe(3);
  });

  it('counts a counter that first appears in the second reading in full', () => {
    const after = parseRequestCounts(sample(10, 2, 7) + 'apiserver_request_total{code="201",dry_run="",resource="events",subresource="",verb="POST"} 5\n');
    expect(writesBetween(parseRequestCounts(sample(10, 2, 7)), after).writes).toEqual({ 'events POST': 5 });
  });
});
