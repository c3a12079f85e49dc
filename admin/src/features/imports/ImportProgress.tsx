import { Progress, Space, Typography } from 'antd';
import type { Answer } from '../../api/http';

/** An upload in the import queue (GET /api/imports → jobs / recent). */
export type ImportJob = Answer<'/api/imports'>['jobs'][number];

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} 秒`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} 分 ${seconds % 60} 秒`;
  return `${Math.floor(minutes / 60)} 小时 ${minutes % 60} 分`;
}

/**
 * A running import's bar: rows read, checked and written of the file's (estimated) total, and the time left.
 * The bar's green part is the rows written, its blue part the rows checked ahead of them.
 */
export function JobProgressBar({ job, compact = false }: { job: ImportJob; compact?: boolean }) {
  const p = job.progress;
  if (!p) return null;
  const total = p.total && p.total > 0 ? p.total : null;
  const percent = (n: number) => (total ? Math.min(100, Math.floor((n / total) * 100)) : 0);
  const checked = p.phase === 'committing' ? 100 : percent(p.checked);
  const written = p.phase === 'committing' ? 100 : percent(p.written);
  const counts = `已读取 ${p.read.toLocaleString()} · 已检查 ${p.checked.toLocaleString()} · 已写入 ${p.written.toLocaleString()}${
    total ? ` / 共约 ${total.toLocaleString()} 行` : ' 行'
  }`;
  return (
    <div data-testid="import-progress-bar" style={{ minWidth: compact ? 260 : undefined }}>
      <Progress
        percent={checked}
        success={{ percent: Math.min(checked, written) }}
        status="active"
        size={compact ? 'small' : 'default'}
        format={() => (total ? `${written}%` : p.phaseLabel)}
      />
      <Space size={12} wrap style={{ fontSize: 12 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {p.phaseLabel}
        </Typography.Text>
        <Typography.Text style={{ fontSize: 12 }} data-testid="import-progress-counts">
          {counts}
        </Typography.Text>
        {p.etaSeconds != null && p.phase !== 'committing' && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="import-progress-eta">
            预计还需 {duration(p.etaSeconds)}
          </Typography.Text>
        )}
      </Space>
    </div>
  );
}
