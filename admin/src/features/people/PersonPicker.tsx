import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps } from 'antd';
import { useState } from 'react';
import { http, ok, type RequestBody } from '../../api/http';
import { useAuth } from '../../app/auth';

type PoliticalStatus = NonNullable<RequestBody<'/api/people/search'>['politicalStatus']>;

/** The picked person: his id, or for a lookup-only caller the reference his lookup gave (see personNamed). */
export type PickedPerson = number | string;

interface Found {
  value: PickedPerson;
  name: string;
  idNumberMasked: string;
  org: { name: string } | null;
}

interface Props extends Omit<SelectProps<PickedPerson | PickedPerson[]>, 'options' | 'onSearch'> {
  org?: string;
  politicalStatus?: PoliticalStatus;
}

/**
 * Picks people of the caller's reach by name, phone, identity number or 志愿者编号, showing the masked number
 * only; the value is the person's id. The search goes in a POST body (the people search), so a number typed
 * here never lands in a URL or a log (issue 12). Shared by admission, volunteering, schools, cadres and aid
 * (issue 17, item 12: no form asks for 18 digits to name someone already on file).
 *
 * A role that reads no roll (school staff, the aid officer: person.lookup) finds one person by his full name or
 * 证件号码 instead, as on his 签到表 or 申请表, and is offered nothing before he types (issue 17, item 8). His
 * value is then the lookup's signed reference, not the id: the server takes no raw id from him, or a walk of
 * ids through 考勤 or 资助 would read the roll back. Forms send the value through personNamed.
 */
export function personNamed(value: PickedPerson): { personId: number } | { personRef: string } {
  return typeof value === 'string' ? { personRef: value } : { personId: value };
}

export function PersonPicker({ org, politicalStatus, ...rest }: Props) {
  const { can } = useAuth();
  const named = !can('person.read') && !can('volunteer.people') && can('person.lookup');
  const [q, setQ] = useState('');
  const term = q.trim();
  const people = useQuery({
    queryKey: ['people', 'picker', named, org, politicalStatus, term],
    enabled: !named || term.length > 0,
    // Both answers come to one shape: what the option's value is (id, or the lookup's reference) and its label.
    queryFn: async ({ signal }): Promise<{ items: Found[]; total: number }> => {
      if (named) {
        const r = await ok(http.POST('/api/people/lookup', { body: { q: term }, signal }));
        return { items: r.items.map((p) => ({ ...p, value: p.ref })), total: r.total };
      }
      const r = await ok(
        http.POST('/api/people/search', {
          body: { org, politicalStatus, q: term || undefined, pageSize: 30 },
          signal,
        }),
      );
      return { items: r.items.map((p) => ({ ...p, value: p.id })), total: r.total };
    },
  });
  const found = people.data?.total ?? 0;
  const shown = people.data?.items.length ?? 0;
  return (
    <Select<PickedPerson | PickedPerson[]>
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={named ? '输入完整姓名或证件号码查找' : '输入姓名、证件号码或志愿者编号搜索'}
      loading={people.isFetching}
      notFoundContent={
        !named
          ? undefined
          : !term
            ? '请输入完整姓名或证件号码'
            : people.isFetching
              ? '查找中…'
              : '没有找到：请输入完整姓名或完整证件号码'
      }
      options={(people.data?.items ?? []).map((p) => ({
        value: p.value,
        label: `${p.name}（${p.idNumberMasked}${p.org ? `，${p.org.name}` : ''}）`,
      }))}
      {...(named && found > shown
        ? {
            popupRender: (menu) => (
              <>
                {menu}
                <div style={{ padding: '4px 12px', color: '#888' }}>
                  同名 {found} 人，仅列出 {shown} 人：请输入证件号码
                </div>
              </>
            ),
          }
        : {})}
      {...rest}
    />
  );
}
