import { Card, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useAuth, useMe } from '../../app/auth';
import { thisYear, today } from '../../app/dates';
import type { Scope } from '../reports/reportApi';
import { ScopeBar } from '../reports/ScopeBar';
import { AidTab } from './AidTab';
import { CadresTab } from './CadresTab';
import { CounsellingTab } from './CounsellingTab';
import { FundsTab } from './FundsTab';
import { InternshipsTab } from './InternshipsTab';
import { VenuesTab } from './VenuesTab';

/** 服务台账: cadres, venues, funds, student aid, mental health and internships of a subtree in a period. */
export default function ServicesPage() {
  const me = useMe();
  const { can } = useAuth();
  const [scope, setScope] = useState<Scope>({
    org: me.org.code,
    from: `${thisYear()}-01-01`,
    to: today(),
  });
  const tabs = [
    { key: 'cadres', label: '团干部', perm: 'service.read', children: <CadresTab scope={scope} /> },
    { key: 'venues', label: '阵地', perm: 'service.read', children: <VenuesTab scope={scope} /> },
    { key: 'funds', label: '经费', perm: 'service.read', children: <FundsTab scope={scope} /> },
    { key: 'aid', label: '助学', perm: 'aid.read', children: <AidTab scope={scope} /> },
    {
      key: 'counselling',
      label: '心理健康',
      perm: 'counselling.read',
      children: <CounsellingTab scope={scope} />,
    },
    { key: 'internships', label: '实习', perm: 'service.read', children: <InternshipsTab scope={scope} /> },
  ].filter((t) => can(t.perm));
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        服务台账
      </Typography.Title>
      <Card size="small" style={{ marginBottom: 16 }}>
        <ScopeBar scope={scope} onChange={(patch) => setScope((s) => ({ ...s, ...patch }))} />
      </Card>
      <Card size="small">
        <Tabs destroyOnHidden items={tabs.map(({ perm: _perm, ...t }) => t)} data-testid="services-tabs" />
      </Card>
    </>
  );
}
