import { CheckCircleOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Badge, Card, Empty, List, Spin, Typography } from 'antd';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { useMe } from '../../app/auth';
import { todoTotal, useTodo } from './todoApi';

/** 待办 (issue 15): the staff's first screen — everything waiting in the user's reach, each row a link to its page. */
export default function TodoPage() {
  const me = useMe();
  const todo = useTodo();
  const items = todo.data?.items ?? [];
  // A young person's items are his own (his activities, his hours); staff see their organisations'.
  const staff = !me.permissions.every((p) => p.endsWith('.self') || p === 'internship.apply');

  return (
    <div style={{ maxWidth: 880 }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        待办
        {items.length > 0 && (
          <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 'normal', marginLeft: 12 }}>
            共 {todoTotal(items)} 件
          </Typography.Text>
        )}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {staff ? `${me.org.name}及所辖组织中等待您办理的事项` : '与您本人有关的事项'}，点击进入办理页面。
      </Typography.Paragraph>
      {todo.isError && (
        <Alert type="error" showIcon title={errorMessage(todo.error)} style={{ marginBottom: 16 }} />
      )}
      <Card size="small" data-testid="todo-list">
        {todo.isPending ? (
          <div style={{ padding: 32, textAlign: 'center' }}>
            <Spin />
          </div>
        ) : items.length === 0 ? (
          <Empty
            image={<CheckCircleOutlined style={{ fontSize: 48, color: '#52c41a' }} />}
            description="暂无待办事项"
            data-testid="todo-empty"
          />
        ) : (
          <List
            dataSource={items}
            renderItem={(item) => (
              <List.Item key={item.kind} data-testid={`todo-${item.kind}`} style={{ padding: 0 }}>
                <Link
                  to={item.link}
                  style={{
                    display: 'flex',
                    alignItems: 'center',
                    gap: 12,
                    width: '100%',
                    padding: '14px 8px',
                    color: 'inherit',
                    minWidth: 0,
                  }}
                >
                  <Badge count={item.count} overflowCount={999} style={{ flex: 'none' }} />
                  <Typography.Text style={{ flex: 1, minWidth: 0 }} ellipsis>
                    {item.title}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ flex: 'none' }}>
                    去办理 <RightOutlined />
                  </Typography.Text>
                </Link>
              </List.Item>
            )}
          />
        )}
      </Card>
    </div>
  );
}
