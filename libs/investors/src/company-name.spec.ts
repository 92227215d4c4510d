import { normalizeCompanyName, toHalfWidth } from './company-name';

describe('normalizeCompanyName', () => {
  it('drops legal-form words', () => {
    expect(normalizeCompanyName('阜新华氟化工有限公司')).toBe('阜新华氟化工');
    expect(normalizeCompanyName('阜新华氟化工有限责任公司')).toBe('阜新华氟化工');
    expect(normalizeCompanyName('阜新华氟化工股份有限公司')).toBe('阜新华氟化工');
    expect(normalizeCompanyName('阜新华氟化工集团有限公司')).toBe('阜新华氟化工');
  });

  it('drops (中国) in either width', () => {
    expect(normalizeCompanyName('远景能源（中国）有限公司')).toBe('远景能源');
    expect(normalizeCompanyName('远景能源(中国)有限公司')).toBe('远景能源');
  });

  it('ignores width, spaces and case', () => {
    expect(normalizeCompanyName('ＡＢＣ 新材料　有限公司')).toBe('abc新材料');
    expect(normalizeCompanyName('abc新材料有限公司')).toBe(normalizeCompanyName('ABC 新材料 有限公司'));
  });

  it('keeps words that tell companies apart', () => {
    expect(normalizeCompanyName('阜新风电设备有限公司')).not.toBe(normalizeCompanyName('阜新风电叶片有限公司'));
  });

  it('converts full-width characters', () => {
    expect(toHalfWidth('（１２３）')).toBe('(123)');
  });
});
