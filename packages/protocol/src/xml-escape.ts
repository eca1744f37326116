/**
 * Escapes text for an XML element. Beyond `&`, `<` and `>`, SQS escapes `"` as `&quot;` and
 * `\r` as `&#13;`: a literal carriage return would be normalized away by every XML parser, and
 * SQS bodies may contain one. Characters XML 1.0 cannot carry at all (other controls, U+FFFE,
 * U+FFFF, lone surrogates) can only appear in text we did not validate, such as an error message
 * quoting a bad parameter; they become U+FFFD so the document stays well-formed.
 */
/**
 * Anything that may need escaping. V8's regex scan is several times faster than a charCodeAt loop,
 * so text that needs nothing (most of it) is returned after one scan.
 */
// eslint-disable-next-line no-control-regex
const mayNeedEscaping = /[\u0000-\u0008\u000b-\u001f&<>"\ud800-\udfff\ufffe\uffff]/;

export function escapeXml(text: string): string {
  if (!mayNeedEscaping.test(text)) return text;
  let result = '';
  let copiedUpTo = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    let replacement: string | undefined;
    if (code < 0x20) {
      replacement = code === 0x9 || code === 0xa ? undefined : code === 0xd ? '&#13;' : '\ufffd';
    } else if (code === 0x26) {
      replacement = '&amp;';
    } else if (code === 0x3c) {
      replacement = '&lt;';
    } else if (code === 0x3e) {
      replacement = '&gt;';
    } else if (code === 0x22) {
      replacement = '&quot;';
    } else if (code >= 0xd800) {
      replacement = surrogateOrNonCharacter(text, index, code);
      if (replacement === '') {
        index += 1;
        continue;
      }
    }
    if (replacement === undefined) continue;
    result += text.slice(copiedUpTo, index) + replacement;
    copiedUpTo = index + 1;
  }
  return copiedUpTo === 0 ? text : result + text.slice(copiedUpTo);
}

/**
 * For a code unit at or above U+D800: '' for a valid surrogate pair (keep both units),
 * U+FFFD for a lone surrogate or U+FFFE/U+FFFF, undefined for any other character.
 */
function surrogateOrNonCharacter(text: string, index: number, code: number): string | undefined {
  if (code <= 0xdbff) {
    const next = text.charCodeAt(index + 1);
    return next >= 0xdc00 && next <= 0xdfff ? '' : '\ufffd';
  }
  if (code <= 0xdfff || code >= 0xfffe) return '\ufffd';
  return undefined;
}
