import { Descriptions } from 'antd';
import type { Scope } from '../reports/reportApi';
import { fundPrograms, fundSources } from './labels';
import { AddButton, named, optionsOfList, ServiceFormModal, ServiceList, text, yuan } from './serviceKit';

const sums = (m: unknown) =>
  Object.entries((m ?? {}) as Record<string, number>)
    .map(([k, v]) => `${k} ${yuan(v)} 元`)
    .join('，') || '—';

/** 经费: funds received in the period, by programme and by source. */
export function FundsTab({ scope }: { scope: Scope }) {
  return (
    <ServiceList
      title="经费到位"
      testId="fund-table"
      path="/funds"
      scope={scope}
      exportPath="/funds/export"
      exportName="经费.xlsx"
      summary={(d) => (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="合计">{`${d.total} 笔，${yuan(d.amount)} 元`}</Descriptions.Item>
          <Descriptions.Item label="按项目">{sums(d.byProgram)}</Descriptions.Item>
          <Descriptions.Item label="按来源">{sums(d.bySource)}</Descriptions.Item>
        </Descriptions>
      )}
      actions={
        <AddButton permission="service.write" label="登记经费">
          {(close) => (
            <ServiceFormModal
              title="登记经费"
              path="/funds"
              success="已登记"
              onClose={close}
              initial={{ orgCode: scope.org }}
              fields={[
                {
                  name: 'program',
                  label: '项目',
                  kind: 'select',
                  options: optionsOfList(fundPrograms),
                  required: true,
                },
                {
                  name: 'source',
                  label: '来源',
                  kind: 'select',
                  options: optionsOfList(fundSources),
                  required: true,
                },
                { name: 'amount', label: '金额', kind: 'money', required: true },
                { name: 'receivedOn', label: '到位日期', kind: 'date', required: true },
                { name: 'orgCode', label: '组织', kind: 'org', required: true },
                { name: 'purpose', label: '用途' },
              ]}
            />
          )}
        </AddButton>
      }
      columns={[
        { title: '编号', dataIndex: 'code' },
        { title: '项目', dataIndex: 'program' },
        { title: '来源', dataIndex: 'source' },
        { title: '金额（元）', dataIndex: 'amount', render: yuan, align: 'right' },
        { title: '到位日期', dataIndex: 'receivedOn' },
        { title: '用途', dataIndex: 'purpose', render: text },
        { title: '组织', dataIndex: 'org', render: named },
      ]}
    />
  );
}
