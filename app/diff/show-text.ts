/** Renders diff text for an error message: JSON-quoted (so control characters are visible) and clipped. */
export function showText(text: string, max = 120): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}
