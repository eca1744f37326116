/**
 * Nominal typing for values that share a runtime representation but must never be mixed:
 * a log offset is not an epoch, even though both are numbers.
 */
declare const brand: unique symbol;
export type Brand<Value, Name extends string> = Value & { readonly [brand]: Name };
