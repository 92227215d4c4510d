import { LeadSource, USCC_ALPHABET, VisitKind, withUsccCheckChar } from '@app/investors';

export interface DemoInvestor {
  name: string;
  /** 行政区划 code of the registering authority; null for a foreign company without a USCC. */
  regionCode: string | null;
  region: string;
  industry: string;
  chainPosition: string;
  isChainLeader?: boolean;
  contact: { name: string; title: string };
  /** The bureau that works the company, its officer's username, and the lead. */
  lead?: {
    officer: string;
    source: LeadSource;
    amount: string;
    status?: 'dropped';
    dropReason?: string;
  };
}

/** Fictional companies in the industries 海州区 courts: 氟化工, 风电, 农产品加工, 硅材料, 装备… */
export const DEMO_INVESTORS: DemoInvestor[] = [
  {
    name: '山东鲁氟新能源材料有限公司',
    regionCode: '370300',
    region: '山东省淄博市',
    industry: '氟化工',
    chainPosition: '上游原料',
    isChainLeader: true,
    contact: { name: '孟庆华', title: '投资发展部总监' },
    lead: { officer: 'staff03a', source: LeadSource.BusinessReferral, amount: '150000.00' },
  },
  {
    name: '江苏常润氟材料科技有限公司',
    regionCode: '320400',
    region: '江苏省常州市',
    industry: '氟化工',
    chainPosition: '中游材料',
    contact: { name: '沈志明', title: '副总经理' },
    lead: { officer: 'staff03b', source: LeadSource.Fair, amount: '32000.00' },
  },
  {
    name: '浙江衢江含氟精细化工有限公司',
    regionCode: '330800',
    region: '浙江省衢州市',
    industry: '精细化工',
    chainPosition: '下游应用',
    contact: { name: '徐建新', title: '董事长' },
    lead: { officer: 'staff03a', source: LeadSource.Agency, amount: '18500.00' },
  },
  {
    name: '阜新恒氟化学有限公司',
    regionCode: '210902',
    region: '辽宁省阜新市海州区',
    industry: '氟化工',
    chainPosition: '中游材料',
    contact: { name: '白玉龙', title: '总经理' },
    lead: { officer: 'head03', source: LeadSource.Visit, amount: '8600.00' },
  },
  {
    name: '上海氟润电子化学品有限公司',
    regionCode: '310115',
    region: '上海市浦东新区',
    industry: '氟化工',
    chainPosition: '下游应用',
    contact: { name: '陆佳怡', title: '战略投资经理' },
  },
  {
    name: '北京远风能源科技集团有限公司',
    regionCode: '110108',
    region: '北京市海淀区',
    industry: '风电',
    chainPosition: '整机制造',
    isChainLeader: true,
    contact: { name: '高振宇', title: '北方区域总裁' },
    lead: { officer: 'staff01a', source: LeadSource.HigherLevel, amount: '420000.00' },
  },
  {
    name: '新疆天翼风电装备有限公司',
    regionCode: '650100',
    region: '新疆维吾尔自治区乌鲁木齐市',
    industry: '风电',
    chainPosition: '零部件',
    contact: { name: '马俊', title: '副总裁' },
    lead: { officer: 'staff01b', source: LeadSource.Fair, amount: '56000.00' },
  },
  {
    name: '江苏海陵叶片复合材料有限公司',
    regionCode: '320900',
    region: '江苏省盐城市',
    industry: '风电',
    chainPosition: '零部件',
    contact: { name: '顾海涛', title: '总经理' },
    lead: { officer: 'staff01a', source: LeadSource.BusinessReferral, amount: '38000.00' },
  },
  {
    name: '大连重能风电轴承有限公司',
    regionCode: '210200',
    region: '辽宁省大连市',
    industry: '风电',
    chainPosition: '零部件',
    contact: { name: '于洪波', title: '董事长' },
    lead: {
      officer: 'staff01b',
      source: LeadSource.Online,
      amount: '12000.00',
      status: 'dropped',
      dropReason: '企业决定在大连本地扩产，暂无外地投资计划',
    },
  },
  {
    name: '阜新蒙风新能源开发有限公司',
    regionCode: '210921',
    region: '辽宁省阜新市阜新蒙古族自治县',
    industry: '新能源',
    chainPosition: '风电场开发',
    contact: { name: '包文军', title: '项目经理' },
    lead: { officer: 'head01', source: LeadSource.Visit, amount: '95000.00' },
  },
  {
    name: '莱茵风能技术（德国）有限公司',
    regionCode: null,
    region: '德国北莱茵-威斯特法伦州',
    industry: '风电',
    chainPosition: '技术服务',
    contact: { name: 'Thomas Becker（贝克尔）', title: '中国区代表' },
    lead: { officer: 'staff01a', source: LeadSource.Fair, amount: '6000.00' },
  },
  {
    name: '内蒙古草原牧歌乳业有限公司',
    regionCode: '150500',
    region: '内蒙古自治区通辽市',
    industry: '农产品加工',
    chainPosition: '精深加工',
    contact: { name: '乌日娜', title: '投资总监' },
    lead: { officer: 'staff04a', source: LeadSource.BusinessReferral, amount: '26000.00' },
  },
  {
    name: '阜新禾丰花生制品有限公司',
    regionCode: '210902',
    region: '辽宁省阜新市海州区',
    industry: '农产品加工',
    chainPosition: '精深加工',
    contact: { name: '刘长胜', title: '总经理' },
    lead: { officer: 'staff04a', source: LeadSource.Visit, amount: '4800.00' },
  },
  {
    name: '山东沃田食品有限公司',
    regionCode: '371300',
    region: '山东省临沂市',
    industry: '食品',
    chainPosition: '精深加工',
    contact: { name: '王立强', title: '副总经理' },
    lead: { officer: 'head04', source: LeadSource.Agency, amount: '15000.00' },
  },
  {
    name: '辽宁辽西牧业集团有限公司',
    regionCode: '211300',
    region: '辽宁省朝阳市',
    industry: '农产品加工',
    chainPosition: '养殖屠宰',
    isChainLeader: true,
    contact: { name: '赵德财', title: '董事长' },
  },
  {
    name: '黑龙江北粮杂粮加工有限公司',
    regionCode: '230100',
    region: '黑龙江省哈尔滨市',
    industry: '农产品加工',
    chainPosition: '初加工',
    contact: { name: '孙宝山', title: '总经理' },
    lead: { officer: 'staff04a', source: LeadSource.Online, amount: '3200.00' },
  },
  {
    name: '江西赣硅新材料有限公司',
    regionCode: '360400',
    region: '江西省九江市',
    industry: '硅基材料',
    chainPosition: '中游材料',
    contact: { name: '钟华', title: '投资部经理' },
    lead: { officer: 'staff05a', source: LeadSource.Fair, amount: '68000.00' },
  },
  {
    name: '四川蜀晶硅业有限公司',
    regionCode: '511100',
    region: '四川省乐山市',
    industry: '新材料',
    chainPosition: '上游原料',
    isChainLeader: true,
    contact: { name: '罗成刚', title: '副总裁' },
    lead: { officer: 'head05', source: LeadSource.HigherLevel, amount: '230000.00' },
  },
  {
    name: '阜新鑫石硅材料有限公司',
    regionCode: '210902',
    region: '辽宁省阜新市海州区',
    industry: '硅基材料',
    chainPosition: '下游应用',
    contact: { name: '石国栋', title: '总经理' },
  },
  {
    name: '沈阳北方液压机械有限公司',
    regionCode: '210100',
    region: '辽宁省沈阳市',
    industry: '装备制造',
    chainPosition: '整机制造',
    contact: { name: '郭永刚', title: '总经理' },
    lead: { officer: 'staff02a', source: LeadSource.BusinessReferral, amount: '22000.00' },
  },
  {
    name: '吉林长盛汽车零部件有限公司',
    regionCode: '220100',
    region: '吉林省长春市',
    industry: '汽车零部件',
    chainPosition: '零部件',
    contact: { name: '姜春雨', title: '董事长' },
    lead: { officer: 'staff02b', source: LeadSource.Agency, amount: '17500.00' },
  },
  {
    name: '浙江甬达精密铸造有限公司',
    regionCode: '330200',
    region: '浙江省宁波市',
    industry: '装备制造',
    chainPosition: '零部件',
    contact: { name: '应国栋', title: '副总经理' },
    lead: { officer: 'staff02a', source: LeadSource.Fair, amount: '9800.00' },
  },
  {
    name: '深圳云图数智科技有限公司',
    regionCode: '440300',
    region: '广东省深圳市',
    industry: '数字经济',
    chainPosition: '软件和信息服务',
    contact: { name: '林晓峰', title: '政企事业部总经理' },
    lead: { officer: 'staff06a', source: LeadSource.Online, amount: '5000.00' },
  },
  {
    name: '杭州数链网络科技有限公司',
    regionCode: '330100',
    region: '浙江省杭州市',
    industry: '数字经济',
    chainPosition: '数据中心',
    contact: { name: '方正', title: '副总裁' },
    lead: { officer: 'head06', source: LeadSource.BusinessReferral, amount: '45000.00' },
  },
  {
    name: '辽宁辽西北物流园投资有限公司',
    regionCode: '210100',
    region: '辽宁省沈阳市',
    industry: '现代物流',
    chainPosition: '物流园区',
    contact: { name: '韩立新', title: '总经理' },
    lead: { officer: 'staff07a', source: LeadSource.Visit, amount: '36000.00' },
  },
  {
    name: '北京捷运冷链物流有限公司',
    regionCode: '110105',
    region: '北京市朝阳区',
    industry: '现代物流',
    chainPosition: '冷链仓储',
    contact: { name: '周立伟', title: '投资经理' },
    lead: { officer: 'staff07a', source: LeadSource.Agency, amount: '12800.00' },
  },
  {
    name: '阜新玛瑙文化旅游发展有限公司',
    regionCode: '210902',
    region: '辽宁省阜新市海州区',
    industry: '文化旅游',
    chainPosition: '景区运营',
    contact: { name: '宝音', title: '总经理' },
    lead: { officer: 'staff08a', source: LeadSource.Visit, amount: '7600.00' },
  },
  {
    name: '北京华夏研学旅行有限公司',
    regionCode: '110101',
    region: '北京市东城区',
    industry: '文化旅游',
    chainPosition: '研学服务',
    contact: { name: '李思远', title: '董事长' },
    lead: { officer: 'staff08a', source: LeadSource.Online, amount: '2600.00' },
  },
  {
    name: '哈尔滨北药生物科技有限公司',
    regionCode: '230100',
    region: '黑龙江省哈尔滨市',
    industry: '生物医药',
    chainPosition: '原料药',
    contact: { name: '刘振东', title: '副总经理' },
    lead: { officer: 'staff09a', source: LeadSource.Fair, amount: '28000.00' },
  },
  {
    name: '沈阳康泽医药有限公司',
    regionCode: '210100',
    region: '辽宁省沈阳市',
    industry: '大健康',
    chainPosition: '医药流通',
    contact: { name: '何丽', title: '总经理' },
    lead: { officer: 'head09', source: LeadSource.BusinessReferral, amount: '6500.00' },
  },
  {
    name: '大连海辰供应链管理有限公司',
    regionCode: '210200',
    region: '辽宁省大连市',
    industry: '现代服务业',
    chainPosition: '供应链服务',
    contact: { name: '邵海辰', title: '董事长' },
    lead: { officer: 'staff10a', source: LeadSource.Agency, amount: '8800.00' },
  },
  {
    name: '东亚精密化学株式会社（韩国）',
    regionCode: null,
    region: '韩国蔚山广域市',
    industry: '精细化工',
    chainPosition: '下游应用',
    contact: { name: '金成浩', title: '中国事业部部长' },
    lead: { officer: 'staff03b', source: LeadSource.HigherLevel, amount: '21000.00' },
  },
];

