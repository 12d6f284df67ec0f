// Typed keys of the module's UI strings, so every t() call is checked against zh-CN.
import type serviceAreasZh from '../../i18n/serviceAreas.zh-CN';

type S = typeof serviceAreasZh;
export type FieldKey = keyof S['fields'];
export type CitiesKey = keyof S['cities'];
export type PlanKey = keyof S['plan'];
export type RegistryKey = keyof S['registry'];
export type ImportKey = keyof S['import'];
export type StatsKey = keyof S['stats'];
