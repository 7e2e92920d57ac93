// SPDX-License-Identifier: Apache-2.0
// Event: upload participant profiles (or a match-instance/1 file), or open an event kept in the
// server's store; make the 1:1 schedule, see it as a slot × table grid and each person's agenda
// with an ICS download and its deal sheets (from the latest succeeded run); edit the grid by hand
// (event_edit.ts: move, lock, see the rules broken, keep it or re-optimise the rest); cancel
// participants and reschedule (meetings kept where possible).
import { getJson, hasRoute, postJson, postText } from '../api';
import { card, errorBox, h, table } from '../dom';
import { lang, t } from '../i18n';
import { RunInfo } from '../state';
import { ScheduleAnswer, scheduleEditor } from './event_edit';

interface EventAnswer {
  id: string;
  name: string;
  participants: number;
  pairs: number;
  slots: Array<{ id: number; start: string; end: string }>;
  tables_per_slot: number[];
  event?: { date?: string };
  cancelled?: string[];
  scheduled?: boolean;
}
interface Participant {
  id: string;
  side: string;
  country: string;
  org_type: string;
  organisation?: string;
  members?: Array<{ name: string; role?: string }>;
}

// "Name (role), Name": who of a delegation comes to its meetings.
function membersOf(who: Map<string, Participant>, id: string): string {
  return (who.get(id)?.members ?? []).map((m) => (m.role ? `${m.name} (${m.role})` : m.name)).join(', ');
}

// A participant as people read it: "Organisation (id)", or the id when no organisation is given.
function nameOf(who: Map<string, Participant>, id: string): string {
  const org = who.get(id)?.organisation;
  return org ? `${org} (${id})` : id;
}

export async function eventPage(main: HTMLElement): Promise<void> {
  if (!(await hasRoute('POST /api/events'))) {
    main.append(card(t('eventTitle'), h('p', {}, t('unavailable'))));
    return;
  }
  const file = h('input', { type: 'file', accept: '.json,.csv,application/json,text/csv', id: 'event-file' });
  const text = h('textarea', { rows: '6', id: 'event-json', spellcheck: 'false',
    placeholder: 'match-profiles CSV (id,side,...) or JSON ({"format": "match-instance/1", ...})' });
  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    if (f) text.value = await f.text();
  });
  const out = h('div', { id: 'event-out' });
  // Events kept in the server's store (earlier uploads, also of an earlier server process).
  const saved = await getJson<{ events: EventAnswer[] }>('/api/events');
  // Met before: the scheduled ones whose pairs a new event of profiles should not repeat
  // (POST /api/events?met_before=e1,e2, as `match score --met-before-event`).
  const metBefore = h('select', { id: 'event-met-before', multiple: 'multiple', size: '3' },
    ...saved.events.filter((ev) => ev.scheduled)
      .map((ev) => h('option', { value: ev.id }, `${ev.name} (${ev.id})`)));
  const upload = h('button', {
    id: 'event-upload',
    onclick: async () => {
      out.replaceChildren();
      try {
        const chosen = [...metBefore.selectedOptions].map((o) => o.value);
        const path = chosen.length ? `/api/events?met_before=${chosen.join(',')}` : '/api/events';
        // JSON (profiles or an instance) starts with { or [; anything else is profiles CSV,
        // which the server reads and checks itself (errors name the row).
        const raw = text.value.trim();
        const ev = raw.startsWith('{') || raw.startsWith('[')
          ? await postJson<EventAnswer>(path, JSON.parse(raw))
          : await postText<EventAnswer>(path, raw, 'text/csv');
        await showEvent(out, ev);
      } catch (e) {
        out.append(errorBox(e));
      }
    },
  }, t('upload'));
  const history = metBefore.options.length
    ? [h('label', { class: 'field' }, h('span', {}, t('metBefore')), metBefore)] : [];
  main.append(card(t('eventTitle'), h('label', { class: 'field' }, h('span', {}, t('uploadProfiles')), file, text),
    ...history, h('div', { class: 'buttons' }, upload)));
  if (saved.events.length) {
    main.append(card(t('savedEvents'), table([t('eventName'), 'id', t('participants'), t('schedule'), ''],
      saved.events.map((ev) => [ev.name, ev.id, ev.participants, ev.scheduled ? '✓' : t('empty'),
        h('button', {
          class: 'small', id: `open-${ev.id}`,
          onclick: async () => {
            out.replaceChildren();
            try {
              await showEvent(out, await getJson<EventAnswer>(`/api/events/${ev.id}`));
            } catch (e) {
              out.append(errorBox(e));
            }
          },
        }, t('open'))]))));
  }
  main.append(out);
}

