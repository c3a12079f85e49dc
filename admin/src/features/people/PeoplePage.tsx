import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { POLITICAL_STATUSES } from '@shared/labels';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../../api/client';
import { http, type Item, saveFile } from '../../api/http';
import { useAuth, useMe } from '../../app/auth';
import { label, optionsOf, politicalStatusLabels } from '../../app/labels';
import { usePagedTable, useUrlFilters } from '../../app/usePagedTable';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { PersonFormModal } from './PersonFormModal';

const filterKeys = ['org', 'q', 'politicalStatus'] as const;

/** A search that looks like an identity number or a phone: sent in a POST body and kept out of the page's URL. */
const NUMBER_LIKE = /^\d{6,17}[\dXx]?$/;

type PersonSummary = Item<'/api/people'>;

/** The address bar's 政治面貌 when it is one the server knows; anything else typed there filters nothing. */
function knownStatus(value: string | undefined): keyof typeof POLITICAL_STATUSES | undefined {
  return value !== undefined && Object.hasOwn(POLITICAL_STATUSES, value)
    ? (value as keyof typeof POLITICAL_STATUSES)
    : undefined;
}

export default function PeoplePage() {
  const me = useMe();
  const { can, may } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { filters, setFilters } = useUrlFilters(filterKeys);
  const org = filters.org ?? me.org.code;
  const [keyword, setKeyword] = useState(filters.q ?? '');
  /** A number search lives only here (never in the address bar, the history or a request URL). */
  const [numberQ, setNumberQ] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [creating, setCreating] = useState(false);
  const query = { org, q: numberQ ?? filters.q, politicalStatus: knownStatus(filters.politicalStatus) };
  const table = usePagedTable('people', numberQ ? '/api/people/search' : '/api/people', query, {
    post: numberQ !== null,
  });

  const columns: TableColumnsType<PersonSummary> = [
    {
      title: '姓名',
      dataIndex: 'name',
      fixed: 'left',
      render: (name: string, p) => <Link to={`/people/${encodeURIComponent(String(p.id))}`}>{name}</Link>,
    },
    { title: '性别', dataIndex: 'gender', render: (v) => v || '—' },
    { title: '年龄', dataIndex: 'age', render: (v) => (v == null ? '—' : `${v} 岁`) },
    {
      title: '证件号码',
      dataIndex: 'idNumberMasked',
      render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span>,
    },
    {
      title: '手机号码',
      dataIndex: 'phoneMasked',
      render: (v: string | null) => (v ? <span style={{ fontFamily: 'monospace' }}>{v}</span> : '—'),
    },
    {
      title: '政治面貌',
      dataIndex: 'politicalStatus',
      render: (v: string) => label(politicalStatusLabels, v),
    },
    { title: '所在团组织', dataIndex: ['org', 'name'], render: (v: string | undefined) => v ?? '—' },
    { title: '入团日期', dataIndex: 'joinedOn', render: (v) => v || '—' },
    {
      title: '团员编号',
      dataIndex: 'memberNo',
      render: (v: string | null) => (v ? <span style={{ fontFamily: 'monospace' }}>{v}</span> : '—'),
    },
  ];

  const doExport = async () => {
    setExporting(true);
    try {
      const name = await saveFile(
        () => http.GET('/api/people/export', { params: { query }, parseAs: 'stream' }),
        '人员名单.xlsx',
      );
      message.success(`已导出：${name}`);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        人员
      </Typography.Title>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item label="组织">
            <OrgTreeSelect
              value={org}
              onChange={(v) => setFilters({ org: v && v !== me.org.code ? v : null })}
              style={{ width: 260, maxWidth: '80vw' }}
              hideRevoked={false}
              data-testid="people-org"
            />
          </Form.Item>
          <Form.Item label="关键词">
            <Input.Search
              allowClear
              placeholder="姓名、手机号码或证件号码"
              value={keyword}
              onChange={(e) => {
                setKeyword(e.target.value);
                if (!e.target.value) {
                  setNumberQ(null);
                  setFilters({ q: null });
                }
              }}
              onSearch={(v) => {
                const q = v.trim();
                const numberLike = NUMBER_LIKE.test(q);
                setNumberQ(numberLike ? q : null);
                setFilters({ q: numberLike ? null : q || null });
              }}
              style={{ width: 260, maxWidth: '80vw' }}
              data-testid="people-q"
            />
          </Form.Item>
          <Form.Item label="政治面貌">
            <Select
              allowClear
              placeholder="全部"
              value={filters.politicalStatus}
              onChange={(v?: string) => setFilters({ politicalStatus: v ?? null })}
              options={optionsOf(politicalStatusLabels)}
              style={{ width: 150 }}
            />
          </Form.Item>
        </Form>
      </Card>
      {table.query.isError && (
        <Alert type="error" showIcon title={errorMessage(table.query.error)} style={{ marginBottom: 16 }} />
      )}
      <Card
        size="small"
        title={`共 ${table.total} 人`}
        extra={
          <Space wrap>
            {may('post', '/api/people') && (
              <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                新增人员
              </Button>
            )}
            {can('person.read') && (
              <Button
                type="primary"
                icon={<DownloadOutlined />}
                loading={exporting}
                // An export is a GET: a number search is not sent in its URL, so it is not offered then.
                disabled={numberQ !== null}
                title={numberQ !== null ? '按证件号码或手机号检索时不能导出，请清空关键词' : undefined}
                onClick={() => void doExport()}
                data-testid="people-export"
              >
                导出Excel
              </Button>
            )}
          </Space>
        }
      >
        <Table<PersonSummary>
          data-testid="people-table"
          rowKey={(p) => String(p.id)}
          columns={columns}
          dataSource={table.items}
          loading={table.loading}
          pagination={table.pagination}
          scroll={{ x: 'max-content' }}
          size="middle"
          locale={{ emptyText: '没有符合条件的人员' }}
        />
      </Card>
      {creating && (
        <PersonFormModal
          mode="create"
          defaultOrgCode={org}
          onClose={(saved) => {
            setCreating(false);
            if (saved) navigate(`/people/${encodeURIComponent(String(saved.id))}`);
          }}
        />
      )}
    </>
  );
}
