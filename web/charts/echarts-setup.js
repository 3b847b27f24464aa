// The only file that imports ECharts: just the parts the charts use.
import * as echarts from 'echarts/core';
import { BarChart, CustomChart, HeatmapChart, LineChart, MapChart, ScatterChart } from 'echarts/charts';
import {
  AriaComponent, CalendarComponent, DatasetComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent,
  MarkPointComponent, TitleComponent, TooltipComponent, VisualMapContinuousComponent,
} from 'echarts/components';
import { LabelLayout } from 'echarts/features';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

import { ITALY_SVG } from './italy-map.js';
import { ITALY_MAP } from './territory-charts.js';

echarts.use([
  BarChart, CustomChart, HeatmapChart, LineChart, MapChart, ScatterChart,
  AriaComponent, CalendarComponent, DatasetComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent,
  MarkPointComponent, TitleComponent, TooltipComponent, VisualMapContinuousComponent, LabelLayout, SVGRenderer,
  CanvasRenderer, // PNG downloads only: the page draws SVG
]);

echarts.registerMap(ITALY_MAP, { svg: ITALY_SVG });

export { echarts };
