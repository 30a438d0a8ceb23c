import { useEffect, useRef } from "react";
import * as echarts from "echarts/core";
import { BarChart, HeatmapChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";

// Apache ECharts, tree-shaken to what the dashboards and the team page draw (docs/web-app.md, "Charts"): heat maps,
// lines with level thresholds, bars. The SVG renderer, not canvas: crisp when printed and zoomed, and light to paint.
echarts.use([BarChart, HeatmapChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/**
 * One chart. It is a picture only (hidden from screen readers, never focused): whoever shows it puts a table with the
 * same numbers beside or behind it. It follows its box's width, so a phone gets a narrower chart, not a sideways scroll.
 */
export function EChart({ option, height = 280, className, onClick }: {
  option: ChartOption;
  height?: number;
  className?: string;
  /** A click on a data item (a heat-map cell, a point): its series' data index and the item's data. */
  onClick?: (item: { dataIndex: number; data: unknown; seriesIndex: number }) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const element = box.current!;
    const instance = echarts.init(element, undefined, { renderer: "svg" });
    chart.current = instance;
    const resized = new ResizeObserver(() => instance.resize());
    resized.observe(element);
    return () => {
      resized.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance || !onClick) return;
    const handler = (p: unknown) => {
      const item = p as { dataIndex: number; data: unknown; seriesIndex: number };
      onClick({ dataIndex: item.dataIndex, data: item.data, seriesIndex: item.seriesIndex });
    };
    instance.on("click", handler);
    return () => { instance.off("click", handler); };
  }, [onClick]);

  return <div ref={box} className={className} style={{ width: "100%", height }} aria-hidden="true" />;
}
