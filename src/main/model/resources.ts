// Resource figures stored with every model version: wall time, CPU time, peak memory, and an
// energy and CO2 estimate. The estimate is measured CPU seconds × a power figure per busy core ×
// a grid emission factor. Both settings live in the settings table under 'model.energy' so an
// agency can put in its own hardware's figure and its own grid's factor.

import type { Db } from '../db/connection';

export interface EnergySettings {
  /** Watts drawn per fully busy CPU core. */
  wattsPerCore: number;
  /** Kilograms of CO2 emitted per kWh drawn from the grid. */
  gridKgCo2PerKwh: number;
}

// NOTE: both defaults are estimates, not measurements. 10 W per busy core is a mid-range laptop
// or desktop core under load (a 15–65 W package shared by 4–8 cores); 0.0385 kg/kWh is the order
// of the Brazilian national grid's yearly average, which is mostly hydro power.
export const DEFAULT_ENERGY: EnergySettings = { wattsPerCore: 10, gridKgCo2PerKwh: 0.0385 };

export interface ResourceFigures {
  wallSeconds: number;
  /** User + system CPU seconds of the whole process, all threads (ONNX Runtime's included). */
  cpuSeconds: number;
  /** Highest resident set size seen while sampling, in bytes. */
  peakRssBytes: number;
  energyKwh: number;
  co2Grams: number;
  energySettings: EnergySettings;
  method: string;
}

export function energySettings(db: Db): EnergySettings {
  const row = db.prepare("SELECT value FROM settings WHERE key = 'model.energy'").get() as { value: string } | undefined;
  if (!row) return DEFAULT_ENERGY;
  const parsed = JSON.parse(row.value) as Partial<EnergySettings>;
  return {
    wattsPerCore: typeof parsed.wattsPerCore === 'number' && parsed.wattsPerCore > 0 ? parsed.wattsPerCore : DEFAULT_ENERGY.wattsPerCore,
    gridKgCo2PerKwh: typeof parsed.gridKgCo2PerKwh === 'number' && parsed.gridKgCo2PerKwh >= 0 ? parsed.gridKgCo2PerKwh : DEFAULT_ENERGY.gridKgCo2PerKwh,
  };
}

/** Starts measuring; call sample() often (each epoch) and finish() once. */
export function startResourceMeter(): { sample(): void; finish(settings: EnergySettings): ResourceFigures } {
  const startWall = performance.now();
  const startCpu = process.cpuUsage();
  let peak = process.memoryUsage().rss;
  const sample = (): void => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  // The timer catches peaks between samples during long feature extraction; unref so it never keeps a process alive.
  const timer = setInterval(sample, 250);
  timer.unref();
  return {
    sample,
    finish(settings) {
      clearInterval(timer);
      sample();
      const cpu = process.cpuUsage(startCpu);
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      const energyKwh = (cpuSeconds * settings.wattsPerCore) / 3.6e6;
      return {
        wallSeconds: (performance.now() - startWall) / 1000,
        cpuSeconds,
        peakRssBytes: peak,
        energyKwh,
        co2Grams: energyKwh * settings.gridKgCo2PerKwh * 1000,
        energySettings: settings,
        method: 'cpuSeconds × wattsPerCore → kWh; kWh × gridKgCo2PerKwh → CO2',
      };
    },
  };
}
