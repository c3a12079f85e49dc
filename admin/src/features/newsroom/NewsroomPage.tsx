import { EditOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Grid,
  Input,
  List,
  Space,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { useAuth } from '../../app/auth';
import { beijingTime } from '../../app/dates';
import { type ArticleSummary, statusColors, useArticles, useStale } from './newsroomApi';

const time = (iso: string | null) => (iso ? beijingTime(iso) : '');

function StaleColumns() {
  const stale = useStale();
  if (stale.isError) return <Alert type="error" showIcon title={errorMessage(stale.error)} />;
  return (
    <Card
      size="small"
      title={`超过 ${stale.data?.staleDays ?? 14} 天未更新的专栏`}
      data-testid="stale-columns"
    >
      <List
        loading={stale.isLoading}
        locale={{ emptyText: '所有专栏都在更新期内' }}
        dataSource={stale.data?.items ?? []}
        renderItem={(c) => (
          <List.Item>
            《{c.name}》（{c.orgName}）：
            {c.lastPublishedAt ? `最近发布于 ${time(c.lastPublishedAt)}，` : '尚未发布过稿件，'}已{' '}
            {c.daysSinceUpdate} 天未更新
          </List.Item>
        )}
      />
    </Card>
  );
}

/** 网站稿件: the editor's pieces, the reviewer's queue, everything in the caller's subtree, stale columns. */
export default function NewsroomPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') ?? (can('portal.review') ? 'review' : 'mine');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const articles = useArticles({ view: view === 'stale' ? 'all' : view, q: q || undefined, page });
  const isMobile = !Grid.useBreakpoint().sm;

  const columns: TableColumnsType<ArticleSummary> = [
    {
      title: '标题',
      dataIndex: 'title',
      render: (t: string, a) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/newsroom/articles/${a.id}`}>{t}</Link>
          {a.status === 'returned' && a.reviewComment && (
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              退回意见：{a.reviewComment}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: '栏目',
      key: 'place',
      responsive: ['md'],
      render: (_, a) => (a.columnName ? `《${a.columnName}》` : a.channelName),
    },
    { title: '来源', dataIndex: 'source', responsive: ['lg'] },
    {
      title: '状态',
      dataIndex: 'statusLabel',
      width: 96,
      render: (label: string, a) => <Tag color={statusColors[a.status]}>{label}</Tag>,
    },
    { title: '更新时间', dataIndex: 'updatedAt', width: 150, responsive: ['md'], render: time },
  ];

  const tabs = [
    { key: 'mine', label: '我的稿件' },
    ...(can('portal.review') ? [{ key: 'review', label: '待我审核' }] : []),
    { key: 'all', label: '全部稿件' },
    { key: 'stale', label: '久未更新专栏' },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          网站稿件
        </Typography.Title>
        <Space wrap>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate('/newsroom/new')}
            data-testid="new-article"
          >
            写稿件
          </Button>
          {can('portal.settings') && (
            <Button icon={<SettingOutlined />} onClick={() => navigate('/newsroom/settings')}>
              网站设置
            </Button>
          )}
          <Button href="/" target="_blank" icon={<EditOutlined />}>
            查看网站
          </Button>
        </Space>
      </Space>
      <Tabs
        activeKey={view}
        items={tabs}
        onChange={(key) => {
          setPage(1);
          setParams({ view: key });
        }}
      />
      {view === 'stale' ? (
        <StaleColumns />
      ) : (
        <Card size="small">
          <Input.Search
            placeholder="按标题搜索"
            allowClear
            style={{ maxWidth: 320, marginBottom: 12 }}
            onSearch={(v) => {
              setPage(1);
              setQ(v.trim());
            }}
          />
          {articles.isError && <Alert type="error" showIcon title={errorMessage(articles.error)} />}
          <Table<ArticleSummary>
            data-testid="articles-table"
            size={isMobile ? 'small' : 'middle'}
            rowKey="id"
            loading={articles.isFetching}
            columns={columns}
            dataSource={articles.data?.items ?? []}
            pagination={{
              current: page,
              pageSize: 20,
              total: articles.data?.total ?? 0,
              onChange: setPage,
              showTotal: (t) => `共 ${t} 篇`,
            }}
          />
        </Card>
      )}
    </Space>
  );
}
