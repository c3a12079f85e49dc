import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client';
import { http, ok, type RequestBody } from '../../api/http';
import { applyServerErrors } from '../../app/forms';
import { UploadedImage } from './CoverImage';
import { type Channel, type Column, type Site, useStructure } from './newsroomApi';

interface SettingsForm extends Omit<Site, 'sensitiveWords' | 'logoImage' | 'faviconImage'> {
  /** One per line: `错词=正确写法`, or just the word. */
  sensitiveWords: string;
  logoImage: string | null;
  faviconImage: string | null;
}

const wordsToText = (words: Site['sensitiveWords']) =>
  words.map((w) => (w.suggestion ? `${w.word}=${w.suggestion}` : w.word)).join('\n');
const textToWords = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [word, ...rest] = l.split('=');
      return { word: word!.trim(), suggestion: rest.join('=').trim() };
    });

function StructureCard() {
  const structure = useStructure();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [channelForm] = Form.useForm<{ slug: string; name: string }>();
  const [columnForm] = Form.useForm<{ slug: string; name: string; channelSlug: string; intro: string }>();
  const [error, setError] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: (
      what:
        | { path: '/api/newsroom/channels'; body: RequestBody<'/api/newsroom/channels'> }
        | { path: '/api/newsroom/columns'; body: RequestBody<'/api/newsroom/columns'> },
    ) =>
      what.path === '/api/newsroom/channels'
        ? ok(http.POST(what.path, { body: what.body }))
        : ok(http.POST(what.path, { body: what.body })),
    onSuccess: async () => {
      message.success('已添加');
      setError(null);
      channelForm.resetFields();
      columnForm.resetFields();
      await queryClient.invalidateQueries({ queryKey: ['newsroom', 'structure'] });
    },
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Card size="small" title="频道与专栏">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<Channel>
        size="small"
        rowKey="slug"
        pagination={false}
        dataSource={structure.data?.channels ?? []}
        columns={[
          { title: '频道', dataIndex: 'name' },
          { title: '网址', dataIndex: 'slug', render: (s: string) => `/channels/${s}` },
        ]}
      />
      <Form
        form={channelForm}
        layout="inline"
        style={{ margin: '8px 0 16px' }}
        onFinish={(v) => add.mutate({ path: '/api/newsroom/channels', body: v })}
      >
        <Form.Item name="name" rules={[{ required: true, message: '名称' }]}>
          <Input placeholder="频道名称" />
        </Form.Item>
        <Form.Item name="slug" rules={[{ required: true, message: '标识' }]}>
          <Input placeholder="网址标识，如 tuanqing" />
        </Form.Item>
        <Button htmlType="submit" icon={<PlusOutlined />}>
          添加频道
        </Button>
      </Form>
      <Table<Column>
        size="small"
        rowKey="slug"
        pagination={false}
        dataSource={structure.data?.columns ?? []}
        columns={[
          { title: '专栏', dataIndex: 'name', render: (n: string) => `《${n}》` },
          { title: '频道', dataIndex: 'channelName' },
          { title: '所属组织', dataIndex: 'orgName', responsive: ['md'] },
        ]}
      />
      <Form
        form={columnForm}
        layout="inline"
        style={{ marginTop: 8 }}
        onFinish={(v) => add.mutate({ path: '/api/newsroom/columns', body: v })}
      >
        <Form.Item name="name" rules={[{ required: true, message: '名称' }]}>
          <Input placeholder="专栏名称" />
        </Form.Item>
        <Form.Item name="slug" rules={[{ required: true, message: '标识' }]}>
          <Input placeholder="网址标识" />
        </Form.Item>
        <Form.Item name="channelSlug" rules={[{ required: true, message: '频道标识' }]}>
          <Input placeholder="所在频道标识" />
        </Form.Item>
        <Form.Item name="intro">
          <Input placeholder="专栏简介" />
        </Form.Item>
        <Button htmlType="submit" icon={<PlusOutlined />}>
          添加专栏
        </Button>
      </Form>
    </Card>
  );
}

