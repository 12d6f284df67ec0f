// The platform's modules as they appear in the side menu. Only 计划浏览 is built so far; the
// others lead to a page that says they are under construction.
import {
  AuditOutlined,
  BarChartOutlined,
  FlagOutlined,
  FormOutlined,
  FundProjectionScreenOutlined,
  HeartOutlined,
  ReadOutlined,
  SettingOutlined,
  SmileOutlined,
  ThunderboltOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Role } from './api/auth';

export type ModuleKey =
  | 'plan'
  | 'reporting'
  | 'supervision'
  | 'analytics'
  | 'dashboard'
  | 'practicalMatters'
  | 'satisfaction'
  | 'serviceAreas'
  | 'midterm'
  | 'admin';

export interface AppModule {
  key: ModuleKey;
  path: string;
  icon: ReactNode;
  built: boolean;
  /** Roles that see the module; everyone when absent. */
  roles?: readonly Role[];
}

export const appModules: readonly AppModule[] = [
  { key: 'plan', path: '/plan', icon: <ReadOutlined />, built: true },
  { key: 'reporting', path: '/reporting', icon: <FormOutlined />, built: true },
  { key: 'supervision', path: '/supervision', icon: <FlagOutlined />, built: true },
  { key: 'analytics', path: '/analytics', icon: <BarChartOutlined />, built: true },
  { key: 'dashboard', path: '/dashboard', icon: <FundProjectionScreenOutlined />, built: true },
  { key: 'practicalMatters', path: '/practical-matters', icon: <HeartOutlined />, built: true },
  { key: 'satisfaction', path: '/satisfaction', icon: <SmileOutlined />, built: true },
  { key: 'serviceAreas', path: '/service-areas', icon: <ThunderboltOutlined />, built: true },
  { key: 'midterm', path: '/midterm-evaluation', icon: <AuditOutlined />, built: true },
  { key: 'admin', path: '/admin', icon: <SettingOutlined />, built: false, roles: ['sysadmin'] },
];

export function modulesForRole(role: Role): AppModule[] {
  return appModules.filter((module) => !module.roles || module.roles.includes(role));
}

/** The module whose path the given location path falls under. */
export function moduleForPath(pathname: string): AppModule | undefined {
  return appModules.find(
    (module) => pathname === module.path || pathname.startsWith(`${module.path}/`),
  );
}
