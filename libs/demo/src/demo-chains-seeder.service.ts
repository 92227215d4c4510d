import { ChainService, ChainTargetService, TaggedKind } from '@app/chains';
import { PageQueryDto } from '@app/core';
import { actorOfUser, UserRepository } from '@app/identity';
import { InvestorService } from '@app/investors';
import { Injectable, Logger } from '@nestjs/common';
import { DEMO_CHAINS } from './demo-chains';
import { DemoRepository } from './demo.repository';

export const CHAINS_DATASET = 'chains-v1';

type InvestorQuery = Parameters<InvestorService['list']>[0];

/**
 * Loads the district's four industry chains through the chains' own services, as the first leader: their links,
 * the demo companies tagged on the links their line of business sits on, and target companies, most of them
 * assigned to the bureau that courts that line. Needs the investors data set first (it tags its companies).
 */
@Injectable()
export class DemoChainsSeeder {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly demo: DemoRepository,
    private readonly users: UserRepository,
    private readonly chains: ChainService,
    private readonly targets: ChainTargetService,
    private readonly investors: InvestorService,
  ) {}

  /** Returns whether the data set was loaded now. */
  async load(): Promise<boolean> {
    if (await this.demo.isLoaded(CHAINS_DATASET)) return false;
    const leader = await this.users.findByUsername('leader1');
    if (!leader) return false;
    const actor = actorOfUser(leader, { sessionId: 'demo', requestId: `demo-${CHAINS_DATASET}` });
    let tags = 0;
    for (const [order, plan] of DEMO_CHAINS.entries()) {
      const chain = await this.chains.create(actor, {
        name: plan.name,
        description: plan.description,
        sortOrder: order + 1,
      });
      const linkIds = new Map<string, string>();
      for (const [n, link] of plan.links.entries()) {
        const created = await this.chains.addLink(actor, chain.id, {
          name: link.name,
          segment: link.segment,
          status: link.status,
          keyProducts: link.keyProducts,
          parentId: link.parent ? linkIds.get(link.parent) : undefined,
          sortOrder: n + 1,
        });
        linkIds.set(link.name, created.id);
        for (const [industry, position] of link.companies) {
          for (const id of await this.companiesOf(industry, position)) {
            await this.chains.tag(actor, chain.id, created.id, { recordKind: TaggedKind.Investor, recordId: id });
            tags++;
          }
        }
      }
      for (const target of plan.targets) {
        await this.targets.create(actor, {
          linkId: linkIds.get(target.link) as string,
          name: target.name,
          tier: target.tier,
          region: target.region,
          reason: target.reason,
          bureau: target.bureau,
        });
      }
    }
    await this.demo.markLoaded(CHAINS_DATASET);
    this.logger.log(`Loaded demo data set ${CHAINS_DATASET} (${DEMO_CHAINS.length} chains, ${tags} tagged companies)`);
    return true;
  }

  /** The demo companies of one line of business and one position on its chain. */
  private async companiesOf(industry: string, position: string): Promise<string[]> {
    const ids: string[] = [];
    for (let page = 1; ; page++) {
      const query = Object.assign(new PageQueryDto(), { industry, page, pageSize: 200 }) as InvestorQuery;
      const { items, total } = await this.investors.list(query);
      ids.push(...items.filter((investor) => investor.chainPosition === position).map((investor) => investor.id));
      if (page * 200 >= total || items.length === 0) return ids;
    }
  }
}
