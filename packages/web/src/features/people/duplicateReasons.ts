/** Why the server thinks two people may be the same one, in the reader's language. */
export function reasonLabels(t: (key: string) => string, reasons: readonly string[]): string[] {
  return reasons.map((r) => t(`duplicateReason.${r}`));
}
