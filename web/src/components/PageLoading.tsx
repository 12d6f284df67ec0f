import { Flex, Spin } from 'antd';
import { useTranslation } from 'react-i18next';

/** Centred spinner for a page or a lazily loaded route. */
export function PageLoading({ fullScreen = false }: { fullScreen?: boolean }) {
  const { t } = useTranslation();
  return (
    <Flex
      align="center"
      justify="center"
      style={{ minHeight: fullScreen ? '100vh' : 320 }}
      role="status"
      aria-live="polite"
    >
      <Spin size="large" description={t('common.loading')}>
        <div style={{ width: 160, height: 80 }} />
      </Spin>
    </Flex>
  );
}
