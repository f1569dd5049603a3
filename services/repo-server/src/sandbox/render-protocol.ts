import type { RenderedSource, RenderJob } from './render-job';
import type { RenderFailure } from './render-failure';

/** What the repo-server sends a render process: one job at a time. */
export interface ToRenderProcess {
  job: RenderJob;
}

/** What a render process sends back: that it loaded, then one answer per job. */
export type FromRenderProcess = { type: 'ready' } | { type: 'done'; result: RenderedSource } | { type: 'failed'; failure: RenderFailure };
