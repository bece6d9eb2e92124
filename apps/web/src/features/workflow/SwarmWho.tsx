import { MultiSelect, TagsInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { useAgents, useGroups } from '../inbox/people-api';
import { useAgentProfiles } from '../routing/routing-api';

/** Colleagues to call into a swarm, by user ID, skill and group ID. */
export type Who = { users: string[]; skills: string[]; groups: string[] };

/** Who to call in: colleagues by name, a skill, or whole groups. */
export function WhoFields({
  value,
  onChange,
  error,
}: {
  value: Who;
  onChange(v: Who): void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const agents = useAgents();
  const groups = useGroups();
  const profiles = useAgentProfiles();
  const skills = [...new Set((profiles.data ?? []).flatMap((p) => p.skills))];
  return (
    <>
      <MultiSelect
        size="xs"
        label={t('workflow.swarm.people')}
        searchable
        data={(agents.data ?? [])
          .filter((a) => a.id !== session.user.id)
          .map((a) => ({ value: String(a.id), label: a.name }))}
        value={value.users}
        onChange={(users) => onChange({ ...value, users })}
        error={error}
        nothingFoundMessage={t('common.noMatches')}
        data-testid="swarm-people"
      />
      <TagsInput
        size="xs"
        label={t('workflow.swarm.skills')}
        data={skills}
        value={value.skills}
        onChange={(s) => onChange({ ...value, skills: s.map((x) => x.toLowerCase()) })}
      />
      <MultiSelect
        size="xs"
        label={t('workflow.swarm.groups')}
        data={(groups.data ?? []).map((g) => ({ value: String(g.id), label: g.name }))}
        value={value.groups}
        onChange={(g) => onChange({ ...value, groups: g })}
      />
    </>
  );
}

export const whoBody = (who: Who) => ({
  ...(who.users.length ? { user_ids: who.users.map(Number) } : {}),
  ...(who.skills.length ? { skills: who.skills } : {}),
  ...(who.groups.length ? { group_ids: who.groups.map(Number) } : {}),
});
export const nobody: Who = { users: [], skills: [], groups: [] };
