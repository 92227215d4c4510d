import { ViewColumn, ViewEntity } from 'typeorm';
import { IDENTITY_VIEWS } from '../identity.views';

/**
 * The views through which other libraries name a bureau or a user beside their own records (a list's 招商局 and
 * 经办人 columns): a query joins the view, never identity's tables. The views are migrated with the schema
 * (ReferenceViews), so TypeORM does not synchronise them.
 */
@ViewEntity({ name: IDENTITY_VIEWS.bureauRefs, synchronize: false })
export class BureauRefView {
  @ViewColumn()
  id: string;

  @ViewColumn()
  code: string;

  @ViewColumn()
  name: string;
}

@ViewEntity({ name: IDENTITY_VIEWS.userRefs, synchronize: false })
export class UserRefView {
  @ViewColumn()
  id: string;

  @ViewColumn({ name: 'display_name' })
  displayName: string;
}
