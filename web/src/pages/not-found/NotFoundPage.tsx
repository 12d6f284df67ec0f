import { Button, Card, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

export default function NotFoundPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Card>
      <Result
        status="404"
        title={
          <span role="heading" aria-level={1}>
            {t('notFound.title')}
          </span>
        }
        subTitle={t('notFound.subtitle')}
        extra={
          <Button type="primary" onClick={() => void navigate('/plan')}>
            {t('notFound.back')}
          </Button>
        }
      />
    </Card>
  );
}
