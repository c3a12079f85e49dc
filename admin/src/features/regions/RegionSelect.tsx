import { useQuery, useQueryClient } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { http, type Item, ok } from '../../api/http';

type Region = Item<'/api/regions'>;

import { regionLevelLabels } from '../../app/labels';

interface Props {
  value?: string | null;
  onChange?: (code: string | undefined) => void;
  /** Shown for the current value before its branch of the tree has been loaded. */
  initialLabel?: string | null;
  placeholder?: string;
  disabled?: boolean;
  id?: string;
}

interface Node {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
  level: string;
}

const fetchRegions = (parent?: string) =>
  ok(http.GET('/api/regions', { params: { query: { parent } } })).then((r) => r.items);

/** 行政区划 picker: loads `GET /api/regions?parent=` level by level as the user opens a branch. */
export function RegionSelect({
  value,
  onChange,
  initialLabel,
  placeholder = '选择行政区划',
  disabled,
  id,
}: Props) {
  const queryClient = useQueryClient();
  const top = useQuery({
    queryKey: ['regions', null],
    queryFn: () => fetchRegions(),
    staleTime: 10 * 60_000,
  });
  const [loaded, setLoaded] = useState<Region[]>([]);

  const nodes = useMemo(() => {
    const seen = new Set<string>();
    const out: Node[] = [];
    for (const r of [...(top.data ?? []), ...loaded]) {
      if (seen.has(r.code)) continue;
      seen.add(r.code);
      out.push({
        id: r.code,
        pId: r.parentCode,
        value: r.code,
        title: r.name,
        isLeaf: r.level === 'village',
        level: r.level,
      });
    }
    return out;
  }, [top.data, loaded]);

  const labels = useMemo(() => new Map(nodes.map((n) => [n.value, n.title])), [nodes]);

  const loadData = useCallback(
    async (node: { value?: unknown }) => {
      const code = String(node.value ?? '');
      if (!code) return;
      const children = await queryClient.fetchQuery({
        queryKey: ['regions', code],
        queryFn: () => fetchRegions(code),
        staleTime: 10 * 60_000,
      });
      setLoaded((prev) => [...prev, ...children.map((c) => ({ ...c, parentCode: c.parentCode ?? code }))]);
    },
    [queryClient],
  );

  const current = value ? { value, label: labels.get(value) ?? initialLabel ?? value } : undefined;

  return (
    <TreeSelect
      id={id}
      labelInValue
      treeDataSimpleMode
      treeData={nodes}
      loadData={loadData}
      value={current}
      onChange={(v: { value: string } | undefined) => onChange?.(v?.value)}
      placeholder={placeholder}
      disabled={disabled}
      loading={top.isLoading}
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      popupMatchSelectWidth={false}
      listHeight={320}
      treeTitleRender={(n) => (
        <span>
          {String(n.title)}
          <span style={{ color: '#999', marginLeft: 6, fontSize: 12 }}>
            {regionLevelLabels[String((n as { level?: string }).level)] ?? ''}
          </span>
        </span>
      )}
    />
  );
}
