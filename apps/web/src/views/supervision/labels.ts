import type { components } from '@/api/schema';

export type Order = components['schemas']['SupervisionOrderDto'];
export type OrderDetail = components['schemas']['SupervisionOrderDetailDto'];
export type OrderStatus = Order['status'];

/** 督办单的状态，按办理的先后。 */
export const ORDER_STATUSES: { value: OrderStatus; label: string }[] = [
  { value: 'issued', label: '已下达' },
  { value: 'in_progress', label: '办理中' },
  { value: 'extension_requested', label: '申请延期' },
  { value: 'reported', label: '已办复' },
  { value: 'closed', label: '已办结' },
];

export const statusTagType = (status: OrderStatus): 'info' | 'primary' | 'warning' | 'success' =>
  status === 'closed' ? 'success' : status === 'extension_requested' || status === 'reported' ? 'warning' : 'primary';
