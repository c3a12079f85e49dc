import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { http, ok, type RequestBody } from '../../api/http';
import type { Org } from './orgTree';

type OrgInput = RequestBody<'/api/orgs'>;

import { todayAsDayjs } from '../../app/dates';
import { applyServerErrors, fromDay, toDay } from '../../app/forms';
import { childLevel, optionsOf, orgDomains, orgKindLabels, orgLevelLabels } from '../../app/labels';
import { RegionSelect } from '../regions/RegionSelect';
import { orgsQueryKey } from './orgTree';

interface FormValues {
  code: string;
  name: string;
  kind: string;
  level: string;
  domain: string;
  regionCode: string;
  unitName?: string;
  establishedOn?: Dayjs | null;
}

type Props =
  | { mode: 'create'; parent: Org; open: boolean; onClose: (created?: Org) => void }
  | { mode: 'edit'; org: Org; open: boolean; onClose: (saved?: Org) => void };

/** The server may name a field by its key or by the Chinese column header. */
const aliases: Record<string, string> = {
  编码: 'code',
  组织编码: 'code',
  名称: 'name',
  组织名称: 'name',
  类型: 'kind',
  组织类型: 'kind',
  层级: 'level',
  组织层级: 'level',
  领域: 'domain',
  所属领域: 'domain',
  区划: 'regionCode',
  行政区划: 'regionCode',
  region: 'regionCode',
  所在单位: 'unitName',
  成立日期: 'establishedOn',
};

export function OrgFormModal(props: Props) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [formError, setFormError] = useState<string | null>(null);
  const editing = props.mode === 'edit' ? props.org : null;
  const parent = props.mode === 'create' ? props.parent : null;

  useEffect(() => {
    if (!props.open) return;
    setFormError(null);
    form.resetFields();
    if (editing) {
      form.setFieldsValue({
        code: editing.code,
        name: editing.name,
        kind: editing.kind,
        level: editing.level,
        domain: editing.domain,
        regionCode: editing.regionCode,
        unitName: editing.unitName ?? '',
        establishedOn: toDay(editing.establishedOn),
      });
    } else if (parent) {
      const level = childLevel[parent.level] ?? 'grassroots';
      form.setFieldsValue({
        code: '',
        kind: level === 'grassroots' ? 'branch' : 'committee',
        level,
        domain: parent.domain,
        regionCode: parent.regionCode,
      });
    }
  }, [props.open, editing, parent, form]);

  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const unitName = v.unitName?.trim() ? v.unitName.trim() : null;
      const establishedOn = fromDay(v.establishedOn);
      if (editing) {
        return ok(
          http.PATCH('/api/orgs/{code}', {
            params: { path: { code: editing.code } },
            body: {
              name: v.name.trim(),
              kind: v.kind as OrgInput['kind'],
              level: v.level as OrgInput['level'],
              domain: v.domain,
              regionCode: v.regionCode,
              unitName,
              establishedOn,
            },
          }),
        );
      }
      const body: OrgInput = {
        code: v.code.trim(),
        name: v.name.trim(),
        kind: v.kind as OrgInput['kind'],
        level: v.level as OrgInput['level'],
        domain: v.domain,
        parentCode: parent!.code,
        regionCode: v.regionCode,
        ...(unitName ? { unitName } : {}),
        ...(establishedOn ? { establishedOn } : {}),
      };
      return ok(http.POST('/api/orgs', { body }));
    },
    onSuccess: async (org) => {
      message.success(editing ? '已保存' : `已新建「${org.name}」`);
      await queryClient.invalidateQueries({ queryKey: orgsQueryKey });
      props.onClose(org);
    },
    onError: (e) => setFormError(applyServerErrors(form, e, aliases)),
  });

  const initialRegionLabel = editing?.regionName ?? parent?.regionName ?? null;

  return (
    <Modal
      title={editing ? `编辑团组织：${editing.name}` : `新建下级组织（上级：${parent?.name ?? ''}）`}
      open={props.open}
      onCancel={() => props.onClose()}
      onOk={() => form.submit()}
      okText={editing ? '保存' : '新建'}
      confirmLoading={save.isPending}
      forceRender
      width={640}
    >
      {formError && (
        <Alert
          type="error"
          showIcon
          title={formError}
          style={{ marginBottom: 16 }}
          data-testid="org-form-error"
        />
      )}
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        onValuesChange={() => setFormError(null)}
      >
        <Form.Item
          name="code"
          label="组织编码"
          rules={[{ required: true, whitespace: true, message: '请输入组织编码' }]}
          extra={editing ? '编码创建后不可修改' : '在全市唯一，建议按上级编码加序号编排'}
        >
          <Input disabled={!!editing} maxLength={32} placeholder="组织编码" />
        </Form.Item>
        <Form.Item
          name="name"
          label="组织名称"
          rules={[{ required: true, whitespace: true, message: '请输入组织名称' }]}
        >
          <Input maxLength={100} placeholder="如：某某中学团委" />
        </Form.Item>
        <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
          <Form.Item
            name="kind"
            label="组织类型"
            rules={[{ required: true, message: '请选择组织类型' }]}
            style={{ flex: '1 1 160px' }}
          >
            <Select options={optionsOf(orgKindLabels)} />
          </Form.Item>
          <Form.Item
            name="level"
            label="组织层级"
            rules={[{ required: true, message: '请选择组织层级' }]}
            style={{ flex: '1 1 160px' }}
          >
            <Select options={optionsOf(orgLevelLabels)} />
          </Form.Item>
          <Form.Item
            name="domain"
            label="所属领域"
            rules={[{ required: true, message: '请选择所属领域' }]}
            style={{ flex: '1 1 160px' }}
          >
            <Select options={orgDomains.map((d) => ({ value: d, label: d }))} />
          </Form.Item>
        </div>
        <Form.Item name="regionCode" label="行政区划" rules={[{ required: true, message: '请选择行政区划' }]}>
          <RegionSelect initialLabel={initialRegionLabel} />
        </Form.Item>
        <Form.Item name="unitName" label="所在单位">
          <Input maxLength={100} placeholder="团组织所在的单位（可不填）" />
        </Form.Item>
        <Form.Item name="establishedOn" label="成立日期">
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) => d.isAfter(todayAsDayjs().endOf('day'))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
