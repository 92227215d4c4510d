import { InvestorEntity } from '../entities/investor.entity';
import { LeadEntity } from '../entities/lead.entity';
import { LeadSource, LeadStatus } from '../lead-source';
import { changesOf, PlannedRow, Registry, reportRow, resolve } from './ledger-plan';
import { ParsedRow } from './ledger-row';

const OWN = 'bureau-own';

function parsed(overrides: Partial<ParsedRow> = {}): ParsedRow {
  return {
    row: 2,
    name: '阜新华氟新材料有限公司',
    normalizedName: '阜新华氟新材料',
    uscc: '91350100M000100Y43',
    industry: null,
    source: LeadSource.Fair,
    registeredAt: null,
    intendedAmount: '100.00',
    nextFollowUpAt: null,
    note: null,
    region: null,
    chainPosition: null,
    ...overrides,
  };
}

function lead(overrides: Partial<LeadEntity> = {}): LeadEntity {
  return {
    id: 'lead-1',
    bureauId: OWN,
    bureau: { code: 'B01', name: '第一招商局' },
    officer: { id: 'user-1', displayName: '王芳' },
    status: LeadStatus.Open,
    source: LeadSource.Fair,
    industry: '氟化工',
    registeredAt: '2026-03-05',
    intendedAmount: '100.00',
    nextFollowUpAt: null,
    note: null,
    ...overrides,
  } as LeadEntity;
}

function registryWith(investor: InvestorEntity, closed: LeadEntity[] = []): Registry {
  return {
    byUscc: new Map([[investor.uscc as string, investor]]),
    similar: new Map(),
    closed: new Map(closed.map((l) => [investor.id, l])),
  };
}

describe('ledger plan', () => {
  it('takes a company the own bureau follows as its existing lead, and one another bureau follows as 撞单', () => {
    const own = { id: 'inv-1', uscc: '91350100M000100Y43', openLead: lead() } as InvestorEntity;
    expect(resolve(parsed(), registryWith(own), OWN)).toEqual({ investor: own, existing: own.openLead });
    const other = { ...own, openLead: lead({ bureauId: 'bureau-other' }) } as InvestorEntity;
    expect(resolve(parsed(), registryWith(other), OWN)).toMatchObject({ kind: 'open_lead' });
  });

  it('takes the own bureau’s dropped lead of a company nobody follows as existing, never to be changed', () => {
    const dropped = lead({ status: LeadStatus.Dropped });
    const investor = { id: 'inv-1', uscc: '91350100M000100Y43', openLead: null } as unknown as InvestorEntity;
    const found = resolve(parsed({ intendedAmount: '900.00' }), registryWith(investor, [dropped]), OWN);
    expect(found).toEqual({ investor, existing: dropped });
    expect(changesOf(parsed({ intendedAmount: '900.00' }), dropped)).toEqual({ patch: {}, changes: [] });
  });

  it('changes only the non-empty cells that differ from the lead', () => {
    const row = parsed({ intendedAmount: '12000.00', registeredAt: '2026-03-05', note: '复传', industry: null });
    expect(changesOf(row, lead())).toEqual({
      patch: { intendedAmount: '12000.00', note: '复传' },
      changes: ['intendedAmount', 'note'],
    });
  });

  it('reports a row as 新增, 已更新 with the columns, or 已存在 with why', () => {
    const planned = (existing: LeadEntity | null, changes: PlannedRow['changes']): PlannedRow => ({
      parsed: parsed(),
      investor: null,
      existing,
      patch: {},
      changes,
    });
    expect(reportRow(planned(null, []), null)).toMatchObject({ outcome: 'new', outcomeLabel: '新增', reason: null });
    const updated = reportRow(planned(lead(), ['intendedAmount']), 'lead-1');
    expect(updated).toMatchObject({ outcome: 'updated', outcomeLabel: '已更新', changes: ['意向投资额（万元）'] });
    expect(updated.reason).toBe('本局已于 2026-03-05 登记该企业的线索（具办人 王芳），按台账更新：意向投资额（万元）');
    const unchanged = reportRow(planned(lead(), []), 'lead-1');
    expect(unchanged).toMatchObject({ outcome: 'unchanged', outcomeLabel: '已存在', leadId: 'lead-1' });
    expect(unchanged.reason).toContain('台账内容无变化，跳过');
    const converted = reportRow(planned(lead({ status: LeadStatus.Converted }), []), 'lead-1');
    expect(converted.reason).toBe('本局该企业的线索（2026-03-05 登记）已转化，未重新登记');
  });
});
