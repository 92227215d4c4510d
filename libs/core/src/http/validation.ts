import { ArgumentMetadata, HttpException, Logger, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { DomainException, ValidationException } from '../errors/domain.exception';
import { inputProblem, normalizeNumericInput } from './input-limits';

export interface FieldProblem {
  field: string;
  problems: string[];
}

/** A 400 lists at most this many fields: a body of many wrong keys gets a short answer. */
export const MAX_DETAILS = 20;

const SWAGGER_PROPERTY = 'swagger/apiModelProperties';
const CJK = /[\u3400-\u9fff]/;
const ENGLISH = /[A-Za-z]{2,} [A-Za-z]{2,}/;

/** The field's Chinese label: the first phrase of its OpenAPI description, else its property name. */
export function fieldLabel(target: object | undefined, property: string): string {
  const meta = target
    ? (Reflect.getMetadata(SWAGGER_PROPERTY, target, property) as { description?: unknown } | undefined)
    : undefined;
  const description = typeof meta?.description === 'string' ? meta.description : '';
  const label = description.split(/[（(，,；;：:]/)[0].trim();
  return label && label.length <= 16 ? label : `${property} `;
}

function allowsNull(target: object, property: string): boolean {
  const meta = Reflect.getMetadata(SWAGGER_PROPERTY, target, property) as { nullable?: unknown } | undefined;
  return meta?.nullable === true;
}

function list(values: unknown[]): string {
  const shown = values.slice(0, 12).map(String).join('、');
  return values.length > 12 ? `${shown} 等` : shown;
}

/** class-validator's constraints, each as a Chinese sentence about the field (L) from its arguments (c). */
const MESSAGES: Record<string, (L: string, c: unknown[]) => string> = {
  isString: (L) => `${L}应为文本`,
  isInt: (L) => `${L}应为整数`,
  isNumber: (L) => `${L}应为数字`,
  isNumberString: (L) => `${L}应为数字`,
  isBoolean: (L) => `${L}应为 true 或 false`,
  isEnum: (L, c) => `${L}应为以下取值之一：${list(Array.isArray(c[1]) ? c[1] : Object.values(c[0] ?? {}))}`,
  isIn: (L, c) => `${L}应为以下取值之一：${list(Array.isArray(c[0]) ? c[0] : [])}`,
  isNotIn: (L) => `${L}的取值不允许`,
  isUuid: (L) => `${L}应为有效的编号（UUID）`,
  isArray: (L) => `${L}应为数组`,
  isObject: (L) => `${L}应为对象`,
  nestedValidation: (L) => `${L}应为对象`,
  maxLength: (L, c) => `${L}不能超过 ${String(c[0])} 个字符`,
  minLength: (L, c) => (c[0] === 1 ? `${L}不能为空` : `${L}至少 ${String(c[0])} 个字符`),
  length: (L, c) => `${L}的长度应在 ${String(c[0])} 到 ${String(c[1])} 个字符之间`,
  max: (L, c) => `${L}不能大于 ${String(c[0])}`,
  min: (L, c) => `${L}不能小于 ${String(c[0])}`,
  isPositive: (L) => `${L}应为正数`,
  arrayMaxSize: (L, c) => `${L}最多 ${String(c[0])} 项`,
  arrayMinSize: (L, c) => `${L}至少 ${String(c[0])} 项`,
  arrayNotEmpty: (L) => `${L}不能为空`,
  arrayUnique: (L) => `${L}不能有重复项`,
  isNotEmpty: (L) => `${L}不能为空`,
  isDefined: (L) => `${L}必须填写`,
  matches: (L) => `${L}的格式不正确`,
  isEmail: (L) => `${L}应为有效的电子邮箱`,
  isDateString: (L) => `${L}应为有效日期，写作 2026-11-18`,
  isIso8601: (L) => `${L}应为有效日期，写作 2026-11-18`,
  whitelistValidation: (L) => `${L}不是可提交的字段`,
};

const metadataOfClass = new WeakMap<object, ValidationMetadata[]>();

function constraintsOf(target: object | undefined, property: string, name: string): ValidationMetadata | undefined {
  if (!target) return undefined;
  const type = target.constructor;
  let metadata = metadataOfClass.get(type);
  if (!metadata) {
    metadata = getMetadataStorage().getTargetValidationMetadatas(type, '', true, false);
    metadataOfClass.set(type, metadata);
  }
  return metadata.find((meta) => meta.propertyName === property && (meta.name ?? meta.type) === name);
}

/** One constraint's message in Chinese: the DTO's own when it is Chinese, else the table's. */
export function chineseMessage(error: ValidationError, name: string, message: string): string {
  const target = error.target;
  const label = fieldLabel(target, error.property);
  if (message.includes('{label}')) return message.split('{label}').join(label);
  if (CJK.test(message) && !ENGLISH.test(message)) return message;
  const meta = constraintsOf(target, error.property, name);
  const subject = meta?.each ? `${label}的每一项` : label;
  const write = MESSAGES[name];
  // a sentence that needs the constraint's arguments is only written when they were found
  return write && (write.length < 2 || meta) ? write(subject, meta?.constraints ?? []) : `${subject}不符合要求`;
}

/** Each field with its failed constraints; the messages are written later, only for the fields shown. */
function flatten(errors: ValidationError[], parent = '', out: { field: string; error: ValidationError }[] = []) {
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) out.push({ field, error });
    if (error.children?.length) flatten(error.children, field, out);
  }
  return out;
}