/** A valid USCC for the n-th demo company: the same on every machine. */
export function demoUscc(regionCode: string, n: number): string {
  let seed = 7919 * (n + 1) + 104729;
  let organisation = 'MA';
  while (organisation.length < 9) {
    organisation += USCC_ALPHABET[seed % USCC_ALPHABET.length];
    seed = Math.floor(seed / 7) + 31 * organisation.length;
  }
  return withUsccCheckChar(`91${regionCode}${organisation}`);
}

/** A mainland mobile number for the n-th demo contact. */
export function demoPhone(n: number): string {
  return `139${String(41800000 + n * 7331)
    .padStart(8, '0')
    .slice(-8)}`;
}

const KINDS = [VisitKind.Outbound, VisitKind.Inbound, VisitKind.Call, VisitKind.Fair];
const SUMMARIES = [
  '介绍海州区产业园区配套和要素保障，企业对用地和用电条件较为关注',
  '企业负责人来阜实地考察园区，初步确定意向地块',
  '电话沟通项目进展，企业内部正在进行投资可行性论证',
  '在推介会上洽谈，企业提出需要当地配套原料供应方案',
];
const NEXT_STEPS = [
  '整理企业关注的问题清单，协调相关部门答复',
  '准备项目用地踏勘和规划条件',
  '邀请企业高层来阜考察',
  '跟进企业董事会决策',
];

export interface DemoVisit {
  date: string;
  kind: VisitKind;
  summary: string;
  nextSteps: string;
  place: string;
  leaderLed: boolean;
  nextFollowUpAt: string;
}

/** One to three visits per lead, from September to late November 2026. */
export function demoVisits(n: number, region: string): DemoVisit[] {
  const count = 1 + (n % 3);
  return Array.from({ length: count }, (_, i) => {
    const day = 1 + ((n * 11 + i * 23) % 80);
    const date = new Date(Date.UTC(2026, 8, 1) + day * 86_400_000).toISOString().slice(0, 10);
    const kind = KINDS[(n + i) % KINDS.length];
    return {
      date,
      kind,
      summary: SUMMARIES[(n + i) % SUMMARIES.length],
      nextSteps: NEXT_STEPS[(n + 2 * i) % NEXT_STEPS.length],
      place: kind === VisitKind.Inbound ? '海州区招商服务中心' : kind === VisitKind.Call ? '电话/视频' : region,
      leaderLed: (n + i) % 5 === 0,
      nextFollowUpAt: new Date(Date.UTC(2026, 8, 1) + (day + 14) * 86_400_000).toISOString().slice(0, 10),
    };
  }).sort((a, b) => a.date.localeCompare(b.date));
}
