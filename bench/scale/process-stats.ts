import { readFileSync } from 'node:fs';

/** CPU time and memory of one Linux process, read from /proc. */
export interface ProcessStats {
  /** user + system CPU seconds since the process started */
  cpuSeconds: number;
  /** resident set size now (MiB) */
  rssMiB: number;
  /** peak resident set size (VmHWM, MiB) */
  peakRssMiB: number;
}

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux this runs on
const KiB_PER_MiB = 1024;

/** Reads `/proc/<pid>/stat` and `/proc/<pid>/status`; throws when the process is gone. */
export function processStats(pid: number): ProcessStats {
  return parseProcessStats(readFileSync(`/proc/${pid}/stat`, 'utf8'), readFileSync(`/proc/${pid}/status`, 'utf8'));
}

/** Parses the two files' texts (split out so it can be tested on real samples). */
export function parseProcessStats(stat: string, status: string): ProcessStats {
  // the command name (field 2) may hold spaces and parentheses: the fields that follow start after the last ')'
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]); // field 14 of stat
  const stime = Number(fields[12]); // field 15 of stat
  const kib = (key: string) => {
    const match = new RegExp(`^${key}:\\s+(\\d+) kB$`, 'm').exec(status);
    if (!match) throw new Error(`/proc status has no ${key} line`);
    return Number(match[1]);
  };
  return { cpuSeconds: (utime + stime) / TICKS_PER_SECOND, rssMiB: kib('VmRSS') / KiB_PER_MiB, peakRssMiB: kib('VmHWM') / KiB_PER_MiB };
}
