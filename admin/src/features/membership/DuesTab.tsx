import {
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { http, type Item, ok, type RequestBody } from '../../api/http';
import { useAuth } from '../../app/auth';
import { today } from '../../app/dates';
import { duesCategoryLabels, ExportButton, useMembership, useMembershipWrite, yuanOf } from './membershipKit';

type DuesRow = Item<'/api/membership/dues'>;
type ArrearsRow = Item<'/api/membership/dues/arrears'>;
type Basis = RequestBody<'/api/membership/dues/bases/{personId}', 'put'>;

/** 团费: the month's dues per member (from the rule), payments single or batch, and arrears. */
export function DuesTab({ org }: { org: string }) {
  const { can } = useAuth();
  const [month, setMonth] = useState(today().slice(0, 7));
  const [year, setYear] = useState(Number(today().slice(0, 4)));
  const [selected, setSelected] = useState<number[]>([]);
  const [basisFor, setBasisFor] = useState<DuesRow | null>(null);
  const dues = useMembership('/dues', { query: { org, month } });
  const arrears = useMembership('/dues/arrears', { query: { org, year } });
  const rows = dues.data?.items ?? [];
  const pay = useMembershipWrite(
    async (ids: number[]) => {
      // A payment batch belongs to one branch: send one per branch of the selection.
      const byBranch = new Map<string, number[]>();
      for (const r of rows.filter((r) => ids.includes(r.personId)))
        byBranch.set(r.branch.code, [...(byBranch.get(r.branch.code) ?? []), r.personId]);
      let recorded = 0;
      for (const [branchCode, personIds] of byBranch) {
        const out = await ok(
          http.POST('/api/membership/dues/payments', {
            body: {
              branchCode,
              month,
              paidOn: today(),
              items: personIds.map((personId) => ({ personId })),
            },
          }),
        );
        recorded += out.recorded;
      }
      return recorded;
    },
    (n) => `已登记 ${n} 人 ${month} 团费`,
    () => setSelected([]),
  );
  return (
    <div data-testid="dues-tab">
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
        />
        {can('person.write') && (
          <Button
            type="primary"
            disabled={selected.length === 0}
            loading={pay.isPending}
            onClick={() => pay.mutate(selected)}
          >
            登记已缴（{selected.length} 人）
          </Button>
        )}
        <Typography.Text type="secondary">
          标准：学生、无业、农民每月0.2元；工薪收入2000元以下3元，2000元以上按2‰取整元，最高20元
        </Typography.Text>
      </Space>
      <Table<DuesRow>
        rowKey="personId"
        size="small"
        loading={dues.isLoading}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        rowSelection={
          can('person.write')
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys as number[]),
                getCheckboxProps: (r) => ({ disabled: r.paidFen != null || r.amountFen == null }),
              }
            : undefined
        }
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '团支部', render: (_, r) => r.branch.name },
          { title: '类别', render: (_, r) => (r.category ? duesCategoryLabels[r.category] : '—') },
          { title: '每月应缴', render: (_, r) => yuanOf(r.amountFen) },
          {
            title: `${month}`,
            render: (_, r) =>
              r.paidFen != null ? (
                <Tag color="green">
                  已缴 {yuanOf(r.paidFen)}（{r.paidOn}）
                </Tag>
              ) : (
                <Tag>未缴</Tag>
              ),
          },
          {
            title: '操作',
            render: (_, r) =>
              can('person.write') && (
                <Button size="small" onClick={() => setBasisFor(r)}>
                  核定标准
                </Button>
              ),
          },
        ]}
      />
      <Space wrap style={{ margin: '16px 0 8px', justifyContent: 'space-between', width: '100%' }}>
        <strong>欠缴团费</strong>
        <Space>
          <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} addonAfter="年" />
          <ExportButton path="/dues/arrears/export" query={{ org, year }} name="欠缴团费名单.xlsx" />
        </Space>
      </Space>
      <Table<ArrearsRow>
        rowKey="personId"
        size="small"
        loading={arrears.isLoading}
        dataSource={arrears.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '团支部', render: (_, r) => r.branch.name },
          { title: '欠缴月份', render: (_, r) => r.unpaidMonths.join('、') },
          { title: '欠缴金额', render: (_, r) => yuanOf(r.owedFen) },
        ]}
      />
      {basisFor && <BasisModal row={basisFor} onClose={() => setBasisFor(null)} />}
    </div>
  );
}

function BasisModal({ row, onClose }: { row: DuesRow; onClose: () => void }) {
  const [form] = Form.useForm();
  const category = Form.useWatch('category', form);
  const save = useMembershipWrite(
    (v: Basis) =>
      ok(
        http.PUT('/api/membership/dues/bases/{personId}', {
          params: { path: { personId: row.personId } },
          body: v,
        }),
      ),
    (out) => `已核定：每月 ${yuanOf(out.amountFen)}`,
    onClose,
  );
  return (
    <Modal
      open
      title={`核定 ${row.name} 的团费标准`}
      onCancel={onClose}
      onOk={() => form.validateFields().then((v) => save.mutate(v))}
      confirmLoading={save.isPending}
    >
      <Form form={form} layout="vertical" initialValues={{ category: row.category ?? 'student' }}>
        <Form.Item name="category" label="类别">
          <Radio.Group
            options={Object.entries(duesCategoryLabels).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        {category === 'salaried' && (
          <Form.Item
            name="monthlyIncome"
            label="月净收入（元）"
            rules={[{ required: true, message: '请填写月净收入' }]}
          >
            <Input inputMode="decimal" placeholder="如 5499.00" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
