import { ToolOutlined } from '@ant-design/icons';
import { Button, Card, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ModuleKey } from '../../modules';

type UnbuiltModuleKey = Exclude<ModuleKey, 'plan'>;

/** Placeholder for a module that is not built yet: says so plainly and shows no data. */
export default function UnderConstructionPage({ moduleKey }: { moduleKey: ModuleKey }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const moduleName = t(`nav.${moduleKey}`);
  const description =
    moduleKey === 'plan' ? null : t(`moduleDescriptions.${moduleKey satisfies UnbuiltModuleKey}`);
  return (
    <Card>
      <Result
        icon={<ToolOutlined />}
        title={
          <span role="heading" aria-level={1}>
            {t('underConstruction.title', { module: moduleName })}
          </span>
        }
        subTitle={t('underConstruction.subtitle')}
        extra={
          <Button type="primary" onClick={() => void navigate('/plan')}>
            {t('underConstruction.backToPlan')}
          </Button>
        }
      >
        {description && (
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            <Typography.Text strong>{t('underConstruction.plannedFunction')}：</Typography.Text>
            {description}
          </Typography.Paragraph>
        )}
      </Result>
    </Card>
  );
}
