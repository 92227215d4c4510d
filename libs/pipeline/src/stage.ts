/** Where a project stands in the conversion pipeline; the order of STAGE_ORDER is the forward direction. */
export enum Stage {
  Reserve = 'reserve',
  Negotiating = 'negotiating',
  Signed = 'signed',
  Registered = 'registered',
  Started = 'started',
  Operating = 'operating',
  Terminated = 'terminated',
}

export type LiveStage = Exclude<Stage, Stage.Terminated>;

export const STAGE_ORDER: readonly LiveStage[] = [
  Stage.Reserve,
  Stage.Negotiating,
  Stage.Signed,
  Stage.Registered,
  Stage.Started,
  Stage.Operating,
];

export const STAGE_LABELS: Record<Stage, string> = {
  [Stage.Reserve]: '储备/谋划',
  [Stage.Negotiating]: '在谈',
  [Stage.Signed]: '签约',
  [Stage.Registered]: '注册落地',
  [Stage.Started]: '开工',
  [Stage.Operating]: '竣工投产',
  [Stage.Terminated]: '终止',
};

export enum AgreementType {
  Framework = 'framework',
  Formal = 'formal',
}

export const AGREEMENT_TYPE_LABELS: Record<AgreementType, string> = {
  [AgreementType.Framework]: '框架协议',
  [AgreementType.Formal]: '正式合同',
};

export function stageIndex(stage: LiveStage): number {
  return STAGE_ORDER.indexOf(stage);
}

/** Whether a stage is at or past another in the forward order (terminated is past nothing). */
export function isAtOrPast(stage: Stage, other: LiveStage): boolean {
  return stage !== Stage.Terminated && stageIndex(stage) >= stageIndex(other);
}
