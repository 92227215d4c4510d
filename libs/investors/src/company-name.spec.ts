import fc from 'fast-check';
import { normalizeCompanyName, toHalfWidth } from './company-name';

describe('normalizeCompanyName', () => {
  it('drops legal-form words', () => {
    expect(normalizeCompanyName('常州华氟化工有限公司')).toBe('常州华氟化工');
    expect(normalizeCompanyName('常州华氟化工有限责任公司')).toBe('常州华氟化工');
    expect(normalizeCompanyName('常州华氟化工股份有限公司')).toBe('常州华氟化工');
    expect(normalizeCompanyName('常州华氟化工集团有限公司')).toBe('常州华氟化工');
    expect(normalizeCompanyName('常州华氟化工股份公司')).toBe('常州华氟化工');
  });

  it('drops (中国) in either width', () => {
    expect(normalizeCompanyName('远景能源（中国）有限公司')).toBe('远景能源');
    expect(normalizeCompanyName('远景能源(中国)有限公司')).toBe('远景能源');
  });

  it('ignores width, spaces and case', () => {
    expect(normalizeCompanyName('ＡＢＣ 新材料　有限公司')).toBe('abc新材料');
    expect(normalizeCompanyName('abc新材料有限公司')).toBe(normalizeCompanyName('ABC 新材料 有限公司'));
  });

  it('drops a bracketed place name and the region in front: the same company with or without its city', () => {
    expect(normalizeCompanyName('辽宁华晟氟材料有限公司')).toBe('华晟氟材料');
    expect(normalizeCompanyName('辽宁华晟（阜新）氟材料有限公司')).toBe('华晟氟材料');
    expect(normalizeCompanyName('辽宁省 阜新市华晟氟材料有限责任公司')).toBe('华晟氟材料');
    expect(normalizeCompanyName('华晟(辽宁)氟材料有限公司')).toBe('华晟氟材料');
    expect(normalizeCompanyName('海州区华晟氟材料有限公司')).toBe('华晟氟材料');
    expect(normalizeCompanyName('华晟氟材料（常州市）有限公司')).toBe('华晟氟材料');
  });

  it('keeps words that tell companies apart', () => {
    expect(normalizeCompanyName('阜新风电设备有限公司')).not.toBe(normalizeCompanyName('阜新风电叶片有限公司'));
    expect(normalizeCompanyName('江苏华晟氟材料有限公司')).not.toBe(normalizeCompanyName('辽宁华晟氟材料有限公司'));
  });

  it('never normalises a name to nothing', () => {
    expect(normalizeCompanyName('辽宁有限公司')).toBe('辽宁');
    expect(normalizeCompanyName('阜新市')).toBe('阜新市');
  });

  it('converts full-width characters', () => {
    expect(toHalfWidth('（１２３）')).toBe('(123)');
  });
});

describe('normalizeCompanyName (properties)', () => {
  // the core of a name: a brand (字号) and an industry word, none of them a place or a legal form
  const brandChars = fc.constantFrom(...'华晟宏达恒瑞鑫源泰丰嘉盛凯博远通联'.split(''));
  const latin = fc.constantFrom('ABC', 'Tcl', 'sino', 'XY');
  const brand = fc.oneof(
    fc.array(brandChars, { minLength: 2, maxLength: 4 }).map((chars) => chars.join('')),
    fc.tuple(latin, fc.array(brandChars, { minLength: 1, maxLength: 2 })).map(([l, c]) => l + c.join('')),
  );
  const industry = fc.constantFrom('氟材料', '风电设备', '新能源科技', '食品', '化工', '机械制造', '光伏');
  const core = fc.record({ brand, industry });

  const regionPrefix = fc.constantFrom(
    '',
    '辽宁',
    '辽宁省',
    '阜新市',
    '阜新',
    '海州区',
    '辽宁省阜新市',
    '阜新市海州区',
  );
  const bracketPlace = fc.constantFrom('', '阜新', '辽宁', '海州区', '辽宁省', '阜新市', '常州市');
  const legalForm = fc.constantFrom('', '有限公司', '有限责任公司', '股份有限公司', '股份公司', '集团有限公司');
  const variant: fc.Arbitrary<Variant> = fc.record({
    prefix: regionPrefix,
    bracket: bracketPlace,
    fullWidthBrackets: fc.boolean(),
    suffix: legalForm,
    fullWidth: fc.boolean(),
    spaces: fc.array(fc.nat(), { maxLength: 3 }),
  });

  function write(c: { brand: string; industry: string }, v: Variant): string {
    const bracket = v.bracket ? (v.fullWidthBrackets ? `（${v.bracket}）` : `(${v.bracket})`) : '';
    let name = `${v.prefix}${c.brand}${bracket}${c.industry}${v.suffix}`;
    if (v.fullWidth) name = toFullWidth(name);
    for (const at of v.spaces) {
      const i = at % (name.length + 1);
      name = `${name.slice(0, i)}${at % 2 ? ' ' : '\u3000'}${name.slice(i)}`;
    }
    return name;
  }

  it('names differing only in region, brackets, spaces, width and legal form normalise equal', () => {
    fc.assert(
      fc.property(core, variant, variant, (c, a, b) => {
        expect(normalizeCompanyName(write(c, a))).toBe(normalizeCompanyName(write(c, b)));
      }),
      { numRuns: 500 },
    );
  });

  it('different companies (different brand or industry) stay different', () => {
    fc.assert(
      fc.property(core, core, variant, variant, (c1, c2, a, b) => {
        fc.pre((c1.brand + c1.industry).toLowerCase() !== (c2.brand + c2.industry).toLowerCase());
        expect(normalizeCompanyName(write(c1, a))).not.toBe(normalizeCompanyName(write(c2, b)));
      }),
      { numRuns: 500 },
    );
  });
});

interface Variant {
  prefix: string;
  bracket: string;
  fullWidthBrackets: boolean;
  suffix: string;
  fullWidth: boolean;
  spaces: number[];
}

/** The full-width forms people type with a Chinese input method: Ａ, １, （. */
function toFullWidth(text: string): string {
  return text.replace(/[!-~]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0));
}
