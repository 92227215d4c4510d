/**
 * What the ten bureaus of 海州区 court, bureau by bureau: each line of business names the kind of company
 * (the word in its name), where it sits in the chain and the projects such a company brings. A demo company's
 * project is always one of its own line's, named after the company's brand (华晟 → 华晟年产2万吨含氟新材料项目).
 */
export interface DemoLine {
  industry: string;
  /** The word in the company's name: 辽宁华晟（阜新）氟材料有限公司. */
  noun: string;
  chain: string;
  /** Project names after the brand, ending in 项目. */
  projects: string[];
  /** What the company wants to talk about, for the visit notes. */
  topic: string;
}

export interface DemoBureauPlan {
  code: string;
  /** Annual targets (万元 for amounts). */
  targets: {
    visits: number;
    newLeads: number;
    signedCount: number;
    signedAmount: number;
    startedCount: number;
    fundsInPlace: number;
  };
  /** How the bureau runs against its targets: 1 on schedule, above ahead, below behind. */
  pace: number;
  /** Officers by username, the ones named more often doing more of the work. */
  officers: string[];
  park: string;
  lines: DemoLine[];
}

const line = (industry: string, noun: string, chain: string, topic: string, projects: string[]): DemoLine => ({
  industry,
  noun,
  chain,
  topic,
  projects,
});

