import { CheckCircleFilled, ReloadOutlined, WarningFilled } from '@ant-design/icons';
import type { UseQueryResult } from '@tanstack/react-query';
import { Alert, Button, Card, List, Spin, Typography } from 'antd';
import { errorMessage } from '../../api/client';
import type { CheckResult } from './newsroomApi';

const WHAT: Record<string, string> = {
  title: '标题',
  summary: '摘要',
  bodyHtml: '正文',
  image: '图片',
  link: '链接',
};

/**
 * The pre-publish check beside the piece (issue 17, item 15): the same 错敏词, link and picture checks the
 * server applies on 提交 and 发布, shown while writing and reviewing instead of only as a refusal.
 */
export function PrePublishCheck({
  check,
  onRecheck,
  reviewing,
}: {
  check: UseQueryResult<CheckResult>;
  onRecheck: () => void;
  reviewing: boolean;
}) {
  const r = check.data;
  const problems = r ? [...r.sensitiveWords, ...r.links] : [];
  return (
    <Card
      size="small"
      title="发布前检查"
      style={{ marginBottom: 16 }}
      data-testid="prepublish-check"
      extra={
        <Button
          size="small"
          icon={<ReloadOutlined />}
          loading={check.isFetching}
          onClick={onRecheck}
          aria-label="重新检查"
        >
          重新检查
        </Button>
      }
    >
      {check.isError && <Alert type="error" showIcon title={errorMessage(check.error)} />}
      {check.isPending && !check.isError && <Spin size="small" />}
      {r?.ok && (
        <Typography.Text type="success" data-testid="check-ok">
          <CheckCircleFilled /> 未发现错敏词、无效链接或缺少说明的图片（按已保存的内容检查）
        </Typography.Text>
      )}
      {r && !r.ok && (
        <>
          <Typography.Paragraph type="warning" style={{ marginBottom: 4 }}>
            <WarningFilled /> 发现 {problems.length} 处问题，
            {reviewing ? '修改前不能发布' : '修改后才能提交和发布'}：
          </Typography.Paragraph>
          <List
            size="small"
            dataSource={problems}
            data-testid="check-items"
            renderItem={(p) => (
              <List.Item style={{ paddingInline: 0 }}>
                <span>
                  {p.column && WHAT[p.column] ? <strong>{WHAT[p.column]}：</strong> : null}
                  {p.reason}
                  {p.value ? <Typography.Text type="secondary">（{p.value}）</Typography.Text> : null}
                </span>
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}
