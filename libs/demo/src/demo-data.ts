import { Role } from '@app/core';

/** The one password of every demo account (demo data only; real accounts get their own). */
export const DEMO_PASSWORD = 'Haizhou@2026';

export interface DemoUser {
  username: string;
  displayName: string;
  title: string;
  role: Role;
  bureauCode?: string;
}

const HEADS = ['赵振华', '钱立新', '孙晓东', '李海峰', '周建平', '吴志刚', '郑玉林', '王春雷', '冯国庆', '陈德胜'];
const STAFF = [
  ['韩雪', '杨帆'],
  ['朱丽娜', '秦浩'],
  ['许晨', '何静'],
  ['吕博'],
  ['施文'],
  ['张婷'],
  ['孔祥宇'],
  ['曹阳'],
  ['严冬梅'],
  ['华磊'],
];

/** Deterministic: the same accounts on every machine, so the README can name them. */
export function demoUsers(): DemoUser[] {
  const users: DemoUser[] = [
    { username: 'leader1', displayName: '张明远', title: '副区长（分管招商）', role: Role.Leader },
    { username: 'leader2', displayName: '周国华', title: '区长', role: Role.Leader },
    { username: 'supervisor1', displayName: '刘芳', title: '区委督查室主任', role: Role.Supervisor },
  ];
  HEADS.forEach((name, index) => {
    const code = `B${String(index + 1).padStart(2, '0')}`;
    users.push({
      username: `head${code.slice(1)}`,
      displayName: name,
      title: '局长',
      role: Role.BureauHead,
      bureauCode: code,
    });
    STAFF[index].forEach((staffName, n) => {
      users.push({
        username: `staff${code.slice(1)}${String.fromCharCode(97 + n)}`,
        displayName: staffName,
        title: '招商专员',
        role: Role.Staff,
        bureauCode: code,
      });
    });
  });
  return users;
}
