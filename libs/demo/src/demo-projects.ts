import { AgreementType, Stage } from '@app/pipeline';

/** Where a demo project ends up, and how it gets there. */
export interface DemoProjectPlan {
  stage: Stage;
  suffix: string;
  plannedInvestment: string;
  location: string;
  isKeyProject: boolean;
  /** Signed first as a framework agreement, later upgraded to a formal contract. */
  upgraded?: boolean;
  terminatedReason?: string;
}

const PARKS = [
  '阜新氟化工产业园',
  '海州区高新技术产业园',
  '阜新硅基材料产业园',
  '海州区现代农业产业园',
  '海州经济开发区',
];

/** Converted from the first open demo leads (by company name), in this order. */
export const DEMO_CONVERTED_PROJECTS: DemoProjectPlan[] = [
  { stage: Stage.Operating, suffix: '年产2万吨含氟新材料项目', plannedInvestment: '150000.00', isKeyProject: true },
  {
    stage: Stage.Started,
    suffix: '电子级氢氟酸扩能项目',
    plannedInvestment: '32000.00',
    isKeyProject: true,
    upgraded: true,
  },
  { stage: Stage.Registered, suffix: '精细化工中间体项目', plannedInvestment: '18500.00', isKeyProject: false },
  { stage: Stage.Signed, suffix: '新建生产基地项目', plannedInvestment: '8600.00', isKeyProject: false },
  { stage: Stage.Negotiating, suffix: '风电装备制造项目', plannedInvestment: '45000.00', isKeyProject: true },
  { stage: Stage.Signed, suffix: '智能工厂项目', plannedInvestment: '12000.00', isKeyProject: false, upgraded: true },
  { stage: Stage.Registered, suffix: '农产品精深加工项目', plannedInvestment: '6800.00', isKeyProject: false },
  {
    stage: Stage.Terminated,
    suffix: '仓储物流中心项目',
    plannedInvestment: '5200.00',
    isKeyProject: false,
    terminatedReason: '企业总部调整投资计划，项目终止',
  },
  { stage: Stage.Started, suffix: '光伏组件项目', plannedInvestment: '28000.00', isKeyProject: true },
  { stage: Stage.Negotiating, suffix: '产业园配套项目', plannedInvestment: '3500.00', isKeyProject: false },
  { stage: Stage.Operating, suffix: '硅基新材料项目', plannedInvestment: '66000.00', isKeyProject: true },
  { stage: Stage.Signed, suffix: '绿色食品加工项目', plannedInvestment: '4300.00', isKeyProject: false },
  { stage: Stage.Registered, suffix: '装备再制造项目', plannedInvestment: '9900.00', isKeyProject: false },
  { stage: Stage.Negotiating, suffix: '储能电池项目', plannedInvestment: '52000.00', isKeyProject: true },
  { stage: Stage.Started, suffix: '高端铸件项目', plannedInvestment: '15000.00', isKeyProject: false },
  { stage: Stage.Signed, suffix: '数字经济产业园项目', plannedInvestment: '7600.00', isKeyProject: false },
].map((plan, i) => ({ ...plan, location: PARKS[i % PARKS.length] }));

/** Entered directly in 储备/谋划 by the bureau that follows the company. */
export const DEMO_RESERVE_PROJECTS: DemoProjectPlan[] = [
  { stage: Stage.Reserve, suffix: '二期谋划项目', plannedInvestment: '20000.00', isKeyProject: false },
  { stage: Stage.Reserve, suffix: '循环经济谋划项目', plannedInvestment: '8000.00', isKeyProject: false },
  { stage: Stage.Reserve, suffix: '研发中心谋划项目', plannedInvestment: '3000.00', isKeyProject: false },
  { stage: Stage.Reserve, suffix: '产业链延伸谋划项目', plannedInvestment: '12000.00', isKeyProject: true },
].map((plan, i) => ({ ...plan, location: PARKS[(i + 2) % PARKS.length] }));

/** YYYY-MM-DD `days` before `today`. */
export function daysBefore(today: string, days: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Gate dates of the n-th demo project, in order and in the past whatever the day the data set is loaded:
 * signed about ten months ago (later for later projects), then registered, started and in production.
 */
export function demoGateDates(today: string, n: number) {
  const signed = daysBefore(today, 300 - n * 6);
  return {
    signed,
    upgraded: daysBefore(today, 270 - n * 6),
    registered: daysBefore(today, 250 - n * 6),
    started: daysBefore(today, 190 - n * 6),
    operating: daysBefore(today, 100 - n * 6),
  };
}

export function demoDeal(n: number, plan: DemoProjectPlan, signedDate: string) {
  return {
    signedDate,
    amount: plan.plannedInvestment,
    agreementType: plan.upgraded ? AgreementType.Framework : AgreementType.Formal,
  };
}

/** Monthly funds in place (万元) of the n-th project, one per month from its registration month. */
export function demoFunds(n: number, registered: string, today: string): { month: string; amount: string }[] {
  const months: string[] = [];
  let [year, month] = registered.slice(0, 7).split('-').map(Number);
  const last = today.slice(0, 7);
  while (months.length < 4) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > last) break;
    months.push(key);
    month += 3;
    if (month > 12) [year, month] = [year + 1, month - 12];
  }
  return months.map((key, i) => ({
    month: key,
    amount: `${(n + 1) * 150 + i * 85}.${String((n * 7 + i) % 100).padStart(2, '0')}`,
  }));
}
