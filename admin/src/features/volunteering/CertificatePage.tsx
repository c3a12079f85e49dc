import { formatHours } from '@shared/hours';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Flex, Spin, Typography } from 'antd';
import { useParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { http, ok, saveFile } from '../../api/http';

/** 志愿服务证明 as a printable page (the browser's print), with the PDF beside it. */
export default function CertificatePage() {
  const { number = '' } = useParams();
  const q = useQuery({
    queryKey: ['volunteer-certificate', number],
    queryFn: ({ signal }) =>
      ok(http.GET('/api/volunteering/certificates/{number}', { params: { path: { number } }, signal })),
  });
  if (q.isError) return <Alert type="error" showIcon title={errorMessage(q.error)} />;
  if (!q.data) return <Spin />;
  const c = q.data;
  return (
    <div style={{ maxWidth: 720 }}>
      <Typography.Title level={3} style={{ textAlign: 'center' }}>
        志愿服务证明
      </Typography.Title>
      <Typography.Paragraph style={{ textAlign: 'center' }} type="secondary">
        证明编号：{c.number}
      </Typography.Paragraph>
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label="志愿者姓名">{c.name}</Descriptions.Item>
        <Descriptions.Item label="证件类型">{c.idType}</Descriptions.Item>
        <Descriptions.Item label="证件号码">{c.idNumberMasked}</Descriptions.Item>
        <Descriptions.Item label="志愿者编号">{c.volunteerNo}</Descriptions.Item>
        <Descriptions.Item label="服务时间">
          {c.periodFrom} 至 {c.periodTo}
        </Descriptions.Item>
        <Descriptions.Item label="服务时长">
          {formatHours(c.hours)} 小时（{c.activityCount} 次活动）
        </Descriptions.Item>
        <Descriptions.Item label="服务内容">{c.content}</Descriptions.Item>
        <Descriptions.Item label="出具单位">{c.issuerName}</Descriptions.Item>
        <Descriptions.Item label="联系人及电话">{c.contact}</Descriptions.Item>
        <Descriptions.Item label="出具日期">{c.issuedOn}</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph style={{ marginTop: 12 }}>
        本证明免费出具，可在 {window.location.origin}
        {c.verifyPath} 查验。
      </Typography.Paragraph>
      <Flex gap={8} className="no-print">
        <Button onClick={() => window.print()}>打印</Button>
        <Button
          type="primary"
          onClick={() =>
            saveFile(
              () =>
                http.GET('/api/volunteering/certificates/{number}/pdf', {
                  params: { path: { number: c.number } },
                  parseAs: 'stream',
                }),
              `志愿服务证明-${c.number}.pdf`,
            )
          }
        >
          下载PDF
        </Button>
      </Flex>
    </div>
  );
}
