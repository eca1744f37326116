/**
 * Nominal typing for values that share a runtime representation but must never be mixed:
 * a log offset is not an epoch, even though both are numbers.
 */
declare const brand: unique symbol;
export type Brand<Value, Name extends string> = Value & { readonly [brand]: Name };

/**
 * A readonly shape made writable, for building a value whose optional fields are set one by one
 * (only when present) before it is handed on as the readonly type.
 */
export type Writable<Value> = { -readonly [Key in keyof Value]: Value[Key] };
