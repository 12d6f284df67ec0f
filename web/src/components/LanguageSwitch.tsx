import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage, isLanguage, type Language } from '../i18n';

/** 中文 / English toggle; the choice is remembered in this browser. */
export function LanguageSwitch({ className }: { className?: string }) {
  const { t } = useTranslation();
  const options: { label: string; value: Language }[] = [
    { label: t('language.zhCN'), value: 'zh-CN' },
    { label: t('language.en'), value: 'en' },
  ];
  return (
    <Segmented<Language>
      className={className}
      size="small"
      aria-label={t('language.label')}
      options={options}
      value={currentLanguage()}
      onChange={(value) => {
        if (isLanguage(value)) void changeLanguage(value);
      }}
    />
  );
}
