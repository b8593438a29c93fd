// The type names a cast may use (`[int]$x`, `[datetime]'…'`, a parameter's type): the parser rejects any other
// name, the runtime's castTo converts to each of them (runtime/values.ts).
export const CAST_TYPES = [
  'int',
  'long',
  'double',
  'decimal',
  'string',
  'bool',
  'boolean',
  'datetime',
  'array',
  'switch',
  'void',
  'hashtable',
] as const;

export type CastType = (typeof CAST_TYPES)[number];