export const DEMO_BUREAUS: DemoBureauPlan[] = [
  {
    code: 'B01',
    targets: {
      visits: 240,
      newLeads: 45,
      signedCount: 8,
      signedAmount: 180_000,
      startedCount: 5,
      fundsInPlace: 60_000,
    },
    pace: 1.12,
    officers: ['staff01a', 'staff01b', 'staff01a', 'staff01b', 'head01'],
    park: '海州区新能源装备产业园',
    lines: [
      line('新能源装备', '风电装备', '零部件', '风电塔筒运输条件和风电指标配置', [
        '风电塔筒及法兰制造项目',
        '大型风电塔筒生产基地项目',
      ]),
      line('新能源装备', '新能源科技', '风电场开发', '风电指标、并网接入和用地预审', [
        '100MW分散式风电项目',
        '200MW风光储一体化项目',
      ]),
      line('新能源装备', '光伏科技', '零部件', '光伏支架用钢材供应和厂房租赁', [
        '光伏支架生产基地项目',
        '分布式光伏电站项目',
      ]),
      line('新能源装备', '储能科技', '储能系统', '储能电站并网和电池回收配套', [
        '200MWh独立储能电站项目',
        '储能电池Pack生产线项目',
      ]),
    ],
  },
  {
    code: 'B02',
    targets: {
      visits: 200,
      newLeads: 40,
      signedCount: 7,
      signedAmount: 120_000,
      startedCount: 4,
      fundsInPlace: 30_000,
    },
    pace: 0.94,
    officers: ['staff02a', 'staff02b', 'staff02a', 'staff02b', 'head02'],
    park: '海州经济开发区',
    lines: [
      line('装备制造', '液压机械', '整机制造', '矿山液压支架的本地配套和熟练工人招聘', [
        '液压支架再制造项目',
        '矿用液压设备制造项目',
      ]),
      line('装备制造', '精密铸造', '零部件', '铸造产能指标和环评', ['精密铸件生产线项目', '风电铸件加工项目']),
      line('汽车零部件', '汽车零部件', '零部件', '整车厂配套半径和物流成本', [
        '汽车零部件智能工厂项目',
        '新能源汽车线束生产项目',
      ]),
      line('装备制造', '智能装备', '整机制造', '标准化厂房和设备购置补贴', [
        '工业机器人集成应用项目',
        '智能输送装备制造项目',
      ]),
    ],
  },
  {
    code: 'B03',
    targets: {
      visits: 280,
      newLeads: 55,
      signedCount: 10,
      signedAmount: 200_000,
      startedCount: 6,
      fundsInPlace: 80_000,
    },
    pace: 1.12,
    officers: ['staff03a', 'staff03b', 'staff03a', 'staff03b', 'head03'],
    park: '阜新氟化工产业园',
    lines: [
      line('氟化工', '氟材料', '中游材料', '萤石和无水氢氟酸原料保障、园区危化品准入', [
        '年产2万吨含氟新材料项目',
        '年产1万吨PVDF树脂项目',
      ]),
      line('氟化工', '新能源材料', '中游材料', '六氟磷酸锂产能规划和园区蒸汽供应', [
        '年产5000吨六氟磷酸锂项目',
        '年产3万吨锂电池电解液项目',
      ]),
      line('精细化工', '含氟精细化学品', '下游应用', '含氟中间体的环评、安评和污水处理', [
        '含氟精细化学品中间体项目',
        '含氟医药农药中间体项目',
      ]),
      line('氟化工', '电子化学品', '下游应用', '电子级产品的纯化工艺和下游客户', [
        '电子级氢氟酸项目',
        '含氟电子特气项目',
      ]),
    ],
  },
  {
    code: 'B04',
    targets: { visits: 180, newLeads: 40, signedCount: 6, signedAmount: 80_000, startedCount: 4, fundsInPlace: 20_000 },
    pace: 0.9,
    officers: ['staff04a', 'staff04a', 'head04'],
    park: '海州区现代农业产业园',
    lines: [
      line('农产品深加工', '玉米科技', '精深加工', '玉米收储和烘干、淀粉糖的市场', [
        '年加工30万吨玉米深加工项目',
        '玉米淀粉及淀粉糖项目',
      ]),
      line('农产品深加工', '花生制品', '精深加工', '阜新花生原料基地和冷库', ['花生精深加工项目', '高油酸花生油项目']),
      line('农产品深加工', '牧业', '养殖屠宰', '肉牛养殖用地、防疫和屠宰资质', [
        '万头肉牛养殖及屠宰加工项目',
        '肉牛育肥基地项目',
      ]),
      line('食品', '乳业', '精深加工', '奶源基地和冷链配送', ['乳制品加工项目', '低温鲜奶生产线项目']),
    ],
  },
  {
    code: 'B05',
    targets: {
      visits: 160,
      newLeads: 30,
      signedCount: 5,
      signedAmount: 100_000,
      startedCount: 3,
      fundsInPlace: 25_000,
    },
    pace: 1.1,
    officers: ['staff05a', 'staff05a', 'head05'],
    park: '阜新硅基材料产业园',
    lines: [
      line('新材料', '硅材料', '上游原料', '硅砂资源和工业用电价格', ['有机硅单体项目', '高纯石英砂提纯项目']),
      line('新材料', '复合材料', '中游材料', '风电叶片客户和原料运输', ['风电叶片复合材料项目', '玄武岩纤维项目']),
      line('新材料', '新材料科技', '下游应用', '中试基地和研发人才引进', ['电池负极材料项目', '功能膜材料项目']),
    ],
  },
  {
    code: 'B06',
    targets: { visits: 150, newLeads: 35, signedCount: 4, signedAmount: 60_000, startedCount: 2, fundsInPlace: 20_000 },
    pace: 0.72,
    officers: ['staff06a', 'staff06a', 'head06'],
    park: '海州区数字经济产业园',
    lines: [
      line('数字经济', '数智科技', '软件和信息服务', '政务和园区数字化的应用场景', [
        '智慧园区平台项目',
        '城市数字底座项目',
      ]),
      line('数字经济', '数据科技', '数据中心', '数据中心用电指标和网络带宽', ['数据中心项目', '算力中心项目']),
      line('数字经济', '网络科技', '平台经济', '直播电商基地和本地农产品上行', [
        '直播电商基地项目',
        '跨境电商服务中心项目',
      ]),
    ],
  },
  {
    code: 'B07',
    targets: { visits: 200, newLeads: 40, signedCount: 6, signedAmount: 90_000, startedCount: 4, fundsInPlace: 30_000 },
    pace: 0.98,
    officers: ['staff07a', 'staff07a', 'head07'],
    park: '海州区现代物流园',
    lines: [
      line('现代物流', '物流', '物流园区', '物流用地、铁路专用线和货源', ['综合物流园项目', '公铁联运物流港项目']),
      line('现代物流', '冷链物流', '冷链仓储', '冷库用电和农产品货源', [
        '冷链仓储物流中心项目',
        '农产品冷链集散中心项目',
      ]),
      line('商贸流通', '商贸', '商贸流通', '商业网点规划和消费市场', ['商贸综合体项目', '农产品批发市场项目']),
    ],
  },
  {
    code: 'B08',
    targets: { visits: 160, newLeads: 30, signedCount: 5, signedAmount: 50_000, startedCount: 3, fundsInPlace: 12_000 },
    pace: 0.86,
    officers: ['staff08a', 'staff08a', 'head08'],
    park: '东瓦沟域生态旅游区',
    lines: [
      line('文化旅游', '文化旅游', '景区运营', '东瓦沟域的景区规划和旅游公路', [
        '东瓦沟域生态旅游项目',
        '乡村旅游综合体项目',
      ]),
      line('文化旅游', '民宿', '精品民宿', '闲置农房流转和民宿证照办理', ['精品民宿集群项目', '山居民宿项目']),
      line('文化旅游', '玛瑙文化', '文创', '玛瑙原石供应和文创街区招商', ['玛瑙文创产业园项目', '玛瑙文化街区项目']),
      line('文化旅游', '研学旅行', '研学服务', '研学基地的场地和学校客源', ['研学旅行基地项目', '营地教育项目']),
    ],
  },
  {
    code: 'B09',
    targets: { visits: 120, newLeads: 25, signedCount: 4, signedAmount: 60_000, startedCount: 2, fundsInPlace: 15_000 },
    pace: 0.78,
    officers: ['staff09a', 'staff09a', 'head09'],
    park: '海州区生物医药产业园',
    lines: [
      line('生物医药', '生物科技', '原料药', '原料药的环评和GMP厂房', ['原料药生产基地项目', '生物发酵项目']),
      line('生物医药', '中药', '中药饮片', '道地药材种植基地和饮片GMP认证', ['中药饮片加工项目', '中药材种植加工项目']),
      line('大健康', '康养', '健康服务', '康养用地和医养结合政策', ['康养中心项目', '医养结合养老项目']),
    ],
  },
  {
    code: 'B10',
    targets: { visits: 140, newLeads: 30, signedCount: 4, signedAmount: 70_000, startedCount: 3, fundsInPlace: 25_000 },
    pace: 1.08,
    officers: ['staff10a', 'staff10a', 'head10'],
    park: '海州区商务中心区',
    lines: [
      line('现代服务业', '供应链管理', '供应链服务', '区域结算和大宗商品贸易', [
        '供应链服务中心项目',
        '区域结算中心项目',
      ]),
      line('现代服务业', '商业管理', '商业运营', '老城区商业更新和业态招商', [
        '城市商业综合体项目',
        '老街区更新改造项目',
      ]),
      line('总部经济', '人力资源', '人力资源服务', '人力资源产业园的政策和入驻机构', [
        '人力资源产业园项目',
        '职业技能培训基地项目',
      ]),
    ],
  },
];

