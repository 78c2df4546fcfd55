/**
 * JSON that is safe inside an HTML `<script>` element: `<`, U+2028 and U+2029 are written as `\u` escapes, so
 * no string in the data can close the element or end a line in older JavaScript engines.
 *
 * @param value - any JSON-serialisable value.
 * @example
 * scriptJson({ title: '</script>' }); // '{"title":"\\u003c/script>"}'
 */
export function scriptJson(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new Error(`scriptJson: value is not JSON-serialisable (${typeof value})`);
  return json
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
