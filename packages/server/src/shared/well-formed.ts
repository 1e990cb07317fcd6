/** Half of a UTF-16 surrogate pair without its other half: not a character of any text. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/** Whether the text holds half a surrogate pair (`String.prototype.isWellFormed`, not in ES2023's types). */
export const hasLoneSurrogate = (text: string): boolean => LONE_SURROGATE.test(text);

/** The text with each lone surrogate made U+FFFD, as a UTF-8 decoder does with bytes it cannot read. */
export const wellFormed = (text: string): string => (LONE_SURROGATE.test(text) ? text.replace(LONE_SURROGATES, '\uFFFD') : text);
