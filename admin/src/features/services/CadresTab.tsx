import { Card, Col, Row as GridRow, Statistic, Table, Tag } from 'antd';
import type { Scope } from '../reports/reportApi';
import { cadreModes, cadreSources, cadreTitles, orgLevels } from './labels';
import {
  AddButton,
  named,
  optionsOfList,
  optionsOfMap,
  type Row,
  ServiceFormModal,
  ServiceList,
  text,
  useServiceQuery,
} from './serviceKit';

interface Structure {
  total: number;
  countySecondedDeputies: number;
  countyPartTimeDeputies: number;
  townshipStudentDeputies: number;
}
interface Reminders {
  vacancies: { org: { code: string; name: string; level: string } }[];
  termsDue: {
    id: number;
    name: string;
    title: string;
    termEndsOn: string;
    overdue: boolean;
    org: { name: string };
  }[];
}

/** 团干部: the structure at a glance, reminders, and the posts held at the end of the period. */
export function CadresTab({ scope }: { scope: Scope }) {
  const s = useServiceQuery<Structure>('/cadres/structure', scope);
  const r = useServiceQuery<Reminders>('/cadres/reminders', {
    ...scope,
    from: undefined,
    to: undefined,
  } as unknown as Scope);
  return (
    <>
      <GridRow gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {[
          ['在任团干部', s.data?.total],
          ['县级挂职副书记', s.data?.countySecondedDeputies],
          ['县级兼职副书记', s.data?.countyPartTimeDeputies],
          ['大学生兼任乡镇副书记', s.data?.townshipStudentDeputies],
        ].map(([title, value]) => (
          <Col xs={12} md={6} key={String(title)}>
            <Card size="small">
              <Statistic title={title} value={(value as number | undefined) ?? '—'} />
            </Card>
          </Col>
        ))}
      </GridRow>
      {r.data && (r.data.vacancies.length > 0 || r.data.termsDue.length > 0) && (
        <Card size="small" title="提醒" style={{ marginBottom: 16 }} data-testid="cadre-reminders">
          {r.data.vacancies.map((v) => (
            <Tag color="red" key={v.org.code} style={{ marginBottom: 4 }}>
              {v.org.name} 缺书记
            </Tag>
          ))}
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={r.data.termsDue}
            columns={[
              { title: '姓名', dataIndex: 'name' },
              { title: '组织', dataIndex: ['org', 'name'] },
              { title: '职务', dataIndex: 'title', render: (v: string) => cadreTitles[v] },
              {
                title: '届满日期',
                dataIndex: 'termEndsOn',
                render: (v: string, p) => <Tag color={p.overdue ? 'red' : 'orange'}>{v}</Tag>,
              },
            ]}
          />
        </Card>
      )}
      <ServiceList
        title="在任团干部（截至期末）"
        testId="cadre-table"
        path="/cadres"
        scope={scope}
        exportPath="/cadres/export"
        exportName="团干部.xlsx"
        summary={(d) => `共 ${d.total} 人`}
        actions={
          <AddButton permission="service.write" label="登记任职">
            {(close) => (
              <ServiceFormModal
                title="登记任职"
                path="/cadres"
                success="已登记"
                onClose={close}
                initial={{ orgCode: scope.org }}
                fields={[
                  { name: 'personId', label: '人员', kind: 'person', required: true },
                  { name: 'orgCode', label: '组织', kind: 'org', required: true },
                  {
                    name: 'title',
                    label: '职务',
                    kind: 'select',
                    options: optionsOfMap(cadreTitles),
                    required: true,
                  },
                  {
                    name: 'mode',
                    label: '任职方式',
                    kind: 'select',
                    options: optionsOfMap(cadreModes),
                    required: true,
                  },
                  { name: 'source', label: '人员来源', kind: 'select', options: optionsOfList(cadreSources) },
                  { name: 'startedOn', label: '任职日期', kind: 'date', required: true },
                  { name: 'endedOn', label: '离任日期', kind: 'date' },
                ]}
              />
            )}
          </AddButton>
        }
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '组织', dataIndex: 'org', render: named },
          {
            title: '层级',
            dataIndex: 'org',
            render: (o: Row['org']) => orgLevels[(o as { level: string }).level],
          },
          { title: '职务', dataIndex: 'title', render: (v: string) => cadreTitles[v] ?? v },
          { title: '方式', dataIndex: 'mode', render: (v: string) => cadreModes[v] ?? v },
          { title: '来源', dataIndex: 'source', render: text },
          { title: '任职日期', dataIndex: 'startedOn' },
          { title: '届满日期', dataIndex: 'termEndsOn' },
        ]}
      />
    </>
  );
}
