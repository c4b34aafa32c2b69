// fast-check arbitraries for hostile request inputs, and their encodings as JSON text, forms and URL parts.
// Objects are kept as lists of entries and serialized by hand, so `__proto__` reaches the server as a real key
// (a JavaScript object literal would turn it into a prototype instead).
import fc from 'fast-check';

export type Hostile = null | boolean | number | string | Hostile[] | HostileObject | RawJson;
export interface HostileObject {
  kind: 'object';
  entries: [string, Hostile][];
}
/** JSON text sent as is (deep nesting); encoded as a plain string where JSON does not apply. */
export interface RawJson {
  kind: 'raw';
  text: string;
}

const deeplyNested = (depth: number): RawJson => ({
  kind: 'raw',
  text: `${'['.repeat(depth)}${']'.repeat(depth)}`,
});

/** Strings that broke parsers, validators, databases and file systems before; the big ones exceed body limits. */
const NASTY_STRINGS = [
  '',
  ' ',
  '\t\r\n',
  '\u0000',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-1',
  '0',
  ' 7 ',
  '007',
  '1e309',
  '0x1F',
  '9007199254740993',
  '１２３４５６',
  '٤٥٦٧',
  '\u202Eevil\u202C',
  '\u200B\uFEFF',
  'Z\u0351\u0358\u0344a\u0336l\u0334g\u0337o',
  '👨‍👩‍👧‍👦'.repeat(20),
  '𝕳𝖊𝖑𝖑𝖔',
  '\uD800',
  'a\uDFFFb',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%00%2e%2e%2f',
  `\${7*7}{{7*7}}`,
  '<script>alert(1)</script>',
  "' OR '1'='1' --",
  '{"$gt": ""}',
  'this.password.match(/.*/)',
  '$where',
  '__proto__',
  'constructor.prototype',
  'a'.repeat(64),
  'a'.repeat(65),
  '一'.repeat(65),
  'x'.repeat(5_000),
  'y'.repeat(120_000),
  '😀'.repeat(30_000),
];

/** Keys a server might treat specially: prototype members, operators, stored fields a client must not set. */
const NASTY_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '$where',
  '$gt',
  '$set',
  '_id',
  'id',
  'ownerId',
  'status',
  'level',
  'passwordHash',
  'imToken',
  'username',
  'password',
  'userid',
  'code',
  'name',
  'nick',
  'avatar',
  'cover',
  'token',
  'a.b',
  'a[b]',
  '',
  ' ',
];

const MONGO_OPERATORS = [
  '$ne',
  '$gt',
  '$gte',
  '$lt',
  '$regex',
  '$where',
  '$in',
  '$nin',
  '$exists',
  '$expr',
  '$function',
  '$or',
  '$type',
  '$elemMatch',
];

export const hostileString = (maxLength = 80): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...NASTY_STRINGS),
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
    fc.string({ unit: 'binary-ascii', maxLength }),
  );

/** Strings short enough for a URL or a header, so what is tested is the value and not Node's header limit. */
export const hostileShortString = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...NASTY_STRINGS.filter((value) => value.length <= 200)),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
  );

export const hostileNumber = (): fc.Arbitrary<number> =>
  fc.oneof(
    fc.integer(),
    fc.double(),
    fc.constantFrom(0, -0, -1, 1.5, 2 ** 31, 2 ** 53, 2 ** 53 + 2, 1e308, -1e308, 5e-324, Number.MAX_VALUE),
  );

export const hostileKey = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...NASTY_KEYS),
    fc.string({ maxLength: 20 }),
    fc.string({ unit: 'binary', maxLength: 8 }),
  );

/** Values that pass validation now and then (small ids, digit codes, phone numbers), so that fuzzing also reaches
 * the checks behind it: membership, ownership, code comparison, throttling. */
export const plausibleValue = (): fc.Arbitrary<string | number> =>
  fc.oneof(
    fc.integer({ min: 1, max: 6 }),
    fc.stringMatching(/^\d{4,8}$/),
    fc.constantFrom('1', '2', ' 3 ', '13900000001', 'correct horse', 'a fine name', 'true', 'false'),
  );

const leaf = (): fc.Arbitrary<Hostile> =>
  fc.oneof(hostileString(), hostileNumber(), plausibleValue(), fc.boolean(), fc.constant(null));

const mongoOperator = (): fc.Arbitrary<HostileObject> =>
  fc
    .tuple(fc.constantFrom(...MONGO_OPERATORS), leaf())
    .map(([operator, value]) => ({ kind: 'object', entries: [[operator, value]] }));

/** Any JSON value, skewed to what hurts: odd strings and numbers, operators, prototype keys, deep nesting. */
export const hostileValue = (): fc.Arbitrary<Hostile> =>
  fc.letrec<{ value: Hostile; object: HostileObject }>((tie) => ({
    value: fc.oneof(
      { maxDepth: 3, depthSize: 'small' },
      leaf(),
      leaf(),
      mongoOperator(),
      fc.constant(deeplyNested(5_000)),
      fc.array(tie('value'), { maxLength: 4 }),
      tie('object'),
    ),
    object: fc
      .array(fc.tuple(hostileKey(), tie('value')), { maxLength: 4 })
      .map((entries) => ({ kind: 'object' as const, entries })),
  })).value;

/** A request body: mostly an object naming the operation's own fields (so validation is reached), sometimes not. */
export const hostileBody = (fields: readonly string[]): fc.Arbitrary<Hostile> => {
  const key = fields.length > 0 ? fc.oneof(fc.constantFrom(...fields), hostileKey()) : hostileKey();
  return fc.oneof({ weight: 8, arbitrary: hostileObjectOf(key) }, { weight: 1, arbitrary: hostileValue() });
};

const hostileObjectOf = (key: fc.Arbitrary<string>): fc.Arbitrary<HostileObject> =>
  fc
    .array(fc.tuple(key, hostileValue()), { maxLength: 6 })
    .map((entries) => ({ kind: 'object' as const, entries }));

const isObject = (value: Hostile): value is HostileObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && value.kind === 'object';
const isRaw = (value: Hostile): value is RawJson =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && value.kind === 'raw';

export function toJsonText(value: Hostile): string {
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (isRaw(value)) return value.text;
  if (isObject(value)) {
    return `{${value.entries.map(([key, item]) => `${JSON.stringify(key)}:${toJsonText(item)}`).join(',')}}`;
  }
  // NaN and the infinities have no JSON form; JSON.stringify writes null, as a client library would.
  return JSON.stringify(value);
}

/** How a value reads as one form field or URL part. */
export function toText(value: Hostile): string {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object') return String(value);
  return toJsonText(value);
}

/** Form fields, the way HTML forms and PHP-style clients nest: repeated keys for arrays, `key[sub]` for objects. */
export function toFormPairs(body: Hostile): [string, string][] {
  if (!isObject(body)) return [['value', toText(body)]];
  return body.entries.flatMap(([key, value]): [string, string][] => {
    if (Array.isArray(value)) return value.map((item) => [key, toText(item)]);
    if (isObject(value)) return value.entries.map(([sub, item]) => [`${key}[${sub}]`, toText(item)]);
    return [[key, toText(value)]];
  });
}

/** A lone surrogate has no UTF-8 form: encodeURIComponent throws on it, so it travels as U+FFFD, as browsers do. */
export const toWellFormed = (text: string) =>
  text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

export const encodePathSegment = (value: Hostile) => encodeURIComponent(toWellFormed(toText(value)));