function describe(errors: ValidationError[]): ValidationException {
  const failed = flatten(errors);
  const details = failed.slice(0, MAX_DETAILS).map(({ field, error }) => ({
    field,
    problems: Object.entries(error.constraints ?? {}).map(([name, text]) => chineseMessage(error, name, text)),
  }));
  return validationFailure(details, failed.length);
}

/** The one 400 of the validation pipe: a Chinese summary and at most MAX_DETAILS fields. */
export function validationFailure(details: FieldProblem[], total = details.length): ValidationException {
  const shown = details.slice(0, MAX_DETAILS);
  const summary = shown
    .slice(0, 3)
    .map((d) => d.problems[0])
    .join('；');
  const more = total > shown.length ? `（共 ${total} 处，仅列出前 ${shown.length} 处）` : '';
  return new ValidationException(`请求参数有误：${summary}${more}`, shown);
}

/** Fields sent as null that do not say null clears them (OpenAPI `nullable: true`), deepest objects included. */
function nullFields(value: unknown, parent = ''): FieldProblem[] {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return [];
  const problems: FieldProblem[] = [];
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const field = Array.isArray(value) ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key;
    if (item === null) {
      if (Array.isArray(value) || !allowsNull(value, key)) {
        const label = Array.isArray(value) ? `${field} ` : fieldLabel(value, key);
        problems.push({ field, problems: [`${label}不能为 null（不修改请不传此字段）`] });
      }
    } else if (typeof item === 'object') {
      problems.push(...nullFields(item, field));
    }
  }
  return problems;
}

/**
 * Unknown fields, wrong types, out-of-range values and null where nothing says null clears a field all end here
 * as one 400 in Chinese, listing the fields. Before class-transformer runs, the data's size, depth and text are
 * checked (input-limits.ts), and numeric text typed in full-width digits is written in ASCII.
 */
class RequestValidationPipe extends ValidationPipe {
  private readonly log = new Logger('Validation');

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const problem = inputProblem(value);
      if (problem) {
        throw new ValidationException(problem.message, [{ field: problem.field, problems: [problem.message] }]);
      }
      value = normalizeNumericInput(value);
    }
    let result: unknown;
    try {
      result = await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof DomainException || error instanceof HttpException) throw error;
      // a shape the decorators do not expect can make class-transformer or class-validator throw: still the client's
      this.log.warn({ err: error }, 'validation threw on a request');
      throw new ValidationException('请求内容的结构不正确', [
        { field: '', problems: ['请求内容的结构与接口要求不符'] },
      ]);
    }
    if (metadata.type === 'body') {
      const nulls = nullFields(result);
      if (nulls.length > 0) throw validationFailure(nulls);
    }
    return result;
  }
}

export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    // the target lets a message name the field by its label; neither target nor value reaches the answer
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => describe(errors),
  });
}
