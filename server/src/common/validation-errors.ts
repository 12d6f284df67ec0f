// Turns request-schema failures into a specific Chinese message naming the field.
import type { FastifySchemaValidationError } from 'fastify/types/schema';
import type { ErrorDetail } from './errors';

const where: Record<string, string> = {
  body: '请求体',
  querystring: '查询参数',
  params: '路径参数',
  headers: '请求头',
};

export function describeValidation(
  errors: FastifySchemaValidationError[],
  context: string,
): { message: string; details: ErrorDetail[] } {
  const details = errors.map((e) => {
    const missing = e.keyword === 'required' ? String(e.params.missingProperty) : null;
    const path = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const field = missing ? [path, missing].filter(Boolean).join('.') : path || context;
    return { field, message: explain(e) };
  });
  const first = details[0];
  const message = first
    ? `${where[context] ?? context}中字段“${first.field}”${first.message}`
    : '请求格式不正确';
  return { message, details };
}

function explain(e: FastifySchemaValidationError): string {
  const p = e.params;
  switch (e.keyword) {
    case 'required':
      return '为必填项';
    case 'type':
      return `类型应为${typeName(String(p.type))}`;
    case 'minLength':
      return `长度不能少于${String(p.limit)}个字符`;
    case 'maxLength':
      return `长度不能超过${String(p.limit)}个字符`;
    case 'minimum':
      return `不能小于${String(p.limit)}`;
    case 'maximum':
      return `不能大于${String(p.limit)}`;
    case 'additionalProperties':
      return `包含不允许的字段“${String(p.additionalProperty)}”`;
    case 'const':
    case 'enum':
    case 'anyOf':
      return '取值不在允许范围内';
    case 'pattern':
    case 'format':
      return '格式不正确';
    default:
      return `不符合要求（${e.keyword}）`;
  }
}

function typeName(t: string): string {
  const names: Record<string, string> = {
    string: '文本',
    number: '数字',
    integer: '整数',
    boolean: '布尔值',
    object: '对象',
    array: '数组',
    null: '空值',
  };
  return t
    .split(',')
    .map((x) => names[x] ?? x)
    .join('或');
}
