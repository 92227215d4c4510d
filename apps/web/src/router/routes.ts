import type { RouteRecordRaw } from 'vue-router';
import type { Role } from '@/stores/auth';

declare module 'vue-router' {
  interface RouteMeta {
    /** The page's title, in the menu, the browser's tab and the header. */
    title?: string;
    /** Who may open the page; absent: every signed-in user. */
    roles?: readonly Role[];
    /** Shown in the side menu (under this group when given). */
    menu?: { group?: string; order: number };
    /** Opened without signing in (the sign-in page). */
    public?: boolean;
    /** Drawn without the menu and header (the sign-in page, the 大屏). */
    bare?: boolean;
  }
}

const DISTRICT: readonly Role[] = ['leader', 'supervisor', 'admin'];
const BUREAU: readonly Role[] = ['staff', 'bureau_head'];

/**
 * Every page of the application; the paths are part of the contract. Each page loads on demand, so the first
 * page a person opens downloads only its own code.
 */
export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/auth/LoginPage.vue'),
    meta: { title: '登录', public: true, bare: true },
  },
  { path: '/', name: 'home', component: () => import('@/views/HomeRedirect.vue'), meta: { title: '首页' } },
  {
    path: '/dashboard',
    name: 'dashboard',
    component: () => import('@/views/dashboard/DashboardPage.vue'),
    meta: { title: '驾驶舱', menu: { order: 10 } },
  },
  {
    path: '/dashboard/screen',
    name: 'dashboard-screen',
    component: () => import('@/views/dashboard/ScreenPage.vue'),
    meta: { title: '大屏', roles: ['leader'], menu: { order: 11 }, bare: true },
  },
  {
    path: '/workbench',
    name: 'workbench',
    component: () => import('@/views/workbench/WorkbenchPage.vue'),
    meta: { title: '我的工作台', roles: BUREAU, menu: { order: 5 } },
  },
  {
    path: '/investors',
    name: 'investors',
    component: () => import('@/views/investors/InvestorList.vue'),
    meta: { title: '企业库', menu: { group: '招商业务', order: 20 } },
  },
  {
    path: '/investors/:id',
    name: 'investor',
    component: () => import('@/views/investors/InvestorDetail.vue'),
    meta: { title: '企业详情' },
  },
  {
    path: '/leads',
    name: 'leads',
    component: () => import('@/views/leads/LeadList.vue'),
    meta: { title: '线索', menu: { group: '招商业务', order: 21 } },
  },
  {
    path: '/leads/:id',
    name: 'lead',
    component: () => import('@/views/leads/LeadDetail.vue'),
    meta: { title: '线索详情' },
  },
  {
    path: '/visits',
    name: 'visits',
    component: () => import('@/views/visits/VisitList.vue'),
    meta: { title: '走访', menu: { group: '招商业务', order: 22 } },
  },
  {
    path: '/projects',
    name: 'projects',
    component: () => import('@/views/projects/ProjectList.vue'),
    meta: { title: '项目', menu: { group: '招商业务', order: 23 } },
  },
  {
    path: '/projects/board',
    name: 'project-board',
    component: () => import('@/views/projects/ProjectBoard.vue'),
    meta: { title: '挂图作战', menu: { group: '招商业务', order: 24 } },
  },
  {
    path: '/milestones',
    name: 'milestones',
    component: () => import('@/views/milestones/MilestoneChart.vue'),
    meta: { title: '节点计划总图', menu: { group: '招商业务', order: 24.5 } },
  },
  {
    path: '/projects/:id',
    name: 'project',
    component: () => import('@/views/projects/ProjectDetail.vue'),
    meta: { title: '项目详情' },
  },
  {
    path: '/transfers',
    name: 'transfers',
    component: () => import('@/views/transfers/TransferList.vue'),
    meta: { title: '转交审批', roles: ['bureau_head', 'leader'], menu: { group: '招商业务', order: 25 } },
  },
  {
    path: '/imports',
    name: 'imports',
    component: () => import('@/views/imports/ImportPage.vue'),
    meta: { title: '台账导入', roles: BUREAU, menu: { group: '招商业务', order: 26 } },
  },
  {
    path: '/chains',
    name: 'chains',
    component: () => import('@/views/chains/ChainMap.vue'),
    meta: { title: '产业链图谱', menu: { group: '招商业务', order: 27 } },
  },
  {
    path: '/service-requests',
    name: 'service-requests',
    component: () => import('@/views/requests/ServiceRequestList.vue'),
    meta: { title: '企业诉求', menu: { group: '招商业务', order: 28 } },
  },
  {
    path: '/service-requests/new',
    name: 'service-request-new',
    component: () => import('@/views/requests/RequestIntake.vue'),
    meta: { title: '登记诉求', roles: BUREAU },
  },
  {
    path: '/service-requests/:id',
    name: 'service-request',
    component: () => import('@/views/requests/ServiceRequestDetail.vue'),
    meta: { title: '诉求详情' },
  },
  {
    path: '/alerts',
    name: 'alerts',
    component: () => import('@/views/alerts/AlertList.vue'),
    meta: { title: '红黄灯', menu: { group: '督查通报', order: 30 } },
  },
  {
    path: '/supervision',
    name: 'supervision',
    component: () => import('@/views/supervision/SupervisionList.vue'),
    meta: { title: '督办单', menu: { group: '督查通报', order: 32 } },
  },
  {
    path: '/supervision/:id',
    name: 'supervision-order',
    component: () => import('@/views/supervision/SupervisionDetail.vue'),
    meta: { title: '督办单' },
  },
  {
    path: '/reports',
    name: 'reports',
    component: () => import('@/views/reports/ReportList.vue'),
    meta: { title: '报告', menu: { group: '督查通报', order: 31 } },
  },
  {
    path: '/reports/:week',
    name: 'report',
    component: () => import('@/views/reports/ReportDetail.vue'),
    meta: { title: '周报详情' },
  },
  {
    path: '/reports/:kind(monthly|quarterly)/:period',
    name: 'period-report',
    component: () => import('@/views/reports/ReportDetail.vue'),
    meta: { title: '报告详情' },
  },
  {
    path: '/audit',
    name: 'audit',
    component: () => import('@/views/audit/AuditLog.vue'),
    meta: { title: '审计日志', roles: ['supervisor', 'admin'], menu: { group: '督查通报', order: 32 } },
  },
  {
    path: '/admin/users',
    name: 'admin-users',
    component: () => import('@/views/admin/UserAdmin.vue'),
    meta: { title: '用户管理', roles: ['admin'], menu: { group: '系统管理', order: 40 } },
  },
  {
    path: '/admin/targets',
    name: 'admin-targets',
    component: () => import('@/views/admin/TargetAdmin.vue'),
    meta: { title: '年度目标', roles: ['admin', 'leader'], menu: { group: '系统管理', order: 41 } },
  },
  {
    path: '/admin/weights',
    name: 'admin-weights',
    component: () => import('@/views/admin/WeightAdmin.vue'),
    meta: { title: '排名权重', roles: ['admin', 'leader'], menu: { group: '系统管理', order: 42 } },
  },
  {
    path: '/admin/departments',
    name: 'admin-departments',
    component: () => import('@/views/admin/DepartmentAdmin.vue'),
    meta: { title: '办理部门', roles: ['admin'], menu: { group: '系统管理', order: 43 } },
  },
  {
    path: '/me',
    name: 'me',
    component: () => import('@/views/me/MePage.vue'),
    meta: { title: '个人中心' },
  },
  {
    path: '/:rest(.*)*',
    name: 'not-found',
    component: () => import('@/views/errors/NotFoundPage.vue'),
    meta: { title: '页面不存在', public: true },
  },
];

export { DISTRICT, BUREAU };
