import { repository, sourceRequest } from '@fjord/proto';
import type { Application, ApplicationSource } from '@fjord/argo';

/** How the controller asks for one source's render. */
export interface ManifestRequestOptions {
  noCache: boolean;
  freshRevision?: boolean;
  /** The app's ref sources by name, pinned at their resolved revisions. */
  refSources?: Record<string, repository.RefTarget>;
}

/** Maps an Application's source (CRD shape) to the repo-server's GenerateManifest request. */
export function manifestRequest(app: Application, source: ApplicationSource, options: ManifestRequestOptions): repository.GenerateManifestRequest {
  return sourceRequest(source, {
    appName: app.metadata.name,
    namespace: app.spec.destination?.namespace ?? '',
    noCache: options.noCache,
    freshRevision: options.freshRevision ?? false,
    refSources: options.refSources,
  });
}
