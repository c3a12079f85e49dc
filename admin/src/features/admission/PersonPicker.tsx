import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';

interface PersonItem {
  id: number;
  name: string;
  idNumberMasked: string;
  org: { name: string } | null;
}

interface Props extends Omit<SelectProps<number | number[]>, 'options' | 'onSearch'> {
  org?: string;
  politicalStatus?: string;
}

/** Picks people of the caller's subtree by name, phone or identity number (the people search). */
export function PersonPicker({ org, politicalStatus, ...rest }: Props) {
  const [q, setQ] = useState('');
  const people = useQuery({
    queryKey: ['people', 'picker', org, politicalStatus, q],
    queryFn: ({ signal }) =>
      api.get<{ items: PersonItem[] }>('/people', { org, politicalStatus, q, pageSize: 30 }, signal),
  });
  return (
    <Select<number | number[]>
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder="输入姓名或身份证号搜索"
      loading={people.isFetching}
      options={(people.data?.items ?? []).map((p) => ({
        value: p.id,
        label: `${p.name}（${p.idNumberMasked}${p.org ? `，${p.org.name}` : ''}）`,
      }))}
      {...rest}
    />
  );
}
