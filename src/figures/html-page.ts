/**
 * Escapes the five HTML special characters so text can go into element content or a quoted attribute.
 *
 * @param text - any text.
 * @example
 * escapeHtml('a < b & "c"'); // 'a &lt; b &amp; &quot;c&quot;'
 */
export function escapeHtml(text: string): string {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Parts of a standalone HTML page. */
export interface HtmlPageParts {
  /** Page title (escaped here). */
  title: string;
  /** CSS rules, placed in the head's `<style>` element. */
  style: string;
  /** Extra head elements (already HTML), e.g. a `<script src>`. Default none. */
  head?: string;
  /** Body content (already HTML). */
  body: string;
}

/**
 * The skeleton every page of the kit shares: doctype, UTF-8, viewport, escaped title, one style block, optional
 * head elements and the body. Output is deterministic (snapshot-friendly).
 * @example
 * htmlPage({ title: 'Figures', style: 'body { margin: 0; }', body: '<p>hi</p>' });
 */
export function htmlPage(parts: HtmlPageParts): string {
  const head = parts.head === undefined || parts.head === '' ? '' : `${parts.head}\n`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(parts.title)}</title>
<style>
${parts.style}
</style>
${head}</head>
<body>
${parts.body}
</body>
</html>
`;
}
