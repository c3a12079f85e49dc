import { Card, Table, Tag } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../app/auth';
import type { Scope } from '../reports/reportApi';
import { ConsultationDrawer } from './ConsultationDrawer';
import { channels, riskLevels } from './labels';
import {
  AddButton,
  type FieldSpec,
  named,
  optionsOfList,
  optionsOfMap,
  ServiceFormModal,
  ServiceList,
  text,
  useServiceQuery,
} from './serviceKit';

const risk = (v: unknown) =>
  v ? (
    <Tag color={v === 'high' ? 'red' : v === 'medium' ? 'orange' : 'default'}>{riskLevels[String(v)]}</Tag>
  ) : (
    '—'
  );

/** 心理健康: counts for everyone; a consultation's notes only in its drawer, for its counsellor and the supervisor. */
export function CounsellingTab({ scope }: { scope: Scope }) {
  const stats = useServiceQuery('/counselling/statistics', scope);
  const [open, setOpen] = useState<number | null>(null);
  const { can } = useAuth();
  // Issue 17 item 12: staff who read people pick the counsellor by name; the counselling supervisor reads no
  // people list (DESIGN.md, counselling), so the picker's search is closed to him and he types the number.
  const who: FieldSpec = can('person.read')
    ? { name: 'personId', label: '咨询师', kind: 'person', required: true }
    : {
        name: 'idNumber',
        label: '证件号码',
        required: true,
        placeholder: '已登记人员的身份证号、港澳台居民居住证号码或护照号码',
      };
  const s = stats.data;
  return (
    <>
      <Card size="small" title="分月统计" style={{ marginBottom: 16 }} data-testid="counselling-stats">
        {s && (
          <div style={{ marginBottom: 8 }}>
            在岗咨询师 {s.counsellors} 人；服务活动 {s.events} 场，覆盖 {s.reach} 人次；个案咨询{' '}
            {s.consultations} 人次，其中高风险 {s.highRisk} 人次。
          </div>
        )}
        <Table
          size="small"
          rowKey="month"
          pagination={false}
          dataSource={s?.months ?? []}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: '月份', dataIndex: 'month' },
            { title: '活动', dataIndex: 'events' },
            { title: '覆盖人次', dataIndex: 'reach' },
            { title: '个案咨询', dataIndex: 'consultations' },
            { title: '高风险', dataIndex: 'highRisk' },
          ]}
        />
      </Card>
      <ServiceList
        title="高风险个案随访（12355 青少年服务热线）"
        testId="follow-up-table"
        path="/counselling/follow-ups"
        scope={scope}
        summary={(d) => `共 ${d.total} 人次，待随访或转介 ${d.open} 人次`}
        onRow={(r) => setOpen(r.id)}
        columns={[
          { title: '编号', dataIndex: 'code' },
          { title: '日期', dataIndex: 'heldOn' },
          { title: '来访者', dataIndex: 'clientRef' },
          { title: '咨询师', dataIndex: 'counsellor', render: named },
          { title: '随访', dataIndex: 'followedUpOn', render: (v) => v ?? <Tag color="red">未随访</Tag> },
          {
            title: '转介12355',
            dataIndex: 'referredOn',
            render: (v) => v ?? <Tag color="orange">未转介</Tag>,
          },
        ]}
      />
      <ServiceList
        title="个案咨询"
        testId="consultation-table"
        path="/counselling/consultations"
        scope={scope}
        exportPath="/counselling/consultations/export"
        exportName="个案咨询.xlsx"
        summary={(d) => `共 ${d.total} 人次，高风险 ${d.highRisk} 人次（咨询记录不在列表和导出中）`}
        onRow={(r) => setOpen(r.id)}
        actions={
          <AddButton permission="consultation.write" label="登记个案咨询">
            {(close) => (
              <ServiceFormModal
                title="登记个案咨询"
                path="/counselling/consultations"
                success="已登记"
                onClose={close}
                initial={{ orgCode: scope.org, channel: '面询' }}
                fields={[
                  { name: 'heldOn', label: '咨询日期', kind: 'date', required: true },
                  {
                    name: 'clientRef',
                    label: '来访者编号（化名）',
                    required: true,
                    placeholder: '如 LF00033',
                  },
                  {
                    name: 'channel',
                    label: '咨询方式',
                    kind: 'select',
                    options: optionsOfList(channels),
                    required: true,
                  },
                  { name: 'risk', label: '风险等级', kind: 'select', options: optionsOfMap(riskLevels) },
                  { name: 'orgCode', label: '组织', kind: 'org', required: true },
                  { name: 'notes', label: '咨询记录（加密保存，仅本人和督导可见）', kind: 'textarea' },
                ]}
              />
            )}
          </AddButton>
        }
        columns={[
          { title: '编号', dataIndex: 'code' },
          { title: '日期', dataIndex: 'heldOn' },
          { title: '来访者', dataIndex: 'clientRef' },
          { title: '方式', dataIndex: 'channel' },
          { title: '风险', dataIndex: 'risk', render: risk },
          { title: '咨询师', dataIndex: 'counsellor', render: named },
        ]}
      />
      <ServiceList
        title="心理健康服务活动"
        testId="outreach-table"
        path="/counselling/outreach"
        scope={scope}
        summary={(d) => `共 ${d.total} 场，覆盖 ${d.reach} 人次`}
        actions={
          <AddButton permission="counselling.write" label="登记活动">
            {(close) => (
              <ServiceFormModal
                title="登记心理健康服务活动"
                path="/counselling/outreach"
                success="已登记"
                onClose={close}
                initial={{ orgCode: scope.org }}
                fields={[
                  { name: 'title', label: '活动名称', required: true },
                  { name: 'heldOn', label: '活动日期', kind: 'date', required: true },
                  { name: 'regionCode', label: '活动地点（乡镇或村/社区）', kind: 'region', required: true },
                  { name: 'orgCode', label: '组织', kind: 'org', required: true },
                  { name: 'reach', label: '覆盖人次', kind: 'number', required: true },
                ]}
              />
            )}
          </AddButton>
        }
        columns={[
          { title: '活动', dataIndex: 'title' },
          { title: '日期', dataIndex: 'heldOn' },
          { title: '地点', dataIndex: 'region', render: named },
          { title: '覆盖人次', dataIndex: 'reach' },
          { title: '组织', dataIndex: 'org', render: named },
        ]}
      />
      <ServiceList
        title="在岗心理咨询师（截至期末）"
        testId="counsellor-table"
        path="/counselling/counsellors"
        scope={scope}
        summary={(d) => `共 ${d.total} 人`}
        actions={
          <AddButton permission="counselling.write" label="登记咨询师">
            {(close) => (
              <ServiceFormModal
                title="登记心理咨询师"
                path="/counselling/counsellors"
                success="已登记"
                onClose={close}
                initial={{ orgCode: scope.org }}
                fields={[
                  who,
                  { name: 'orgCode', label: '组织', kind: 'org', required: true },
                  { name: 'certificate', label: '证书名称', required: true },
                  { name: 'certificateNo', label: '证书编号', required: true },
                  { name: 'joinedOn', label: '加入日期', kind: 'date', required: true },
                ]}
              />
            )}
          </AddButton>
        }
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '证书', dataIndex: 'certificate' },
          { title: '证书编号', dataIndex: 'certificateNo' },
          { title: '组织', dataIndex: 'org', render: named },
          { title: '加入日期', dataIndex: 'joinedOn' },
          { title: '退出日期', dataIndex: 'leftOn', render: text },
        ]}
      />
      {open !== null && <ConsultationDrawer id={open} onClose={() => setOpen(null)} />}
    </>
  );
}
