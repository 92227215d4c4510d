import { FigureDescriptor } from '@app/core';
import { Type } from '@nestjs/common';

/**
 * A base class with one property per figure, each decorated as `decorate` says (Swagger, validation, columns): DTOs and
 * entities that hold a value per figure extend it, so that their fields follow the figures list instead of repeating it.
 */
export function FigureFields<T, F extends FigureDescriptor = FigureDescriptor>(
  figures: readonly F[],
  decorate: (figure: F) => PropertyDecorator[],
): Type<T> {
  abstract class Fields {}
  for (const figure of figures) for (const decorator of decorate(figure)) decorator(Fields.prototype, figure.key);
  return Fields as unknown as Type<T>;
}
