// Response shapes the app reads. Types only: zod stays on the server, out of the bundle.
export type {
  ActionRequestJson as ActionRequest,
  AgentProfileJson as AgentProfile,
  AuditJson as Audit,
  AutomationJson as Automation,
  BulkResult,
  CommentJson as Comment,
  GroupJson as Group,
  GroupSettingsJson as GroupSettings,
  ImapSourceJson as ImapSource,
  JobStatus,
  MacroJson as MacroRecord,
  MailboxJson as Mailbox,
  NotificationEmailJson as NotificationEmail,
  OrganizationJson as Organization,
  PresenceViewer,
  RealtimeServerMessage,
  RoutingRuleJson as RoutingRule,
  RuleActionJson as RuleAction,
  RuleConditionsJson as RuleConditions,
  ScheduleJson as Schedule,
  SlaPolicyJson as SlaPolicy,
  SuspendedTicketJson as HeldMail,
  SwarmJson as Swarm,
  TicketJson as Ticket,
  TicketWorkflowJson as TicketWorkflow,
  TriggerJson as Trigger,
  UserJson as User,
  ViewCountJson as ViewCount,
  ViewJson as View,
} from '@frontline/contracts';

export type TicketField = {
  id: number;
  type: string;
  title: string;
  description?: string;
  active: boolean;
  required?: boolean;
  custom_field_options?: { id: number; name: string; value: string }[];
};

export type Session = {
  user: import('@frontline/contracts').UserJson;
  csrf_token: string | null;
  group_ids: number[];
};

export type CursorPage = {
  meta: { has_more: boolean; after_cursor: string | null; before_cursor: string | null };
  links: { next: string | null; prev: string | null };
};

export type Level = 'junior' | 'mid' | 'senior';

export type EmpoweredAction = {
  id: number;
  name: string;
  description: string;
  unit: string;
  limits: Partial<Record<Level, number>>;
  webhook_id: number | null;
  active: boolean;
};

export type Holiday = { id: number; name: string; start_date: string; end_date: string };

export type Webhook = {
  id: number;
  name: string;
  endpoint: string;
  http_method: string;
  status: string;
  allow_private_network: boolean;
};
