import {
  BoldOutlined,
  DeleteColumnOutlined,
  DeleteOutlined,
  DeleteRowOutlined,
  InsertRowBelowOutlined,
  InsertRowRightOutlined,
  ItalicOutlined,
  LinkOutlined,
  OrderedListOutlined,
  PictureOutlined,
  TableOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import Image from '@tiptap/extension-image';
import { addColumnAfter, addRowAfter, deleteColumn, deleteRow, deleteTable } from '@tiptap/pm/tables';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { App, Button, Space, Tooltip } from 'antd';
import { useEffect, useRef } from 'react';
import { errorMessage } from '../../api/client';
import { uploadNewsroomImage } from './CoverImage';
import { insertTable, TableNodes } from './tableNodes';

/**
 * The rich-text editor (tiptap). Pasting from Word goes through tiptap's HTML paste, which keeps
 * headings, lists, tables (tableNodes.ts), bold and links and drops Word's styles; the server cleans the
 * HTML again with its allowlist, whatever the browser sends. The toolbar inserts a table and adds or removes
 * its rows and columns (issue 17, item 15).
 */
export function RichEditor({ value, onChange }: { value?: string; onChange?: (html: string) => void }) {
  const { message } = App.useApp();
  const fileInput = useRef<HTMLInputElement>(null);
  const editor = useEditor({
    extensions: [
      StarterKit.configure({ heading: { levels: [2, 3] }, link: { openOnClick: false, autolink: true } }),
      Image.configure({ inline: false }),
      ...TableNodes,
    ],
    content: value ?? '',
    onUpdate: ({ editor: e }) => onChange?.(e.getHTML()),
    editorProps: {
      attributes: { 'aria-label': '正文', 'data-testid': 'article-editor', class: 'newsroom-editor' },
    },
  });

  // A value set from outside (the loaded piece) replaces the content; typing does not come back here.
  // tiptap may hand over an editor it has already destroyed (remounts on a slow machine): its schema is gone
  // and getHTML throws, which took the whole page down (CI, "reading 'cached'").
  useEffect(() => {
    if (editor && !editor.isDestroyed && value !== undefined && value !== editor.getHTML())
      editor.commands.setContent(value, { emitUpdate: false });
  }, [editor, value]);

  const upload = async (file: File) => {
    try {
      const url = await uploadNewsroomImage(file);
      const alt =
        window.prompt('请输入图片说明（供视障读者使用的替代文字）', file.name.replace(/\.[^.]+$/, '')) ?? '';
      editor?.chain().focus().setImage({ src: url, alt }).run();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const setLink = () => {
    const previous = editor?.getAttributes('link').href as string | undefined;
    const url = window.prompt(
      '链接地址（http(s):// 开头，或本站路径如 /articles/12）',
      previous ?? 'https://',
    );
    if (url === null) return;
    if (url === '') editor?.chain().focus().unsetLink().run();
    else editor?.chain().focus().extendMarkRange('link').setLink({ href: url }).run();
  };

  const tool = (title: string, icon: React.ReactNode, run: () => void, active = false) => (
    <Tooltip title={title}>
      <Button
        size="small"
        type={active ? 'primary' : 'default'}
        icon={icon}
        aria-label={title}
        onClick={run}
      />
    </Tooltip>
  );
  const chain = () => editor!.chain().focus();
  // prosemirror-tables' commands act on the table the cursor is in; outside one they do nothing.
  const inTable = (command: typeof addRowAfter) => () => {
    if (!editor) return;
    command(editor.state, editor.view.dispatch);
    editor.view.focus();
  };

  return (
    <div style={{ border: '1px solid #d9d9d9', borderRadius: 6 }}>
      <Space wrap size={4} style={{ padding: 6, borderBottom: '1px solid #f0f0f0', width: '100%' }}>
        {tool('加粗', <BoldOutlined />, () => chain().toggleBold().run(), editor?.isActive('bold'))}
        {tool('倾斜', <ItalicOutlined />, () => chain().toggleItalic().run(), editor?.isActive('italic'))}
        <Button
          size="small"
          type={editor?.isActive('heading', { level: 2 }) ? 'primary' : 'default'}
          onClick={() => chain().toggleHeading({ level: 2 }).run()}
        >
          标题
        </Button>
        <Button
          size="small"
          type={editor?.isActive('heading', { level: 3 }) ? 'primary' : 'default'}
          onClick={() => chain().toggleHeading({ level: 3 }).run()}
        >
          小标题
        </Button>
        {tool(
          '项目符号列表',
          <UnorderedListOutlined />,
          () => chain().toggleBulletList().run(),
          editor?.isActive('bulletList'),
        )}
        {tool(
          '编号列表',
          <OrderedListOutlined />,
          () => chain().toggleOrderedList().run(),
          editor?.isActive('orderedList'),
        )}
        {tool('链接', <LinkOutlined />, setLink, editor?.isActive('link'))}
        {tool('插入图片（PNG、JPEG、GIF、WebP，不超过 5 MB）', <PictureOutlined />, () =>
          fileInput.current?.click(),
        )}
        {tool('插入表格（3行3列，首行为表头）', <TableOutlined />, () => editor && insertTable(editor))}
        {tool('在下方插入行', <InsertRowBelowOutlined />, inTable(addRowAfter))}
        {tool('在右侧插入列', <InsertRowRightOutlined />, inTable(addColumnAfter))}
        {tool('删除当前行', <DeleteRowOutlined />, inTable(deleteRow))}
        {tool('删除当前列', <DeleteColumnOutlined />, inTable(deleteColumn))}
        {tool('删除表格', <DeleteOutlined />, inTable(deleteTable))}
        <input
          ref={fileInput}
          type="file"
          accept="image/png,image/jpeg,image/gif,image/webp"
          style={{ display: 'none' }}
          data-testid="image-input"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void upload(f);
          }}
        />
      </Space>
      <EditorContent editor={editor} style={{ padding: '4px 12px', minHeight: 260, overflowX: 'auto' }} />
      <style>{`.newsroom-editor{min-height:240px;outline:none;line-height:1.8}.newsroom-editor img{max-width:100%}.newsroom-editor p{margin:0 0 .6em}.newsroom-editor table{border-collapse:collapse;margin:.5em 0}.newsroom-editor td,.newsroom-editor th{border:1px solid #bbb;padding:2px 8px;vertical-align:top;min-width:3em}.newsroom-editor th{background:#fafafa}.newsroom-editor td p,.newsroom-editor th p{margin:0}`}</style>
    </div>
  );
}
