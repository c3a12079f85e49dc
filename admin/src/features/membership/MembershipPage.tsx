import { Card, Space, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { useMe } from '../../app/auth';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { BranchLifeTab } from './BranchLifeTab';
import { CoverageTab } from './CoverageTab';
import { DeparturesTab } from './DeparturesTab';
import { DuesTab } from './DuesTab';
import { RegistrationTab } from './RegistrationTab';
import { StarRatingTab } from './StarRatingTab';
import { TransfersTab } from './TransfersTab';

/** 团员管理: a member's life in the league, from transfers to leaving, for the chosen organisation. */
export default function MembershipPage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const org = params.get('org') ?? me.org.code;
  const tab = params.get('tab') ?? 'transfers';
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const items = [
    { key: 'transfers', label: '组织关系转接', children: <TransfersTab org={org} /> },
    { key: 'dues', label: '团费', children: <DuesTab org={org} /> },
    { key: 'registration', label: '注册评议', children: <RegistrationTab org={org} /> },
    { key: 'life', label: '组织生活', children: <BranchLifeTab org={org} /> },
    { key: 'stars', label: '对标定级', children: <StarRatingTab org={org} /> },
    { key: 'coverage', label: '组织覆盖', children: <CoverageTab org={org} /> },
    { key: 'departures', label: '离团', children: <DeparturesTab org={org} /> },
  ];
  return (
    <Card
      title="团员管理"
      extra={
        <Space>
          <OrgTreeSelect
            value={org}
            onChange={(v) => set('org', v)}
            style={{ minWidth: 200, maxWidth: 320 }}
            data-testid="membership-org"
          />
        </Space>
      }
      styles={{ header: { flexWrap: 'wrap', gap: 8 } }}
    >
      <Tabs activeKey={tab} onChange={(k) => set('tab', k)} items={items} destroyOnHidden />
    </Card>
  );
}
