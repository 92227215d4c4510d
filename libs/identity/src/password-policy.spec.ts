import { COMMON_PASSWORDS } from './common-passwords';
import { passwordProblems } from './password-policy';

describe(passwordProblems.name, () => {
  it('ships a list of several thousand common passwords in lower case', () => {
    const list = COMMON_PASSWORDS.split('\n').filter(Boolean);
    expect(list.length).toBeGreaterThan(5000);
    expect(list.every((p) => p === p.toLowerCase())).toBe(true);
    expect(list).toEqual(expect.arrayContaining(['p@ssw0rd', 'password@2026', 'woaini1314', 'admin@123']));
  });

  it.each([
    ['P@ssw0rd', '常见密码'],
    ['Password@2026', '常见密码'],
    ['PASSWORD#2026', '常见密码'],
    ['Pa$$w0rd!Fx', '常见单词'],
    ['MyAdmin#Fx82', '常见单词'],
    ['Qwer1234!', '键盘'],
    ['Asdf#Fx2026', '键盘'],
    ['1qaz@WSX', '键盘'],
    ['Fx#123456a', '键盘'],
    ['Haizhou@2026', '演示账号'],
    ['H@izhou#99x', '演示账号'],
    ['Zhangsan#2026', '用户名'],
  ])('refuses %s (%s)', (password, problem) => {
    expect(passwordProblems(password, 'zhangsan').join('；')).toContain(problem);
  });

  it.each(['Fuxin2026', 'Xinren#2026', 'Guanli#Test2026', 'Ziji#Mima73', 'Chushi#Mm58'])('accepts %s', (password) => {
    expect(passwordProblems(password, 'zhangsan')).toEqual([]);
  });
});
