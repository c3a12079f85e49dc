import { TreeSelect, type TreeSelectProps } from 'antd';
import { useMemo } from 'react';
import type { Org } from './orgTree';
import { type OrgNode, useOrgIndex, useOrgList } from './orgTree';

interface TreeSelectNode {
  value: string;
  title: string;
  disabled?: boolean;
  children?: TreeSelectNode[];
}

interface Props extends Omit<TreeSelectProps<string>, 'treeData' | 'value' | 'onChange'> {
  value?: string | null;
  onChange?: (code: string | undefined) => void;
  /** Orgs that cannot be chosen (still shown). */
  isDisabled?: (org: Org) => boolean;
  /** Leave revoked orgs out (default true). */
  hideRevoked?: boolean;
}

/** A TreeSelect over the caller's organisation subtree, searchable by name or code. */
export function OrgTreeSelect({ value, onChange, isDisabled, hideRevoked = true, ...rest }: Props) {
  const orgs = useOrgList();
  const { forest } = useOrgIndex(orgs.data);

  const treeData = useMemo(() => {
    const toNode = (n: OrgNode): TreeSelectNode | null => {
      if (hideRevoked && n.org.status === 'revoked') return null;
      const children = n.children.map(toNode).filter((c): c is TreeSelectNode => c !== null);
      return {
        value: n.org.code,
        title: n.org.name,
        disabled: isDisabled?.(n.org) ?? false,
        children: children.length ? children : undefined,
      };
    };
    return forest.map(toNode).filter((c): c is TreeSelectNode => c !== null);
  }, [forest, isDisabled, hideRevoked]);

  const defaultExpanded = useMemo(() => forest.map((n) => n.org.code), [forest]);

  return (
    <TreeSelect<string>
      showSearch={{
        filterTreeNode: (input, node) => {
          const q = input.trim().toLowerCase();
          return (
            String(node.title ?? '')
              .toLowerCase()
              .includes(q) || String(node.value ?? '').includes(q)
          );
        },
      }}
      placeholder="选择团组织"
      loading={orgs.isLoading}
      treeData={treeData}
      treeDefaultExpandedKeys={defaultExpanded}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      popupMatchSelectWidth={false}
      listHeight={360}
      style={{ minWidth: 220 }}
      {...rest}
    />
  );
}
