import { runService, type RunningService } from '@fjord/platform';
import { repoServer } from '../src/service';

/** Runs a repo-server inside the test's process on free ports, logging warnings only, with its cache in `cacheDir`; `extra` adds flags. */
export function runRepoServer(cacheDir: string, extra: string[] = []): Promise<RunningService> {
  return runService(repoServer, ['--port', '0', '--metrics-port', '0', '--log-level', 'warn', '--repo-cache-dir', cacheDir, ...extra]);
}
