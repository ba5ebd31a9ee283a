import { cpus, loadavg, release, totalmem, type } from 'node:os';

/** The machine a table was measured on, for its header. */
export interface Machine {
  /** ISO date and time (UTC, minutes). */
  readonly date: string;
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
}

export function describeMachine(now = new Date()): Machine {
  const list = cpus();
  return {
    date: `${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    cpuModel: list[0]?.model.trim() ?? 'unknown CPU',
    cores: list.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${type()} ${release()}`,
    node: process.version,
  };
}

export function machineLine(m: Machine): string {
  return `${m.date}, ${m.cores} x ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}`;
}

/** The 1-minute load average: how busy the machine was while measuring. */
export function loadAverage(): number {
  return Math.round(loadavg()[0] * 100) / 100;
}
