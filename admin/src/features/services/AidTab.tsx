import { Button, Card, Table, Typography } from 'antd';
import { hrefOf } from '../../api/http';
import type { Scope } from '../reports/reportApi';
import { aidPrograms, donorKinds } from './labels';
import {
  AddButton,
  named,
  optionsOfList,
  ServiceFormModal,
  ServiceList,
  text,
  useServiceQuery,
  yuan,
} from './serviceKit';

interface Balances {
  asOf: string;
  items: {
    org: { code: string; name: string };
    program: string;
    raised: number;
    granted: number;
    balance: number;
  }[];
}

/** 助学: balances, donations with receipts, grants, beneficiaries, and the link to the public disclosure. */
export function AidTab({ scope }: { scope: Scope }) {
  const b = useServiceQuery<Balances>('/aid/balances', scope);
  const disclosure = `/disclosure/aid?org=${encodeURIComponent(scope.org)}&from=${scope.from}&to=${scope.to}`;
  return (
    <>
      <Card
        size="small"
        title={`项目结余（截至 ${b.data?.asOf ?? scope.to}）`}
        style={{ marginBottom: 16 }}
        extra={
          <Typography.Link href={disclosure} target="_blank" rel="noopener">
            公示页面
          </Typography.Link>
        }
      >
        <Table
          size="small"
          data-testid="aid-balances"
          rowKey={(r) => `${r.org.code}-${r.program}`}
          pagination={false}
          dataSource={b.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: '县级团委', dataIndex: ['org', 'name'] },
            { title: '项目', dataIndex: 'program' },
            { title: '收到捐赠（元）', dataIndex: 'raised', render: yuan, align: 'right' },
            { title: '已发放（元）', dataIndex: 'granted', render: yuan, align: 'right' },
            { title: '结余（元）', dataIndex: 'balance', render: yuan, align: 'right' },
          ]}
        />
      </Card>
      <ServiceList
        title="捐赠"
        testId="donation-table"
        path="/aid/donations"
        scope={scope}
        exportPath="/aid/donations/export"
        exportName="捐赠.xlsx"
        summary={(d) => `共 ${d.total} 笔，${yuan(d.amount)} 元`}
        actions={
          <AddButton permission="aid.write" label="登记捐赠">
            {(close) => (
              <ServiceFormModal
                title="登记捐赠"
                path="/aid/donations"
                success="已登记并开具收据"
                onClose={close}
                initial={{ orgCode: scope.org, program: '助学', donorKind: '单位' }}
                fields={[
                  { name: 'donor', label: '捐赠方', required: true },
                  {
                    name: 'donorKind',
                    label: '捐赠方类型',
                    kind: 'select',
                    options: optionsOfList(donorKinds),
                    required: true,
                  },
                  { name: 'amount', label: '金额', kind: 'money', required: true },
                  { name: 'donatedOn', label: '捐赠日期', kind: 'date', required: true },
                  {
                    name: 'program',
                    label: '项目',
                    kind: 'select',
                    options: optionsOfList(aidPrograms),
                    required: true,
                  },
                  { name: 'orgCode', label: '接收组织', kind: 'org', required: true },
                  { name: 'note', label: '备注' },
                ]}
              />
            )}
          </AddButton>
        }
        columns={[
          { title: '编号', dataIndex: 'code' },
          { title: '捐赠方', dataIndex: 'donor' },
          { title: '金额（元）', dataIndex: 'amount', render: yuan, align: 'right' },
          { title: '日期', dataIndex: 'donatedOn' },
          { title: '项目', dataIndex: 'program' },
          { title: '收据编号', dataIndex: 'receiptNo', render: text },
          {
            title: '收据',
            key: 'receipt',
            render: (_, r) => (
              <Button
                size="small"
                href={hrefOf('/api/aid/donations/{id}/receipt', { id: r.id })}
                target="_blank"
                rel="noopener"
              >
                打印收据
              </Button>
            ),
          },
        ]}
      />
      <ServiceList
        title="捐赠方"
        path="/aid/donors"
        scope={scope}
        summary={(d) => `共 ${d.total} 个捐赠方`}
        columns={[
          { title: '捐赠方', dataIndex: 'donor' },
          { title: '类型', dataIndex: 'donorKind' },
          { title: '笔数', dataIndex: 'donations' },
          { title: '金额（元）', dataIndex: 'amount', render: yuan, align: 'right' },
          { title: '最近捐赠', dataIndex: 'lastDonatedOn' },
        ]}
      />
      <ServiceList
        title="资助发放"
        testId="grant-table"
        path="/aid/grants"
        scope={scope}
        exportPath="/aid/grants/export"
        exportName="资助发放.xlsx"
        summary={(d) => `共 ${d.total} 笔，${yuan(d.amount)} 元，受助学生 ${d.students} 人`}
        actions={
          <AddButton permission="aid.write" label="发放资助">
            {(close) => (
              <ServiceFormModal
                title="发放资助（结余不足时不能发放）"
                path="/aid/grants"
                success="已发放"
                onClose={close}
                initial={{ orgCode: scope.org, program: '助学' }}
                fields={[
                  { name: 'personId', label: '受助学生', kind: 'person', required: true },
                  { name: 'school', label: '就读学校', required: true },
                  { name: 'reason', label: '资助原因', required: true },
                  { name: 'amount', label: '金额', kind: 'money', required: true },
                  { name: 'grantedOn', label: '发放日期', kind: 'date', required: true },
                  {
                    name: 'program',
                    label: '项目',
                    kind: 'select',
                    options: optionsOfList(aidPrograms),
                    required: true,
                  },
                  { name: 'orgCode', label: '发放组织', kind: 'org', required: true },
                ]}
              />
            )}
          </AddButton>
        }
        columns={[
          { title: '编号', dataIndex: 'code' },
          { title: '学生', dataIndex: 'student', render: named },
          { title: '学校', dataIndex: 'school', render: text },
          { title: '金额（元）', dataIndex: 'amount', render: yuan, align: 'right' },
          { title: '日期', dataIndex: 'grantedOn' },
          { title: '项目', dataIndex: 'program' },
          { title: '原因', dataIndex: 'reason', render: text },
        ]}
      />
      <ServiceList
        title="受助学生"
        path="/aid/beneficiaries"
        scope={scope}
        summary={(d) => `共 ${d.total} 人`}
        columns={[
          { title: '学生', dataIndex: 'student', render: named },
          {
            title: '证件号码',
            dataIndex: 'student',
            render: (s) => (s as { idNumberMasked: string }).idNumberMasked,
          },
          { title: '学校', dataIndex: 'school', render: text },
          { title: '原因', dataIndex: 'reason', render: text },
          { title: '次数', dataIndex: 'grants' },
          { title: '金额（元）', dataIndex: 'amount', render: yuan, align: 'right' },
        ]}
      />
    </>
  );
}
