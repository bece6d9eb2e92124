import { expect } from 'vitest';
import { api, createGroup, createOrganization, createUser, type TestApp, type TestUser } from '../harness.js';

/**
 * A help desk with something to hide. `customer` is the caller under test: an end-user
 * of Acme who may see Acme's tickets (`ticket_restriction: 'organization'`). `other` is
 * a Globex customer whose `secret` ticket carries public replies, an internal note, a
 * file on a public reply and a file on the note; every piece of it holds a marker word
 * that must never reach someone who may not see it.
 */
export type World = Awaited<ReturnType<typeof buildWorld>>;

export async function buildWorld(t: TestApp) {
  const run = Math.random().toString(36).slice(2, 8);
  const marker = (what: string) => `${what}${run}`;
  const markers = {
    subject: marker('zanzibar'),
    reply: marker('quokka'),
    note: marker('narwhal'),
    publicFile: `${marker('invoice')}.txt`,
    noteFile: `${marker('payroll')}.txt`,
    tag: marker('secrettag'),
    externalId: marker('ext'),
    orgNote: marker('orgnote'),
    userNote: marker('usernote'),
  };

  const support = await createGroup(t, `Support ${run}`, 1);
  const billing = await createGroup(t, `Billing ${run}`, 2);
  const acme = await createOrganization(t, `Acme ${run}`);
  const globex = await createOrganization(t, `Globex ${run}`);
  const initech = await createOrganization(t, `Initech ${run}`);
  // Agents' notes on every organization: for agents' eyes only, even the member's own.
  await t.database.db
    .updateTable('organizations')
    .set({ notes: `Credit hold ${markers.orgNote}`, details: `Account manager ${markers.orgNote}` })
    .where('id', 'in', [acme.id, globex.id, initech.id])
    .execute();

  const password = 'correct horse battery staple';
  const admin = await createUser(t, { role: 'admin', password });
  const agent = await createUser(t, { role: 'agent', groupIds: [support.id, billing.id], password });
  const groupAgent = await createUser(t, {
    role: 'agent',
    groupIds: [support.id],
    ticketRestriction: 'groups',
  });
  const assignedAgent = await createUser(t, { role: 'agent', ticketRestriction: 'assigned' });
  const lightAgent = await createUser(t, { role: 'agent', lightAgent: true, groupIds: [support.id] });
  const customer = await createUser(t, {
    role: 'end-user',
    organizationId: acme.id,
    ticketRestriction: 'organization',
    password,
  });
  const acmePeer = await createUser(t, { role: 'end-user', organizationId: acme.id });
  const acmePlain = await createUser(t, { role: 'end-user', organizationId: acme.id });
  const other = await createUser(t, { role: 'end-user', organizationId: globex.id, password });
  const partner = await createUser(t, { role: 'end-user', organizationId: initech.id });
  const bystander = await createUser(t, { role: 'end-user' });
  await t.database.db
    .updateTable('users')
    .set({ notes: `Shouts at agents ${markers.userNote}`, details: `VIP ${markers.userNote}` })
    .where('id', 'in', [customer.user.id, acmePeer.user.id, other.user.id, partner.user.id])
    .execute();

  const ticket = async (who: TestUser, fields: Record<string, unknown>) => {
    const res = await api(t, who, 'POST', '/api/v2/tickets', { ticket: fields });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.ticket as { id: number; subject: string };
  };
  const update = async (who: TestUser, id: number, fields: Record<string, unknown>) => {
    const res = await api(t, who, 'PUT', `/api/v2/tickets/${id}`, { ticket: fields });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const upload = async (who: TestUser, name: string, text: string) => {
    const res = await fetch(`${t.url}/api/v2/uploads?filename=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { authorization: who.authorization, 'content-type': 'application/binary' },
      body: text,
    });
    const body = (await res.json()) as { upload: { token: string; attachment: { id: number } } };
    expect(res.status).toBe(201);
    return { token: body.upload.token, attachmentId: body.upload.attachment.id };
  };

  // The secret: Globex's ticket, in the Billing group, assigned to a full agent.
  const secret = await ticket(admin, {
    subject: `Refund for ${markers.subject}`,
    comment: { body: `My card ending 4242 was charged twice (${markers.subject})` },
    requester_id: other.user.id,
    organization_id: globex.id,
    group_id: billing.id,
    assignee_id: agent.user.id,
    tags: [markers.tag],
    external_id: markers.externalId,
  });
  const publicFile = await upload(other, markers.publicFile, `statement ${markers.reply}`);
  await update(other, secret.id, {
    comment: { body: `Statement attached, ${markers.reply}`, uploads: [publicFile.token] },
  });
  const noteFile = await upload(agent, markers.noteFile, `salary list ${markers.note}`);
  await update(agent, secret.id, {
    comment: { body: `Internal: fraud check ${markers.note}`, public: false, uploads: [noteFile.token] },
  });
  await update(agent, secret.id, { comment: { body: `We are on it (${markers.reply})` } });
  const unusedUpload = await upload(other, `draft-${markers.publicFile}`, `draft ${markers.reply}`);

  // Tickets the customer may see: their own, their organization's, and one they are copied on.
  const own = await ticket(customer, { subject: 'My own question', comment: { body: 'How do I export?' } });
  const orgShared = await ticket(admin, {
    subject: 'Acme office printer',
    comment: { body: 'The printer at Acme is jammed' },
    requester_id: acmePeer.user.id,
    organization_id: acme.id,
  });
  const ccd = await ticket(admin, {
    subject: 'Initech invited Acme',
    comment: { body: 'Copying our partner' },
    requester_id: partner.user.id,
    organization_id: initech.id,
    collaborator_ids: [customer.user.id],
  });
  await update(agent, ccd.id, { comment: { body: `Partner-only note ${markers.note}`, public: false } });

  // Tickets the restricted agents may see.
  const supportTicket = await ticket(admin, {
    subject: 'Support queue ticket',
    comment: { body: 'In the support group' },
    requester_id: bystander.user.id,
    group_id: support.id,
  });
  const assignedTicket = await ticket(admin, {
    subject: 'Assigned to the restricted agent',
    comment: { body: 'Yours' },
    requester_id: bystander.user.id,
    assignee_id: assignedAgent.user.id,
  });

  // A job status the admin started (a merge), and a view and a macro every agent may use.
  const mergeTarget = await ticket(admin, {
    subject: `Merge target ${markers.subject}`,
    comment: { body: 'target' },
    requester_id: other.user.id,
    group_id: billing.id,
  });
  const mergeSource = await ticket(admin, {
    subject: 'Merge source',
    comment: { body: 'source' },
    requester_id: other.user.id,
    group_id: billing.id,
  });
  const merged = await api(t, admin, 'POST', `/api/v2/tickets/${mergeTarget.id}/merge`, {
    ids: [mergeSource.id],
  });
  expect(merged.status, JSON.stringify(merged.body)).toBe(200);
  const view = await api(t, admin, 'POST', '/api/v2/views', {
    view: { title: `Everything ${run}`, all: [{ field: 'status', operator: 'less_than', value: 'closed' }] },
  });
  expect(view.status, JSON.stringify(view.body)).toBe(201);
  const macro = await api(t, admin, 'POST', '/api/v2/macros', {
    macro: { title: `Reply ${run}`, actions: [{ field: 'status', value: 'pending' }] },
  });
  expect(macro.status, JSON.stringify(macro.body)).toBe(201);

  return {
    run,
    markers,
    password,
    groups: { support, billing },
    organizations: { acme, globex, initech },
    users: {
      admin,
      agent,
      groupAgent,
      assignedAgent,
      lightAgent,
      customer,
      acmePeer,
      acmePlain,
      other,
      partner,
      bystander,
    },
    tickets: { secret, own, orgShared, ccd, supportTicket, assignedTicket, mergeTarget },
    attachments: { publicFile, noteFile, unusedUpload },
    jobStatusId: merged.body.job_status.id as string,
    viewId: view.body.view.id as number,
    macroId: macro.body.macro.id as number,
  };
}

/** Every marker of the secret ticket's content (not who asked: agents may see users). */
export function contentMarkers(world: World) {
  const { subject, reply, note, publicFile, noteFile } = world.markers;
  return [subject, reply, note, publicFile, noteFile];
}

/** The markers an end-user must never see anywhere: content, tags, the other customer. */
export function endUserMarkers(world: World) {
  return [
    ...contentMarkers(world),
    world.markers.tag,
    world.markers.externalId,
    world.users.other.user.email!,
    world.organizations.globex.name,
    world.markers.orgNote,
    world.markers.userNote,
  ];
}

/** The markers that occur in `text`, ignoring case. */
export function leakedMarkers(text: string, markers: string[]) {
  const lower = text.toLowerCase();
  return markers.filter((m) => lower.includes(m.toLowerCase()));
}
