import { ViewColumn, ViewEntity } from 'typeorm';
import { INVESTORS_VIEWS } from '../investors.views';

/**
 * The view through which other libraries name a company beside their own records (a project's 客商): a query
 * joins the view, never the investor table. Migrated with the schema (ReferenceViews), not synchronised.
 */
@ViewEntity({ name: INVESTORS_VIEWS.investorRefs, synchronize: false })
export class InvestorRefView {
  @ViewColumn()
  id: string;

  @ViewColumn()
  name: string;

  @ViewColumn()
  uscc: string | null;
}
