import { LoadingOutlined } from '@ant-design/icons';
import { Card, Progress, Space, Typography } from 'antd';
import { type DownloadState, useLongDownloads } from '../api/downloads';

const size = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;

function Line({ d }: { d: DownloadState }) {
  const seconds = Math.floor((Date.now() - d.startedAt) / 1000);
  if (d.phase === 'receiving' && d.total) {
    const percent = Math.min(100, Math.floor((d.received / d.total) * 100));
    return (
      <div data-testid="download-progress" data-phase="receiving">
        <Typography.Text ellipsis style={{ maxWidth: 300 }}>
          正在下载 {d.label}
        </Typography.Text>
        <Progress percent={percent} size="small" status="active" />
        <Typography.Text type="secondary">
          {size(d.received)} / {size(d.total)}
        </Typography.Text>
      </div>
    );
  }
  return (
    <div data-testid="download-progress" data-phase={d.phase}>
      <Space align="start">
        <LoadingOutlined spin style={{ marginTop: 4 }} />
        <span>
          <Typography.Text ellipsis style={{ maxWidth: 280, display: 'block' }}>
            {d.phase === 'preparing' ? '正在生成' : '正在下载'} {d.label}…
          </Typography.Text>
          <Typography.Text type="secondary">
            {d.phase === 'preparing'
              ? `服务器正在准备文件，已等待 ${seconds} 秒，请勿重复点击`
              : `已接收 ${size(d.received)}`}
          </Typography.Text>
        </span>
      </Space>
    </div>
  );
}

/**
 * The downloads that have run for more than a second (issue 15): what is being prepared, how long it has taken,
 * and the bytes received once the file arrives. Mounted once in the layout; every download goes through
 * api/downloads.ts, so no page has its own.
 */
export function DownloadIndicator() {
  const long = useLongDownloads();
  if (long.length === 0) return null;
  return (
    <Card
      size="small"
      role="status"
      aria-live="polite"
      data-testid="download-indicator"
      style={{
        position: 'fixed',
        right: 16,
        bottom: 16,
        width: 340,
        zIndex: 1000,
        boxShadow: '0 6px 16px rgba(0,0,0,.12)',
      }}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {long.map((d) => (
          <Line key={d.key} d={d} />
        ))}
      </Space>
    </Card>
  );
}
