import { maskEmail, maskPhone, maskWechat, normalizePhone, PHONE_PATTERN } from './contact-phone';

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

describe('normalizePhone', () => {
  it.each([
    ['138 1234 5678', '13812345678'],
    ['+86 138-1234-5678', '13812345678'],
    ['0086-138-1234-5678', '13812345678'],
    ['１３８１２３４５６７８', '13812345678'],
    ['0418-1234567', '0418-1234567'],
    ['0418 123 4567', '0418-1234567'],
    ['(0418)1234567', '0418-1234567'],
    ['（0418）1234567', '0418-1234567'],
    ['0418-1234567转8001', '0418-1234567-8001'],
    ['0418-1234567 分机 8001', '0418-1234567-8001'],
    ['0418-1234567-8001', '0418-1234567-8001'],
    ['02412345678', '024-12345678'],
    ['+86 24 1234 5678', '024-12345678'],
  ])('reads %s as %s', (typed, kept) => {
    expect(normalizePhone(typed)).toBe(kept);
  });

  it.each(['12812345678', '1234567', '13812345678转8001', '138abcd5678', '', '+1 415 555 0100'])(
    'finds no phone in %p',
    (typed) => {
      expect(normalizePhone(typed)).toBeNull();
    },
  );
});

describe('masking e-mail and WeChat', () => {
  it('keeps the first letter and the domain of an e-mail', () => {
    expect(maskEmail('li.jingli@example.com')).toBe('l***@example.com');
    expect(maskEmail('not-an-email')).toBe('***');
  });

  it('keeps two characters at each end of a WeChat id, and hides short ones whole', () => {
    expect(maskWechat('lijingli_1988')).toBe('li****88');
    expect(maskWechat('abcd')).toBe('****');
  });
});
