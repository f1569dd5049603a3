// The entry of a render process: renders the jobs the repo-server sends over IPC, one at a time, from the Git
// object stores on disk, and sends back the manifests or the failure. Started by RenderPool with a heap limit; if
// a render breaks a limit this process dies, never the repo-server.
import { GitObjectStore } from '@fjord/git';
import type { Renderer } from '@fjord/render';
import { defaultRenderers } from '@fjord/renderers';
import { LRUCache } from 'lru-cache';
import { runRenderJob, type RenderJob } from './render-job';
import { toRenderFailure } from './render-failure';
import type { FromRenderProcess, ToRenderProcess } from './render-protocol';

const stores = new LRUCache<string, GitObjectStore>({ max: 16 });
/** The renderers for each output limit (one in practice: the repo-server's --max-manifest-bytes). */
const renderers = new Map<number, Renderer[]>();

function renderersFor(maxOutputBytes: number): Renderer[] {
  let found = renderers.get(maxOutputBytes);
  // The template engine stops at the same limit while it writes, long before the whole render is measured.
  if (!found) renderers.set(maxOutputBytes, (found = defaultRenderers({ helm: { engineLimits: { maxOutputSize: maxOutputBytes } } })));
  return found;
}

function storeFor(gitdir: string): GitObjectStore {
  let store = stores.get(gitdir);
  if (!store) stores.set(gitdir, (store = new GitObjectStore(gitdir)));
  return store;
}

function handle(job: RenderJob): FromRenderProcess {
  try {
    return { type: 'done', result: runRenderJob(job, storeFor, renderersFor(job.maxOutputBytes)) };
  } catch (err) {
    return { type: 'failed', failure: toRenderFailure(err) };
  }
}

process.on('message', (msg: ToRenderProcess) => process.send!(handle(msg.job)));
// The repo-server went away: nothing is left to render for.
process.on('disconnect', () => process.exit(0));
process.send!({ type: 'ready' } satisfies FromRenderProcess);
