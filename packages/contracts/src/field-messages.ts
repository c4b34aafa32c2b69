// Django REST Framework's field messages in place of zod's, for both transports: the error map below is zod's
// global customError, so every contract schema reports what DRF would have said, in its English; the envelope
// gives a caller who prefers Chinese DRF's own zh-hans translation of the same message (localizeFieldMessage).
// A schema's own `error` still wins (zod asks it first), as do the custom issues naming a MESSAGES key.
import { type core, z } from 'zod';

/** DRF's texts (rest_framework/fields.py, serializers.py) and their zh-hans translations, `{name}` for a value. */
export const FIELD_MESSAGES = {
  required: { en: 'This field is required.', zh: '该字段是必填项。' },
  null: { en: 'This field may not be null.', zh: '该字段不能为 null。' },
  blank: { en: 'This field may not be blank.', zh: '该字段不能为空。' },
  invalid_string: { en: 'Not a valid string.', zh: '不是有效的字符串。' },
  max_length: {
    en: 'Ensure this field has no more than {max_length} characters.',
    zh: '请确保这个字段不能超过 {max_length} 个字符。',
  },
  min_length: {
    en: 'Ensure this field has at least {min_length} characters.',
    zh: '请确保这个字段至少包含 {min_length} 个字符。',
  },
  invalid_integer: { en: 'A valid integer is required.', zh: '请填写合法的整数值。' },
  invalid_number: { en: 'A valid number is required.', zh: '请填写合法的数字。' },
  max_value: {
    en: 'Ensure this value is less than or equal to {max_value}.',
    zh: '请确保该值小于或者等于 {max_value}。',
  },
  min_value: {
    en: 'Ensure this value is greater than or equal to {min_value}.',
    zh: '请确保该值大于或者等于 {min_value}。',
  },
  invalid_boolean: { en: 'Must be a valid boolean.', zh: '必须是有效的布尔值。' },
  invalid_choice: { en: '"{input}" is not a valid choice.', zh: '“{input}” 不是合法选项。' },
  not_a_list: {
    en: 'Expected a list of items but got type "{input_type}".',
    zh: '期望为一个包含物件的列表，得到的类型是“{input_type}”。',
  },
  empty_list: { en: 'This list may not be empty.', zh: '列表不能为空。' },
  min_items: {
    en: 'Ensure this field has at least {min_length} elements.',
    zh: '该字段必须包含至少 {min_length} 个元素。',
  },
  max_items: {
    en: 'Ensure this field has no more than {max_length} elements.',
    zh: '该字段不能超过 {max_length} 个元素。',
  },
  not_a_dict: {
    en: 'Expected a dictionary of items but got type "{input_type}".',
    zh: '期望是包含类目的字典，得到类型为 “{input_type}”。',
  },
  invalid_data: {
    en: 'Invalid data. Expected a dictionary, but got {datatype}.',
    zh: '无效数据。期待为字典类型，得到的是 {datatype} 。',
  },
  invalid_pattern: { en: 'This value does not match the required pattern.', zh: '输入值不匹配要求的模式。' },
  invalid_url: { en: 'Enter a valid URL.', zh: '请输入合法的URL。' },
  invalid_email: { en: 'Enter a valid email address.', zh: '请输入合法的邮件地址。' },
} as const satisfies Record<string, { en: string; zh: string }>;

export type FieldMessageKey = keyof typeof FIELD_MESSAGES;
type Locale = 'zh' | 'en';

// A choice is echoed as DRF does, but never more of it than this: the answer stays small whatever was sent.
const MAX_ECHOED_INPUT = 64;

const render = (key: FieldMessageKey, params: Record<string, string | number>, locale: Locale) =>
  FIELD_MESSAGES[key][locale].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));

/** Python's name for the type of a JSON value, as DRF writes it in "got type ...". */
function pythonType(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  return 'dict';
}

function echoed(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > MAX_ECHOED_INPUT ? `${text.slice(0, MAX_ECHOED_INPUT)}…` : text;
}

