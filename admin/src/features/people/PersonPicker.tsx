import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps } from 'antd';
import { useState } from 'react';
import { http, ok, type RequestBody } from '../../api/http';

type PoliticalStatus = NonNullable<RequestBody<'/api/people/search'>['politicalStatus']>;

interface Props extends Omit<SelectProps<number | number[]>, 'options' | 'onSearch'> {
  org?: string;
  politicalStatus?: PoliticalStatus;
}

/**
 * Picks people of the caller's reach by name, phone, identity number or 志愿者编号, showing the masked number
 * only; the value is the person's id. The search goes in a POST body (the people search), so a number typed
 * here never lands in a URL or a log (issue 12). Shared by admission, volunteering, schools, cadres and aid
 * (issue 17, item 12: no form asks for 18 digits to name someone already on file).
 */
export function PersonPicker({ org, politicalStatus, ...rest }: Props) {
  const [q, setQ] = useState('');
  const people = useQuery({
    queryKey: ['people', 'picker', org, politicalStatus, q],
    queryFn: ({ signal }) =>
      ok(
        http.POST('/api/people/search', {
          body: { org, politicalStatus, q: q.trim() || undefined, pageSize: 30 },
          signal,
        }),
      ),
  });
  return (
    <Select<number | number[]>
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder="输入姓名、证件号码或志愿者编号搜索"
      loading={people.isFetching}
      options={(people.data?.items ?? []).map((p) => ({
        value: p.id,
        label: `${p.name}（${p.idNumberMasked}${p.org ? `，${p.org.name}` : ''}）`,
      }))}
      {...rest}
    />
  );
}
