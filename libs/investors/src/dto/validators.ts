import { registerDecorator, ValidationOptions } from 'class-validator';
import { describeUsccProblem, usccProblem } from '../uscc';

/** A 统一社会信用代码; the message says which character is wrong or what the check character should be. */
export function IsUscc(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isUscc',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: ({ value }) => {
          if (typeof value !== 'string') return 'uscc must be a string';
          const problem = usccProblem(value);
          return problem ? describeUsccProblem(problem) : 'uscc is invalid';
        },
        ...options,
      },
      validator: { validate: (value: unknown) => typeof value === 'string' && usccProblem(value) === null },
    });
}
