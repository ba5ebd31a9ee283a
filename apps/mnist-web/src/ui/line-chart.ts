import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** Ten colours with at least 4.5:1 contrast on white, one per class or series. */
export const PALETTE = [
  '#1f5fa8',
  '#c2410c',
  '#15803d',
  '#7e22ce',
  '#b91c1c',
  '#0f766e',
  '#a16207',
  '#be185d',
  '#4d4d4d',
  '#1e3a8a',
];

export interface SeriesSpec {
  readonly label: string;
  /** Mark each value with a dot (sparse values such as one test accuracy per epoch). */
  readonly points?: boolean;
}

/** A live line chart (uPlot, about 50 kB) that follows its container's width. */
export class LineChart {
  private readonly plot: uPlot;
  private readonly observer: ResizeObserver;

  constructor(
    host: HTMLElement,
    options: {
      readonly x: string;
      readonly y: string;
      readonly series: readonly SeriesSpec[];
      readonly yRange?: readonly [number, number];
      readonly height?: number;
    },
  ) {
    const axis = { stroke: '#1a1a1a', grid: { stroke: '#e3e3e3' }, ticks: { stroke: '#bbbbbb' } };
    this.plot = new uPlot(
      {
        width: Math.max(200, host.clientWidth),
        height: options.height ?? 200,
        scales: {
          x: { time: false },
          ...(options.yRange
            ? { y: { range: [options.yRange[0], options.yRange[1]] as uPlot.Range.MinMax } }
            : {}),
        },
        axes: [
          { ...axis, label: options.x },
          { ...axis, label: options.y },
        ],
        legend: { live: false },
        cursor: { show: false },
        series: [
          { label: options.x },
          ...options.series.map((s, i) => ({
            label: s.label,
            stroke: PALETTE[i % PALETTE.length],
            width: 1.5,
            spanGaps: true,
            points: s.points ? { show: true, size: 7, fill: PALETTE[i % PALETTE.length] } : { show: false },
          })),
        ],
      },
      [[], ...options.series.map(() => [])],
      host,
    );
    this.observer = new ResizeObserver(() => {
      this.plot.setSize({ width: Math.max(200, host.clientWidth), height: this.plot.height });
    });
    this.observer.observe(host);
  }

  /** x values and one array per series (null where a series has no value at that x). */
  set(x: readonly number[], ...ys: ReadonlyArray<readonly (number | null)[]>): void {
    this.plot.setData([x as number[], ...(ys as (number | null)[][])]);
  }
}
