import { renderChart, type HelmRenderOptions } from '@fjord/helm';
import { SourceType, type Renderer } from '@fjord/render';

/**
 * The Helm renderer: `helm template` in-process with Argo CD's Helm source options (valueFiles, values,
 * valuesObject, parameters, fileParameters, releaseName, skipCrds, ignoreMissingValueFiles, namespace,
 * kubeVersion, apiVersions). As in Argo CD the release name defaults to the app's name, and CRDs are included.
 */
export function helmRenderer(): Renderer {
  return {
    type: SourceType.Helm,
    render(fs, request) {
      const h = (request.helm ?? {}) as Record<string, unknown> & HelmRenderOptions;
      const options: HelmRenderOptions = {
        valueFiles: h.valueFiles,
        values: typeof h.values === 'string' ? h.values : undefined,
        valuesObject: h.valuesObject,
        parameters: h.parameters,
        fileParameters: h.fileParameters,
        ignoreMissingValueFiles: h.ignoreMissingValueFiles,
        skipCrds: h.skipCrds,
        skipTests: h.skipTests,
        skipSchemaValidation: h.skipSchemaValidation,
        releaseName: h.releaseName || request.appName || undefined,
        namespace: (h.namespace as string | undefined) || request.namespace || undefined,
        kubeVersion: (h.kubeVersion as string | undefined) || request.kubeVersion,
        apiVersions: (h.apiVersions as string[] | undefined) ?? request.apiVersions,
      };
      return renderChart(fs, request.path, options).manifests.map((m) => m.object);
    },
  };
}
