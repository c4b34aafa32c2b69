// Memory and CPU of a process and of the machine, read from /proc (Linux): what the report says the service used.
import { readdirSync, readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100;

/** VmRSS and VmHWM (peak RSS since start) in MiB; undefined once the process is gone. */
export function readMemory(pid: number): { rssMb: number; peakRssMb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) the process has used so far. */
export function readCpuSeconds(pid: number): number {
  try {
    // The command name may hold spaces and parentheses: fields are counted after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Threads of these processes that are running or waiting for a core (state R in /proc/<pid>/task/<tid>/stat). */
export function countRunnableThreads(pids: number[]): number {
  let runnable = 0;
  for (const pid of pids) {
    for (const tid of readdirSafe(`/proc/${pid}/task`)) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        if (stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'R') runnable++;
      } catch {
        // The thread ended while we looked.
      }
    }
  }
  return runnable;
}

/**
 * Pids of the descendants of `ancestorPid` whose command name is `name` (e.g. the embedded FerretDB, which runs
 * under a supervisor process of its own: a grandchild).
 */
export function findDescendantPids(ancestorPid: number, name: string): number[] {
  const processes: Array<{ pid: number; ppid: number; comm: string }> = [];
  for (const entry of readdirSafe('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      processes.push({ pid: Number(entry), ppid, comm });
    } catch {
      // The process ended while we looked.
    }
  }
  const family = new Set([ancestorPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const candidate of processes) {
      if (family.has(candidate.ppid) && !family.has(candidate.pid)) {
        family.add(candidate.pid);
        grew = true;
      }
    }
  }
  return processes
    .filter(
      (candidate) => candidate.pid !== ancestorPid && family.has(candidate.pid) && candidate.comm === name,
    )
    .map((candidate) => candidate.pid);
}

function readdirSafe(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}
