// Response shapes the app reads. Types only: zod stays on the server, out of the bundle.
export type {
  AuditJson as Audit,
  CommentJson as Comment,
  GroupJson as Group,
  OrganizationJson as Organization,
  PresenceViewer,
  RealtimeServerMessage,
  TicketJson as Ticket,
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