// A max-min schedule's guarantee: the level, what is known of the next one, and who is held
// below it by their own data.
function fairnessNote(f: NonNullable<ScheduleAnswer['fairness']>): HTMLElement {
  const next = { 'proven-infeasible': t('levelProven'), 'not-found': t('levelNotFound'), 'beyond-reach': t('levelBeyond') }[f.next_level_status] ?? f.next_level_status;
  const held = f.participants_limited.length
    ? ` · ${t('heldBelow')}: ${f.participants_limited.map((p) => `${p.id} (${p.reach})`).join(', ')}` : '';
  return h('p', { id: 'fairness-note' }, `${t('guaranteed').replace('{k}', String(f.guaranteed_meetings))}; ${next}${held}`);
}

async function showEvent(out: HTMLElement, ev: EventAnswer): Promise<void> {
  const scheduleBox = h('div', {});
  const maxMin = h('input', { type: 'checkbox', id: 'event-max-min' });
  const make = h('button', {
    id: 'event-schedule',
    onclick: async () => {
      scheduleBox.replaceChildren(h('p', {}, t('loading')));
      try {
        const schedule = await postJson<ScheduleAnswer>(`/api/events/${ev.id}/schedule`,
          maxMin.checked ? { max_min: true } : {});
        await showSchedule(scheduleBox, ev, schedule);
      } catch (e) {
        scheduleBox.replaceChildren(errorBox(e));
      }
    },
  }, t('makeSchedule'));
  const cancelled = ev.cancelled?.length ? ` · ${t('cancelled')}: ${ev.cancelled.join(', ')}` : '';
  out.append(card(`${ev.name} (${ev.id})`,
    h('p', {}, `${ev.participants} participants · ${ev.pairs} candidate pairs · ${ev.slots.length} slots${cancelled}`),
    h('label', { class: 'check' }, maxMin, ' ', t('maxMin')),
    h('div', { class: 'buttons' }, make), scheduleBox));
  if (ev.scheduled) {
    await showSchedule(scheduleBox, ev, await getJson<ScheduleAnswer>(`/api/events/${ev.id}/schedule`));
  }
}

