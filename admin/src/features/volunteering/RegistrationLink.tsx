import { CopyOutlined, DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, QRCode, Typography } from 'antd';
import { useRef } from 'react';
import { useMe } from '../../app/auth';

/** Copies text; falls back on a selected textarea where the Clipboard API is not offered (http on a LAN address). */
async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  const area = document.createElement('textarea');
  area.value = text;
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const copied = document.execCommand('copy');
  area.remove();
  if (!copied) throw new Error('浏览器不允许自动复制，请手动选中链接复制');
}

/**
 * What the organiser hands out (issue 17 item 9): the county's registration link and its QR code, to paste in a
 * group chat or print on a poster. The account always lands in the young person's own org whatever the link names.
 */
export function RegistrationLinkCard() {
  const me = useMe();
  const { message } = App.useApp();
  const qrBox = useRef<HTMLDivElement>(null);
  const link = `${window.location.origin}/admin/v/register?org=${encodeURIComponent(me.org.code)}`;
  const downloadQr = () => {
    const canvas = qrBox.current?.querySelector('canvas');
    if (!canvas) return;
    const a = document.createElement('a');
    a.href = canvas.toDataURL('image/png');
    a.download = `志愿者注册二维码-${me.org.name}.png`;
    a.click();
  };
  return (
    <Card size="small" title="志愿者注册链接" style={{ marginBottom: 12 }} data-testid="registration-link">
      <Flex gap={16} wrap align="flex-start">
        <div ref={qrBox} data-testid="registration-qr">
          <QRCode value={link} type="canvas" size={160} bgColor="#fff" />
        </div>
        <Flex vertical gap={8} style={{ flex: '1 1 260px', minWidth: 0 }}>
          <Typography.Text type="secondary">
            发给青年或印在海报上：青年用手机打开链接或扫码注册，注册后由您确认，确认后即可用手机号登录。
          </Typography.Text>
          <Input value={link} readOnly aria-label="注册链接" onFocus={(e) => e.target.select()} />
          <Flex gap={8} wrap>
            <Button
              icon={<CopyOutlined />}
              onClick={() =>
                copyText(link).then(
                  () => message.success('已复制注册链接'),
                  (e: Error) => message.error(e.message),
                )
              }
            >
              复制链接
            </Button>
            <Button icon={<DownloadOutlined />} onClick={downloadQr}>
              下载二维码
            </Button>
          </Flex>
        </Flex>
      </Flex>
    </Card>
  );
}
