import { Badge, Skeleton, Stack, Tabs } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { Group, Organization, Ticket, User } from '../../api/types';
import { useSession } from '../../app/session';
import { AuditHistory } from './AuditHistory';
import type { FieldChanges } from './Composer';
import { RequesterPanel } from './RequesterPanel';
import { TicketFields } from './TicketFields';

// The workflow panel (tier, SLA, swarm, engineering, empowered actions) loads when its tab opens.
const WorkflowPanel = lazy(() => import('../workflow/TicketWorkflowPanel'));

/** The ticket's side: requester and fields (changes staged until sent), Tier & SLA, history. */
export function TicketSidePanel({
  ticket,
  users,
  groups,
  organization,
  changes,
  onChange,
}: {
  ticket: Ticket;
  users: Map<number, User>;
  groups: Group[];
  organization: Organization | null;
  changes: FieldChanges;
  onChange: React.Dispatch<React.SetStateAction<FieldChanges>>;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const staged = Object.keys(changes).length;
  return (
    <Tabs defaultValue="details" keepMounted={false}>
      <Tabs.List mb="sm">
        <Tabs.Tab value="details">{t('ticket.details')}</Tabs.Tab>
        <Tabs.Tab value="workflow" data-testid="workflow-tab">
          {t('ticket.workflow')}
        </Tabs.Tab>
        <Tabs.Tab value="history">{t('ticket.history')}</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="details">
        <Stack gap="md">
          <RequesterPanel
            ticket={ticket}
            requester={users.get(ticket.requester_id)}
            organization={organization}
          />
          <TicketFields
            ticket={ticket}
            knownGroups={groups}
            changes={changes}
            onChange={onChange}
            disabled={ticket.status === 'closed' || session.user.only_private_comments}
          />
          {staged > 0 && (
            <Badge color="orange" variant="light" style={{ alignSelf: 'flex-start' }}>
              {t('ticket.unsavedChanges', { count: staged })}
            </Badge>
          )}
        </Stack>
      </Tabs.Panel>
      <Tabs.Panel value="workflow">
        <Suspense fallback={<Skeleton h={240} />}>
          <WorkflowPanel ticket={ticket} groups={groups} />
        </Suspense>
      </Tabs.Panel>
      <Tabs.Panel value="history">
        <AuditHistory ticketId={ticket.id} users={users} />
      </Tabs.Panel>
    </Tabs>
  );
}
