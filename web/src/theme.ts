import type { ThemeConfig } from 'antd';

/** A restrained government blue on antd's default theme; CJK fonts first for Chinese text. */
export const brandColor = '#1d4f91';

export const appTheme: ThemeConfig = {
  token: {
    colorPrimary: brandColor,
    borderRadius: 4,
    fontSize: 14,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Noto Sans SC', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: {
      headerBg: brandColor,
      headerHeight: 56,
      headerPadding: '0 24px',
      bodyBg: '#f2f4f7',
      siderBg: '#ffffff',
    },
    Menu: {
      itemSelectedBg: '#e6eef9',
      itemSelectedColor: brandColor,
      itemHoverBg: '#f2f6fc',
      itemActiveBg: '#e6eef9',
    },
  },
};
