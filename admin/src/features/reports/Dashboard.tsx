import { FileTextOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { useOrgIndex, useOrgList } from '../orgs/orgTree';
import { CompareTable } from './CompareTable';
import { DashboardCharts } from './DashboardCharts';
import { LeadCards } from './LeadCards';
import { previousPeriod, useAnswerSheet, useIndicators, useReportScope } from './reportApi';
import { ScopeBar } from './ScopeBar';

/** The admin home: the five leads for an org and period, the change from the period before, charts. */
export function Dashboard() {
  const [scope, setScope] = useReportScope();
  const { org, from, to } = scope;
  const previousScope = useMemo(() => ({ org, ...previousPeriod(from, to) }), [org, from, to]);
  const indicators = useIndicators();
  const current = useAnswerSheet(scope);
  const previous = useAnswerSheet(previousScope);
  const orgs = useOrgList();
  const { byCode } = useOrgIndex(orgs.data);
  const hasCounties = (orgs.data ?? []).some((o) => o.parentCode === scope.org && o.level === 'county');
  const scopeName = current.data?.org.name ?? byCode.get(scope.org)?.name ?? scope.org;
  const reportQuery = new URLSearchParams({ org: scope.org, from: scope.from, to: scope.to }).toString();

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="dashboard">
      <ScopeBar
        scope={scope}
        onChange={setScope}
        extra={
          <Link to={`/reports?${reportQuery}`}>
            <Button icon={<FileTextOutlined />}>生成《青春答卷》</Button>
          </Link>
        }
      />
      <Typography.Title level={5} style={{ margin: 0 }}>
        {scopeName}“五个引领”工作成效
        <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal', marginLeft: 8 }}>
          {scope.from} 至 {scope.to}（含下级组织）
        </Typography.Text>
      </Typography.Title>
      {current.isError && <Alert type="error" showIcon title={errorMessage(current.error)} />}
      <LeadCards
        indicators={indicators}
        scope={scope}
        previousScope={previousScope}
        current={current.data?.indicators}
        previous={previous.data?.indicators}
        loading={current.isLoading}
      />
      <DashboardCharts scope={scope} />
      {hasCounties && <CompareTable scope={scope} indicators={indicators} />}
    </Space>
  );
}
