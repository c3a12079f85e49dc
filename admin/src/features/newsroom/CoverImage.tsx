import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Image, Space } from 'antd';
import { useRef, useState } from 'react';
import { api, errorMessage } from '../../api/client';

/** 封面图: shown on the site's home page for 要闻 and in shares; uploaded like the body's pictures. */
export function CoverImage({
  value,
  onChange,
}: {
  value?: string | null;
  onChange?: (url: string | null) => void;
}) {
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    const form = new FormData();
    form.append('file', file);
    setBusy(true);
    try {
      const { url } = await api.upload<{ url: string }>('/newsroom/images', form);
      onChange?.(url);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space wrap align="center">
      {value && <Image src={value} alt="封面图" width={120} height={68} style={{ objectFit: 'cover' }} />}
      <Button icon={<UploadOutlined />} loading={busy} onClick={() => input.current?.click()}>
        {value ? '更换封面图' : '上传封面图'}
      </Button>
      {value && (
        <Button icon={<DeleteOutlined />} onClick={() => onChange?.(null)}>
          移除
        </Button>
      )}
      <input
        ref={input}
        type="file"
        accept="image/png,image/jpeg,image/gif,image/webp"
        style={{ display: 'none' }}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void upload(f);
        }}
      />
    </Space>
  );
}
