// 公开发布: which targets the public portal shows (sysadmin and supervisor; audited).
import { App, Switch, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePublished, useSetPublished, type TargetRow } from '../../api/analytics';
import { errorMessage } from '../../api/client';
import { StatusTag } from '../dashboard/StatusTag';

export function PublishTab({ targets }: { targets: TargetRow[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const published = usePublished(true);
  const setPublished = useSetPublished();
  const on = new Set(published.data?.targets.map((x) => x.code) ?? []);
  return (
    <>
      <Typography.Paragraph type="secondary">
        {t('analyticsPage.publishHint')}{' '}
        <a href="/public/progress" target="_blank" rel="noreferrer">
          /public/progress
        </a>
      </Typography.Paragraph>
      <Table<TargetRow>
        size="small"
        rowKey="code"
        pagination={false}
        loading={published.isPending}
        dataSource={targets}
        columns={[
          { title: t('analyticsPage.columns.code'), dataIndex: 'code', width: 80 },
          { title: t('analyticsPage.columns.indicator'), dataIndex: 'text' },
          {
            title: t('analyticsPage.columns.status'),
            width: 110,
            render: (_, r) => <StatusTag status={r.status} />,
          },
          {
            title: t('analyticsPage.published'),
            width: 90,
            render: (_, r) => (
              <Switch
                aria-label={`${t('analyticsPage.publish')} ${r.code}`}
                checked={on.has(r.code)}
                loading={setPublished.isPending && setPublished.variables?.code === r.code}
                onChange={(checked) =>
                  setPublished.mutate(
                    { code: r.code, published: checked },
                    { onError: (e) => void message.error(errorMessage(e)) },
                  )
                }
              />
            ),
          },
        ]}
      />
    </>
  );
}
