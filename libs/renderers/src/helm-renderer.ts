import { DEFAULT_ENGINE_LIMITS, renderChart, type EngineLimits, type HelmRenderOptions } from '@fjord/helm';
import { SourceType, type Renderer } from '@fjord/render';

/** Options of the Helm renderer. */
export interface HelmRendererOptions {
  /** Bounds of the template engine (output size, include and tpl depth); Helm's defaults otherwise. */
  engineLimits?: Partial<EngineLimits>;
}

/**
 * The Helm renderer: `helm template` in-process with Argo CD's Helm source options (valueFiles, values,
 * valuesObject, parameters, fileParameters, releaseName, skipCrds, ignoreMissingValueFiles, namespace,
 * kubeVersion, apiVersions). As in Argo CD the release name defaults to the app's name, and CRDs are included.
 */
export function helmRenderer(settings: HelmRendererOptions = {}): Renderer {
  const engineLimits = settings.engineLimits && { ...DEFAULT_ENGINE_LIMITS, ...settings.engineLimits };
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
        externalValueFiles: h.externalValueFiles,
        skipCrds: h.skipCrds,
        skipTests: h.skipTests,
        skipSchemaValidation: h.skipSchemaValidation,
        releaseName: h.releaseName || request.appName || undefined,
        namespace: (h.namespace as string | undefined) || request.namespace || undefined,
        kubeVersion: (h.kubeVersion as string | undefined) || request.kubeVersion,
        apiVersions: (h.apiVersions as string[] | undefined) ?? request.apiVersions,
        engineLimits,
      };
      return renderChart(fs, request.path, options).manifests.map((m) => m.object);
    },
  };
}
