// Samples the service's resident memory while the benchmark runs: the peak, and a series for the soak.
import { readMemory } from './proc-stats.ts';

export interface RssSampler {
  /** Highest VmRSS seen across every service process the run started (resets restart it). */
  peakMb(): number;
  /** Samples since the last call (time in seconds since the sampler started, RSS in MiB). */
  takeSeries(): Array<[seconds: number, rssMb: number]>;
  stop(): void;
}

export function startRssSampler(pidOf: () => number, intervalMs = 250): RssSampler {
  const started = performance.now();
  let peak = 0;
  let series: Array<[number, number]> = [];
  const timer = setInterval(() => {
    const memory = readMemory(pidOf());
    if (!memory) return;
    peak = Math.max(peak, memory.rssMb, memory.peakRssMb);
    series.push([Math.round((performance.now() - started) / 100) / 10, Math.round(memory.rssMb * 10) / 10]);
  }, intervalMs);
  timer.unref();
  return {
    peakMb: () => peak,
    takeSeries: () => {
      const taken = series;
      series = [];
      return taken;
    },
    stop: () => clearInterval(timer),
  };
}
