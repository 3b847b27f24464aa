// The only file that imports ECharts: just the parts the charts use.
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { AriaComponent, DatasetComponent, GridComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, AriaComponent, DatasetComponent, GridComponent, TitleComponent, TooltipComponent, SVGRenderer]);

export { echarts };
