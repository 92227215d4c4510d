/**
 * Limits a request's data must keep before class-transformer and class-validator see it: they walk the data
 * recursively (10,000 nested brackets overflow the stack) and answer one message per unknown key (100,000 keys
 * make megabytes of errors). The walk here is iterative and stops at the first problem.
 */
export const INPUT_LIMITS = {
  /** Nesting of objects and arrays; the deepest request (a stage change's gate) needs 3. */
  depth: 10,
  /** Keys of one object; the widest request has about 20 fields. */
  keysPerObject: 100,
  /** Keys and array items in all; a year's targets for 2,000 bureaus hold about 16,000. */
  nodes: 20_000,
};

export interface InputProblem {
  field: string;
  message: string;
}

/** NUL (PostgreSQL's text cannot hold it) and UTF-16 halves without their pair (no character at all). */
const NUL = '\u0000';
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function isPlainContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  if (Array.isArray(value)) return true;
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function stringProblem(text: string): string | null {
  if (text.includes(NUL)) return '不能包含空字符（\\u0000）';
  if (LONE_SURROGATE.test(text)) return '包含无效的 Unicode 字符（不成对的代理项）';
  return null;
}

function fieldName(path: string, key: string | number): string {
  const name = typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;
  return name.length > 80 ? `${name.slice(0, 80)}…` : name;
}

/** The first way the data breaks a limit, or null. Strings, keys and values alike are checked. */
export function inputProblem(data: unknown): InputProblem | null {
  if (typeof data === 'string') {
    const problem = stringProblem(data);
    return problem ? { field: '', message: `请求内容${problem}` } : null;
  }
  if (!isPlainContainer(data)) return null;
  const stack: { value: Record<string, unknown> | unknown[]; path: string; depth: number }[] = [
    { value: data, path: '', depth: 1 },
  ];
  let nodes = 0;
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop() as (typeof stack)[number];
    if (depth > INPUT_LIMITS.depth) {
      return { field: path, message: `请求内容嵌套过深（最多 ${INPUT_LIMITS.depth} 层）` };
    }
    const entries: [string | number, unknown][] = Array.isArray(value)
      ? value.map((item, index) => [index, item])
      : Object.keys(value).map((key) => [key, (value as Record<string, unknown>)[key]]);
    if (!Array.isArray(value) && entries.length > INPUT_LIMITS.keysPerObject) {
      return { field: path, message: `请求内容的字段过多（每个对象最多 ${INPUT_LIMITS.keysPerObject} 个）` };
    }
    nodes += entries.length;
    if (nodes > INPUT_LIMITS.nodes) {
      return { field: path, message: `请求内容过于庞大（最多 ${INPUT_LIMITS.nodes} 个字段和数组元素）` };
    }
    for (const [key, item] of entries) {
      const field = fieldName(path, key);
      if (typeof key === 'string') {
        const problem = stringProblem(key);
        if (problem) {
          const shown = fieldName(path, key.replaceAll(NUL, '?').replace(/[\ud800-\udfff]/g, '?'));
          return { field: shown, message: `字段名 ${shown} ${problem}` };
        }
      }
      if (typeof item === 'string') {
        const problem = stringProblem(item);
        if (problem) return { field, message: `${field} ${problem}` };
      } else if (Array.isArray(value) && Array.isArray(item)) {
        // no request nests lists; a list inside one passes @ValidateNested({ each: true }) unchecked
        return { field, message: `${field} 应为对象或值，数组中不能再嵌套数组` };
      } else if (isPlainContainer(item)) {
        stack.push({ value: item, path: field, depth: depth + 1 });
      }
    }
  }
  return null;
}

const FULL_WIDTH_NUMERIC = /^[0-9０-９\-－.．:：/／+＋]+$/;
const FULL_WIDTH_DIGIT = /[０-９－．：／＋]/g;

/**
 * Text that is only digits and date or number signs, some of them full-width (what a Chinese input method types,
 * "２０２６－１１－１８"), written in ASCII; any other text is left as it is.
 */
export function normalizeNumericText(text: string): string {
  if (!FULL_WIDTH_NUMERIC.test(text) || !/[０-９]/.test(text)) return text;
  return text.replace(FULL_WIDTH_DIGIT, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0));
}

/** The data with every numeric text normalised (see normalizeNumericText); containers are changed in place. */
export function normalizeNumericInput<T>(data: T): T {
  if (typeof data === 'string') return normalizeNumericText(data) as T;
  if (!isPlainContainer(data)) return data;
  const stack: (Record<string, unknown> | unknown[])[] = [data];
  while (stack.length > 0) {
    const value = stack.pop() as Record<string, unknown>;
    for (const key of Object.keys(value)) {
      const item = value[key];
      if (typeof item === 'string') value[key] = normalizeNumericText(item);
      else if (isPlainContainer(item)) stack.push(item);
    }
  }
  return data;
}
