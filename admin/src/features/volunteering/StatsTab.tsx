import { formatHours, roundHours } from '@shared/hours';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Flex, Input, Row, Statistic, Table } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { http, type Item, ok, saveFile } from '../../api/http';
import { thisYear } from '../../app/dates';
import { EChart } from '../reports/EChart';
import { PersonHoursDrawer } from './PersonHoursDrawer';

type PersonRow = Item<'/api/volunteering/stats/people'>;

/** Events, 人次, distinct volunteers and hours: by month and category as charts, by org and person as tables. */
export function StatsTab() {
  const [from, setFrom] = useState(() => `${thisYear()}-01-01`);
  const [to, setTo] = useState(() => `${thisYear()}-12-31`);
  const period = { from, to };
  const stats = useQuery({
    queryKey: ['volunteer-stats', period],
    queryFn: ({ signal }) => ok(http.GET('/api/volunteering/stats', { params: { query: period }, signal })),
  });
  const people = useQuery({
    queryKey: ['volunteer-stats-people', period],
    queryFn: ({ signal }) =>
      ok(http.GET('/api/volunteering/stats/people', { params: { query: period }, signal })),
  });
  const s = stats.data;
  const [person, setPerson] = useState<number | null>(null);
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Input type="date" value={from} onChange={(e) => setFrom(e.target.value)} style={{ width: 160 }} />
        <Input type="date" value={to} onChange={(e) => setTo(e.target.value)} style={{ width: 160 }} />
        <Button
          onClick={() =>
            saveFile(
              () =>
                http.GET('/api/volunteering/stats/export', { params: { query: period }, parseAs: 'stream' }),
              '志愿服务统计.xlsx',
            ).catch(() => undefined)
          }
        >
          导出 Excel
        </Button>
      </Flex>
      {stats.isError && <Alert type="error" showIcon title={errorMessage(stats.error)} />}
      {s && (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            {(
              [
                ['活动', s.totals.events, '场'],
                ['参与', s.totals.participations, '人次'],
                ['志愿者', s.totals.volunteers, '名'],
                ['服务时长', formatHours(s.totals.hours), '小时'],
              ] as const
            ).map(([label, value, unit]) => (
              <Col xs={12} md={6} key={label}>
                <Card size="small">
                  <Statistic title={label} value={value} suffix={unit} />
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col xs={24} md={14}>
              <Card size="small" title="按月份">
                <EChart
                  height={260}
                  option={{
                    tooltip: { trigger: 'axis' },
                    legend: { top: 0 },
                    grid: { left: 40, right: 40, top: 30, bottom: 24 },
                    xAxis: { type: 'category', data: s.byMonth.map((m) => m.key.slice(5)) },
                    yAxis: [
                      { type: 'value', name: '人次' },
                      { type: 'value', name: '小时' },
                    ],
                    series: [
                      { name: '人次', type: 'bar', data: s.byMonth.map((m) => m.participations) },
                      {
                        name: '时长',
                        type: 'line',
                        yAxisIndex: 1,
                        data: s.byMonth.map((m) => roundHours(m.hours)),
                      },
                    ],
                  }}
                />
              </Card>
            </Col>
            <Col xs={24} md={10}>
              <Card size="small" title="按服务类别（时长）">
                <EChart
                  height={260}
                  option={{
                    tooltip: { trigger: 'item' },
                    series: [
                      {
                        type: 'pie',
                        radius: ['35%', '65%'],
                        data: s.byCategory.map((c) => ({ name: c.key, value: roundHours(c.hours) })),
                      },
                    ],
                  }}
                />
              </Card>
            </Col>
          </Row>
          <Card size="small" title="按组织" style={{ marginBottom: 12 }}>
            <Table
              rowKey="orgCode"
              size="small"
              scroll={{ x: 'max-content' }}
              pagination={false}
              dataSource={s.byOrg}
              columns={[
                { title: '组织', dataIndex: 'orgName' },
                { title: '活动', dataIndex: 'events', align: 'right' },
                { title: '人次', dataIndex: 'participations', align: 'right' },
                { title: '志愿者', dataIndex: 'volunteers', align: 'right' },
                { title: '时长', dataIndex: 'hours', align: 'right', render: (v: number) => formatHours(v) },
              ]}
            />
          </Card>
        </>
      )}
      <Card size="small" title="按志愿者">
        <Table<PersonRow>
          rowKey="personId"
          size="small"
          scroll={{ x: 'max-content' }}
          dataSource={people.data?.items ?? []}
          columns={[
            {
              title: '姓名',
              dataIndex: 'name',
              render: (n: string, r) => (
                <Button type="link" size="small" onClick={() => setPerson(r.personId)}>
                  {n}
                </Button>
              ),
            },
            { title: '证件号码', dataIndex: 'idNumberMasked' },
            { title: '人次', dataIndex: 'participations', align: 'right' },
            { title: '时长', dataIndex: 'hours', align: 'right', render: (v: number) => formatHours(v) },
          ]}
        />
      </Card>
      <PersonHoursDrawer personId={person} period={period} onClose={() => setPerson(null)} />
    </>
  );
}
