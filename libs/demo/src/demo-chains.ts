import { ChainSegment, LinkStatus, TargetTier } from '@app/chains';

export interface DemoLink {
  name: string;
  segment: ChainSegment;
  status: LinkStatus;
  keyProducts: string;
  /** The link above it, by name, in the same chain. */
  parent?: string;
  /** The demo companies tagged with it: their 所属行业 and 产业链环节. */
  companies: [industry: string, position: string][];
}

export interface DemoTarget {
  link: string;
  name: string;
  tier: TargetTier;
  region: string;
  reason: string;
  /** 分工: the bureau the leaders gave it to, if any. */
  bureau?: string;
}

export interface DemoChain {
  name: string;
  description: string;
  links: DemoLink[];
  targets: DemoTarget[];
}

const { Upstream, Midstream, Downstream } = ChainSegment;
const { Strong, Weak, Missing, Extend } = LinkStatus;

/**
 * The four chains 海州区 works on, their links as the district's leaders see them, and companies worth approaching
 * on each (fictitious names: the demo names no real company).
 */
export const DEMO_CHAINS: DemoChain[] = [
  {
    name: '氟化工',
    description: '依托阜新氟化工产业园，稳住萤石和无水氟化氢，补齐电子化学品，延伸含氟新能源材料',
    links: [
      {
        name: '萤石和无水氟化氢',
        segment: Upstream,
        status: Strong,
        keyProducts: '萤石精粉、无水氟化氢',
        companies: [],
      },
      {
        name: '含氟新材料',
        segment: Midstream,
        status: Weak,
        keyProducts: '氟树脂、氟橡胶、含氟聚合物',
        parent: '萤石和无水氟化氢',
        companies: [['氟化工', '中游材料']],
      },
      {
        name: '含氟锂电材料',
        segment: Midstream,
        status: Extend,
        keyProducts: '六氟磷酸锂、双氟磺酰亚胺锂',
        parent: '含氟新材料',
        companies: [],
      },
      {
        name: '电子化学品',
        segment: Downstream,
        status: Missing,
        keyProducts: '电子级氢氟酸、电子特气',
        parent: '含氟新材料',
        companies: [['氟化工', '下游应用']],
      },
      {
        name: '含氟精细化学品',
        segment: Downstream,
        status: Weak,
        keyProducts: '含氟医药中间体、含氟农药中间体',
        parent: '含氟新材料',
        companies: [['精细化工', '下游应用']],
      },
    ],
    targets: [
      {
        link: '电子化学品',
        name: '江苏氟源电子材料股份有限公司',
        tier: TargetTier.Listed,
        region: '江苏省苏州市',
        reason: '电子级氢氟酸产能在华东，客户有北方布局需求，可补电子化学品环节',
        bureau: 'B03',
      },
      {
        link: '含氟锂电材料',
        name: '浙江锂氟新能源科技有限公司',
        tier: TargetTier.Specialized,
        region: '浙江省衢州市',
        reason: '国家级专精特新“小巨人”，六氟磷酸锂扩产选址中',
        bureau: 'B03',
      },
      {
        link: '含氟新材料',
        name: '山东氟峰化工集团有限公司',
        tier: TargetTier.ChainLeader,
        region: '山东省淄博市',
        reason: '含氟聚合物链主企业，可带动园区配套',
      },
    ],
  },
  {
    name: '新能源装备',
    description: '以风电光伏开发带动装备制造落地，补齐整机，做强零部件和储能',
    links: [
      {
        name: '风电光伏零部件',
        segment: Upstream,
        status: Weak,
        keyProducts: '塔筒、法兰、光伏支架、铸件',
        companies: [
          ['新能源装备', '零部件'],
          ['装备制造', '零部件'],
        ],
      },
      {
        name: '风电整机',
        segment: Midstream,
        status: Missing,
        keyProducts: '陆上风电机组',
        companies: [],
      },
      {
        name: '储能系统',
        segment: Midstream,
        status: Weak,
        keyProducts: '储能电池系统、电池回收',
        companies: [['新能源装备', '储能系统']],
      },
      {
        name: '风电场开发运营',
        segment: Downstream,
        status: Strong,
        keyProducts: '风电场、光伏电站',
        companies: [['新能源装备', '风电场开发']],
      },
    ],
    targets: [
      {
        link: '风电整机',
        name: '天津风驰重工股份有限公司',
        tier: TargetTier.Head,
        region: '天津市滨海新区',
        reason: '陆上风机头部企业，“以资源换产业”可引整机总装',
        bureau: 'B02',
      },
      {
        link: '储能系统',
        name: '安徽储能源动力科技有限公司',
        tier: TargetTier.Specialized,
        region: '安徽省合肥市',
        reason: '储能系统集成商，配套区内风电场储能需求',
        bureau: 'B02',
      },
      {
        link: '风电光伏零部件',
        name: '河北塔盛钢构有限公司',
        tier: TargetTier.Other,
        region: '河北省邢台市',
        reason: '塔筒运输半径有限，需就近设厂',
      },
    ],
  },
  {
    name: '农产品深加工',
    description: '依托花生、玉米和肉牛资源，做强精深加工，补齐冷链和乳制品',
    links: [
      {
        name: '种养殖和屠宰',
        segment: Upstream,
        status: Strong,
        keyProducts: '肉牛养殖、屠宰分割',
        companies: [['农产品深加工', '养殖屠宰']],
      },
      {
        name: '玉米和花生精深加工',
        segment: Midstream,
        status: Weak,
        keyProducts: '淀粉糖、高油酸花生油、花生蛋白',
        companies: [['农产品深加工', '精深加工']],
      },
      {
        name: '乳制品',
        segment: Midstream,
        status: Missing,
        keyProducts: '低温鲜奶、奶酪',
        companies: [['食品', '精深加工']],
      },
      {
        name: '冷链物流',
        segment: Downstream,
        status: Weak,
        keyProducts: '冷库、冷链配送',
        companies: [['现代物流', '冷链仓储']],
      },
    ],
    targets: [
      {
        link: '乳制品',
        name: '内蒙古草原鲜乳业有限公司',
        tier: TargetTier.Head,
        region: '内蒙古自治区呼和浩特市',
        reason: '低温奶向东北扩张，需要奶源基地和加工厂',
        bureau: 'B04',
      },
      {
        link: '玉米和花生精深加工',
        name: '山东粮丰生物科技股份有限公司',
        tier: TargetTier.Listed,
        region: '山东省滨州市',
        reason: '玉米深加工上市企业，关注原料地设厂',
        bureau: 'B04',
      },
    ],
  },
  {
    name: '现代服务业',
    description: '以供应链和商业运营服务本地产业，补齐人力资源服务',
    links: [
      {
        name: '物流园区',
        segment: Upstream,
        status: Strong,
        keyProducts: '公铁联运、综合物流园',
        companies: [['现代物流', '物流园区']],
      },
      {
        name: '供应链服务',
        segment: Midstream,
        status: Weak,
        keyProducts: '区域结算、大宗商品贸易',
        companies: [['现代服务业', '供应链服务']],
      },
      {
        name: '商业运营',
        segment: Downstream,
        status: Strong,
        keyProducts: '商业综合体运营、街区更新',
        companies: [['现代服务业', '商业运营']],
      },
      {
        name: '人力资源服务',
        segment: Downstream,
        status: Missing,
        keyProducts: '人力资源产业园、灵活用工',
        companies: [['总部经济', '人力资源服务']],
      },
    ],
    targets: [
      {
        link: '人力资源服务',
        name: '辽宁才聚人力资源集团有限公司',
        tier: TargetTier.Head,
        region: '辽宁省沈阳市',
        reason: '省内人力资源服务头部机构，可牵头人力资源产业园',
        bureau: 'B10',
      },
      {
        link: '供应链服务',
        name: '大连港通供应链管理有限公司',
        tier: TargetTier.Other,
        region: '辽宁省大连市',
        reason: '大宗商品供应链服务，可设区域结算中心',
      },
    ],
  },
];
