export * from './industry-chain.entity';
export * from './chain-link.entity';
export * from './chain-tag.entity';
export * from './chain-target.entity';
