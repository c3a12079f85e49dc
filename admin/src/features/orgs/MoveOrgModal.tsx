import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Modal } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../../api/client';
import { http, ok } from '../../api/http';
import { OrgTreeSelect } from './OrgTreeSelect';
import type { Org } from './orgTree';
import { orgsQueryKey, subtreeCodes } from './orgTree';

interface Props {
  org: Org;
  all: readonly Org[];
  open: boolean;
  onClose: (moved?: Org) => void;
}

/** 移动: choose a new parent; the org's own subtree cannot be chosen. */
export function MoveOrgModal({ org, all, open, onClose }: Props) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [parentCode, setParentCode] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const excluded = useMemo(() => subtreeCodes(all, org.code), [all, org.code]);

  useEffect(() => {
    if (open) {
      setParentCode(undefined);
      setError(null);
    }
  }, [open]);

  const move = useMutation({
    mutationFn: (code: string) =>
      ok(
        http.POST('/api/orgs/{code}/move', {
          params: { path: { code: org.code } },
          body: { parentCode: code },
        }),
      ),
    onSuccess: async (moved) => {
      message.success(`已将「${org.name}」移至新的上级组织`);
      await queryClient.invalidateQueries({ queryKey: orgsQueryKey });
      onClose(moved);
    },
    onError: (e) => setError(errorMessage(e)),
  });

  return (
    <Modal
      title={`移动团组织：${org.name}`}
      open={open}
      onCancel={() => onClose()}
      onOk={() => {
        if (!parentCode) {
          setError('请选择新的上级组织');
          return;
        }
        move.mutate(parentCode);
      }}
      okText="移动"
      okButtonProps={{ disabled: !parentCode || parentCode === org.parentCode }}
      confirmLoading={move.isPending}
      destroyOnHidden
    >
      <Alert type="info" showIcon title="下级组织和人员将随之一并移动。" style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form layout="vertical">
        <Form.Item label="新的上级组织" required>
          <OrgTreeSelect
            value={parentCode}
            onChange={(v) => {
              setParentCode(v);
              setError(null);
            }}
            isDisabled={(o) => excluded.has(o.code) || o.code === org.parentCode}
            style={{ width: '100%' }}
            data-testid="move-parent"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
