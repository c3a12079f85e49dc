import {
  ApartmentOutlined,
  AuditOutlined,
  CheckSquareOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  FileTextOutlined,
  FlagOutlined,
  GlobalOutlined,
  HeartOutlined,
  IdcardOutlined,
  ReadOutlined,
  ReconciliationOutlined,
  SolutionOutlined,
  StarOutlined,
  TeamOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Me } from './auth';

export interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  /** Shown to holders of any of these; everyone when absent. */
  anyOf?: string[];
  /** And only when this holds of the signed-in user (what the server told of him beyond his permissions). */
  when?: (user: Me) => boolean;
  description: string;
}

/**
 * Each import kind asks its own permission of the importer (src/modules/imports/imports.policy.ts): 数据导入 is for
 * a user with at least one kind his role may write, as the server lists them in me.importKinds.
 */
export function importsAny(user: Me): boolean {
  return user.importKinds.length > 0;
}

export const navItems: NavItem[] = [
  { path: '/', label: '工作台', icon: <DashboardOutlined />, description: '概况与常用入口' },
  { path: '/todo', label: '待办', icon: <CheckSquareOutlined />, description: '等待我办理的事项' },
  {
    path: '/reports',
    label: '青春答卷',
    icon: <FileTextOutlined />,
    anyOf: ['org.read'],
    description: '“五个引领”工作成效与文章初稿',
  },
  {
    path: '/newsroom',
    label: '网站稿件',
    icon: <GlobalOutlined />,
    anyOf: ['portal.edit'],
    description: '门户网站稿件的编辑、审核与发布',
  },
  {
    path: '/orgs',
    label: '团组织',
    icon: <ApartmentOutlined />,
    anyOf: ['org.read', 'org.write'],
    description: '组织树，新建、调整和撤销团组织',
  },
  {
    path: '/people',
    label: '人员',
    icon: <TeamOutlined />,
    // volunteer.people: a volunteer organiser sees his volunteers here, not the whole roll (issue 17, item 8).
    anyOf: ['person.read', 'person.write', 'volunteer.people'],
    description: '团员、青年信息查询与导出',
  },
  {
    path: '/membership',
    label: '团员管理',
    icon: <IdcardOutlined />,
    anyOf: ['person.read'],
    description: '组织关系转接、团费、注册评议、组织生活、对标定级、离团',
  },
  {
    path: '/admission',
    label: '推优入团',
    icon: <FlagOutlined />,
    anyOf: ['person.read'],
    description: '发展团员看板：申请、积极分子、发展对象、入团',
  },
  {
    path: '/classes',
    label: '团校团课',
    icon: <ReadOutlined />,
    // Its pages list attendees: roles with no school work (an editor, a counsellor) do not see them.
    anyOf: ['school.read'],
    description: '团课、考勤与学时，团校与教员',
  },
  {
    path: '/party',
    label: '推优入党',
    icon: <StarOutlined />,
    anyOf: ['person.read'],
    description: '推荐优秀团员作为入党积极分子人选',
  },
  {
    path: '/imports',
    label: '数据导入',
    icon: <CloudUploadOutlined />,
    anyOf: ['import.run'],
    when: importsAny,
    description: '用 Excel 模板批量导入台账',
  },
  {
    path: '/audit',
    label: '审计日志',
    icon: <AuditOutlined />,
    anyOf: ['audit.read'],
    description: '谁在何时做了什么',
  },
  {
    path: '/users',
    label: '用户管理',
    icon: <UserSwitchOutlined />,
    anyOf: ['user.manage'],
    description: '账号与角色',
  },
  {
    path: '/services',
    label: '服务台账',
    icon: <ReconciliationOutlined />,
    anyOf: ['service.read', 'aid.read', 'counselling.read'],
    description: '团干部、阵地、经费、助学、心理健康与实习',
  },
  {
    path: '/my-internships',
    label: '实习报名',
    icon: <SolutionOutlined />,
    anyOf: ['internship.apply'],
    description: '查看岗位，本人报名',
  },
  {
    path: '/volunteering',
    label: '志愿服务',
    icon: <HeartOutlined />,
    anyOf: ['volunteer.read'],
    description: '活动发布、扫码签到、时长确认、统计与证明',
  },
  {
    path: '/my-volunteering',
    label: '我的志愿服务',
    icon: <HeartOutlined />,
    anyOf: ['volunteer.self'],
    description: '报名活动、查看时长和证明',
  },
];

/** Staff land on 待办 after signing in (issue 15); a young person on his own workbench. */
export function firstScreenOf(roles: readonly string[]): string {
  return roles.some((r) => r !== 'young_person') ? '/todo' : '/';
}

export function visibleNav(can: (p: string) => boolean, user: Me | null | undefined): NavItem[] {
  return navItems.filter(
    (i) => (!i.anyOf || i.anyOf.some(can)) && (!i.when || (user != null && i.when(user))),
  );
}

/** The menu key for a location: the first path segment. */
export function navKeyOf(pathname: string): string {
  const seg = pathname.split('/').filter(Boolean)[0];
  return seg ? `/${seg}` : '/';
}
