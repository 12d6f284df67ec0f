// Ajv errors turned into messages for people: English for logs and the API, Chinese for the
// department staff who edit the plan file.
import type { ErrorObject } from 'ajv';

const CODE_PATTERN = '^[A-Za-z][A-Za-z0-9_.-]{0,63}$';

const TYPE_ZH: Record<string, string> = {
  string: '文字',
  number: '数字',
  integer: '整数',
  object: '字段集合(键: 值)',
  array: '列表',
  boolean: '是/否',
  null: '空值',
};

interface Message {
  path: string;
  message: string;
  messageZh: string;
}

const show = (v: unknown): string => JSON.stringify(v);

export function schemaMessage(e: ErrorObject): Message {
  const at = (message: string, messageZh: string, path = e.instancePath): Message => ({
    path,
    message,
    messageZh,
  });
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': {
      const field = String(p.missingProperty);
      return at(
        `missing required field "${field}"`,
        `缺少必填字段“${field}”`,
        `${e.instancePath}/${field}`,
      );
    }
    case 'additionalProperties': {
      const field = String(p.additionalProperty);
      return at(
        `unknown field "${field}"`,
        `不认识的字段“${field}”(请检查拼写)`,
        `${e.instancePath}/${field}`,
      );
    }
    case 'type': {
      const type = String(p.type);
      return at(`must be of type ${type}`, `类型错误:应为${TYPE_ZH[type] ?? type}`);
    }
    case 'enum':
    case 'const': {
      const allowed = (p.allowedValues as unknown[] | undefined) ?? [p.allowedValue];
      return at(
        `must be one of: ${allowed.map(show).join(', ')}`,
        `取值应为以下之一:${allowed.map(show).join('、')}`,
      );
    }
    default:
      return rangeMessage(e, at);
  }
}

type At = (message: string, messageZh: string) => Message;

function rangeMessage(e: ErrorObject, at: At): Message {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'format':
      return p.format === 'date'
        ? at('must be a date written YYYY-MM-DD', '应为日期,格式为 YYYY-MM-DD(如 2027-12-31)')
        : at(`must match format ${String(p.format)}`, `格式不正确(${String(p.format)})`);
    case 'pattern':
      return p.pattern === CODE_PATTERN
        ? at(
            'must be a code: a letter, then letters, digits, ".", "_" or "-" (at most 64)',
            '编码应以英文字母开头,只含字母、数字、“.”“_”“-”,不超过 64 个字符',
          )
        : at(`must match pattern ${String(p.pattern)}`, `格式不正确(应符合 ${String(p.pattern)})`);
    case 'minLength':
      return at('must not be empty', '不能为空');
    case 'minItems':
      return at(`must have at least ${String(p.limit)} item(s)`, `至少需要 ${String(p.limit)} 项`);
    case 'uniqueItems':
      return at(
        `must not contain duplicates (items ${String(p.j)} and ${String(p.i)} are equal)`,
        `不能有重复项(第 ${Number(p.j) + 1} 项与第 ${Number(p.i) + 1} 项相同)`,
      );
    case 'minimum':
    case 'exclusiveMinimum':
      return at(
        `must be ${String(p.comparison)} ${String(p.limit)}`,
        `应${p.comparison === '>' ? '大于' : '不小于'} ${String(p.limit)}`,
      );
    default:
      return at(e.message ?? 'is invalid', `取值不符合要求:${e.message ?? e.keyword}`);
  }
}
