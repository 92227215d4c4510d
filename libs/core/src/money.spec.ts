import { amountChange, formatAmount } from './money';

describe(amountChange.name, () => {
  it.each([
    [null, '12500.00', '12500.00'],
    ['12500.00', '15000.5', '2500.50'],
    ['0.30', '0.10', '-0.20'],
    ['999999999999.99', null, '-999999999999.99'],
    ['1.05', '1.05', '0.00'],
  ])('%s → %s is %s', (before, after, change) => {
    expect(amountChange(before, after)).toBe(change);
  });
});

describe(formatAmount.name, () => {
  it.each([
    ['12500', '12500.00'],
    ['012.5', '12.50'],
    ['0', '0.00'],
    ['999999999999.99', '999999999999.99'],
  ])('%s reads %s', (amount, shown) => {
    expect(formatAmount(amount)).toBe(shown);
  });
});
