// REST clients send text: path segments, query strings and form fields are strings, and a repeated form field is
// the way to send a list. Procedures take typed input (docs/api.md#trpc), so before a REST request reaches one its
// strings become the numbers and booleans the input schema asks for. Derived once per operation from the schema's
// top-level fields; what cannot be converted is passed on unchanged for the schema to refuse.
import type { ZodType } from 'zod';

type Convert = (value: unknown) => unknown;

export function wireInputOf(schema: ZodType | undefined): (raw: Record<string, unknown>) => unknown {
  const shape = objectShapeOf(schema);
  if (!shape) return (raw) => (isVoid(schema) ? undefined : raw);
  const converters = Object.entries(shape).flatMap(([field, fieldSchema]) => {
    const convert = converterFor(fieldSchema);
    return convert ? [[field, convert] as const] : [];
  });
  return (raw) => {
    const input: Record<string, unknown> = { ...raw };
    for (const [field, convert] of converters) {
      if (input[field] !== undefined) input[field] = convert(input[field]);
    }
    return input;
  };
}

/** Whether the schema is an object with this top-level field. */
export const hasField = (schema: ZodType | undefined, field: string) =>
  Object.hasOwn(objectShapeOf(schema) ?? {}, field);

function converterFor(schema: ZodType): Convert | undefined {
  const type = typeOf(unwrap(schema));
  if (type === 'number') return toNumber;
  if (type === 'boolean') return toBoolean;
  // Django's CharField takes a number too: `"code": 1234` from a JSON client means "1234".
  if (type === 'string') return (value) => (typeof value === 'number' ? String(value) : value);
  if (type === 'array') {
    const element = converterFor(definitionOf(unwrap(schema)).element as ZodType);
    return (value) => {
      const list = Array.isArray(value) ? value : [value];
      return element ? list.map(element) : list;
    };
  }
  return undefined;
}

const toNumber: Convert = (value) =>
  typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;

const toBoolean: Convert = (value) => {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
};

type Definition = { type: string; innerType?: ZodType; shape?: Record<string, ZodType>; element?: unknown };

const definitionOf = (schema: ZodType) => (schema as unknown as { _zod: { def: Definition } })._zod.def;
const typeOf = (schema: ZodType) => definitionOf(schema).type;

function unwrap(schema: ZodType): ZodType {
  const definition = definitionOf(schema);
  const wrappers = ['optional', 'nullable', 'default', 'prefault', 'readonly'];
  return wrappers.includes(definition.type) && definition.innerType ? unwrap(definition.innerType) : schema;
}

function objectShapeOf(schema: ZodType | undefined): Record<string, ZodType> | undefined {
  if (!schema) return undefined;
  const definition = definitionOf(unwrap(schema));
  return definition.type === 'object' ? definition.shape : undefined;
}

const isVoid = (schema: ZodType | undefined) => !schema || ['void', 'undefined'].includes(typeOf(schema));
