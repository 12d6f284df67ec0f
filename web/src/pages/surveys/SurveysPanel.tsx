// The list of surveys; each expands to its waves and links. The supervisor builds surveys.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Table, Tag } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/auth';
import { errorMessage } from '../../api/client';
import { useSurveys, type Survey } from '../../api/surveys';
import SurveyEditor from './SurveyEditor';
import WavesAndLinks from './WavesAndLinks';

export default function SurveysPanel() {
  const { t } = useTranslation();
  const surveys = useSurveys();
  const session = useSession();
  const canManage = session.data?.user.role === 'supervisor';
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Survey | 'new' | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['surveys'] });

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {canManage && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('satisfactionPage.newSurvey')}
        </Button>
      )}
      {surveys.error && <Alert type="error" message={errorMessage(surveys.error)} />}
      <Table<Survey>
        rowKey="id"
        loading={surveys.isLoading}
        dataSource={surveys.data?.surveys}
        pagination={false}
        locale={{ emptyText: t('satisfactionPage.noSurveys') }}
        expandable={{
          expandedRowRender: (s) => (
            <WavesAndLinks survey={s} canManage={canManage} onChanged={refresh} />
          ),
        }}
        columns={[
          { title: t('satisfactionPage.surveyTitle'), dataIndex: 'title' },
          {
            title: t('satisfactionPage.questions'),
            key: 'q',
            render: (_: unknown, s: Survey) => s.questions.length,
          },
          {
            title: t('satisfactionPage.waves'),
            key: 'w',
            render: (_: unknown, s: Survey) =>
              s.waves.map((w) => (
                <Tag key={w.id} color={w.state === 'open' ? 'green' : undefined}>
                  {w.code} · {w.responses}
                </Tag>
              )),
          },
          ...(canManage
            ? [
                {
                  title: '',
                  key: 'edit',
                  render: (_: unknown, s: Survey) => (
                    <Button size="small" onClick={() => setEditing(s)}>
                      {t('satisfactionPage.editSurvey')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <SurveyEditor
        open={editing !== null}
        survey={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          refresh();
        }}
      />
    </Space>
  );
}
