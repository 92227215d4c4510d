import { AppConfig } from '@app/core';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SchemaObject, SwaggerModule } from '@nestjs/swagger';
import { ApiModule } from '../api.module';
import { useApiPrefix } from '../api-prefix';
import { describeAccessAndErrors } from './error-responses';
import { operationIdOf, routeFactsOf } from './route-facts';

const BEARER = 'bearer';

/** Every tag the controllers use, with what it covers; a tag missing here fails the document's build. */
const TAGS: Record<string, string> = {
  '登录 auth': '登录、刷新令牌、修改密码、退出登录',
  '用户 users': '用户账号：管理员管理全部用户，局长管理本局工作人员',
  '招商局 bureaus': '全区各招商局',
  '客商 investors': '全区共享的客商（企业）库及其联系人；联系方式对不跟进该企业的招商局脱敏',
  '线索 leads': '招商线索、撞单规则、跨局转交和线索台账导入',
  '走访 visits': '走访与接洽记录（走出去、请进来、电话视频、展会洽谈）',
  '项目 projects': '项目及其阶段变更、签约、到位资金和时间线',
  '排名与目标 rankings': '各招商局排名、指标明细、转化漏斗、年度目标和排名权重',
  '产业链 industry chains': '产业链及其环节（上游/中游/下游）、环节标注、招商目标企业库与产业链图谱',
  '周报 weekly reports': '每周一生成的周报快照、导出与哈希链校验',
  '月报与季报 monthly and quarterly reports':
    '每月 1 日生成的月报和每季度首日生成的季报（月度监测）：冻结快照、导出（含通报）与各自的哈希链',
  '督查预警 alerts': '督查红黄灯预警',
  '挂图作战 milestones': '重点项目节点计划、挂图作战总图、包保领导的项目和前期手续类别',
  '督办单 supervision orders': '督办单：下达、交办、办理反馈、延期、办结与退回，逾期升级至分管领导',
  '企业诉求 service-requests':
    '企业诉求（首办责任制）：受理、交办、办理进展、办结、回访，各局受理与满意率指标，办理部门名录',
  '审计日志 audit': '审计日志与哈希链校验（督查、管理员）',
  '运行状态 health': '健康、存活与就绪检查（供运维和编排系统，无须登录）',
};

/**
 * The api's modules, controllers and DTOs in Nest's preview mode, which creates no provider: enough for the
 * document, without a database, a queue or a listening server. Never init or close it (no provider exists to
 * start or stop).
 */
export async function previewApiApp(config: AppConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), new FastifyAdapter(), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  useApiPrefix(app);
  return app;
}

/** The api's OpenAPI document, from the routes and DTOs of the application given (a running one or a preview). */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('海州招商 CRM API')
    .setDescription(
      '海州区招商引资管理系统接口。金额单位为万元（两位小数的字符串），日期为 YYYY-MM-DD，时间为带时区的 ISO-8601；' +
        '列表接口返回 { items, total }；错误统一为 { statusCode, code, message, details?, requestId }。',
    )
    .setVersion('1.0')
    .addServer('/', '本服务（与本文档同一地址）')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: '登录接口返回的 accessToken' },
      BEARER,
    );
  for (const [name, description] of Object.entries(TAGS)) builder.addTag(name, description);
  const config = builder.build();
  // the CRM is not published under a licence; there is no contact address for the public either
  config.info.license = { name: '内部使用，未经许可不得对外提供' };
  delete config.info.contact;
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controller, method) => operationIdOf(controller, method),
  });
  describeAccessAndErrors(document, routeFactsOf(app), BEARER);
  describeFileBodies(document);
  const unknownTags = Object.values(document.paths)
    .flatMap((item) => Object.values(item as Record<string, { tags?: string[] }>))
    .flatMap((operation) => operation.tags ?? [])
    .filter((tag) => !(tag in TAGS));
  if (unknownTags.length > 0) throw new Error(`OpenAPI: describe the tags ${[...new Set(unknownTags)].join(', ')}`);
  return document;
}

/**
 * `@ApiConsumes` gives each media type of a body the same schema. An upload that takes either a form or the file
 * itself declares the form (an object with one binary field); under every type but the form's, the body is that
 * file alone.
 */
function describeFileBodies(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.post, item.put, item.patch]) {
      const body = operation?.requestBody;
      if (!body || '$ref' in body || !body.content['multipart/form-data']) continue;
      for (const [type, media] of Object.entries(body.content)) {
        const fields = Object.values((media.schema as SchemaObject | undefined)?.properties ?? {}) as SchemaObject[];
        if (type === 'multipart/form-data' || fields.length !== 1 || fields[0].format !== 'binary') continue;
        media.schema = { ...fields[0] };
      }
    }
  }
}
