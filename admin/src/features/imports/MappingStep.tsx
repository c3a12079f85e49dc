import { SaveOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Input,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { type Answer, http, type Item, ok } from '../../api/http';

export type Suggestion = Answer<'/api/imports/{kind}/suggest', 'post'>;
type SuggestedColumn = Suggestion['columns'][number];
type KindColumn = Item<'/api/imports/kinds'>['columns'][number];

/** The clerk's choice per file column (by its index): one of our column headers, or null (不导入). */
export type Choices = Record<number, string | null>;

/** What the file's columns are read as, for the upload's `mapping` field: header → column (null: ignored). */
export function mappingOf(suggestion: Suggestion, choices: Choices): Record<string, string | null> {
  return Object.fromEntries(suggestion.columns.map((c) => [c.header, choices[c.index] ?? null]));
}

export function initialChoices(suggestion: Suggestion): Choices {
  return Object.fromEntries(suggestion.columns.map((c) => [c.index, c.column]));
}

/** The mistakes that refuse the file, in Chinese, as the import would name them: a column bound twice, a required one missing. */
export function mappingErrors(suggestion: Suggestion, choices: Choices, columns: KindColumn[]): string[] {
  const errors: string[] = [];
  const by = new Map<string, string[]>();
  for (const c of suggestion.columns) {
    const to = choices[c.index];
    if (to) by.set(to, [...(by.get(to) ?? []), c.header]);
  }
  for (const [to, from] of by) {
    if (from.length > 1)
      errors.push(`${from.map((f) => `「${f}」`).join('和')}都对应到「${to}」，一列只能对应一个表头`);
  }
  for (const col of columns) {
    if (col.required && !by.has(col.header))
      errors.push(`缺少必填列「${col.header}」：请在下表为它选择文件中的一列`);
  }
  return errors;
}

const viaTag: Record<string, { color: string; text: string }> = {
  mapping: { color: 'blue', text: '已保存的对应' },
  exact: { color: 'green', text: '列名相同' },
  synonym: { color: 'gold', text: '其他写法' },
  similar: { color: 'orange', text: '列名相近，请核对' },
};

/**
 * The mapping step: each of the file's columns with a few of its values, and the column of ours it is read as
 * (the server's suggestion preselected). Synonyms and guesses are marked for checking, extra columns shown as
 * not imported; a column chosen twice or a required one missing is an error above the table.
 */
export function MappingStep({
  kind,
  suggestion,
  columns,
  choices,
  onChange,
}: {
  kind: string;
  suggestion: Suggestion;
  columns: KindColumn[];
  choices: Choices;
  onChange: (choices: Choices) => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [name, setName] = useState(suggestion.saved?.name ?? '');
  const errors = mappingErrors(suggestion, choices, columns);
  const chosen = new Map<string, number>();
  for (const c of suggestion.columns) {
    const to = choices[c.index];
    if (to) chosen.set(to, (chosen.get(to) ?? 0) + 1);
  }

  const save = useMutation({
    mutationFn: () =>
      ok(
        http.PUT('/api/imports/{kind}/mappings', {
          params: { path: { kind } },
          body: {
            name: name.trim(),
            mapping: mappingOf(suggestion, choices),
            headers: suggestion.columns.map((c) => c.header),
          },
        }),
      ),
    onSuccess: (saved) => {
      message.success(`已保存对应关系「${saved.name}」：表头相同的文件将自动套用`);
      void queryClient.invalidateQueries({ queryKey: ['imports', 'mappings', kind] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });

  const options = [
    { value: '', label: '（不导入）' },
    ...columns.map((c) => ({ value: c.header, label: c.required ? `${c.header}（必填）` : c.header })),
  ];

  const tableColumns: TableColumnsType<SuggestedColumn> = [
    {
      title: '文件中的列',
      dataIndex: 'header',
      width: 150,
      render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
    },
    {
      title: '示例值',
      dataIndex: 'samples',
      render: (v: string[]) =>
        v.length === 0 ? (
          <Typography.Text type="secondary">（空）</Typography.Text>
        ) : (
          <Typography.Text style={{ wordBreak: 'break-all' }}>{v.join('、')}</Typography.Text>
        ),
    },
    {
      title: '导入为',
      key: 'column',
      width: 220,
      render: (_, c) => {
        const to = choices[c.index] ?? null;
        return (
          <Select
            style={{ width: 200 }}
            value={to ?? ''}
            status={to && (chosen.get(to) ?? 0) > 1 ? 'error' : undefined}
            options={options}
            onChange={(v: string) => onChange({ ...choices, [c.index]: v === '' ? null : v })}
            data-testid={`mapping-select-${c.header}`}
            aria-label={`「${c.header}」导入为`}
          />
        );
      },
    },
    {
      title: '说明',
      key: 'note',
      width: 220,
      render: (_, c) => {
        const to = choices[c.index] ?? null;
        if (to == null) return <Tag>多余的列，不导入</Tag>;
        if (to !== c.column) return <Tag color="blue">已手动选择</Tag>;
        const tag = c.via ? viaTag[c.via] : undefined;
        const folds = columns.find((k) => k.header === to)?.folds ?? [];
        return (
          <Space size={4} wrap>
            {tag && <Tag color={tag.color}>{tag.text}</Tag>}
            {folds.length > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} title={folds.join('\n')}>
                也认得 {folds.length} 种写法
              </Typography.Text>
            )}
          </Space>
        );
      },
    },
  ];

  const guesses = suggestion.columns.filter(
    (c) => choices[c.index] === c.column && (c.via === 'synonym' || c.via === 'similar'),
  ).length;

  return (
    <div data-testid="import-mapping">
      {suggestion.skipped > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          title={`表头在第 ${suggestion.headerRow} 行：上方 ${suggestion.skipped} 行标题不导入`}
        />
      )}
      {suggestion.saved && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 8 }}
          title={`已自动套用保存的对应关系「${suggestion.saved.name}」（${suggestion.saved.orgCode || '全省'}）`}
          data-testid="mapping-saved"
        />
      )}
      {errors.length > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          title="表头对应有误，改正后才能导入"
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          }
          data-testid="mapping-errors"
        />
      ) : (
        guesses > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 8 }}
            title={`有 ${guesses} 列按其他写法或相近的列名对应，请核对示例值后再导入`}
            data-testid="mapping-warnings"
          />
        )
      )}
      <Table<SuggestedColumn>
        size="small"
        rowKey={(c) => String(c.index)}
        columns={tableColumns}
        dataSource={suggestion.columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="mapping-table"
      />
      <FoldList columns={columns} />
      <Space style={{ marginTop: 12 }} wrap>
        <Input
          style={{ width: 220 }}
          placeholder="对应关系名称，如：县花名册"
          maxLength={40}
          value={name}
          onChange={(e) => setName(e.target.value)}
          data-testid="mapping-name"
        />
        <Button
          icon={<SaveOutlined />}
          disabled={name.trim() === '' || errors.length > 0}
          loading={save.isPending}
          onClick={() => save.mutate()}
          data-testid="mapping-save"
        >
          保存对应关系
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          保存后，本组织及下级组织上传表头相同的文件时自动套用；命令行可用 --map 名称
        </Typography.Text>
      </Space>
    </div>
  );
}

/**
 * What this kind reads besides its own labels and formats (issue 15: "each kind lists what it folds"), shown in
 * full, not behind a hover: a value written any other way is refused with the spellings accepted.
 */
function FoldList({ columns }: { columns: KindColumn[] }) {
  const folding = columns.filter((c) => c.folds.length > 0);
  if (folding.length === 0) return null;
  return (
    <div style={{ marginTop: 12 }} data-testid="mapping-folds">
      <Typography.Text strong>本类数据也认得的写法</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 8 }}>
        其余写法一律报错，并指明行、列和可填的写法
      </Typography.Text>
      <ul style={{ margin: '4px 0 0', paddingLeft: 20, fontSize: 12 }}>
        {folding.map((c) => (
          <li key={c.header}>
            <Typography.Text>{c.header}：</Typography.Text>
            <Typography.Text type="secondary">{c.folds.join('；')}</Typography.Text>
          </li>
        ))}
      </ul>
    </div>
  );
}
