import { BureauRefDto, UserRefDto } from './dto/reference.dto';
import { BureauRefView, UserRefView } from './entities/reference-views.entity';

/** A bureau as another library's answer names it, from identity's reference view (or the bureau itself). */
export const bureauRefOf = (bureau: Pick<BureauRefView, 'code' | 'name'>): BureauRefDto => ({
  code: bureau.code,
  name: bureau.name,
});

/** A user as another library's answer names them, from identity's reference view (or the user itself). */
export const userRefOf = (user: Pick<UserRefView, 'id' | 'displayName'>): UserRefDto => ({
  id: user.id,
  displayName: user.displayName,
});
