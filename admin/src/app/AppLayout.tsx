import {
  ApartmentOutlined,
  DownOutlined,
  LogoutOutlined,
  MenuOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Drawer, Dropdown, Grid, Layout, Menu, Typography, theme } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { todoQueryKey, todoTotal, useTodo } from '../features/todo/todoApi';
import { useAuth, useMe } from './auth';
import { DownloadIndicator } from './DownloadIndicator';
import { label, orgLevelLabels } from './labels';
import { navKeyOf, visibleNav } from './nav';
import { PageLoading } from './PageLoading';

const { Header, Sider, Content } = Layout;

function Brand({ compact }: { compact?: boolean }) {
  return (
    <div
      style={{
        height: 56,
        display: 'flex',
        alignItems: 'center',
        gap: 8,
        padding: compact ? '0 26px' : '0 16px',
        color: '#fff',
        fontWeight: 600,
        fontSize: 14,
        whiteSpace: 'nowrap',
        overflow: 'hidden',
      }}
    >
      <span
        style={{
          display: 'inline-flex',
          width: 28,
          height: 28,
          borderRadius: 14,
          background: '#c8161d',
          alignItems: 'center',
          justifyContent: 'center',
          fontSize: 14,
          flex: 'none',
        }}
      >
        团
      </span>
      {!compact && <span>团务 · 共青团工作平台</span>}
    </div>
  );
}

export function AppLayout() {
  const me = useMe();
  const { can, user, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const isMobile = !screens.md;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const { token } = theme.useToken();

  const todo = useTodo();
  const waiting = todoTotal(todo.data?.items);
  const queryClient = useQueryClient();
  // Work done on another page takes its item off the badge when the user moves on.
  // biome-ignore lint/correctness/useExhaustiveDependencies: refetch on every change of page
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: todoQueryKey });
  }, [location.pathname, queryClient]);

  const items = visibleNav(can, user).map((i) => ({
    key: i.path,
    icon: i.icon,
    label:
      i.path === '/todo' && waiting > 0 ? (
        <span data-testid="nav-todo">
          {i.label} <Badge count={waiting} overflowCount={99} size="small" style={{ boxShadow: 'none' }} />
        </span>
      ) : (
        i.label
      ),
  }));
  const selected = navKeyOf(location.pathname);

  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={[selected]}
      items={items}
      onClick={({ key }) => {
        navigate(key);
        setDrawerOpen(false);
      }}
    />
  );

  const doLogout = async () => {
    await logout();
    navigate('/login', { replace: true });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {isMobile ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={240}
          closable={false}
          styles={{ body: { padding: 0, background: '#001529' } }}
        >
          <Brand />
          {menu}
        </Drawer>
      ) : (
        <Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          width={232}
          breakpoint="lg"
          style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        >
          <Brand compact={collapsed} />
          {menu}
        </Sider>
      )}
      <Layout>
        <Header
          style={{
            background: token.colorBgContainer,
            padding: isMobile ? '0 12px' : '0 24px',
            display: 'flex',
            alignItems: 'center',
            gap: 12,
            height: 56,
            lineHeight: '56px',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            position: 'sticky',
            top: 0,
            zIndex: 10,
          }}
        >
          {isMobile && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label="菜单"
              onClick={() => setDrawerOpen(true)}
            />
          )}
          <div
            style={{ display: 'flex', alignItems: 'center', gap: 6, minWidth: 0, flex: 1, lineHeight: 1.5 }}
            data-testid="org-scope"
            title={`当前组织：${me.org.name}`}
          >
            <ApartmentOutlined style={{ color: token.colorPrimary, flex: 'none' }} />
            {!isMobile && (
              <Typography.Text type="secondary" style={{ flex: 'none' }}>
                当前组织：
              </Typography.Text>
            )}
            <Typography.Text strong ellipsis style={{ minWidth: 0 }}>
              {me.org.name}
            </Typography.Text>
            {!isMobile && (
              <Typography.Text type="secondary" style={{ flex: 'none' }}>
                （{label(orgLevelLabels, me.org.level)}级）
              </Typography.Text>
            )}
          </div>
          <Dropdown
            menu={{
              items: [
                { key: 'who', label: `账号：${me.username}`, disabled: true },
                { key: 'password', label: '修改密码' },
                { key: 'notifications', label: '通知设置' },
                ...(can('user.manage') ? [{ key: 'outbox', label: '消息发送记录' }] : []),
                { type: 'divider' },
                { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
              ],
              onClick: ({ key }) => {
                if (key === 'logout') void doLogout();
                if (key === 'password') navigate('/password');
                if (key === 'notifications') navigate('/notifications/settings');
                if (key === 'outbox') navigate('/notifications/outbox');
              },
            }}
            trigger={['click']}
          >
            <Button type="text" data-testid="user-menu">
              <UserOutlined />
              <span style={{ maxWidth: 120, overflow: 'hidden', textOverflow: 'ellipsis' }}>
                {me.displayName}
              </span>
              <DownOutlined style={{ fontSize: 10 }} />
            </Button>
          </Dropdown>
          {!isMobile && (
            <Button icon={<LogoutOutlined />} onClick={() => void doLogout()} data-testid="logout">
              退出登录
            </Button>
          )}
        </Header>
        <Content style={{ padding: isMobile ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Content>
        <DownloadIndicator />
        <Layout.Footer style={{ textAlign: 'center', color: token.colorTextTertiary, padding: '12px 24px' }}>
          团务 · 共青团工作平台
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
