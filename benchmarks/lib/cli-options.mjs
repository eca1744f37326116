// Command-line option values shared by the benchmark scripts.

/** The option's text as a positive integer, or undefined when it is not one ('x', '0', '1.5'). */
export function positiveIntegerOf(text) {
  const value = Number(text);
  return Number.isInteger(value) && value >= 1 ? value : undefined;
}
