/**
 * The ECharts parts the dashboard uses (line, bar and pie charts on canvas), imported only through a dynamic
 * import() in Chart.tsx, so they form a chunk of their own that only the dashboard loads (decisions/0038).
 */
import { init, use } from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { init };
