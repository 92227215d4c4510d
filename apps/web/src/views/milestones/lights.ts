/** The Element Plus tag type of a node: red and yellow lights, done nodes green, the rest plain. */
export function lightType(
  light: 'red' | 'yellow' | null | undefined,
  timing?: string,
): 'danger' | 'warning' | 'success' | 'info' {
  if (light === 'red') return 'danger';
  if (light === 'yellow') return 'warning';
  if (timing === 'early' || timing === 'on_time' || timing === 'late') return 'success';
  return 'info';
}

export const CHART_STATUSES = [
  { value: 'overdue', label: '有逾期节点' },
  { value: 'red', label: '红灯' },
  { value: 'yellow', label: '黄灯' },
  { value: 'normal', label: '无逾期' },
] as const;
