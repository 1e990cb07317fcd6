/** Required fields left empty, each with the (translated) message; the server checks everything else. */
export function missingRequired(values: Record<string, unknown>, fields: readonly string[], message: string): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const value = values[field];
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) errors[field] = message;
  }
  return errors;
}
