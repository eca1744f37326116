/**
 * Number message attributes: a decimal number (optional sign, digits, optional fraction and
 * exponent) of at most 38 significant digits, from 10^-128 to 10^126 in magnitude (or zero).
 * Checked on the digits, never through a float, so no value is misjudged by rounding.
 */
import { sqsLimits } from '@sluice/core';

interface Scan {
  index: number;
  /** Digits from the first non-zero digit on, fraction included. */
  significantDigits: number;
  /** Digits after the first non-zero digit are all zero so far. */
  restIsZero: boolean;
  /** Decimal exponent of the first non-zero digit, before the written exponent is applied. */
  leadingExponent: number;
  sawDigit: boolean;
}

export function isValidNumberAttribute(text: string): boolean {
  const scan: Scan = {
    index: text.startsWith('-') || text.startsWith('+') ? 1 : 0,
    significantDigits: 0,
    restIsZero: true,
    leadingExponent: 0,
    sawDigit: false,
  };
  scanDigits(text, scan, true);
  if (text.charCodeAt(scan.index) === 0x2e) {
    scan.index += 1;
    scanDigits(text, scan, false);
  }
  if (!scan.sawDigit) return false;
  let writtenExponent = 0;
  const marker = text.charCodeAt(scan.index);
  if (marker === 0x65 || marker === 0x45) {
    const exponent = scanExponent(text, scan.index + 1);
    if (exponent === undefined) return false;
    writtenExponent = exponent.value;
    scan.index = exponent.end;
  }
  if (scan.index !== text.length) return false;
  if (scan.significantDigits > sqsLimits.numberAttributeDigitsMax) return false;
  if (scan.significantDigits === 0) return true;
  return isMagnitudeInRange(scan.leadingExponent + writtenExponent, scan.restIsZero);
}

/** Scans the integer or the fraction digits, tracking significant digits and magnitude. */
function scanDigits(text: string, scan: Scan, isInteger: boolean): void {
  let count = 0;
  for (; scan.index < text.length; scan.index++) {
    const code = text.charCodeAt(scan.index);
    if (code < 0x30 || code > 0x39) break;
    count += 1;
    scan.sawDigit = true;
    if (scan.significantDigits === 0 && code === 0x30) continue;
    if (scan.significantDigits === 0) {
      // The first non-zero digit sets the magnitude: 123 -> 10^2, 0.05 -> 10^-2.
      scan.leadingExponent = isInteger ? 0 : -count;
    } else if (code !== 0x30) {
      scan.restIsZero = false;
    }
    scan.significantDigits += 1;
  }
  if (isInteger && scan.significantDigits > 0) scan.leadingExponent = scan.significantDigits - 1;
}

function scanExponent(text: string, start: number): { value: number; end: number } | undefined {
  let index = start;
  const sign = text.charCodeAt(index);
  const negative = sign === 0x2d;
  if (negative || sign === 0x2b) index += 1;
  const digitsStart = index;
  let value = 0;
  for (; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x30 || code > 0x39) break;
    // Saturate: any exponent this large is out of range whatever the digits.
    value = Math.min(value * 10 + (code - 0x30), 1_000_000);
  }
  if (index === digitsStart) return undefined;
  return { value: negative ? -value : value, end: index };
}

function isMagnitudeInRange(exponent: number, restIsZero: boolean): boolean {
  if (exponent < sqsLimits.numberAttributeExponentMin) return false;
  if (exponent < sqsLimits.numberAttributeExponentMax) return true;
  return exponent === sqsLimits.numberAttributeExponentMax && restIsZero;
}
