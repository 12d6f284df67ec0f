// Service areas as points on the Guangdong map (ECharts, city boundaries from
// /api/geo/guangdong): coloured by compliance, sized by gap; clicking a point selects it.
import { useQuery } from '@tanstack/react-query';
import { Spin } from 'antd';
import { MapChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../api/client';
import type { ServiceArea } from '../../api/serviceAreas';
import { COMPLIANCE_COLOURS, complianceKey, formatPercent } from './format';

echarts.use([MapChart, ScatterChart, GeoComponent, TooltipComponent, LegendComponent, SVGRenderer]);

/** Bigger gap, bigger point (square root, so a few large gaps do not swamp the map). */
export const symbolSize = (gap: number) => Math.min(30, 7 + Math.sqrt(gap) * 2.2);

function useGuangdongGeo() {
  return useQuery({
    queryKey: ['geo', 'guangdong'],
    queryFn: ({ signal }) => apiGet<object>('/api/geo/guangdong', signal),
    staleTime: Infinity,
  });
}

interface Props {
  areas: ServiceArea[];
  onSelect: (id: number) => void;
  height?: number;
}

export function ServiceAreaMap({ areas, onSelect, height = 560 }: Props) {
  const { t } = useTranslation();
  const geo = useGuangdongGeo();
  const container = useRef<HTMLDivElement>(null);
  const select = useRef(onSelect);
  useEffect(() => {
    select.current = onSelect;
  }, [onSelect]);

  useEffect(() => {
    const el = container.current;
    if (!el || !geo.data) return;
    if (!echarts.getMap('guangdong')) echarts.registerMap('guangdong', geo.data as never);
    const chart = echarts.init(el, null, { renderer: 'svg' });
    const groups = (['no', 'yes', 'na'] as const).map((key) => ({
      key,
      name: t(
        `serviceAreas.map.${key === 'yes' ? 'compliant' : key === 'no' ? 'notCompliant' : 'notAssessed'}`,
      ),
      data: areas
        .filter((a) => complianceKey(a.compliant) === key)
        .map((a) => ({ name: a.name, value: [a.longitude, a.latitude, a.gap], area: a })),
    }));
    chart.setOption({
      tooltip: {
        trigger: 'item',
        formatter: (p: { seriesType: string; data?: { area?: ServiceArea } }) => {
          const a = p.data?.area;
          if (!a) return '';
          return `${a.name}（${a.direction}）<br/>${a.road} · ${a.cityName}<br/>${t('serviceAreas.fields.ratio')} ${formatPercent(a.ratioPercent)} · ${t('serviceAreas.fields.gap')} ${a.gap}`;
        },
      },
      legend: { bottom: 8, left: 'center' },
      geo: {
        map: 'guangdong',
        roam: true,
        top: 20,
        bottom: 48,
        label: { show: true, fontSize: 10, color: '#595959' },
        itemStyle: { areaColor: '#f0f5ff', borderColor: '#8c9bb5' },
        emphasis: { itemStyle: { areaColor: '#d6e4ff' }, label: { show: true } },
      },
      series: groups.map((g) => ({
        type: 'scatter',
        name: g.name,
        coordinateSystem: 'geo',
        data: g.data,
        symbolSize: (value: number[]) => symbolSize(value[2] ?? 0),
        itemStyle: {
          color: COMPLIANCE_COLOURS[g.key],
          opacity: 0.8,
          borderColor: '#fff',
          borderWidth: 0.6,
        },
        emphasis: { scale: 1.4 },
        zlevel: g.key === 'no' ? 2 : 1,
      })),
    });
    chart.on('click', (params) => {
      const area = (params.data as { area?: ServiceArea } | undefined)?.area;
      if (area) select.current(area.id);
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [geo.data, areas, t]);

  return (
    <Spin spinning={geo.isPending} description={t('serviceAreas.map.loading')}>
      <div
        ref={container}
        role="img"
        aria-label={t('serviceAreas.map.title')}
        data-testid="service-area-map"
        style={{ width: '100%', height }}
      />
    </Spin>
  );
}
