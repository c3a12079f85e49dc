import {
  DeleteOutlined,
  DragOutlined,
  EditOutlined,
  PlusOutlined,
  ReloadOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Grid,
  Input,
  Popconfirm,
  Row,
  Space,
  Tag,
  Tree,
  Typography,
} from 'antd';
import type { DataNode } from 'antd/es/tree';
import { type ReactNode, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { http, ok } from '../../api/http';
import { useAuth, useMe } from '../../app/auth';
import { label, orgKindLabels, orgLevelLabels, orgStatusLabels } from '../../app/labels';
import { MoveOrgModal } from './MoveOrgModal';
import { OrgFormModal } from './OrgFormModal';
import { ancestorsOf, type Org, type OrgNode, orgsQueryKey, useOrgIndex, useOrgList } from './orgTree';

function highlight(text: string, q: string): ReactNode {
  if (!q) return text;
  const i = text.toLowerCase().indexOf(q.toLowerCase());
  if (i < 0) return text;
  return (
    <>
      {text.slice(0, i)}
      <mark style={{ padding: 0, background: '#ffe58f' }}>{text.slice(i, i + q.length)}</mark>
      {text.slice(i + q.length)}
    </>
  );
}

function matches(org: Org, q: string): boolean {
  return org.name.toLowerCase().includes(q.toLowerCase()) || org.code.includes(q);
}

type Dialog = { type: 'create' | 'edit' | 'move'; org: Org } | null;

export default function OrgsPage() {
  const me = useMe();
  const { can } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const orgs = useOrgList();
  const { byCode, forest } = useOrgIndex(orgs.data);
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState('');
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const q = search.trim();

  const selectedCode = params.get('org') ?? me.org.code;
  const selected = byCode.get(selectedCode) ?? forest[0]?.org;
  const select = (code: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('org', code);
        return next;
      },
      { replace: true },
    );

  // Search keeps matching orgs and the chain above them, and opens that chain.
  const { treeData, searchExpanded, matchCount } = useMemo(() => {
    const open = new Set<string>();
    let count = 0;
    const build = (n: OrgNode): DataNode | null => {
      const children = n.children.map(build).filter((c): c is DataNode => c !== null);
      const hit = q ? matches(n.org, q) : true;
      if (q && hit) count++;
      if (q && !hit && children.length === 0) return null;
      if (q && children.length > 0) open.add(n.org.code);
      const revoked = n.org.status === 'revoked';
      return {
        key: n.org.code,
        title: (
          <span style={revoked ? { color: '#999', textDecoration: 'line-through' } : undefined}>
            {highlight(n.org.name, q)}
            <span style={{ color: '#999', fontSize: 12, marginLeft: 6 }}>
              {label(orgKindLabels, n.org.kind)}
            </span>
            {revoked && (
              <Tag color="default" style={{ marginLeft: 6 }}>
                已撤销
              </Tag>
            )}
          </span>
        ),
        children: children.length ? children : undefined,
      };
    };
    const data = forest.map(build).filter((c): c is DataNode => c !== null);
    return { treeData: data, searchExpanded: [...open], matchCount: count };
  }, [forest, q]);

  const defaultExpanded = useMemo(() => {
    const keys = new Set<string>(forest.map((n) => n.org.code));
    if (selected) for (const a of ancestorsOf(byCode, selected.code).slice(0, -1)) keys.add(a.code);
    return [...keys];
  }, [forest, byCode, selected]);

  const expandedKeys = q ? searchExpanded : (expanded ?? defaultExpanded);

  const revoke = useMutation({
    mutationFn: (org: Org) =>
      ok(http.POST('/api/orgs/{code}/revoke', { params: { path: { code: org.code } } })),
    onSuccess: async (org) => {
      message.success(`已撤销「${org.name}」`);
      await queryClient.invalidateQueries({ queryKey: orgsQueryKey });
    },
    onError: (e) => message.error(errorMessage(e)),
  });

  const canWrite = can('org.write');
  const isMobile = !screens.md;
  const chain = selected ? ancestorsOf(byCode, selected.code) : [];
  const childCount = selected ? (orgs.data ?? []).filter((o) => o.parentCode === selected.code).length : 0;

  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        团组织
      </Typography.Title>
      {orgs.isError && (
        <Alert type="error" showIcon title={errorMessage(orgs.error)} style={{ marginBottom: 16 }} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={10} lg={9} xl={8}>
          <Card
            size="small"
            title="组织树"
            extra={
              <Button
                size="small"
                type="text"
                icon={<ReloadOutlined />}
                aria-label="刷新"
                onClick={() => void orgs.refetch()}
              />
            }
          >
            <Input.Search
              allowClear
              placeholder="按名称或编码查找"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              style={{ marginBottom: 8 }}
              data-testid="org-search"
            />
            {q && (
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginBottom: 4 }}>
                找到 {matchCount} 个组织
              </Typography.Text>
            )}
            <div data-testid="org-tree">
              {orgs.isLoading ? (
                <Typography.Text type="secondary">正在加载…</Typography.Text>
              ) : treeData.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={q ? '没有匹配的组织' : '暂无组织'} />
              ) : (
                <Tree
                  blockNode
                  showLine
                  treeData={treeData}
                  height={isMobile ? 320 : 600}
                  expandedKeys={expandedKeys}
                  onExpand={(keys) => {
                    if (!q) setExpanded(keys.map(String));
                  }}
                  selectedKeys={selected ? [selected.code] : []}
                  onSelect={(keys) => {
                    const k = keys[0];
                    if (k !== undefined) select(String(k));
                  }}
                />
              )}
            </div>
          </Card>
        </Col>
        <Col xs={24} md={14} lg={15} xl={16}>
          {selected ? (
            <Card
              title={
                <Space wrap>
                  <span>{selected.name}</span>
                  <Tag color={selected.status === 'active' ? 'green' : 'default'}>
                    {label(orgStatusLabels, selected.status)}
                  </Tag>
                </Space>
              }
              data-testid="org-details"
            >
              {chain.length > 1 && (
                <Breadcrumb
                  style={{ marginBottom: 16 }}
                  items={chain.map((o) => ({
                    key: o.code,
                    title:
                      o.code === selected.code ? (
                        o.name
                      ) : (
                        <a
                          onClick={(e) => {
                            e.preventDefault();
                            select(o.code);
                          }}
                          href={`?org=${encodeURIComponent(o.code)}`}
                        >
                          {o.name}
                        </a>
                      ),
                  }))}
                />
              )}
              {canWrite && (
                <Space wrap style={{ marginBottom: 16 }}>
                  <Button
                    type="primary"
                    icon={<PlusOutlined />}
                    disabled={selected.status === 'revoked'}
                    onClick={() => setDialog({ type: 'create', org: selected })}
                  >
                    新建下级组织
                  </Button>
                  <Button
                    icon={<EditOutlined />}
                    disabled={selected.status === 'revoked'}
                    onClick={() => setDialog({ type: 'edit', org: selected })}
                  >
                    编辑
                  </Button>
                  <Button
                    icon={<DragOutlined />}
                    disabled={
                      selected.status === 'revoked' || selected.code === me.org.code || !selected.parentCode
                    }
                    onClick={() => setDialog({ type: 'move', org: selected })}
                  >
                    移动
                  </Button>
                  <Popconfirm
                    title={`撤销「${selected.name}」？`}
                    description="撤销后该组织不再接收新成员，记录仍保留。"
                    okText="撤销"
                    okButtonProps={{ danger: true }}
                    cancelText="取消"
                    onConfirm={() => revoke.mutateAsync(selected).catch(() => undefined)}
                    disabled={selected.status === 'revoked' || selected.code === me.org.code}
                  >
                    <Button
                      danger
                      icon={<DeleteOutlined />}
                      loading={revoke.isPending}
                      disabled={selected.status === 'revoked' || selected.code === me.org.code}
                    >
                      撤销
                    </Button>
                  </Popconfirm>
                </Space>
              )}
              <Descriptions
                bordered
                size="small"
                column={{ xs: 1, sm: 1, md: 1, lg: 2, xl: 2, xxl: 2 }}
                styles={{ label: { width: 110, whiteSpace: 'nowrap' } }}
                items={[
                  { key: 'code', label: '编码', children: selected.code },
                  { key: 'name', label: '名称', children: selected.name },
                  { key: 'kind', label: '类型', children: label(orgKindLabels, selected.kind) },
                  { key: 'level', label: '层级', children: label(orgLevelLabels, selected.level) },
                  { key: 'domain', label: '领域', children: selected.domain || '—' },
                  {
                    key: 'region',
                    label: '区划',
                    children: selected.regionName || selected.regionCode || '—',
                  },
                  { key: 'unit', label: '所在单位', children: selected.unitName || '—' },
                  { key: 'est', label: '成立日期', children: selected.establishedOn || '—' },
                  {
                    key: 'status',
                    label: '状态',
                    children: (
                      <Tag color={selected.status === 'active' ? 'green' : 'default'}>
                        {label(orgStatusLabels, selected.status)}
                      </Tag>
                    ),
                  },
                  {
                    key: 'members',
                    label: '团员数',
                    children: (
                      <Space>
                        <span>{selected.memberCount}</span>
                        {can('person.read') && (
                          <Link to={`/people?org=${encodeURIComponent(selected.code)}`}>
                            <TeamOutlined /> 查看人员
                          </Link>
                        )}
                      </Space>
                    ),
                  },
                  { key: 'children', label: '直属下级', children: `${childCount} 个` },
                ]}
              />
            </Card>
          ) : (
            <Card>
              <Empty description={orgs.isLoading ? '正在加载…' : '请在左侧选择团组织'} />
            </Card>
          )}
        </Col>
      </Row>
      {dialog?.type === 'create' && (
        <OrgFormModal
          mode="create"
          parent={dialog.org}
          open
          onClose={(created) => {
            setDialog(null);
            if (created) {
              setExpanded((prev) => [...new Set([...(prev ?? defaultExpanded), dialog.org.code])]);
              select(created.code);
            }
          }}
        />
      )}
      {dialog?.type === 'edit' && (
        <OrgFormModal mode="edit" org={dialog.org} open onClose={() => setDialog(null)} />
      )}
      {dialog?.type === 'move' && (
        <MoveOrgModal org={dialog.org} all={orgs.data ?? []} open onClose={() => setDialog(null)} />
      )}
    </>
  );
}
