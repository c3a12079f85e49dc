import { formatHours } from '@shared/hours';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Flex, List, Progress, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { type Answer, http, ok, saveFile } from '../../api/http';
import { beijingTime } from '../../app/dates';

type Overview = Answer<'/api/volunteering/me'>;

function enrolmentState(e: Overview['enrolments'][number]): { text: string; color: string } {
  if (e.status === 'cancelled') return { text: '已取消', color: 'default' };
  if (e.decision === 'confirmed') return { text: `已确认 ${formatHours(e.hours)} 小时`, color: 'green' };
  if (e.decision === 'rejected') return { text: '未予确认', color: 'red' };
  if (e.checkedOutAt) return { text: `已签退 ${formatHours(e.hours)} 小时，待确认`, color: 'orange' };
  if (e.checkedInAt) return { text: '已签到', color: 'blue' };
  return { text: '已报名', color: 'blue' };
}

/** A young person's own volunteering page (mobile-first): hours toward 20 a year, star level, sign-up, certificates. */
export default function MyVolunteeringPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const me = useQuery({
    queryKey: ['my-volunteering', 'me'],
    queryFn: ({ signal }) => ok(http.GET('/api/volunteering/me', { signal })),
  });
  const open = useQuery({
    queryKey: ['my-volunteering', 'open'],
    queryFn: ({ signal }) => ok(http.GET('/api/volunteering/me/activities', { signal })),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['my-volunteering'] });
  const onError = (e: unknown) => message.error(errorMessage(e));
  const signUp = useMutation({
    mutationFn: (id: number) =>
      ok(http.POST('/api/volunteering/me/activities/{id}/signup', { params: { path: { id } } })),
    onSuccess: async () => {
      message.success('报名成功');
      await refresh();
    },
    onError,
  });
  const cancel = useMutation({
    mutationFn: (id: number) =>
      ok(http.POST('/api/volunteering/me/activities/{id}/cancel', { params: { path: { id } } })),
    onSuccess: refresh,
    onError,
  });
  const issue = useMutation({
    mutationFn: () =>
      ok(
        http.POST('/api/volunteering/me/certificates', {
          body: { from: me.data!.year.from, to: me.data!.year.to },
        }),
      ),
    onSuccess: async (c) => {
      message.success(`已出具证明 ${c.number}`);
      await refresh();
    },
    onError,
  });
  const d = me.data;
  return (
    <div style={{ maxWidth: 640 }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        我的志愿服务
      </Typography.Title>
      {(me.isError || open.isError) && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(me.error ?? open.error)}
          style={{ marginBottom: 12 }}
        />
      )}
      {d && (
        <Card size="small" style={{ marginBottom: 12 }} data-testid="my-hours">
          <Typography.Text type="secondary">
            {d.name} · 志愿者编号 {d.volunteerNo}
          </Typography.Text>
          <Flex gap={16} wrap style={{ marginTop: 8 }}>
            <Statistic
              title={`${d.year.from.slice(0, 4)} 年已确认时长`}
              value={formatHours(d.year.hours)}
              suffix="小时"
            />
            <Statistic title="累计时长" value={formatHours(d.totalHours)} suffix="小时" />
            <Statistic title="星级" value={d.star.label ?? '未达星级'} />
          </Flex>
          <Typography.Text>距入团条件（每年 {d.year.target} 小时）</Typography.Text>
          <Progress percent={d.year.percent} status={d.year.percent >= 100 ? 'success' : 'active'} />
          {d.star.nextLabel && (
            <Typography.Text type="secondary">
              再服务 {formatHours(d.star.hoursToNext)} 小时可达{d.star.nextLabel}志愿者
            </Typography.Text>
          )}
        </Card>
      )}
      <Card size="small" title="可报名的活动" style={{ marginBottom: 12 }} data-testid="open-activities">
        {open.data?.items.length ? (
          <List
            dataSource={open.data.items}
            renderItem={(a) => (
              <List.Item
                actions={[
                  a.signedUpByMe ? (
                    <Button key="c" size="small" onClick={() => cancel.mutate(a.id)}>
                      取消报名
                    </Button>
                  ) : (
                    <Button
                      key="s"
                      size="small"
                      type="primary"
                      disabled={!a.open || a.full}
                      loading={signUp.isPending && signUp.variables === a.id}
                      onClick={() => signUp.mutate(a.id)}
                    >
                      {a.full ? '已满' : a.open ? '报名' : '未开放'}
                    </Button>
                  ),
                ]}
              >
                <List.Item.Meta
                  title={a.title}
                  description={`${beijingTime(a.startsAt)} · ${a.place ?? a.orgName} · ${a.signedUp}/${a.capacity ?? '不限'} 人`}
                />
              </List.Item>
            )}
          />
        ) : (
          <Empty description="暂无可报名的活动" />
        )}
      </Card>
      <Card size="small" title="我的活动" style={{ marginBottom: 12 }}>
        {d?.enrolments.length ? (
          <List
            dataSource={d.enrolments}
            renderItem={(e) => {
              const s = enrolmentState(e);
              return (
                <List.Item>
                  <List.Item.Meta title={e.title} description={beijingTime(e.startsAt)} />
                  <Tag color={s.color}>{s.text}</Tag>
                </List.Item>
              );
            }}
          />
        ) : (
          <Empty description="还没有报名活动" />
        )}
      </Card>
      <Card
        size="small"
        title="志愿服务证明"
        data-testid="certificates"
        extra={
          <Button
            size="small"
            onClick={() => issue.mutate()}
            loading={issue.isPending}
            disabled={!d?.year.hours}
          >
            出具本年度证明
          </Button>
        }
      >
        {d?.certificates.length ? (
          <List
            dataSource={d.certificates}
            renderItem={(c) => (
              <List.Item
                actions={[
                  <Link key="v" to={`/volunteering/certificates/${c.number}`}>
                    查看打印
                  </Link>,
                  <Button
                    key="p"
                    size="small"
                    onClick={() =>
                      saveFile(
                        () =>
                          http.GET('/api/volunteering/certificates/{number}/pdf', {
                            params: { path: { number: c.number } },
                            parseAs: 'stream',
                          }),
                        `志愿服务证明-${c.number}.pdf`,
                      ).catch(onError)
                    }
                  >
                    下载PDF
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={c.number}
                  description={`${c.periodFrom} 至 ${c.periodTo} · ${formatHours(c.hours)} 小时`}
                />
              </List.Item>
            )}
          />
        ) : (
          <Empty description="暂无证明" />
        )}
      </Card>
    </div>
  );
}
