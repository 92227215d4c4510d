import { AppConfig } from '../config/app-config';
import { addDays } from './business-calendar';
import { BusinessClock } from './business-clock';

describe('BusinessClock.asOf', () => {
  const clock = new BusinessClock({ APP_TIME_ZONE: 'Asia/Shanghai' } as AppConfig);

  it('pins today inside the work, across awaits, and only there', async () => {
    const real = clock.today();
    const seen = await clock.asOf('2025-03-14', async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return clock.today();
    });
    expect(seen).toBe('2025-03-14');
    expect(clock.today()).toBe(real);
  });

  it('keeps side-by-side work on its own day', async () => {
    const days = await Promise.all(
      ['2025-01-02', '2025-06-30'].map((day) =>
        clock.asOf(day, async () => {
          await new Promise((resolve) => setTimeout(resolve, day === '2025-01-02' ? 10 : 1));
          return clock.today();
        }),
      ),
    );
    expect(days).toEqual(['2025-01-02', '2025-06-30']);
  });

  it('refuses a day after the real today or one that is not a date', () => {
    expect(() => clock.asOf(addDays(clock.today(), 1), async () => 1)).toThrow(/not a past business day/);
    expect(() => clock.asOf('2025-3-1', async () => 1)).toThrow(/not a past business day/);
  });
});