/** 网站设置: name, welcome line, footer, friendly links, 错敏词 list, stale period; channels and columns. */
export default function SiteSettingsPage() {
  const { message } = App.useApp();
  const [form] = Form.useForm<SettingsForm>();
  const [formError, setFormError] = useState<string | null>(null);
  const site = useQuery({
    queryKey: ['newsroom', 'site'],
    queryFn: ({ signal }) => ok(http.GET('/api/newsroom/site', { signal })),
  });
  useEffect(() => {
    if (site.data)
      form.setFieldsValue({
        ...site.data,
        sensitiveWords: wordsToText(site.data.sensitiveWords),
        logoImage: site.data.logoImage || null,
        faviconImage: site.data.faviconImage || null,
      });
  }, [site.data, form]);
  const save = useMutation({
    mutationFn: (v: SettingsForm) =>
      ok(
        http.PATCH('/api/newsroom/site', {
          body: {
            ...v,
            sensitiveWords: textToWords(v.sensitiveWords),
            logoImage: v.logoImage ?? '',
            faviconImage: v.faviconImage ?? '',
          },
        }),
      ),
    onSuccess: () => {
      setFormError(null);
      message.success('网站设置已保存，网站页面已更新');
    },
    onError: (e) => setFormError(applyServerErrors(form, e)),
  });
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        网站设置
      </Typography.Title>
      {site.isError && <Alert type="error" showIcon title={errorMessage(site.error)} />}
      {formError && <Alert type="error" showIcon title={formError} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small">
            <Form<SettingsForm> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
              <Form.Item name="name" label="网站名称" rules={[{ required: true, message: '请输入网站名称' }]}>
                <Input />
              </Form.Item>
              <Form.Item name="welcome" label="欢迎语（页眉）">
                <Input />
              </Form.Item>
              <Form.Item name="description" label="网站简介（搜索引擎与分享）">
                <Input.TextArea rows={2} />
              </Form.Item>
              <Form.Item name="copyright" label="版权信息（页脚）">
                <Input />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item name="address" label="地址">
                    <Input />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={6}>
                  <Form.Item
                    name="postcode"
                    label="邮编"
                    rules={[{ pattern: /^(\d{6})?$/, message: '邮编为6位数字' }]}
                  >
                    <Input />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={6}>
                  <Form.Item name="phone" label="电话">
                    <Input />
                  </Form.Item>
                </Col>
              </Row>
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item
                    name="icpNumber"
                    label="ICP备案号（页脚，链接到工信部备案系统）"
                    extra="如：京ICP备12345678号-1；未备案请留空"
                  >
                    <Input data-testid="icp-number" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item
                    name="policeNumber"
                    label="公安备案号（页脚，链接到公安备案系统）"
                    extra="如：京公网安备11010502030143号"
                  >
                    <Input data-testid="police-number" />
                  </Form.Item>
                </Col>
              </Row>
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item name="logoImage" label="网站标志（页眉，PNG/JPEG/GIF/WebP，不超过 1 MB）">
                    <UploadedImage what="网站标志" preview={{ width: 64, height: 64 }} testId="logo-input" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item
                    name="faviconImage"
                    label="网站图标（浏览器标签页，正方形 PNG，16–512 像素，不超过 100 KB）"
                  >
                    <UploadedImage
                      what="网站图标"
                      preview={{ width: 32, height: 32 }}
                      accept="image/png"
                      testId="favicon-input"
                    />
                  </Form.Item>
                </Col>
              </Row>
              <Typography.Text strong>友情链接</Typography.Text>
              <Form.List name="friendlyLinks">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f) => (
                      <Space key={f.key} align="baseline" wrap>
                        <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '名称' }]}>
                          <Input placeholder="名称" />
                        </Form.Item>
                        <Form.Item name={[f.name, 'url']} rules={[{ required: true, message: '地址' }]}>
                          <Input placeholder="https://" style={{ width: 260 }} />
                        </Form.Item>
                        <MinusCircleOutlined aria-label="删除" onClick={() => remove(f.name)} />
                      </Space>
                    ))}
                    <Form.Item>
                      <Button
                        type="dashed"
                        onClick={() => add({ name: '', url: 'https://' })}
                        icon={<PlusOutlined />}
                      >
                        添加友情链接
                      </Button>
                    </Form.Item>
                  </>
                )}
              </Form.List>
              <Form.Item name="sensitiveWords" label="错敏词（每行一个，“错词=正确写法”；发布前逐篇检查）">
                <Input.TextArea rows={8} />
              </Form.Item>
              <Form.Item name="staleDays" label="专栏超过多少天未更新即提醒">
                <InputNumber min={1} max={365} addonAfter="天" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="save-site">
                保存设置
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <StructureCard />
        </Col>
      </Row>
    </Space>
  );
}
