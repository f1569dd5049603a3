import { parseProcessStats, processStats } from './process-stats';

describe('processStats', () => {
  it('reads CPU seconds and memory of a live process (this one)', () => {
    const before = processStats(process.pid);
    let x = 0;
    for (let i = 0; i < 3e7; i++) x += Math.sqrt(i);
    const after = processStats(process.pid);
    expect(x).toBeGreaterThan(0);
    expect(after.cpuSeconds).toBeGreaterThan(before.cpuSeconds);
    expect(after.rssMiB).toBeGreaterThan(10);
    expect(after.peakRssMiB).toBeGreaterThanOrEqual(after.rssMiB);
  });

  it('parses a command name with spaces and parentheses', () => {
    const stat = '4242 (node (tsx) x) S 1 4242 4242 0 -1 4194560 9000 0 0 0 250 75 0 0 20 0 11 0 100 0 0';
    const status = 'Name:\tnode\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\n';
    expect(parseProcessStats(stat, status)).toEqual({ cpuSeconds: 3.25, rssMiB: 100, peakRssMiB: 200 });
  });

  it('fails clearly for a process that is gone', () => {
    expect(() => processStats(2 ** 22 + 1)).toThrow(/ENOENT/);
  });
});
