/**
 * A small runtime description of the SQS model's shapes: enough to read a request in either wire
 * protocol and to write a response in either. One description per action serves both protocols,
 * so JSON and Query cannot drift apart.
 *
 * Every SQS list and map is "flattened" on the Query protocol: its elements repeat under one name
 * (`AttributeName.1`, `Attribute.1.Name`, `<Message>` ... `<Message>`). A member's `wireName` is
 * that name (the model's locationName), which often differs from the JSON member name.
 */

export type Shape =
  | { readonly kind: 'string' }
  | { readonly kind: 'integer' }
  | { readonly kind: 'long' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'blob' }
  | { readonly kind: 'list'; readonly member: Shape }
  | {
      readonly kind: 'map';
      readonly value: Shape;
      /** Query/XML names of the key and value inside each entry. */
      readonly keyName: string;
      readonly valueName: string;
    }
  | { readonly kind: 'structure'; readonly members: readonly Member[] };

export interface Member {
  /** The JSON protocol name (and canonical input/output property). */
  readonly name: string;
  /** The Query parameter / XML element name. */
  readonly wireName: string;
  readonly shape: Shape;
  readonly required: boolean;
}

export type StructureShape = Extract<Shape, { kind: 'structure' }>;

export const stringShape: Shape = { kind: 'string' };
export const integerShape: Shape = { kind: 'integer' };
export const longShape: Shape = { kind: 'long' };
export const booleanShape: Shape = { kind: 'boolean' };
export const blobShape: Shape = { kind: 'blob' };

export function listOf(member: Shape): Shape {
  return { kind: 'list', member };
}

export function mapOf(value: Shape, keyName = 'Name', valueName = 'Value'): Shape {
  return { kind: 'map', value, keyName, valueName };
}

export function structure(members: readonly Member[]): StructureShape {
  return { kind: 'structure', members };
}

interface MemberOptions {
  readonly required?: boolean;
  readonly wireName?: string;
}

export function member(name: string, shape: Shape, options: MemberOptions = {}): Member {
  return {
    name,
    wireName: options.wireName ?? name,
    shape,
    required: options.required ?? false,
  };
}

export function required(name: string, shape: Shape, wireName?: string): Member {
  return member(
    name,
    shape,
    wireName === undefined ? { required: true } : { required: true, wireName },
  );
}
