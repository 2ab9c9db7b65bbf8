import { useQuery } from '@tanstack/react-query';
import { Form, Input, Radio, Select, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { searchContacts } from '../api/contacts';
import { usePermission } from '../auth/usePermission';

export type ContactMode = 'existing' | 'new';

/**
 * The ticket's customer: one found by part of the name, the whole phone number or its last four digits, or the
 * email — whether they chatted or only called before (`GET /api/contacts`; results stay masked) — or a new one
 * typed in (a caller: name, phone, email). Form names: `contactMode`, `contactId`, `contact.{name,phone,email}`.
 */
export function ContactPicker() {
  const { t } = useTranslation();
  const mode = Form.useWatch<ContactMode | undefined>('contactMode');
  const canSearch = usePermission('contacts.read');
  const [term, setTerm] = useState('');
  const found = useQuery({
    queryKey: ['contacts', 'search', term],
    queryFn: async ({ signal }) => (await searchContacts(term, signal)).items,
    enabled: canSearch && term.length > 0,
    staleTime: 30_000,
  });

  return (
    <>
      <Form.Item name="contactMode" label={t('tickets.contact.label')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'existing', label: t('tickets.contact.existing'), disabled: !canSearch },
            { value: 'new', label: t('tickets.contact.new') },
          ]}
        />
      </Form.Item>
      {mode === 'existing' ? (
        <Form.Item
          name="contactId"
          label={t('tickets.contact.search')}
          rules={[{ required: true, message: t('tickets.contact.required') }]}
        >
          <Select
            showSearch
            filterOption={false}
            onSearch={(value) => setTerm(value.trim())}
            notFoundContent={found.isFetching ? <Spin size="small" /> : t('tickets.contact.noMatch')}
            placeholder={t('tickets.contact.searchPlaceholder')}
            options={found.data?.map((contact) => ({
              value: contact.id,
              label: [contact.name, contact.phone, contact.email].filter(Boolean).join(' · '),
            }))}
            data-testid="contact-search"
          />
        </Form.Item>
      ) : (
        <>
          <Form.Item
            name={['contact', 'name']}
            label={t('tickets.contact.name')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input maxLength={100} autoComplete="off" />
          </Form.Item>
          <Form.Item name={['contact', 'phone']} label={t('tickets.contact.phone')}>
            <Input type="tel" maxLength={30} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name={['contact', 'email']}
            label={t('tickets.contact.email')}
            rules={[{ type: 'email', message: t('validation.email') }]}
          >
            <Input maxLength={254} autoComplete="off" />
          </Form.Item>
        </>
      )}
    </>
  );
}
