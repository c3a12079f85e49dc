import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import { Card, Col, Flex, Row, Skeleton, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import { figureParts, formatChange, type IndicatorMeta, leads } from './indicators';
import { recordsLink, type Scope, type useIndicators } from './reportApi';

/** One figure, linking to the records behind it. */
export function FigureLink({
  meta,
  value,
  scope,
  big,
}: {
  meta: IndicatorMeta;
  value: number | undefined;
  scope: Scope;
  big?: boolean;
}) {
  const parts = figureParts(value, meta.unit);
  const content = (
    <>
      <span style={{ fontSize: big ? 22 : undefined, fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>
        {parts.number}
      </span>
      <span style={{ fontSize: big ? 12 : undefined, marginLeft: 2 }}>{parts.unit}</span>
    </>
  );
  const testId = `figure-${meta.key}`;
  if (!meta.drillable || value === undefined) {
    return (
      <span data-testid={testId} title={meta.drillable ? undefined : '由其他指标计算得出'}>
        {content}
      </span>
    );
  }
  return (
    <Link to={recordsLink(meta.key, scope)} data-testid={testId} title={`查看「${meta.label}」明细`}>
      {content}
    </Link>
  );
}

function Change({
  meta,
  current,
  previous,
}: {
  meta: IndicatorMeta;
  current: number | undefined;
  previous: number | undefined;
}) {
  const change = formatChange(current, previous, meta.unit);
  if (!change) return null;
  const color = change.direction === 'up' ? '#cf1322' : change.direction === 'down' ? '#389e0d' : '#8c8c8c';
  const icon =
    change.direction === 'up' ? (
      <ArrowUpOutlined />
    ) : change.direction === 'down' ? (
      <ArrowDownOutlined />
    ) : (
      <MinusOutlined />
    );
  return (
    <Typography.Text style={{ color, fontSize: 12, whiteSpace: 'nowrap' }} data-testid={`change-${meta.key}`}>
      {icon} {change.text}
    </Typography.Text>
  );
}

interface Props {
  indicators: ReturnType<typeof useIndicators>;
  scope: Scope;
  previousScope: Scope;
  current: Record<string, number> | undefined;
  previous: Record<string, number> | undefined;
  loading: boolean;
}

/** The five leads, each a card of its figures with the change from the previous period. */
export function LeadCards({ indicators, scope, previousScope, current, previous, loading }: Props) {
  return (
    <Flex wrap gap={16}>
      {leads.map((lead) => {
        const items = indicators.byLead.get(lead.key) ?? [];
        return (
          <div key={lead.key} style={{ flex: '1 1 340px', minWidth: 0 }}>
            <Card
              size="small"
              data-testid={`lead-card-${lead.key}`}
              title={
                <span>
                  <span
                    style={{
                      display: 'inline-block',
                      width: 4,
                      height: 14,
                      background: lead.color,
                      marginRight: 8,
                      verticalAlign: -2,
                    }}
                  />
                  {lead.label}
                </span>
              }
              extra={
                <Tooltip title={`对比上期：${previousScope.from} 至 ${previousScope.to}`}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    较上期
                  </Typography.Text>
                </Tooltip>
              }
              style={{ height: '100%' }}
            >
              {(loading && !current) || indicators.items.length === 0 ? (
                <Skeleton active paragraph={{ rows: 4 }} />
              ) : (
                <Row gutter={[8, 12]}>
                  {items.map((meta) => (
                    <Col key={meta.key} span={12}>
                      <div style={{ minWidth: 0 }}>
                        <Typography.Text
                          type="secondary"
                          style={{ fontSize: 12, display: 'block' }}
                          ellipsis={{ tooltip: meta.label }}
                        >
                          {meta.label}
                        </Typography.Text>
                        <div style={{ lineHeight: 1.3 }}>
                          <FigureLink meta={meta} value={current?.[meta.key]} scope={scope} big />
                        </div>
                        <Change meta={meta} current={current?.[meta.key]} previous={previous?.[meta.key]} />
                      </div>
                    </Col>
                  ))}
                </Row>
              )}
            </Card>
          </div>
        );
      })}
    </Flex>
  );
}