type Checked = { _zod?: { def?: { checks?: { _zod?: { def?: { format?: string } } }[] } } };
const isInteger = (schema: unknown) =>
  ((schema as Checked | undefined)?._zod?.def?.checks ?? []).some((check) =>
    ['safeint', 'int32', 'uint32', 'int64', 'uint64'].includes(check._zod?.def?.format ?? ''),
  );

/** DRF's message for a zod issue as it is raised (with its input), or undefined to keep zod's. */
export function drfFieldMessage(
  issue: core.$ZodRawIssue,
): { key: FieldMessageKey; params: Record<string, string | number> } | undefined {
  const none = {};
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined && (issue.path?.length ?? 0) > 0)
        return { key: 'required', params: none };
      if (issue.input === null && (issue.path?.length ?? 0) > 0) return { key: 'null', params: none };
      switch (issue.expected) {
        case 'string':
          return { key: 'invalid_string', params: none };
        case 'int':
          return { key: 'invalid_integer', params: none };
        case 'number':
          return { key: isInteger(issue.inst) ? 'invalid_integer' : 'invalid_number', params: none };
        case 'boolean':
          return { key: 'invalid_boolean', params: none };
        case 'array':
          return { key: 'not_a_list', params: { input_type: pythonType(issue.input) } };
        case 'object':
          return (issue.path?.length ?? 0) === 0
            ? { key: 'invalid_data', params: { datatype: pythonType(issue.input) } }
            : { key: 'not_a_dict', params: { input_type: pythonType(issue.input) } };
        default:
          return undefined;
      }
    }
    case 'too_small': {
      const minimum = Number(issue.minimum);
      if (issue.origin === 'string')
        return issue.input === ''
          ? { key: 'blank', params: none }
          : { key: 'min_length', params: { min_length: minimum } };
      if (issue.origin === 'array' || issue.origin === 'set')
        return minimum <= 1 && issue.input !== undefined && (issue.input as unknown[]).length === 0
          ? { key: 'empty_list', params: none }
          : { key: 'min_items', params: { min_length: minimum } };
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint')
        // zod's positive() is "> 0"; for the integers we take, DRF's min_value is 1.
        return { key: 'min_value', params: { min_value: issue.inclusive ? minimum : minimum + 1 } };
      return undefined;
    }
    case 'too_big': {
      const maximum = Number(issue.maximum);
      if (issue.origin === 'string') return { key: 'max_length', params: { max_length: maximum } };
      if (issue.origin === 'array' || issue.origin === 'set')
        return { key: 'max_items', params: { max_length: maximum } };
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint')
        return { key: 'max_value', params: { max_value: issue.inclusive ? maximum : maximum - 1 } };
      return undefined;
    }
    case 'invalid_value':
      return { key: 'invalid_choice', params: { input: echoed(issue.input) } };
    case 'invalid_format':
      if (issue.format === 'regex') return { key: 'invalid_pattern', params: none };
      if (issue.format === 'url') return { key: 'invalid_url', params: none };
      if (issue.format === 'email') return { key: 'invalid_email', params: none };
      return undefined;
    default:
      return undefined;
  }
}

// The English text the issue carries; undefined leaves zod's own (its locale error) in place.
z.config({
  customError: (issue) => {
    const message = drfFieldMessage(issue);
    return message ? render(message.key, message.params, 'en') : undefined;
  },
});

// Each English text read back into its key and values, to write the same message in Chinese.
const READERS = (Object.keys(FIELD_MESSAGES) as FieldMessageKey[]).map((key) => {
  const names: string[] = [];
  const pattern = FIELD_MESSAGES[key].en
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (!name) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(name);
      return '([\\s\\S]*)';
    })
    .join('');
  return { key, names, pattern: new RegExp(`^${pattern}$`) };
});

/** The issue's DRF message in `locale`; undefined when the message is not one of DRF's. */
export function localizeFieldMessage(message: string, locale: Locale): string | undefined {
  for (const { key, names, pattern } of READERS) {
    const match = pattern.exec(message);
    if (!match) continue;
    if (locale === 'en') return message;
    return render(key, Object.fromEntries(names.map((name, i) => [name, match[i + 1] ?? ''])), locale);
  }
  return undefined;
}
