// The only file that imports ECharts: just the parts the charts use.
import * as echarts from 'echarts/core';
import { BarChart, CustomChart, HeatmapChart, ScatterChart } from 'echarts/charts';
import {
  AriaComponent, DatasetComponent, GridComponent, MarkAreaComponent, MarkLineComponent,
  TitleComponent, TooltipComponent, VisualMapContinuousComponent,
} from 'echarts/components';
import { LabelLayout } from 'echarts/features';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  BarChart, CustomChart, HeatmapChart, ScatterChart,
  AriaComponent, DatasetComponent, GridComponent, MarkAreaComponent, MarkLineComponent,
  TitleComponent, TooltipComponent, VisualMapContinuousComponent, LabelLayout, SVGRenderer,
]);

export { echarts };
