// application/x-www-form-urlencoded bodies; lists are repeated keys, never `key[]` or comma-joined (§1.5).

export type FormField = readonly [key: string, value: string];

export function encodeForm(fields: readonly FormField[]): string {
  const params = new URLSearchParams();
  for (const [key, value] of fields) params.append(key, value);
  return params.toString();
}

export function repeatField(key: string, values: readonly string[]): FormField[] {
  return values.map((value) => [key, value] as const);
}
