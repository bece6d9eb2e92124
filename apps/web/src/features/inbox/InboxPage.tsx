import { Button, Center, Checkbox, Group, Loader, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useFormat } from '../../i18n/format';
import { ChannelIcon, PriorityBadge, StatusBadge } from '../../ui/badges';
import { EmptyState, PageError } from '../../ui/states';
import { prefetchTicket } from '../tickets/tickets-api';
import { BulkBar } from './BulkBar';
import { useViewCounts, useViews, useViewTickets, useViewTitle } from './views-api';

const SORTS = ['-updated_at', 'updated_at', '-created_at', '-priority', 'status'] as const;
const STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const;
const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;

export function InboxPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const { viewId } = useParams();
  const views = useViews();
  const view = viewId ? views.data?.find((v) => v.id === Number(viewId)) : views.data?.[0];
  const counts = useViewCounts(view ? [view.id] : []);
  const title = useViewTitle();
  const [sort, setSort] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [priority, setPriority] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [cursor, setCursor] = useState(0);
  const tableRef = useRef<HTMLTableSectionElement>(null);
  const movedByKey = useRef(false);
  const moveCursor = (to: (cursor: number) => number) => {
    movedByKey.current = true;
    setCursor(to);
  };
  const queryClient = useQueryClient();
  /** Loads a ticket before it is opened (hover, pointer down, keyboard cursor), so it opens at once. */
  const prefetch = (id: number) => prefetchTicket(queryClient, id);

  const params = new URLSearchParams({ 'page[size]': '50', include: 'users,groups' });
  if (sort) params.set('sort', sort);
  if (status) params.set('filter[status]', status);
  if (priority) params.set('filter[priority]', priority);

  const list = useViewTickets(view?.id, params);

  const tickets = useMemo(() => list.data?.pages.flatMap((p) => p.tickets) ?? [], [list.data]);
  const users = useMemo(
    () => new Map(list.data?.pages.flatMap((p) => p.users ?? []).map((u) => [u.id, u]) ?? []),
    [list.data],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new view, filter or sort starts a fresh selection
  useEffect(() => {
    setSelected(new Set());
    setCursor(0);
  }, [view?.id, status, priority, sort]);
  useEffect(() => {
    if (view) document.title = `${title(view)} · Frontline`;
  }, [view, title]);
  const cursorId = tickets[cursor]?.id;
  useEffect(() => {
    tableRef.current
      ?.querySelector<HTMLElement>(`[data-row="${cursor}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);
  // The ticket under a resting keyboard cursor loads, so Enter opens it at once.
  useEffect(() => {
    if (cursorId === undefined || !movedByKey.current) return;
    const timer = window.setTimeout(() => prefetchTicket(queryClient, cursorId), 150);
    return () => window.clearTimeout(timer);
  }, [cursorId, queryClient]);

  const toggle = (id: number) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  useHotkeys([
    ['j', () => moveCursor((c) => Math.min(c + 1, Math.max(tickets.length - 1, 0)))],
    ['k', () => moveCursor((c) => Math.max(c - 1, 0))],
    ['x', () => tickets[cursor] && toggle(tickets[cursor].id)],
    ['Enter', () => tickets[cursor] && navigate(`/agent/tickets/${tickets[cursor].id}`)],
    ['o', () => tickets[cursor] && navigate(`/agent/tickets/${tickets[cursor].id}`)],
  ]);

  if (views.error) return <PageError error={views.error} onRetry={() => views.refetch()} />;
  if (views.isPending)
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  if (!view) return <EmptyState title={t('inbox.noViews')} hint={t('inbox.noViewsHint')} />;

  const count = counts.data?.get(view.id);
  const allSelected = tickets.length > 0 && tickets.every((x) => selected.has(x.id));
  const filtered = status !== null || priority !== null;

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1} size="h3">
            {title(view)}
          </Title>
          <Text size="sm" c="dimmed" data-testid="view-count">
            {count
              ? t('inbox.ticketCount', {
                  count: count.value ?? 0,
                  formatted: format.number(count.value ?? 0),
                })
              : ' '}
          </Text>
        </div>
        <Group gap="xs" wrap="wrap">
          <Select
            allowDeselect={false}
            size="xs"
            w={150}
            label={t('inbox.filterStatus')}
            placeholder={t('inbox.any')}
            clearable
            value={status}
            onChange={setStatus}
            data={STATUSES.map((s) => ({ value: s, label: t(`ticket.status.${s}`) }))}
          />
          <Select
            allowDeselect={false}
            size="xs"
            w={150}
            label={t('inbox.filterPriority')}
            placeholder={t('inbox.any')}
            clearable
            value={priority}
            onChange={setPriority}
            data={PRIORITIES.map((p) => ({ value: p, label: t(`ticket.priority.${p}`) }))}
          />
          <Select
            size="xs"
            w={190}
            label={t('inbox.sort')}
            value={sort ?? `${view.execution.sort_order === 'desc' ? '-' : ''}${view.execution.sort_by}`}
            onChange={setSort}
            allowDeselect={false}
            data={SORTS.map((s) => ({ value: s, label: t(`inbox.sorts.${s}`) }))}
          />
        </Group>
      </Group>

      {selected.size > 0 && (
        <BulkBar tickets={tickets.filter((x) => selected.has(x.id))} onDone={() => setSelected(new Set())} />
      )}

      {list.error && <PageError error={list.error} onRetry={() => list.refetch()} />}

      {!list.isPending && tickets.length === 0 && !list.error ? (
        <EmptyState
          title={
            filtered
              ? t('inbox.emptyFiltered')
              : view.builtin === 'my_open'
                ? t('inbox.emptyMine')
                : t('inbox.empty')
          }
          hint={
            filtered
              ? t('inbox.emptyFilteredHint')
              : view.builtin === 'my_open'
                ? t('inbox.emptyMineHint')
                : t('inbox.emptyHint')
          }
          action={
            filtered ? (
              <Button
                variant="light"
                onClick={() => {
                  setStatus(null);
                  setPriority(null);
                }}
              >
                {t('inbox.clearFilters')}
              </Button>
            ) : undefined
          }
        />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table highlightOnHover className="fl-table" aria-label={title(view)} aria-busy={list.isFetching}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={36}>
                  <Checkbox
                    aria-label={t('inbox.selectAll')}
                    checked={allSelected}
                    indeterminate={selected.size > 0 && !allSelected}
                    onChange={() => setSelected(allSelected ? new Set() : new Set(tickets.map((x) => x.id)))}
                  />
                </Table.Th>
                <Table.Th w={90}>{t('inbox.columns.status')}</Table.Th>
                <Table.Th>{t('inbox.columns.subject')}</Table.Th>
                <Table.Th>{t('inbox.columns.requester')}</Table.Th>
                <Table.Th w={100}>{t('inbox.columns.priority')}</Table.Th>
                <Table.Th>{t('inbox.columns.assignee')}</Table.Th>
                <Table.Th w={140}>{t('inbox.columns.updated')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody ref={tableRef}>
              {list.isPending &&
                Array.from({ length: 8 }, (_, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: fixed loading placeholders
                  <Table.Tr key={`s${i}`}>
                    <Table.Td colSpan={7}>
                      <Text c="dimmed" size="sm">
                        {i === 0 ? t('common.loading') : ' '}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              {tickets.map((ticket, index) => (
                <Table.Tr
                  key={ticket.id}
                  data-row={index}
                  data-ticket-id={ticket.id}
                  className={index === cursor ? 'fl-row-active' : undefined}
                  aria-selected={index === cursor}
                  onClick={() => navigate(`/agent/tickets/${ticket.id}`)}
                  onMouseEnter={() => prefetch(ticket.id)}
                  onPointerDown={() => prefetch(ticket.id)}
                >
                  <Table.Td onClick={(e) => e.stopPropagation()}>
                    <Checkbox
                      aria-label={t('inbox.selectTicket', { id: ticket.id })}
                      checked={selected.has(ticket.id)}
                      onChange={() => toggle(ticket.id)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={ticket.status} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <ChannelIcon channel={ticket.via.channel} />
                      <Text
                        component="a"
                        href={`/agent/tickets/${ticket.id}`}
                        onClick={(e: React.MouseEvent) => {
                          e.preventDefault();
                          navigate(`/agent/tickets/${ticket.id}`);
                        }}
                        size="sm"
                        fw={ticket.status === 'new' ? 700 : 500}
                        c="inherit"
                        td="none"
                        lineClamp={1}
                      >
                        {ticket.subject || t('ticket.noSubject')}
                      </Text>
                      <Text size="xs" c="dimmed">
                        #{ticket.id}
                      </Text>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={1}>
                      {users.get(ticket.requester_id)?.name ?? `#${ticket.requester_id}`}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <PriorityBadge priority={ticket.priority} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={ticket.assignee_id ? undefined : 'dimmed'} lineClamp={1}>
                      {ticket.assignee_id
                        ? (users.get(ticket.assignee_id)?.name ?? `#${ticket.assignee_id}`)
                        : t('ticket.unassigned')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" title={format.dateTime(ticket.updated_at)}>
                      {format.relative(ticket.updated_at)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.hasNextPage && (
        <Center>
          <Button variant="light" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t('inbox.loadMore')}
          </Button>
        </Center>
      )}
      <Text size="xs" c="dimmed" ta="center">
        {t('inbox.keyboardHint')}
      </Text>
    </Stack>
  );
}