/** Two-character brands: fictional, none a well-known company's. */
// prettier-ignore
export const DEMO_BRANDS = [
  '华晟', '恒泰', '鑫源', '宏达', '瑞丰', '金诚', '盛隆', '永泰', '利华', '新元',
  '博远', '嘉盛', '中润', '海川', '北辰', '安泰', '德正', '泓源', '昊天', '众和',
  '东升', '弘毅', '宝丰', '丰源', '远航', '兴达', '广宇', '恒信', '瑞阳', '泰和',
  '华信', '裕丰', '长盛', '天润', '金泽', '信达', '宏图', '鼎盛', '聚源', '同创',
  '万隆', '富达', '华腾', '正和', '科瑞', '鸿运', '润泽', '通达', '益民', '丰泽',
  '嘉禾', '源通', '恒通', '腾飞', '佳和', '康瑞', '景润', '铭远', '晟达', '凯旋',
  '汇川', '锦程', '德润', '启航', '方圆', '明泰', '兴华', '泰宇', '瑞祥', '久盛',
  '瀚宇', '祥和', '百川', '荣达', '永兴', '天宇', '亿丰', '华宇', '诚信', '众信',
  '卓达', '聚丰', '中和', '海润', '金源', '弘泰', '盛世', '宏远', '润丰', '华兴',
  '泰丰', '新宇', '福源', '永丰', '鼎新', '嘉信', '安达', '隆盛', '顺达', '和信',
];

/** Where the companies come from: 名称 prefix, 行政区划 of the registering authority, region. */
export const DEMO_REGIONS: [prefix: string, code: string, region: string][] = [
  ['辽宁', '210100', '辽宁省沈阳市'],
  ['大连', '210200', '辽宁省大连市'],
  ['阜新', '210902', '辽宁省阜新市海州区'],
  ['山东', '370300', '山东省淄博市'],
  ['江苏', '320400', '江苏省常州市'],
  ['浙江', '330800', '浙江省衢州市'],
  ['北京', '110108', '北京市海淀区'],
  ['上海', '310115', '上海市浦东新区'],
  ['深圳', '440300', '广东省深圳市'],
  ['内蒙古', '150500', '内蒙古自治区通辽市'],
  ['吉林', '220100', '吉林省长春市'],
  ['河北', '130100', '河北省石家庄市'],
  ['天津', '120116', '天津市滨海新区'],
  ['黑龙江', '230100', '黑龙江省哈尔滨市'],
];

export const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段';
// prettier-ignore
export const GIVEN_NAMES = [
  '建国', '志强', '海涛', '晓东', '立新', '国栋', '春雨', '丽娜', '振宇', '永刚',
  '文军', '长胜', '宝山', '德财', '佳怡', '思远', '红梅', '玉龙', '明辉', '雪松',
  '秀英', '建华', '鹏飞', '晓燕', '俊杰', '宏伟', '静', '磊', '军', '敏',
];
export const TITLES = [
  '董事长',
  '总经理',
  '副总经理',
  '投资发展部总监',
  '战略投资经理',
  '副总裁',
  '项目总监',
  '投资部经理',
];
