import { useMutation } from '@tanstack/react-query';
import { Alert, Form, type FormInstance, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { applyServerErrors } from './forms';

interface FormModalProps<V, R> {
  title: string;
  open?: boolean;
  okText?: string;
  initialValues?: Partial<V>;
  /** Sends the form's values; its answer goes to `onSaved`. */
  save: (values: V) => Promise<R>;
  onSaved?: (result: R, form: FormInstance<V>) => unknown;
  onClose: () => void;
  /** Other names the server may give a field (applyServerErrors), e.g. `personRef` for the person picker. */
  aliases?: Record<string, string>;
  children: ReactNode;
}

/**
 * A form in a modal that saves through the API. The server's problems land on the fields they name and the rest
 * above the form; the modal closes once the save has gone through.
 */
export function FormModal<V extends object, R = unknown>({
  title,
  open = true,
  okText,
  initialValues,
  save,
  onSaved,
  onClose,
  aliases,
  children,
}: FormModalProps<V, R>) {
  const [form] = Form.useForm<V>();
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: save,
    onSuccess: async (result) => {
      await onSaved?.(result, form);
      onClose();
    },
    onError: (e) => setError(applyServerErrors(form, e, aliases)),
  });
  return (
    <Modal
      title={title}
      open={open}
      okText={okText}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<V>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) => {
          setError(null);
          mutation.mutate(values);
        }}
      >
        {children}
      </Form>
    </Modal>
  );
}
