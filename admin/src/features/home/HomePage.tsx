import { Card, Col, Row, Typography } from 'antd';
import { Link } from 'react-router';
import { useAuth, useMe } from '../../app/auth';
import { label, orgLevelLabels, roleLabels } from '../../app/labels';
import { visibleNav } from '../../app/nav';
import { Dashboard } from '../reports/Dashboard';

function greeting(): string {
  const h = new Date().getHours();
  if (h < 6) return '夜深了';
  if (h < 12) return '上午好';
  if (h < 14) return '中午好';
  if (h < 18) return '下午好';
  return '晚上好';
}

export default function HomePage() {
  const me = useMe();
  const { can } = useAuth();
  const links = visibleNav(can, me).filter((i) => i.path !== '/');

  return (
    <div>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Typography.Text strong style={{ fontSize: 16 }}>
          {greeting()}，{me.displayName}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
          {me.org.name}（{label(orgLevelLabels, me.org.level)}级）· 角色：
          {me.roles.map((r) => label(roleLabels, r)).join('、') || '—'}
        </Typography.Text>
      </Card>
      {can('org.read') && (
        <div style={{ marginBottom: 24 }}>
          <Dashboard />
        </div>
      )}
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        常用入口
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {links.map((item) => (
          <Col key={item.path} xs={24} sm={12} lg={8} xl={6}>
            <Link to={item.path}>
              <Card hoverable>
                <Card.Meta
                  avatar={<span style={{ fontSize: 28, color: '#c8161d' }}>{item.icon}</span>}
                  title={item.label}
                  description={item.description}
                />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </div>
  );
}
