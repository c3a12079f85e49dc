import { formatHours } from '@shared/hours';
import { useMutation } from '@tanstack/react-query';
import { Button, Result, Spin } from 'antd';
import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { http, ok } from '../../api/http';

/** The page the organiser's QR code opens on the volunteer's phone: checks in or out at once. */
export default function ScanPage() {
  const [params] = useSearchParams();
  const token = params.get('t') ?? '';
  const scan = useMutation({
    mutationFn: () => ok(http.POST('/api/volunteering/me/scan', { body: { token } })),
  });
  const started = useRef(false);
  useEffect(() => {
    if (started.current || !token) return;
    started.current = true;
    scan.mutate();
  }, [scan, token]);
  const back = (
    <Link to="/my-volunteering">
      <Button type="primary">查看我的志愿服务</Button>
    </Link>
  );
  if (!token)
    return (
      <Result
        status="warning"
        title="二维码无效"
        subTitle="请用手机相机扫描组织者出示的签到码"
        extra={back}
      />
    );
  if (scan.isError)
    return <Result status="error" title="未能完成" subTitle={errorMessage(scan.error)} extra={back} />;
  if (!scan.data) return <Spin tip="正在登记…" style={{ display: 'block', marginTop: 64 }} />;
  const r = scan.data;
  return (
    <Result
      status="success"
      title={r.action === 'in' ? '签到成功' : '签退成功'}
      subTitle={
        r.action === 'in'
          ? `${r.activityTitle}：已签到，活动结束时请扫描签退码`
          : `${r.activityTitle}：本次计 ${formatHours(r.hours)} 小时，组织者确认后计入`
      }
      extra={back}
    />
  );
}
