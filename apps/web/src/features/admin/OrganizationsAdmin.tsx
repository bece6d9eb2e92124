import { Alert, Anchor, Button, Group, Paper, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useAdminForm } from './admin-form';

/** Add an organization; editing happens on its page. */
export function OrganizationsAdmin() {
  const { t } = useTranslation();
  const form = useAdminForm(['organizations']);
  const [draft, setDraft] = useState({ name: '', domains: '' });
  return (
    <Stack>
      <Paper withBorder p="md">
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            const ok = await form.run(
              () =>
                api.post('/api/v2/organizations', {
                  organization: {
                    name: draft.name,
                    domain_names: draft.domains.split(/[\s,]+/).filter(Boolean),
                  },
                }),
              t('admin.organizations.created'),
            );
            if (ok) setDraft({ name: '', domains: '' });
          }}
        >
          <Title order={2} size="h5" mb="sm">
            {t('admin.organizations.add')}
          </Title>
          {form.errors.base && (
            <Alert color="red" mb="sm">
              {form.errors.base}
            </Alert>
          )}
          <Group align="flex-end">
            <TextInput
              label={t('people.name')}
              required
              value={draft.name}
              error={form.errors.name}
              onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
            />
            <TextInput
              label={t('people.domains')}
              placeholder="acme.com"
              value={draft.domains}
              error={form.errors.domain_names}
              onChange={(e) => setDraft({ ...draft, domains: e.currentTarget.value })}
            />
            <Button type="submit" loading={form.busy}>
              {t('admin.add')}
            </Button>
          </Group>
        </form>
      </Paper>
      <Anchor component={Link} to="/agent/organizations">
        {t('admin.organizations.browse')}
      </Anchor>
    </Stack>
  );
}
