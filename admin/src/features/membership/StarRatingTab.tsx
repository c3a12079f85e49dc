import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Modal, Rate, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { http, type Item, ok, type RequestBody } from '../../api/http';
import { useAuth } from '../../app/auth';
import { today } from '../../app/dates';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { ExportButton, useMembership, useMembershipWrite } from './membershipKit';

type Checklist = Item<'/api/membership/star-checklists'>;
type RatingRow = Item<'/api/membership/star-checklists/{id}/ratings'>;

/** 对标定级: the committee's checklist, each branch's self-score, and the stars the committee sets. */
export function StarRatingTab({ org }: { org: string }) {
  const { can } = useAuth();
  const lists = useMembership('/star-checklists', { query: { org } });
  const [chosen, setChosen] = useState<number>();
  const [creating, setCreating] = useState(false);
  const [scoring, setScoring] = useState<string | null>(null);
  const list = lists.data?.items.find((c) => c.id === chosen) ?? lists.data?.items[0];
  const ratings = useMembership(
    '/star-checklists/{id}/ratings',
    { path: { id: list?.id ?? 0 }, query: { org } },
    list != null,
  );
  const review = useMembershipWrite(
    ({ code, stars }: { code: string; stars: number }) =>
      ok(
        http.POST('/api/membership/star-checklists/{id}/branches/{code}/review', {
          params: { path: { id: list!.id, code } },
          body: { stars },
        }),
      ),
    '已评定星级',
  );
  return (
    <div data-testid="stars-tab">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ minWidth: 240 }}
          placeholder="选择年度标准"
          value={list?.id}
          onChange={setChosen}
          options={(lists.data?.items ?? []).map((c) => ({
            value: c.id,
            label: `${c.year} 年度 · ${c.org.name}`,
          }))}
        />
        {can('org.write') && (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            制定标准
          </Button>
        )}
        {list && (
          <ExportButton
            path="/star-checklists/{id}/ratings/export"
            params={{ id: list.id }}
            query={{ org }}
            name="对标定级结果.xlsx"
          />
        )}
        {list && (
          <span>
            五星级不超过 {list.quotas['5'] ?? '—'}%
            {list.quotas['4'] != null ? `，四星级不超过 ${list.quotas['4']}%` : ''}
          </span>
        )}
      </Space>
      <Table<RatingRow>
        rowKey={(r) => r.branch.code}
        data-testid="star-ratings"
        size="small"
        loading={ratings.isLoading && list != null}
        dataSource={ratings.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: '团支部', render: (_, r) => r.branch.name },
          { title: '自评得分', render: (_, r) => r.selfTotal ?? '未自评' },
          {
            title: '星级',
            render: (_, r) => (
              <Rate
                value={r.stars ?? 0}
                // The server says per branch whether this user sets its stars (its committee, after 自评).
                disabled={!r.actions.includes('review')}
                onChange={(stars) => stars && review.mutate({ code: r.branch.code, stars })}
              />
            ),
          },
          {
            title: '操作',
            render: (_, r) =>
              r.actions.includes('self-score') && (
                <Button size="small" onClick={() => setScoring(r.branch.code)}>
                  自评
                </Button>
              ),
          },
        ]}
      />
      {creating && <ChecklistModal org={org} onClose={() => setCreating(false)} />}
      {scoring && list && <SelfScoreModal list={list} branch={scoring} onClose={() => setScoring(null)} />}
    </div>
  );
}

function ChecklistModal({ org, onClose }: { org: string; onClose: () => void }) {
  const [form] = Form.useForm();
  const save = useMembershipWrite(
    (v: RequestBody<'/api/membership/star-checklists', 'put'>) =>
      ok(http.PUT('/api/membership/star-checklists', { body: v })),
    '已保存标准',
    onClose,
  );
  return (
    <Modal
      open
      width={640}
      title="制定对标定级标准（合计100分）"
      onCancel={onClose}
      onOk={() => form.validateFields().then((v) => save.mutate(v))}
      confirmLoading={save.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          orgCode: org,
          year: Number(today().slice(0, 4)),
          fiveStarQuotaPct: 20,
          items: [
            { code: 'org', label: '组织设置与班子建设', points: 30 },
            { code: 'life', label: '三会两制一课落实', points: 30 },
            { code: 'members', label: '团员管理与团费收缴', points: 20 },
            { code: 'work', label: '服务青年与作用发挥', points: 20 },
          ],
        }}
      >
        <Space wrap>
          <Form.Item name="orgCode" label="团委" rules={[{ required: true }]}>
            <OrgTreeSelect
              style={{ minWidth: 220 }}
              isDisabled={(o) => o.kind !== 'committee' && o.kind !== 'working_committee'}
            />
          </Form.Item>
          <Form.Item name="year" label="年度">
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="fiveStarQuotaPct" label="五星级上限（%）">
            <InputNumber min={0} max={100} />
          </Form.Item>
        </Space>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'code']} rules={[{ required: true, message: '编号' }]}>
                    <Input placeholder="编号" style={{ width: 80 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'label']} rules={[{ required: true, message: '内容' }]}>
                    <Input placeholder="考核内容" style={{ width: 260 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'points']} rules={[{ required: true, message: '分值' }]}>
                    <InputNumber min={1} max={100} placeholder="分值" />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>
                添加条目
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

function SelfScoreModal({ list, branch, onClose }: { list: Checklist; branch: string; onClose: () => void }) {
  const [form] = Form.useForm();
  const save = useMembershipWrite(
    (scores: Record<string, number>) =>
      ok(
        http.PUT('/api/membership/star-checklists/{id}/branches/{code}', {
          params: { path: { id: list.id, code: branch } },
          body: { scores },
        }),
      ),
    (o) => `已自评 ${o.selfTotal} 分`,
    onClose,
  );
  return (
    <Modal
      open
      title="团支部自评"
      onCancel={onClose}
      onOk={() => form.validateFields().then((v) => save.mutate(v))}
      confirmLoading={save.isPending}
    >
      <Form form={form} layout="vertical">
        {list.items.map((i) => (
          <Form.Item
            key={i.code}
            name={i.code}
            label={`${i.label}（${i.points}分）`}
            rules={[{ required: true, message: '请打分' }]}
          >
            <InputNumber min={0} max={i.points} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
