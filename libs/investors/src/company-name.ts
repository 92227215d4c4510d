/** Legal-form words that do not tell two companies apart; longer ones first. */
const LEGAL_FORMS = ['股份有限公司', '有限责任公司', '有限公司', '集团'];
const CHINA_MARKER = /\((中国|china)\)/g;

/**
 * The form of a company name used to find near-duplicates: half-width, lower case, without spaces,
 * without “(中国)” and without legal-form words. 辽宁华氟化工有限公司 and 辽宁 华氟化工（集团）有限责任公司 agree.
 */
export function normalizeCompanyName(name: string): string {
  let text = toHalfWidth(name.normalize('NFKC')).toLowerCase().replace(/\s+/g, '');
  text = text.replace(CHINA_MARKER, '');
  for (const form of LEGAL_FORMS) text = text.split(form).join('');
  // brackets left empty by the removals above
  return text.replace(/\(\)/g, '');
}

/** Full-width ASCII forms (Ａ, １, （) and the ideographic space become their half-width forms. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e\u3000]/g, (char) =>
    char === '\u3000' ? ' ' : String.fromCharCode(char.charCodeAt(0) - 0xfee0),
  );
}
