import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Checkbox,
  Form,
  Input,
  Modal,
  Radio,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { http, type Item, ok, type RequestBody } from '../../api/http';
import { useAuth } from '../../app/auth';
import { type IdType, idNumberProblem, idTypeLabels } from '../../app/idDocument';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import {
  ExportButton,
  transferReasonLabels,
  transferStatusColors,
  transferStatusLabels,
  useMembershipWrite,
  WriteError,
} from './membershipKit';

/** A transfer as the server presents it to one side. */
export type Transfer = Item<'/api/membership/transfers'>;

const reasonOptions = Object.entries(transferReasonLabels).map(([value, label]) => ({ value, label }));

/**
 * Who a transfer-in is started for, handed over by person entry when the number is registered in another
 * organisation (its 去发起转入), so that the clerk does not type the number twice.
 */
export interface TransferInPrefill {
  idType: IdType;
  idNumber: string;
  name: string;
}

function prefillOf(state: unknown): TransferInPrefill | null {
  const t = (state as { transferIn?: TransferInPrefill } | null)?.transferIn;
  return t && typeof t.idNumber === 'string' && typeof t.name === 'string' ? t : null;
}

const idTypeOptions = Object.entries(idTypeLabels).map(([value, label]) => ({ value, label }));

/** 组织关系转接: outgoing and incoming transfers of the chosen organisation; each side sees only its part. */
export function TransfersTab({ org }: { org: string }) {
  const { can } = useAuth();
  // The to-do centre links here with ?direction=incoming or ?overdue=1.
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const [prefill] = useState(() => prefillOf(location.state));
  const [direction, setDirection] = useState<'outgoing' | 'incoming'>(
    params.get('direction') === 'incoming' ? 'incoming' : 'outgoing',
  );
  const [overdue, setOverdue] = useState(params.get('overdue') === '1');
  const [starting, setStarting] = useState<'sender' | 'receiver' | null>(
    prefill && can('person.write') ? 'receiver' : null,
  );
  const [accepting, setAccepting] = useState<Transfer | null>(null);
  const [declining, setDeclining] = useState<Transfer | null>(null);
  const listQuery = { org, direction, overdue: overdue || undefined, pageSize: 200 };
  const list = useQuery({
    queryKey: ['membership', '/transfers', listQuery],
    queryFn: ({ signal }) =>
      ok(http.GET('/api/membership/transfers', { params: { query: listQuery }, signal })),
  });
  const release = useMembershipWrite(
    (t: Transfer) =>
      ok(http.POST('/api/membership/transfers/{id}/release', { params: { path: { id: t.id } } })),
    '已同意转出',
  );
  const cancel = useMembershipWrite(
    (t: Transfer) =>
      ok(http.POST('/api/membership/transfers/{id}/cancel', { params: { path: { id: t.id } } })),
    '已撤回',
  );

  return (
    <div data-testid="transfers-tab">
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={direction}
          onChange={(v) => setDirection(v as 'outgoing' | 'incoming')}
          options={[
            { value: 'outgoing', label: '转出' },
            { value: 'incoming', label: '转入' },
          ]}
          data-testid="transfer-direction"
        />
        <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)}>
          只看超期（30天未办结）
        </Checkbox>
        <ExportButton
          path="/transfers/export"
          query={{ org, direction, overdue: overdue || undefined }}
          name="组织关系转接.xlsx"
        />
        {can('person.write') && (
          <>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setStarting('sender')}
              data-testid="transfer-start-out"
            >
              发起转出
            </Button>
            <Button
              icon={<PlusOutlined />}
              onClick={() => setStarting('receiver')}
              data-testid="transfer-start-in"
            >
              发起转入
            </Button>
          </>
        )}
      </Space>
      <Table<Transfer>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="transfers-table"
        columns={[
          { title: '团员', render: (_, t) => <span>{t.person.name}</span> },
          {
            title: '证件号码',
            render: (_, t) => <span style={{ fontFamily: 'monospace' }}>{t.person.idNumberMasked}</span>,
          },
          { title: '转出组织', render: (_, t) => t.fromOrg.name },
          {
            title: '转入组织',
            render: (_, t) =>
              t.assignedBranch && t.assignedBranch.name !== t.toOrg.name
                ? `${t.toOrg.name} / ${t.assignedBranch.name}`
                : t.toOrg.name,
          },
          {
            title: '原因',
            render: (_, t) => transferReasonLabels[t.reason] + (t.reasonNote ? `（${t.reasonNote}）` : ''),
          },
          {
            title: '状态',
            render: (_, t) => (
              <Space size={4}>
                <Tag color={transferStatusColors[t.status]} data-testid="transfer-status">
                  {transferStatusLabels[t.status]}
                </Tag>
                {t.overdue && <Tag color="red">超期</Tag>}
              </Space>
            ),
          },
          { title: '发起', render: (_, t) => `${t.startedOn}` },
          { title: '退回原因', render: (_, t) => t.declineReason ?? '—' },
          {
            title: '操作',
            render: (_, t) =>
              can('person.write') && (
                <Space size={4} wrap>
                  {t.actions.release && (
                    <Button size="small" onClick={() => release.mutate(t)}>
                      同意转出
                    </Button>
                  )}
                  {t.actions.accept && (
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => setAccepting(t)}
                      data-testid="transfer-accept"
                    >
                      接收
                    </Button>
                  )}
                  {t.actions.decline && (
                    <Button size="small" danger onClick={() => setDeclining(t)}>
                      退回
                    </Button>
                  )}
                  {t.actions.cancel && (
                    <Button size="small" onClick={() => cancel.mutate(t)}>
                      撤回
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
      {starting && (
        <StartTransferModal
          mode={starting}
          org={org}
          prefill={starting === 'receiver' ? prefill : null}
          onClose={() => {
            setStarting(null);
            // Consumed: going back or reloading must not open the form again.
            if (location.state)
              navigate(`${location.pathname}${location.search}`, { replace: true, state: null });
          }}
        />
      )}
      {accepting && <AcceptModal transfer={accepting} onClose={() => setAccepting(null)} />}
      {declining && <DeclineModal transfer={declining} onClose={() => setDeclining(null)} />}
    </div>
  );
}

function StartTransferModal({
  mode,
  org,
  prefill,
  onClose,
}: {
  mode: 'sender' | 'receiver';
  org: string;
  prefill: TransferInPrefill | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm();
  const [search, setSearch] = useState('');
  const people = useMembershipPeople(org, search, mode === 'sender');
  // The chosen member's own branch is no destination (the server refuses it): remembered when he is picked,
  // since a later search may drop him from the options.
  const [fromOrg, setFromOrg] = useState<string | null>(null);
  const start = useMembershipWrite(
    (v: RequestBody<'/api/membership/transfers'>) => ok(http.POST('/api/membership/transfers', { body: v })),
    (t: Transfer) => `已发起：${t.person.name} 转往 ${t.toOrg.name}，${transferStatusLabels[t.status]}`,
    onClose,
    { inline: true },
  );
  return (
    <Modal
      open
      title={mode === 'sender' ? '发起组织关系转出' : '发起组织关系转入'}
      onCancel={onClose}
      onOk={() => form.validateFields().then((v) => start.mutate(v))}
      okText="发起"
      confirmLoading={start.isPending}
      destroyOnHidden
    >
      <WriteError error={start.error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          reason: 'work',
          toOrgCode: mode === 'receiver' ? org : undefined,
          idType: mode === 'receiver' ? (prefill?.idType ?? 'resident_id') : undefined,
          idNumber: prefill?.idNumber,
          name: prefill?.name,
        }}
        data-testid="transfer-form"
      >
        {mode === 'sender' ? (
          <>
            <Form.Item name="personId" label="团员" rules={[{ required: true, message: '请选择团员' }]}>
              <Select
                showSearch={{ filterOption: false, onSearch: setSearch }}
                placeholder="输入姓名或证件号码搜索"
                loading={people.isLoading}
                options={(people.data?.items ?? []).map((p) => ({
                  value: p.id,
                  label: `${p.name}（${p.idNumberMasked}，${p.org?.name ?? ''}）`,
                }))}
                onChange={(id) => setFromOrg(people.data?.items.find((p) => p.id === id)?.org?.code ?? null)}
                data-testid="transfer-person"
              />
            </Form.Item>
            <Form.Item
              name="toOrgCode"
              label="转入组织"
              extra="输入名称查找本县的团组织；转往外县：请对方团委在本平台「发起转入」，或在此填写对方提供的组织编码"
              rules={[{ required: true, message: '请选择转入组织' }]}
            >
              <DestinationSelect exclude={fromOrg} />
            </Form.Item>
          </>
        ) : (
          <>
            {/* Any document person entry registers (issue 17 item 7): its 已在其他组织登记 sends the clerk here. */}
            <Form.Item name="idType" label="证件类型">
              <Select options={idTypeOptions} data-testid="transfer-in-id-type" />
            </Form.Item>
            <Form.Item
              name="idNumber"
              label="团员证件号码"
              validateTrigger="onBlur"
              rules={[
                { required: true, whitespace: true, message: '请填写证件号码' },
                {
                  validator: async (_, v?: string) => {
                    const problem = v?.trim()
                      ? idNumberProblem(form.getFieldValue('idType') ?? 'resident_id', v)
                      : null;
                    if (problem) throw new Error(problem);
                  },
                },
              ]}
            >
              <Input maxLength={24} autoComplete="off" data-testid="transfer-in-id-number" />
            </Form.Item>
            <Form.Item name="name" label="团员姓名" rules={[{ required: true, message: '请填写姓名' }]}>
              <Input maxLength={50} data-testid="transfer-in-name" />
            </Form.Item>
            <Form.Item
              name="toOrgCode"
              label="转入组织"
              rules={[{ required: true, message: '请选择转入组织' }]}
            >
              <OrgTreeSelect />
            </Form.Item>
          </>
        )}
        <Form.Item name="reason" label="转接原因">
          <Radio.Group options={reasonOptions} />
        </Form.Item>
        <Form.Item name="reasonNote" label="说明">
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * League members of the subtree, searched by name or document number, for choosing one. The search goes in a
 * POST body like the person picker's, so a number typed here never lands in a URL or a log (issue 12).
 */
export function useMembershipPeople(org: string, q: string, enabled: boolean) {
  return useQuery({
    queryKey: ['people', 'members', org, q],
    queryFn: ({ signal }) =>
      ok(
        http.POST('/api/people/search', {
          body: { org, q: q.trim() || undefined, politicalStatus: 'league_member', pageSize: 30 },
          signal,
        }),
      ),
    enabled,
  });
}

function AcceptModal({ transfer, onClose }: { transfer: Transfer; onClose: () => void }) {
  const [branch, setBranch] = useState<string>();
  const accept = useMembershipWrite(
    () =>
      ok(
        http.POST('/api/membership/transfers/{id}/accept', {
          params: { path: { id: transfer.id } },
          body: { branchCode: branch ?? '' },
        }),
      ),
    (t: Transfer) => `已接收 ${t.person.name}，编入 ${t.assignedBranch?.name ?? ''}`,
    onClose,
    { inline: true },
  );
  const p = transfer.person;
  return (
    <Modal
      open
      title="接收组织关系"
      onCancel={onClose}
      onOk={() => accept.mutate(undefined)}
      okText="接收"
      okButtonProps={{ disabled: !branch }}
      confirmLoading={accept.isPending}
    >
      <WriteError error={accept.error} />
      <Typography.Paragraph data-testid="accept-person">
        {p.name}，{p.gender}，{p.age} 周岁，证件号码{' '}
        <span style={{ fontFamily: 'monospace' }}>{p.idNumberMasked}</span>
        ，入团日期 {p.joinedOn ?? '—'}，团员编号 {p.memberNo ?? '—'}；由 {transfer.fromOrg.name} 转来（
        {transferReasonLabels[transfer.reason]}）。
      </Typography.Paragraph>
      <OrgTreeSelect
        value={branch}
        onChange={setBranch}
        placeholder="分配到团支部"
        isDisabled={(o) => o.kind !== 'branch'}
        style={{ width: '100%' }}
        data-testid="accept-branch"
      />
    </Modal>
  );
}

function DeclineModal({ transfer, onClose }: { transfer: Transfer; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const decline = useMembershipWrite(
    () =>
      ok(
        http.POST('/api/membership/transfers/{id}/decline', {
          params: { path: { id: transfer.id } },
          body: { reason },
        }),
      ),
    '已退回',
    onClose,
    { inline: true },
  );
  return (
    <Modal
      open
      title={`退回 ${transfer.person.name} 的转接`}
      onCancel={onClose}
      onOk={() => decline.mutate(undefined)}
      okText="退回"
      okButtonProps={{ danger: true, disabled: !reason.trim() }}
      confirmLoading={decline.isPending}
    >
      <WriteError error={decline.error} />
      <Input.TextArea
        rows={3}
        maxLength={200}
        placeholder="退回原因（双方可见）"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
    </Modal>
  );
}

/**
 * The receiving organisation, found by name within the caller's county (GET /membership/transfers/
 * destinations); a code typed whole (another county's, given by it) is offered as it is.
 */
function DestinationSelect({
  value,
  onChange,
  exclude,
}: {
  value?: string;
  onChange?: (code?: string) => void;
  exclude?: string | null;
}) {
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['membership', 'destinations', q],
    queryFn: ({ signal }) =>
      ok(http.GET('/api/membership/transfers/destinations', { params: { query: { q } }, signal })),
    enabled: q.trim().length > 0,
  });
  const all = found.data?.items ?? [];
  const items = all.filter((i) => i.code !== exclude);
  // The member's own branch is left out (no destination); when it was the only match, say so, not "none".
  const ownOnly = items.length === 0 ? all.find((i) => i.code === exclude) : undefined;
  const typedCode =
    /^[A-Za-z0-9-]{3,}$/.test(q.trim()) && q.trim() !== exclude && !items.some((i) => i.code === q.trim());
  return (
    <Select
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder="输入组织名称，如“东街村”"
      loading={found.isFetching}
      notFoundContent={
        !q.trim()
          ? '请输入名称'
          : found.isFetching
            ? '正在查找…'
            : ownOnly
              ? `名称含此字的只有该团员现所在的${ownOnly.name}，不能转往本支部`
              : '本县没有名称含此字的团组织'
      }
      options={[
        ...items.map((i) => ({
          value: i.code,
          label: `${i.name}${i.parentName ? `（${i.parentName}）` : ''}`,
        })),
        ...(typedCode ? [{ value: q.trim(), label: `按编码 ${q.trim()}（外县组织）` }] : []),
      ]}
      data-testid="transfer-to"
    />
  );
}
