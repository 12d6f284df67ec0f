// A chart with its table view and exports: PNG from the chart itself (getDataURL), xlsx from
// the server. Every chart on the dashboard and analysis pages is one of these.
import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { App, Button, Card, Segmented, Space, Table } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadXlsx, saveBlob, type ExportTable } from '../../api/analytics';
import { useSession } from '../../api/auth';
import { errorMessage } from '../../api/client';
import { echarts, type EChartsOption } from './echarts';

export interface ChartClick {
  name: string;
  data?: unknown;
}

interface Props {
  title: ReactNode;
  option: EChartsOption | null;
  table: ExportTable;
  height?: number;
  extra?: ReactNode;
  /** Controls above the chart and table (e.g. what to show), inside the card's body. */
  toolbar?: ReactNode;
  onClick?: (event: ChartClick) => void;
  dark?: boolean;
  testId?: string;
}

export function ChartCard({
  title,
  option,
  table,
  height = 360,
  extra,
  toolbar,
  onClick,
  dark,
  testId,
}: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useSession();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const container = useRef<HTMLDivElement>(null);
  const chartRef = useRef<ReturnType<typeof echarts.init> | null>(null);
  const click = useRef(onClick);
  useEffect(() => {
    click.current = onClick;
  }, [onClick]);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const chart = echarts.init(el, dark ? 'dark' : null, { renderer: 'canvas', locale: 'ZH' });
    chartRef.current = chart;
    chart.on('click', (event) => click.current?.({ name: event.name, data: event.data }));
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, [dark]);

  useEffect(() => {
    if (option && chartRef.current) chartRef.current.setOption(option, { notMerge: true });
  }, [option, dark]);

  const exportPng = () => {
    const chart = chartRef.current;
    if (!chart) return;
    const url = chart.getDataURL({
      type: 'png',
      pixelRatio: 2,
      backgroundColor: dark ? '#100c2a' : '#fff',
    });
    void fetch(url)
      .then((r) => r.blob())
      .then((blob) => saveBlob(blob, `${table.title}.png`));
  };
  const exportXlsx = () =>
    downloadXlsx(table, session.data?.csrfToken).catch((error: unknown) =>
      message.error(t('analyticsPage.exportFailed', { message: errorMessage(error) })),
    );

  return (
    <Card
      title={title}
      size="small"
      data-testid={testId}
      extra={
        <Space wrap size={4}>
          {extra}
          <Segmented
            size="small"
            value={view}
            onChange={(v) => setView(v as 'chart' | 'table')}
            options={[
              { value: 'chart', label: t('analyticsPage.view.chart') },
              { value: 'table', label: t('analyticsPage.view.table') },
            ]}
          />
          <Button
            size="small"
            icon={<DownloadOutlined />}
            onClick={exportPng}
            disabled={view !== 'chart'}
          >
            {t('analyticsPage.exportPng')}
          </Button>
          <Button size="small" icon={<FileExcelOutlined />} onClick={() => void exportXlsx()}>
            {t('analyticsPage.exportXlsx')}
          </Button>
        </Space>
      }
    >
      {toolbar}
      <div ref={container} style={{ height, display: view === 'chart' ? 'block' : 'none' }} />
      {view === 'table' && (
        <Table
          size="small"
          pagination={false}
          scroll={{ y: height - 40, x: true }}
          rowKey={(_, i) => String(i)}
          columns={table.columns.map((c, i) => ({
            title: c,
            key: String(i),
            render: (_: unknown, row: Array<string | number | null>) => row[i] ?? '—',
          }))}
          dataSource={table.rows}
        />
      )}
    </Card>
  );
}
