import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Image, Space } from 'antd';
import { useRef, useState } from 'react';
import { errorMessage } from '../../api/client';
import { http, ok } from '../../api/http';

/** Sends a picture to the newsroom's image store (type checked by its bytes there); answers its address. */
export async function uploadNewsroomImage(file: File): Promise<string> {
  const form = new FormData();
  form.append('file', file, file.name);
  // Multipart: the route reads the file as a stream; its schema declares no JSON body.
  const { url } = await ok(http.POST('/api/newsroom/images', { body: form as never }));
  return url;
}

/** A form field holding the address of one uploaded picture: preview, upload or replace, remove. */
export function UploadedImage({
  value,
  onChange,
  what,
  preview = { width: 120, height: 68 },
  accept = 'image/png,image/jpeg,image/gif,image/webp',
  testId,
}: {
  value?: string | null;
  onChange?: (url: string | null) => void;
  /** 封面图, 网站标志…: names the buttons and the preview. */
  what: string;
  preview?: { width: number; height: number };
  accept?: string;
  testId?: string;
}) {
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    setBusy(true);
    try {
      onChange?.(await uploadNewsroomImage(file));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space wrap align="center">
      {value && (
        <Image
          src={value}
          alt={what}
          width={preview.width}
          height={preview.height}
          style={{ objectFit: 'contain' }}
        />
      )}
      <Button icon={<UploadOutlined />} loading={busy} onClick={() => input.current?.click()}>
        {value ? `更换${what}` : `上传${what}`}
      </Button>
      {value && (
        <Button icon={<DeleteOutlined />} onClick={() => onChange?.(null)}>
          移除
        </Button>
      )}
      <input
        ref={input}
        type="file"
        accept={accept}
        style={{ display: 'none' }}
        data-testid={testId}
        aria-label={`选择${what}文件`}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void upload(f);
        }}
      />
    </Space>
  );
}

/** 封面图: shown in the home page's picture news and 要闻, and in shares. */
export function CoverImage(props: { value?: string | null; onChange?: (url: string | null) => void }) {
  return <UploadedImage {...props} what="封面图" testId="cover-input" />;
}
