/** Integer parameter ranges, refused with SQS's wording for each parameter. */
import { invalidParameterValue } from './errors.js';

/**
 * Throws InvalidParameterValue unless `minimum <= value <= maximum`. `reason` defaults to the
 * wording SQS uses for ReceiveMessage's parameters.
 */
export function validateRange(
  name: string,
  value: number | undefined,
  minimum: number,
  maximum: number,
  reason = `Must be >= ${minimum} and <= ${maximum}, if provided.`,
): void {
  if (value === undefined) return;
  if (value < minimum || value > maximum) throw invalidParameterValue(name, value, reason);
}
