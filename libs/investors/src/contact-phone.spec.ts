import { maskPhone, PHONE_PATTERN } from './contact-phone';

describe('maskPhone', () => {
  it('masks a mobile number as 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('keeps the area code of a landline', () => {
    expect(maskPhone('0418-1234567')).toBe('0418-****4567');
  });

  it('accepts mobile and landline numbers only', () => {
    expect(PHONE_PATTERN.test('13812345678')).toBe(true);
    expect(PHONE_PATTERN.test('0418-1234567')).toBe(true);
    expect(PHONE_PATTERN.test('12812345678')).toBe(false);
    expect(PHONE_PATTERN.test('1381234567')).toBe(false);
    expect(PHONE_PATTERN.test('418-1234567')).toBe(false);
  });
});