async function showSchedule(box: HTMLElement, ev: EventAnswer, schedule: ScheduleAnswer): Promise<void> {
  const instance = await getJson<{ participants: Participant[] }>(`/api/events/${ev.id}/instance`);
  const who = new Map(instance.participants.map((p) => [p.id, p]));
  const people = [...new Set(schedule.meetings.flatMap((m) => [m.k, m.f]))].sort();
  const personSel = h('select', { id: 'agenda-person' }, ...people.map((p) => h('option', { value: p }, nameOf(who, p))));
  const date = h('input', { type: 'date', id: 'agenda-date', value: ev.event?.date || new Date().toISOString().slice(0, 10) });
  const agendaBox = h('div', {});
  const slotOf = new Map(ev.slots.map((s) => [s.id, s]));
  // Deal sheets need a finished run: the latest one that succeeded (the list is newest first).
  let sheetRun: string | undefined;
  if (await hasRoute('GET /api/events/{id}/dealsheets')) {
    try {
      const { runs } = await getJson<{ runs: RunInfo[] }>('/api/runs');
      sheetRun = runs.find((r) => r.state === 'succeeded')?.id;
    } catch {
      sheetRun = undefined;
    }
  }
  const showAgenda = () => {
    const person = personSel.value;
    const mine = schedule.meetings.filter((m) => m.k === person || m.f === person).sort((a, b) => a.slot - b.slot);
    const q = `date=${encodeURIComponent(date.value)}`;
    agendaBox.replaceChildren(
      table([t('slot'), t('tableNo'), t('person'), t('country'), t('orgType'), t('delegation'), t('interpreter')],
        mine.map((m) => {
          const other = m.k === person ? m.f : m.k;
          const s = slotOf.get(m.slot);
          return [s ? `${s.start}–${s.end}` : String(m.slot), m.table + 1, nameOf(who, other), who.get(other)?.country ?? '',
            who.get(other)?.org_type ?? '', membersOf(who, other), m.interpreter ?? ''];
        })),
      h('p', {},
        h('a', { href: `/api/events/${ev.id}/agendas/${person}.ics?${q}`, download: `${person}.ics`, id: 'ics-link' }, t('downloadIcs')),
        ' · ', h('a', { href: `/api/events/${ev.id}/agendas/${person}.csv?${q}` }, `${t('agenda')} CSV`),
        ' · ', h('a', { href: `/api/events/${ev.id}/agendas.csv?${q}` }, `${t('meetings')} CSV`)),
      sheetRun
        ? h('p', {},
          h('a', {
            id: 'dealsheet-link', target: '_blank',
            href: `/api/events/${ev.id}/dealsheets?run=${sheetRun}&format=html&lang=${lang()}&participant=${encodeURIComponent(person)}`,
          }, `${t('dealSheets')} (run ${sheetRun})`),
          ' · ', h('a', {
            id: 'dealsheet-pdf',
            href: `/api/events/${ev.id}/dealsheets?run=${sheetRun}&format=pdf&lang=${lang()}&participant=${encodeURIComponent(person)}`,
          }, 'PDF'),
          ' · ', h('a', {
            href: `/api/events/${ev.id}/dealsheets?run=${sheetRun}&format=html&lang=${lang()}`, target: '_blank',
          }, t('dealSheetsAll')))
        : h('p', { class: 'muted', id: 'dealsheet-none' }, t('dealSheetsNeedRun')),
    );
  };
  personSel.addEventListener('change', showAgenda);
  date.addEventListener('change', showAgenda);
  // Cancellations: the person loses every slot; the rest keeps its meetings where it can
  // (keep bonus per meeting left in its slot, as in the reference rescheduling instance).
  const cancelSel = h('select', { id: 'cancel-person' }, ...people.map((p) => h('option', { value: p }, nameOf(who, p))));
  const keepBonus = h('input', { type: 'number', id: 'keep-bonus', value: '40', min: '0', step: '1' });
  const reschedule = h('button', {
    id: 'event-reschedule',
    onclick: async () => {
      try {
        const next = await postJson<ScheduleAnswer>(`/api/events/${ev.id}/reschedule`,
          { cancelled: [cancelSel.value], keep_bonus: Number(keepBonus.value) });
        const updated = await getJson<EventAnswer>(`/api/events/${ev.id}`);
        await showSchedule(box, updated, next);
      } catch (e) {
        box.append(errorBox(e));
      }
    },
  }, t('reschedule'));
  const cancelledNote = ev.cancelled?.length ? ` · ${t('cancelled')}: ${ev.cancelled.join(', ')}` : '';
  box.replaceChildren(
    h('p', { class: 'ok' }, `${t('meetings')}: ${schedule.meetings.length} · ${t('objective')}: ${schedule.objective}${cancelledNote}`),
    ...(schedule.fairness ? [fairnessNote(schedule.fairness)] : []),
    scheduleEditor(ev, schedule, (id) => nameOf(who, id), async (next) => {
      await showSchedule(box, await getJson<EventAnswer>(`/api/events/${ev.id}`), next);
    }),
    h('div', { class: 'controls' }, h('label', {}, t('cancelParticipant'), cancelSel),
      h('label', {}, t('keepBonus'), keepBonus), h('div', { class: 'buttons' }, reschedule)),
    h('h3', {}, t('agenda')),
    h('div', { class: 'controls' }, h('label', {}, t('person'), personSel), h('label', {}, t('date'), date)),
    agendaBox,
  );
  if (people.length) showAgenda();
}
