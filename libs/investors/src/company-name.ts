/** Legal-form words that do not tell two companies apart; longer ones first. */
const LEGAL_FORMS = ['股份有限公司', '有限责任公司', '有限公司', '股份公司', '集团'];
const CHINA_MARKER = /\((中国|china)\)/g;

/**
 * Place names of the district's region, longest first. At the start of a name (辽宁省…, 阜新市…, 海州区…) or
 * in brackets anywhere (华晟（阜新）氟材料) they are the registration's administrative part, not the company.
 */
const REGION_PLACES = [
  '辽宁省',
  '辽宁',
  '阜新市',
  '阜新',
  '海州区',
  '海州',
  '细河区',
  '细河',
  '太平区',
  '新邱区',
  '清河门区',
  '阜新蒙古族自治县',
  '阜蒙县',
  '彰武县',
  '彰武',
];
const REGION_PREFIX = new RegExp(`^(${REGION_PLACES.join('|')})+`);
/** A bracketed place: one of the region's, or any short name ending in 省/市/区/县 (（常州市）, (江苏省)). */
const BRACKETED_PLACE = new RegExp(`\\((${REGION_PLACES.join('|')}|[\\u4e00-\\u9fff]{1,8}[省市区县])\\)`, 'g');

/**
 * The form of a company name that decides whether two registrations are the same company: half-width, lower
 * case, without spaces, without “(中国)”, bracketed place names, the region's place names in front and
 * legal-form words. 辽宁华晟（阜新）氟材料有限公司, 辽宁省华晟氟材料有限责任公司 and 华晟氟材料 agree.
 * A name that would normalise to nothing keeps its half-width, space-free form.
 */
export function normalizeCompanyName(name: string): string {
  const plain = toHalfWidth(name.normalize('NFKC'))
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/[（【[]/g, '(')
    .replace(/[）】\]]/g, ')');
  let text = plain.replace(CHINA_MARKER, '').replace(BRACKETED_PLACE, '');
  for (const form of LEGAL_FORMS) text = text.split(form).join('');
  // brackets left empty by the removals above
  text = text.replace(/\(\)/g, '');
  const core = text.replace(REGION_PREFIX, '');
  return core || text || plain;
}

/** Full-width ASCII forms (Ａ, １, （) and the ideographic space become their half-width forms. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e\u3000]/g, (char) =>
    char === '\u3000' ? ' ' : String.fromCharCode(char.charCodeAt(0) - 0xfee0),
  );
}
