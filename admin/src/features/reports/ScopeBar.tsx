import { DatePicker, Flex, Grid, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { todayAsDayjs } from '../../app/dates';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import type { Scope } from './reportApi';

const DATE = 'YYYY-MM-DD';

function presets(): { label: string; value: [Dayjs, Dayjs] }[] {
  const today = todayAsDayjs();
  const out: { label: string; value: [Dayjs, Dayjs] }[] = [
    { label: '今年以来', value: [today.startOf('year'), today] },
    {
      label: '上一年度',
      value: [today.subtract(1, 'year').startOf('year'), today.subtract(1, 'year').endOf('year')],
    },
    { label: '近12个月', value: [today.subtract(12, 'month').add(1, 'day'), today] },
  ];
  for (let y = today.year() - 1; y >= Math.min(2022, today.year() - 3); y--) {
    out.push({ label: `${y}年以来`, value: [dayjs(`${y}-01-01`), today] });
  }
  return out;
}

interface Props {
  scope: Scope;
  onChange: (patch: Partial<Scope>) => void;
  extra?: ReactNode;
}

/** The organisation (and everything below it) and the period a report is about. */
export function ScopeBar({ scope, onChange, extra }: Props) {
  const screens = Grid.useBreakpoint();
  const isMobile = !screens.md;
  return (
    <Flex wrap gap={12} align="center" data-testid="report-scope">
      <Flex gap={6} align="center" style={{ width: isMobile ? '100%' : undefined }}>
        <Typography.Text type="secondary" style={{ flex: 'none' }}>
          组织
        </Typography.Text>
        <OrgTreeSelect
          value={scope.org}
          onChange={(code) => code && onChange({ org: code })}
          hideRevoked={false}
          style={{ minWidth: 220, flex: isMobile ? 1 : undefined }}
          data-testid="scope-org"
        />
      </Flex>
      <Flex gap={6} align="center" style={{ width: isMobile ? '100%' : undefined }}>
        <Typography.Text type="secondary" style={{ flex: 'none' }}>
          期间
        </Typography.Text>
        <DatePicker.RangePicker
          value={[dayjs(scope.from), dayjs(scope.to)]}
          allowClear={false}
          presets={presets()}
          onChange={(range) => {
            const [f, t] = range ?? [];
            if (f && t) onChange({ from: f.format(DATE), to: t.format(DATE) });
          }}
          style={{ flex: isMobile ? 1 : undefined, minWidth: 0 }}
          data-testid="scope-period"
        />
      </Flex>
      {extra}
    </Flex>
  );
}
